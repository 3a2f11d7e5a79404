/** A command context with what ps reads, for running ps on a process list of the test's own. */
import type { CommandContext } from '../../../src/shell/command';

/** A context with what runPs reads. */
export function context(argv: string[], out: { stdout: string; stderr: string }, selfPid: number): CommandContext {
  return {
    argv,
    pid: selfPid,
    env: {},
    isTTY: false,
    columns: 80,
    user: { name: 'root', uid: 0, gid: 0 },
    clock: { now: () => 60_000 },
    fs: { readFile: () => 'root:x:0:0:root:/root:/bin/bash\n' },
    stdout: { write: (s: string) => void (out.stdout += s) },
    stderr: { write: (s: string) => void (out.stderr += s) },
  } as unknown as CommandContext;
}

