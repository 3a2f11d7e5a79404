/** vim, vi and nano as shell programs: files through the process's view, and life without a tty. */
import { beforeAll, describe, expect, it } from 'vitest';
import { nano, preloadTerminalPrograms, vi, vim } from '../../src/terminal/programs';

// The editors load on first use: have their code in before timing what they draw.
beforeAll(() => preloadTerminalPrograms());
import { HeadlessRig } from './support/headless';
import { MemoryFs, programContext, ttyFor } from './support/program-context';

describe('vim without a terminal', () => {
  it('warns like Vim and takes its keys from stdin', async () => {
    const fs = new MemoryFs();
    fs.files.set('/root/a.txt', 'hello\n');
    const ctx = programContext(['vim', 'a.txt'], fs, undefined, ':%s/hello/bye/\n:wq\n');
    expect(await vim(ctx)).toBe(0);
    expect(ctx.err.join('')).toBe('Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n');
    expect(fs.files.get('/root/a.txt')).toBe('bye\n');
  });

  it('exits 1 with "Error reading input" when stdin ends before a quit', async () => {
    const ctx = programContext(['vi', 'a.txt'], new MemoryFs(), undefined, '');
    expect(await vi(ctx)).toBe(1);
    expect(ctx.out.join('')).toBe('Vim: Error reading input, exiting...\nVim: Finished.\n');
  });
});

describe('writing through the filesystem view', () => {
  it("shows E212 when vim cannot write, and keeps the buffer", async () => {
    const fs = new MemoryFs();
    fs.dirs.add('/etc');
    fs.readonlyPaths.add('/etc');
    const rig = new HeadlessRig(80, 24);
    const run = vim(programContext(['vim', '/etc/x.conf'], fs, ttyFor(rig)));
    rig.type('ia\x1b');
    rig.type(':w\r');
    await rig.flush();
    expect(rig.screen().split('\n').pop()).toMatch(/^"\/etc\/x\.conf" E212: Can't open file for writing/);
    rig.type(':q!\r');
    expect(await run).toBe(0);
    expect(fs.files.has('/etc/x.conf')).toBe(false);
  });

  it('nano reports a failed write in its status line', async () => {
    const fs = new MemoryFs();
    const rig = new HeadlessRig(80, 24);
    const run = nano(programContext(['nano', '/nodir/f.txt'], fs, ttyFor(rig)));
    rig.type('x\x0f\r');
    await rig.flush();
    expect(rig.screen()).toContain('[ Error writing /nodir/f.txt: No such file or directory ]');
    rig.type('\x18n');
    expect(await run).toBe(0);
  });

  it('vim +N opens at line N', async () => {
    const fs = new MemoryFs();
    fs.files.set('/root/l.txt', 'a\nb\nc\n');
    const rig = new HeadlessRig(80, 24);
    const run = vim(programContext(['vim', '+3', 'l.txt'], fs, ttyFor(rig)));
    await rig.flush();
    expect(rig.cursor).toEqual({ x: 0, y: 2 });
    expect(rig.screen().split('\n').pop()).toMatch(/^"l.txt" 3L, 6B/);
    rig.type(':q\r');
    expect(await run).toBe(0);
  });
});

describe('pasting into the editors', () => {
  it('vim asks for bracketed paste and inserts a pasted block as it is (no autoindent staircase)', async () => {
    const fs = new MemoryFs();
    const rig = new HeadlessRig(80, 24);
    const run = vim(programContext(['vim', 'p.yaml'], fs, ttyFor(rig)));
    await rig.flush();
    expect(rig.term.modes.bracketedPasteMode).toBe(true);
    rig.type('i');
    rig.type('\x1b[200~spec:\r  containers:\r  - name: web\r\x1b[201~');
    rig.type('\x1b:wq\r');
    expect(await run).toBe(0);
    expect(fs.files.get('/root/p.yaml')).toBe('spec:\n  containers:\n  - name: web\n\n');
    await rig.flush();
    expect(rig.term.modes.bracketedPasteMode).toBe(false);
  });
});

describe('visual mode', () => {
  it('highlights the selection as Vim does (grey background)', async () => {
    const fs = new MemoryFs();
    fs.files.set('/root/a.yaml', 'kind: Pod\nmetadata:\n  name: web\n');
    const rig = new HeadlessRig(80, 24);
    const run = vim(programContext(['vim', 'a.yaml'], fs, ttyFor(rig)));
    rig.type('vjl');
    await rig.flush();
    const bg = (x: number, y: number) => {
      const cell = rig.term.buffer.active.getLine(y)!.getCell(x)!;
      return cell.isBgPalette() ? cell.getBgColor() : -1;
    };
    expect([0, 1, 8].map((x) => bg(x, 0))).toEqual([242, 242, 242]);
    expect([0, 1, 2].map((x) => bg(x, 1))).toEqual([242, 242, -1]);
    expect(bg(0, 2)).toBe(-1);
    rig.type('\x1b');
    await rig.flush();
    expect(bg(0, 0)).toBe(-1);
    rig.type(':q\r');
    expect(await run).toBe(0);
  });
});
