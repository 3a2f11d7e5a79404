/**
 * Runaway commands: Ctrl-C ends programs whose loops never wait (sed's `:a;ba`, awk's
 * `while(1)`, `yes | wc -l`) with status 130, and pipes hold a bounded number of characters
 * however much flows through them (back-pressure, as a real pipe's 64 KiB buffer).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/shell/index';
import { MAX_READ_ALL, Pipe, PIPE_CAPACITY } from '../../src/shell/exec/streams';
import { TimeSlice } from '../../src/shell/exec/time-slice';
import { MAX_FILE_WRITE } from '../../src/shell/exec/redirect';
import { freshWorld, runScript, fakeTty } from './differential/harness';

/** The largest chunk a program writes at once (yes: 4 KiB); a pipe may hold one beyond its capacity. */
const BOUND = PIPE_CAPACITY + 8 * 1024;

describe('pipe back-pressure', () => {
  it('hands the writer a promise once more than the capacity waits, released by a read', async () => {
    const pipe = new Pipe(10);
    pipe.write('12345');
    expect(pipe.drain()).toBeUndefined();
    pipe.write('678901');
    const full = pipe.drain();
    expect(full).toBeInstanceOf(Promise);
    let released = false;
    void full!.then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    expect(pipe.buffered).toBe(11);
    expect(await pipe.read()).toBe('12345678901');
    await full;
    expect(released).toBe(true);
    expect(pipe.buffered).toBe(0);
  });

  it('releases a waiting writer when the reader goes away (the next write is a broken pipe) or on Ctrl-C', async () => {
    const gone = new Pipe(1);
    gone.write('ab');
    const waiting = gone.drain()!;
    gone.closeReader();
    await waiting;
    expect(() => gone.write('c')).toThrow('Broken pipe');
    expect(gone.drain()).toBeUndefined();

    const controller = new AbortController();
    const interrupted = new Pipe(1, controller.signal);
    interrupted.write('ab');
    const blocked = interrupted.drain()!;
    controller.abort();
    await blocked;
    expect(interrupted.drain()).toBeUndefined();
  });

  describe('through the shell', () => {
    beforeEach(() => Pipe.resetPeak());
    afterEach(() => Pipe.resetPeak());

    it('counts two million lines of yes through head without holding them', async () => {
      const r = await runScript('yes | head -n 2000000 | wc -l\necho "${PIPESTATUS[@]}"\n');
      expect(r.stdout).toBe('2000000\n141 0 0\n');
      expect(Pipe.peakBuffered).toBeGreaterThan(0);
      expect(Pipe.peakBuffered).toBeLessThanOrEqual(BOUND);
    });

    it('streams through cat, tr and tee, and head -c counts bytes', async () => {
      const r = await runScript('yes abc | cat | tr a-z A-Z | tee /dev/null | head -c 1000000 | wc -c\nyes é | head -c 5 | wc -c\n');
      expect(r.stdout).toBe('1000000\n5\n');
      expect(Pipe.peakBuffered).toBeLessThanOrEqual(BOUND);
    });

    it('runs a program that reads an endless pipe whole out of memory, instead of the page', async () => {
      const r = await runScript('yes | sort | head -1\necho "${PIPESTATUS[@]}"\nseq 3 | sort -r | head -1\nx=$(yes); echo "$? ${#x}"\n');
      expect(r.stdout).toBe(`141 1 0\n3\n1 ${MAX_READ_ALL - 1}\n`);
      expect(r.stderr).toBe('sort: Cannot allocate memory\nyes: Cannot allocate memory\n');
    });

    it('fills the simulated disk, not the page, when an endless stream goes into a file', async () => {
      const r = await runScript('cat /dev/zero > /tmp/z; echo $?\nstat -c %s /tmp/z\nrm /tmp/z\necho hi > /tmp/h; cat /tmp/h\n');
      expect(r.stdout).toBe(`1\n${MAX_FILE_WRITE}\nhi\n`);
      expect(r.stderr).toBe('cat: No space left on device\n');
    });

    it('cuts and numbers an endless input as it arrives', async () => {
      const r = await runScript('yes | cut -c1 | head -n 2\nyes | nl | head -n 2\nyes | cut -c1 | head -n 5 | uniq -c\n');
      expect(r.stdout).toBe('y\ny\n     1\ty\n     2\ty\n      5 y\n');
      // nl's output of a pipe's worth of `y` lines is several times as long: still a bounded block.
      expect(Pipe.peakBuffered).toBeLessThanOrEqual(8 * PIPE_CAPACITY);
    });

    it('runs a bash loop that echoes into a pipe at the reader\'s pace', async () => {
      const r = await runScript('while :; do echo yyyyyyyyyyyyyyy; done | head -n 30000 | wc -l\nfor ((;;)); do echo z; done | head -n 2\n');
      expect(r.stdout).toBe('30000\nz\nz\n');
      expect(Pipe.peakBuffered).toBeLessThanOrEqual(BOUND);
    });

    it('reads /dev/zero without end, a pipe of it at a time', async () => {
      const r = await runScript('cat /dev/zero | head -c 5000000 | wc -c\nhead -c 10 /dev/zero | wc -c\nhead -c 5 < /dev/zero | tr "\\0" z; echo\nln -s /dev/zero /tmp/z; head -c 7 /tmp/z | wc -c\ncat /dev/null | wc -c\n');
      expect(r.stdout).toBe('5000000\n10\nzzzzz\n7\n0\n');
      expect(Pipe.peakBuffered).toBeLessThanOrEqual(BOUND + 64 * 1024);
    });

    it('passes jq outputs on as they come, so a reader that stops ends an endless filter', async () => {
      const r = await runScript("jq -n 'repeat(1)' | head -3\njq -n 'range(1e9)' | head -2\njq -nc 'repeat(\"ab\")' | head -c 100000 | wc -c\n");
      expect(r.stdout).toBe('1\n1\n1\n0\n1\n100000\n');
      expect(Pipe.peakBuffered).toBeLessThanOrEqual(BOUND + 64 * 1024);
    });

    it('counts words and the longest line across chunk boundaries like one text', async () => {
      const r = await runScript('yes "ab cd" | head -n 100000 | wc\nyes "ab cd" | head -n 100000 | wc -L\nprintf "a b\\nc" | wc\n');
      expect(r.stdout).toBe(' 100000  200000  600000\n5\n      1       3       5\n');
    });

    it('keeps head\'s line and header layout on standard input', async () => {
      const r = await runScript('printf "1\\n2\\n3" | head -n 5\necho\nseq 3 | head -v -n 2\nprintf "a\\0b\\0" | head -z -n 1 | tr "\\0" "\\n"\n');
      expect(r.stdout).toBe('1\n2\n3\n==> standard input <==\n1\n2\na\n');
    });
  });
});

