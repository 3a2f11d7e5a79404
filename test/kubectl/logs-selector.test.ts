/** kubectl logs -l on a running cluster: every matching Pod's log, the last 10 lines each by default. */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('kubectl logs -l', () => {
  it('prints the logs of every Pod the selector matches, and says when none does', async () => {
    const world = bootWorld('cluster');
    const script = Array.from({ length: 12 }, (_, i) => `echo line ${i + 1}`).join('; ');
    await runScript(world, 'cka01', `kubectl run talker --image=busybox --labels=app=talk -- sh -c '${script}; sleep 3600'; sleep 30`);
    const all = await runScript(world, 'cka01', 'kubectl logs -l app=talk');
    expect(all.stdout.trim().split('\n')).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11', 'line 12']);
    const two = await runScript(world, 'cka01', 'kubectl logs -l app=talk --tail=2 --prefix');
    expect(two.stdout).toBe('[pod/talker/talker] line 11\n[pod/talker/talker] line 12\n');
    const none = await runScript(world, 'cka01', 'kubectl logs -l app=nobody');
    expect(none).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', status: 0 });
  });
});
