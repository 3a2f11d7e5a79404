/**
 * kill with a jobspec ends the shell's own background job (as `kill %1` ends a `kubectl proxy &`):
 * the job's status is 128 + the signal, `jobs` names the signal, and a job gone is no such job.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/shell/session';
import { programs } from '../../src/shell/commands/index';
import type { Program } from '../../src/shell/command';
import { freshWorld } from './differential/harness';
import { installPrograms } from '../../src/sim/machine/image';

/** A server that holds until its process is signalled (kubectl proxy, port-forward). */
const hold: Program = (ctx) =>
  new Promise((resolve) => {
    if (ctx.signal.aborted) resolve(130);
    ctx.signal.addEventListener('abort', () => resolve(130), { once: true });
  });

async function run(script: string): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const world = freshWorld();
  installPrograms(world.machines.get('cka01')!.rootFs, ['hold'], '/usr/local/bin');
  const session = new Session({
    world,
    programs: { ...programs, hold },
    host: 'cka01',
    user: 'root',
    mode: 'stdin',
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
  });
  await session.feed(script);
  await session.finish();
  return { stdout, stderr };
}

describe('kill %N', () => {
  it('terminates a running background job: status 143, gone once waited for, then no such job', async () => {
    const r = await run('hold &\njobs\nkill %1\nwait $!\necho "status $?"\njobs\nkill %1\necho "again $?"\n');
    expect(r.stdout).toBe('[1]+  Running                 hold &\nstatus 143\nagain 1\n');
    expect(r.stderr).toBe('bash: line 7: kill: %1: no such job\n');
  });

  it('`jobs` names the signal that ended a job it had not reported', async () => {
    const r = await run('hold &\nkill %1\nsleep 1\njobs\n');
    expect(r.stdout).toBe('[1]+  Terminated              hold\n');
  });

  it('kill -9 by pid ($!) and by %% and %-: 137, and wait tells of each job killed (not of SIGTERM)', async () => {
    const r = await run('hold &\nkill -9 $!\nwait $!\ns=$?; echo "$s $(kill -l $s)"\nhold &\nhold &\nkill -KILL %% %-\nwait\njobs\necho end\n');
    expect(r.stdout).toBe('137 KILL\nend\n');
    expect(r.stderr).toMatch(/^bash: line 3: +\d+ Killed {18}hold\nbash: line 8: +\d+ Killed {18}hold\nbash: line 8: +\d+ Killed {18}hold\n$/);
  });
});