describe('Ctrl-C ends runaway programs with 130', () => {
  const cases = [
    ['sed branching forever', "sed ':a;ba' /etc/hosts"],
    ['sed printing forever', "sed -n ':a;p;ba' /etc/hosts"],
    ['awk while(1) in BEGIN', "awk 'BEGIN{while(1);}'"],
    ['awk for(;;) printing, in a main rule', "echo x | awk '{for(;;) print}' | cat > /dev/null"],
    ['awk looping in a function called as a statement', "awk 'function spin(){ while(1) n++ } BEGIN{ spin() }'"],
    ['yes into wc', 'yes | wc -l'],
    ['cat /dev/zero', 'cat /dev/zero > /dev/null'],
    ['cat /dev/zero on the screen', 'cat /dev/zero'],
    ['uniq counting an endless group', 'yes | uniq -c'],
    ['seq of a hundred million', 'seq 100000000 > /dev/null'],
    ['a bash loop', 'while true; do :; done'],
    ['jq until that never holds', "jq -n 'until(false; .)'"],
    ['jq repeat(empty), which outputs nothing', "jq -n 'repeat(empty)'"],
    ['jq repeat printing', "jq -n 'repeat(1)' > /dev/null"],
  ] as const;
  for (const [name, line] of cases) {
    it(name, async () => {
      const world = freshWorld();
      const s = openSession(world);
      const tty = fakeTty();
      await s.ready;
      const started = world.clock.now();
      const run = s.run(line, tty);
      setTimeout(() => s.interrupt(), 30);
      expect(await run).toBe(130);
      // Nothing waited on simulated time: the runaway was stopped, not timed out.
      expect(world.clock.now() - started).toBeLessThan(1000);
      expect(await s.run('echo still here', tty)).toBe(0);
      expect(tty.text).toContain('still here');
    });
  }

  it('yes into a file runs until Ctrl-C or until the disk is full, whichever comes first', async () => {
    // A fast machine fills the simulated disk (MAX_FILE_WRITE) before the 30 ms Ctrl-C: yes then
    // ends as on a full disk (status 1, ENOSPC); a slower one is interrupted (130).
    const world = freshWorld();
    const s = openSession(world);
    const tty = fakeTty();
    await s.ready;
    const run = s.run('yes > /tmp/yes.out', tty);
    setTimeout(() => s.interrupt(), 30);
    const code = await run;
    if (code === 1) expect(tty.text).toContain('No space left on device');
    else expect(code).toBe(130);
    expect(await s.run('echo still here', tty)).toBe(0);
  });

  it('passes on what a looping sed printed before Ctrl-C, into a pipe that stays bounded', async () => {
    Pipe.resetPeak();
    const s = openSession(freshWorld());
    const tty = fakeTty();
    await s.ready;
    const run = s.run("sed -n ':a;p;ba' /etc/hostname | head -n 3", tty);
    expect(await run).toBe(0);
    expect(tty.text.split('\r\n').slice(0, 3)).toEqual(['cka01', 'cka01', 'cka01']);
    const endless = s.run("sed -n ':a;p;ba' /etc/hostname | wc -l", tty);
    setTimeout(() => s.interrupt(), 50);
    expect(await endless).toBe(130);
    expect(Pipe.peakBuffered).toBeLessThanOrEqual(BOUND + 64 * 1024);
  });
});

describe('TimeSlice', () => {
  it('gives the event loop a turn only once its slice of wall time is used up', async () => {
    let now = 0;
    let turns = 0;
    const controller = new AbortController();
    const slice = new TimeSlice(controller.signal, { sliceMs: 10, checkEvery: 4, now: () => now, yieldToEvents: async () => void turns++ });
    for (let i = 0; i < 100; i++) expect(slice.step()).toBeUndefined();
    now = 11;
    let turn: Promise<boolean> | undefined;
    let steps = 0;
    while (!(turn = slice.step())) steps++;
    expect(steps).toBeLessThan(4);
    expect(await turn).toBe(false);
    expect(turns).toBe(1);
    // A new slice starts after the turn.
    for (let i = 0; i < 100; i++) expect(slice.step()).toBeUndefined();
    controller.abort();
    let interrupted: Promise<boolean> | undefined;
    while (!(interrupted = slice.step()));
    expect(await interrupted).toBe(true);
  });
});
