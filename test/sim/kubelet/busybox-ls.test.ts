/**
 * busybox ls on a terminal (the busybox:1.36 image's ls): its colours, its columns, and what
 * changes without a terminal. Every expected output was recorded from busybox 1.36.1 built with
 * the docker-library image's configuration (scripts/busybox/extract-usage.sh), run under a pty by
 * scripts/busybox/record-ls.py, on the fixture stored with the outputs in
 * test/golden/busybox-ls/cases.json; the simulated ls runs on the same fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { busyboxLs } from '../../../src/shell/commands/ls';
import type { CommandContext } from '../../../src/shell/command';
import { SimClock } from '../../../src/sim/clock';
import { MemFs, ROOT_CREDS } from '../../../src/sim/machine/fs';

interface FixtureEntry {
  path: string;
  type: 'dir' | 'file' | 'symlink';
  content?: string;
  mode?: number;
  target?: string;
}
interface Case {
  dir: string;
  env: string;
  args: string;
  pipe: boolean;
  stdout: string;
  status: number;
}
const golden = JSON.parse(readFileSync(new URL('../../golden/busybox-ls/cases.json', import.meta.url), 'utf8')) as { mtime: string; fixture: FixtureEntry[]; cases: Case[] };

/** The fixture under /work, every mtime the recorded one, with the image's /etc/passwd and /etc/group for -l's names. */
function fixtureFs() {
  const mtime = Date.parse(`${golden.mtime.replace(' ', 'T')}Z`);
  const clock = new SimClock({ startMs: Date.parse('2026-11-24T00:00:00Z') });
  const mem = new MemFs(() => clock.now());
  const fs = mem.view(ROOT_CREDS, '/');
  fs.mkdir('/etc', { recursive: true });
  fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n');
  fs.writeFile('/etc/group', 'root:x:0:\n');
  fs.mkdir('/work');
  for (const f of golden.fixture) {
    const path = `/work/${f.path}`;
    if (f.type === 'dir') fs.mkdir(path);
    else if (f.type === 'file') fs.writeFile(path, f.content ?? '', { mode: f.mode });
    else fs.symlink(f.target ?? '', path);
    if (f.mode !== undefined) fs.chmod(path, f.mode);
  }
  const visit = (n: { mtimeMs: number; children?: Map<string, unknown> }) => {
    n.mtimeMs = mtime;
    n.children?.forEach((c) => visit(c as typeof n));
  };
  visit(mem.root as never);
  return { fs, clock };
}

/** Runs the simulated busybox ls as the recorded case ran: its environment, its operands, stdout a terminal or a pipe. */
async function simulate(c: Case, columns = 80, withoutColumnsVar = false): Promise<{ stdout: string; status: number }> {
  const { fs, clock } = fixtureFs();
  const env: Record<string, string> = { TERM: 'xterm', PATH: '/bin' };
  for (const kv of c.env.split(' ').filter(Boolean)) {
    const eq = kv.indexOf('=');
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  if (withoutColumnsVar) delete env.COLUMNS;
  let stdout = '';
  const ctx: CommandContext = {
    argv: ['ls', ...c.args.split(' ').filter(Boolean)],
    env,
    cwd: `/work/${c.dir}`,
    stdin: { read: async () => null } as unknown as CommandContext['stdin'],
    stdout: { write: (s: string) => void (stdout += s) },
    // A pty is one stream for both: busybox's complaints land among the listing.
    stderr: { write: (s: string) => void (stdout += s) },
    columns,
    isTTY: !c.pipe,
    stdinIsTTY: true,
    signal: new AbortController().signal,
    user: { name: 'root', uid: 0, gid: 0, home: '/root', groups: ['root'] },
    host: 'bb',
    clock,
    fs: fs.at(`/work/${c.dir}`) as unknown as CommandContext['fs'],
    machine: undefined,
    world: undefined,
  } as CommandContext;
  const status = await busyboxLs(ctx);
  return { stdout, status };
}

const title = (c: Case) => `${c.env} ls ${c.args}${c.pipe ? ' | cat' : ''} in ${c.dir}`;

describe('busybox ls as busybox 1.36.1 prints it under a pty', () => {
  for (const c of golden.cases) {
    it(title(c), async () => {
      expect(await simulate(c)).toEqual({ stdout: c.stdout, status: c.status });
    });
  }
});

describe("busybox ls takes the terminal's width when COLUMNS is not set", () => {
  // get_terminal_width (libbb/xfuncs.c:265) asks the tty; COLUMNS only overrides it.
  for (const c of golden.cases.filter((g) => !g.args && !g.pipe && /^COLUMNS=(40|20|8)$/.test(g.env))) {
    it(`a ${c.env.slice(8)}-column terminal`, async () => {
      expect(await simulate(c, Number(c.env.slice(8)), true)).toEqual({ stdout: c.stdout, status: c.status });
    });
  }
});
