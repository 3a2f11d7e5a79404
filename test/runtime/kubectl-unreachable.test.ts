/**
 * kubectl against an API server address that nothing answers, replayed from the real kubectl 1.33
 * (scripts/golden/kubectl-unreachable-record.ts): the same text byte for byte (klog headers
 * masked) and each stderr line at the simulated second the real one appeared (±2 s: the
 * recorder's start-up). A server on a machine that exists but does not listen stays refused.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock';
import type { CommandContext } from '../../src/shell/command';
import { createKubectl } from '../../src/kubectl';
import { MemFs } from '../kubectl/_memfs';
import { shellWords } from '../kubectl/_run';
import { bootWorld, runScript } from '../../src/runtime/session';
import { apiDialFailure } from '../../src/runtime/api-dial';

const goldenDir = join(__dirname, '..', 'golden', 'kubectl-unreachable');
const inputs = join(__dirname, '..', 'golden', 'kubectl', '_inputs');

interface Golden {
  command: string;
  server: string;
  exit: number;
  stdout: string;
  stderr: string;
  stderrAt: number[];
}

const mask = (s: string) => s.replace(/^[IWE]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'K0000 00:00:00.000000 PID ');

function copyInto(fs: MemFs, from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    if (statSync(src).isDirectory()) {
      fs.mkdir(`${to}/${name}`, { recursive: true });
      copyInto(fs, src, `${to}/${name}`);
    } else fs.writeFile(`${to}/${name}`, readFileSync(src, 'utf8'));
  }
}

/** Run a command line with a kubeconfig naming `server`, noting the simulated time of each stderr line. */
async function run(line: string, server: string, failure: 'refused' | 'timeout', abort?: AbortController) {
  const fs = new MemFs('/root');
  fs.mkdir('/root/work', { recursive: true });
  copyInto(fs, join(inputs, 'work'), '/root/work');
  fs.writeFile('/root/kc', readFileSync(join(inputs, 'kubeconfig-refused'), 'utf8').replace('https://127.0.0.1:6443', server));
  const clock = new SimClock();
  const start = clock.now();
  let stdout = '';
  let stderr = '';
  const at: number[] = [];
  const ctx: CommandContext = {
    argv: shellWords(line),
    env: { HOME: '/root/home', PATH: '/usr/bin:/bin', KUBECONFIG: 'kc' },
    cwd: '/root',
    stdin: { read: async () => null, readAll: async () => '' },
    stdout: { write: (s) => void (stdout += s) },
    stderr: {
      write: (s) => {
        stderr += s;
        for (let i = 0; i < s.split('\n').length - 1; i++) at.push((clock.now() - start) / 1000);
        if (abort && at.length === 2) abort.abort();
      },
    },
    columns: 80,
    isTTY: false,
    signal: (abort ?? new AbortController()).signal,
    user: { name: 'root', uid: 0, gid: 0, home: '/root', groups: ['root'] },
    host: 'cka01',
    clock,
    fs,
    machine: undefined,
    world: undefined,
  };
  const kubectl = createKubectl({ connect: () => null, dialFailure: () => failure, pid: 4242 });
  const exit = await kubectl(ctx);
  return { exit, stdout, stderr, at, elapsed: (clock.now() - start) / 1000 };
}

describe('kubectl golden: a server address nothing answers (i/o timeout after 30 s per dial)', () => {
  for (const file of readdirSync(goldenDir).filter((f) => f.endsWith('.json'))) {
    const g = JSON.parse(readFileSync(join(goldenDir, file), 'utf8')) as Golden;
    it(`${file}: ${g.command}`, async () => {
      const r = await run(g.command, g.server, 'timeout');
      expect({ stdout: mask(r.stdout), stderr: mask(r.stderr), exit: r.exit }).toEqual({ stdout: mask(g.stdout), stderr: mask(g.stderr), exit: g.exit });
      // Lines that do not wait for the network come at once; the recorder needed up to 2 s to start.
      expect(r.at.length).toBe(g.stderrAt.length);
      r.at.forEach((t, i) => expect(Math.abs(t - g.stderrAt[i])).toBeLessThanOrEqual(2));
    });
  }

  it('stamps each discovery klog line with the time its dial timed out', async () => {
    const r = await run('kubectl get pods', 'https://10.255.255.1:6443', 'timeout');
    const times = r.stderr.split('\n').filter((l) => l.startsWith('E')).map((l) => l.slice(6, 14));
    expect(times).toEqual(['08:00:30', '08:01:00', '08:01:30', '08:02:00', '08:02:30']);
    expect(r.elapsed).toBe(150);
  });

  it('stops waiting at Ctrl-C with status 130', async () => {
    const abort = new AbortController();
    const r = await run('kubectl get pods', 'https://10.255.255.1:6443', 'timeout', abort);
    expect(r.exit).toBe(130);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('keeps the refused texts, at once, when the host exists', async () => {
    const r = await run('kubectl get pods', 'https://127.0.0.1:6443', 'refused');
    expect(r.stderr).toContain('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
    expect(r.elapsed).toBe(0);
  });
});

describe('apiDialFailure: what a dial from a machine meets', () => {
  it('is refused by a machine of the world and by loopback, and times out where nothing holds the address', () => {
    const world = bootWorld('machines');
    expect(apiDialFailure(world, 'https://192.168.6.172:6443', 'cka01')).toBe('refused');
    expect(apiDialFailure(world, 'https://cka02:6443', 'cka01')).toBe('refused');
    expect(apiDialFailure(world, 'https://localhost:8080', 'cka01')).toBe('refused');
    expect(apiDialFailure(world, 'https://1.2.3.4:6443', 'cka01')).toBe('timeout');
    expect(apiDialFailure(world, 'https://no-such-name:6443', 'cka01')).toBe('refused');
  });

  it('asks the cluster network where a cluster runs: a Service VIP without that port drops the SYN', () => {
    const world = bootWorld('cluster');
    expect(apiDialFailure(world, 'https://10.96.0.1:6443', 'cka01')).toBe('timeout');
    expect(apiDialFailure(world, 'https://10.255.255.1:6443', 'cka01')).toBe('timeout');
    expect(apiDialFailure(world, 'https://192.168.6.173:6443', 'cka01')).toBe('refused');
  });

  it('makes kubectl on a machine wait 30 s per dial in simulated time', async () => {
    const world = bootWorld('cluster');
    const before = world.clock.now();
    const r = await runScript(world, 'cka01', 'kubectl --server https://1.2.3.4:6443 version; echo "rc=$?"');
    expect(r.stdout).toContain('Client Version: v1.33');
    expect(r.stdout).toContain('rc=1');
    expect(r.stderr).toBe('Unable to connect to the server: dial tcp 1.2.3.4:6443: i/o timeout\n');
    expect(world.clock.now() - before).toBeGreaterThanOrEqual(30_000);
  });
});
