/**
 * Unit tests for behaviour the differential goldens cannot capture: simulated time (sleep, tail -f,
 * watch), terminals (ls columns, less), Ctrl-C, and yq (no mikefarah yq on this machine).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tty } from '../../../src/shell/command';
import { preloadShellPrograms, programs } from '../../../src/shell/commands/index';
import { makeContext, makeEnv, populate, StringInput, StringOutput } from './harness';

function setup(files: Record<string, string> = {}) {
  const env = makeEnv(Date.UTC(2026, 0, 15, 8, 0, 0));
  populate(env, files, env.clock.now());
  return env;
}

function fakeTty(columns = 80, rows = 24) {
  const screen: string[] = [];
  let handler: ((d: string) => void) | null = null;
  const tty: Tty = {
    columns,
    rows,
    takeKeys: (cb) => {
      handler = cb;
      return { release: () => (handler = null) };
    },
    write: (d) => screen.push(d),
    onResize: () => ({ dispose() {} }),
  };
  return { tty, screen, press: (k: string) => handler?.(k), hasKeys: () => handler !== null };
}

describe('sleep', () => {
  it('advances the simulated clock by the requested time', async () => {
    const env = setup();
    const before = env.clock.now();
    const status = await programs.sleep(makeContext(env, ['sleep', '5m', '30'], new StringInput(''), env.stdout));
    expect(status).toBe(0);
    expect(env.clock.now() - before).toBe(330_000);
  });

  it('returns 130 on Ctrl-C in realtime mode', async () => {
    const env = setup();
    env.clock.mode = 'realtime';
    const p = programs.sleep(makeContext(env, ['sleep', '100'], new StringInput(''), env.stdout));
    env.clock.advance(1000);
    env.controller.abort();
    expect(await p).toBe(130);
  });
});

describe('tail -f', () => {
  it('prints what is appended, once a simulated second, until Ctrl-C', async () => {
    const env = setup({ 'app.log': 'one\n' });
    env.clock.mode = 'realtime';
    const out = new StringOutput();
    const p = programs.tail(makeContext(env, ['tail', '-f', 'app.log'], new StringInput(''), out));
    await Promise.resolve();
    expect(out.text).toBe('one\n');
    env.fs.writeFile('app.log', 'two\n', { append: true });
    env.clock.advance(1000);
    await new Promise((r) => setImmediate(r));
    expect(out.text).toBe('one\ntwo\n');
    env.fs.writeFile('app.log', 'x\n');
    env.clock.advance(1000);
    await new Promise((r) => setImmediate(r));
    expect(env.stderr.text).toBe('tail: app.log: file truncated\n');
    expect(out.text).toBe('one\ntwo\nx\n');
    env.controller.abort();
    env.clock.advance(1000);
    expect(await p).toBe(130);
  });
});

describe('watch', () => {
  it('draws the header and the command output on the terminal, every -n seconds', async () => {
    const env = setup({ 'f.txt': 'hello\n' });
    env.clock.mode = 'realtime';
    const t = fakeTty(60, 10);
    const ctx = { ...makeContext(env, ['watch', '-n', '1', 'cat', 'f.txt'], new StringInput(''), env.stdout), tty: t.tty, isTTY: true };
    const p = programs.watch(ctx);
    await new Promise((r) => setImmediate(r));
    const first = t.screen.join('');
    expect(first).toContain('\x1b[?1049h');
    expect(first).toContain('Every 1.0s: cat f.txt');
    expect(first).toContain('cka01: Thu Jan 15 08:00:00 2026');
    expect(first).toContain('hello');
    env.fs.writeFile('f.txt', 'changed\n');
    env.clock.advance(1000);
    await new Promise((r) => setImmediate(r));
    expect(t.screen.join('')).toContain('changed');
    expect(t.screen.join('')).toContain('08:00:01 2026');
    env.controller.abort();
    expect(await p).toBe(0);
    expect(t.screen[t.screen.length - 1]).toBe('\x1b[?1049l');
  });
});

describe('yes', () => {
  it('repeats until Ctrl-C', async () => {
    const env = setup();
    env.clock.mode = 'realtime';
    const out = new StringOutput();
    const p = programs.yes(makeContext(env, ['yes', 'ok'], new StringInput(''), out));
    await Promise.resolve();
    env.clock.advance(10);
    env.controller.abort();
    env.clock.advance(10);
    expect(await p).toBe(130);
    expect(out.text.startsWith('ok\nok\n')).toBe(true);
  });
});

describe('ls on a terminal', () => {
  it('fills columns top to bottom across the terminal width', async () => {
    const files: Record<string, string> = {};
    for (const n of ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta']) files[n] = '';
    const env = setup(files);
    const ctx = { ...makeContext(env, ['ls'], new StringInput(''), env.stdout), isTTY: true, columns: 30 };
    await programs.ls(ctx);
    // Recorded from GNU ls -C -w 30 (tabs at tab stops, as GNU pads).
    expect(env.stdout.text).toBe('alpha  delta\teta    theta\nbeta   epsilon\tgamma  zeta\n');
  });
});

describe('less', () => {
  it('pages with space and quits with q on a terminal', async () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const env = setup({ 'long.txt': text });
    const t = fakeTty(40, 10);
    const ctx = { ...makeContext(env, ['less', 'long.txt'], new StringInput(''), env.stdout), tty: t.tty, isTTY: true };
    const p = programs.less(ctx);
    await new Promise((r) => setImmediate(r));
    expect(t.screen.join('')).toContain('line 9');
    expect(t.screen.join('')).not.toContain('line 10\r');
    t.press(' ');
    expect(t.screen[t.screen.length - 1]).toContain('line 18');
    t.press('q');
    expect(await p).toBe(0);
    expect(t.hasKeys()).toBe(false);
  });

  it('behaves like cat when not on a terminal', async () => {
    const env = setup({ 'a.txt': 'x\ny\n' });
    await programs.less(makeContext(env, ['less', 'a.txt'], new StringInput(''), env.stdout));
    expect(env.stdout.text).toBe('x\ny\n');
  });
});

describe('date', () => {
  it('prints the simulated time in the default format', async () => {
    const env = setup();
    await programs.date(makeContext(env, ['date'], new StringInput(''), env.stdout));
    expect(env.stdout.text).toBe('Thu Jan 15 08:00:00 UTC 2026\n');
  });
  it('understands relative dates', async () => {
    const env = setup();
    await programs.date(makeContext(env, ['date', '-d', '2 days ago', '+%F %T'], new StringInput(''), env.stdout));
    expect(env.stdout.text).toBe('2026-01-13 08:00:00\n');
  });
});

describe('yq', () => {
  const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: nginx\n          image: nginx:1.25\n';
  const run = async (argv: string[], files = { 'd.yaml': deploy }) => {
    const env = setup(files);
    const status = await programs.yq(makeContext(env, argv, new StringInput(''), env.stdout));
    return { status, out: env.stdout.text, err: env.stderr.text, env };
  };
  it('reads scalars without quotes', async () => {
    expect((await run(['yq', '.metadata.name', 'd.yaml'])).out).toBe('web\n');
    expect((await run(['yq', 'e', '.spec.template.spec.containers[0].image', 'd.yaml'])).out).toBe('nginx:1.25\n');
  });
  it('prints maps as YAML and as JSON with -o json', async () => {
    expect((await run(['yq', '.metadata', 'd.yaml'])).out).toBe('name: web\n');
    expect((await run(['yq', '-o', 'json', '.metadata', 'd.yaml'])).out).toBe('{\n  "name": "web"\n}\n');
  });
  it('edits in place with -i', async () => {
    const r = await run(['yq', '-i', '.spec.replicas = 5', 'd.yaml']);
    expect(r.status).toBe(0);
    expect(r.env.fs.readFile('d.yaml')).toContain('replicas: 5');
  });
  it('handles several documents', async () => {
    const r = await run(['yq', '.kind', 'm.yaml'], { 'm.yaml': 'kind: A\n---\nkind: B\n' } as never);
    expect(r.out).toBe('A\n---\nB\n');
  });
  it('reports a missing file', async () => {
    const r = await run(['yq', '.', 'nope.yaml']);
    expect(r.status).toBe(1);
    expect(r.err).toBe('Error: open nope.yaml: no such file or directory\n');
  });
});

describe('network stubs', () => {
  it('curl fails to resolve like the real one', async () => {
    const env = setup();
    const status = await programs.curl(makeContext(env, ['curl', 'http://example.com'], new StringInput(''), env.stdout));
    expect(status).toBe(6);
    // Output is not a terminal: the progress meter comes first, as with the real curl.
    expect(env.stderr.text).toMatch(/^  % Total [^\n]*\n[^\n]*\n\r  0 [^\n]*\n(curl: \(6\) Could not resolve host: example\.com\n)$/);
  });
  it('ping reports an unknown name', async () => {
    const env = setup();
    expect(await programs.ping(makeContext(env, ['ping', '-c', '1', 'nowhere'], new StringInput(''), env.stdout))).toBe(2);
    expect(env.stderr.text).toBe('ping: nowhere: Name or service not known\n');
  });
});

/** An input that delivers chunks only when the test says so, like a live pipe. */
class LivePipe {
  private chunks: (string | null)[] = [];
  private waiter: (() => void) | null = null;
  push(c: string | null) {
    this.chunks.push(c);
    this.waiter?.();
    this.waiter = null;
  }
  async read(): Promise<string | null> {
    while (!this.chunks.length) await new Promise<void>((r) => (this.waiter = r));
    return this.chunks.shift()!;
  }
  async readAll(): Promise<string> {
    let s = '';
    for (let c = await this.read(); c !== null; c = await this.read()) s += c;
    return s;
  }
}

describe('filters on a live pipe', () => {
  const tick = () => new Promise((r) => setImmediate(r));
  // awk and sed load on first use: have their code in before timing what they write.
  beforeAll(() => preloadShellPrograms());
  for (const [name, argv, expectFirst] of [
    ['grep', ['grep', 'web'], 'web-1 Running\n'],
    ['sed', ['sed', 's/Running/Up/'], 'web-1 Up\n'],
    ['awk', ['awk', '{print $1}'], 'web-1\n'],
    // cat and tr pass on whatever arrives, partial lines included, as the real ones do.
    ['cat', ['cat'], 'web-1 Running\ndb-0 Pend'],
    ['tr', ['tr', 'a-z', 'A-Z'], 'WEB-1 RUNNING\nDB-0 PEND'],
  ] as const) {
    it(`${name} writes each line as it arrives`, async () => {
      const env = setup();
      const pipe = new LivePipe();
      const out = new StringOutput();
      const p = programs[name](makeContext(env, [...argv], pipe, out));
      pipe.push('web-1 Running\n');
      pipe.push('db-0 Pend');
      await tick();
      expect(out.text).toBe(expectFirst);
      pipe.push('ing\n');
      pipe.push(null);
      expect(await p).toBe(0);
    });
  }
});
