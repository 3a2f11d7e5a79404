/** kubectl cp into and out of a container, through exec with tar's messages; the file really lands there. */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('kubectl cp', () => {
  it('copies a file into a container and back out, and refuses a missing local file', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubectl run box --image=busybox -- sleep 3600\nkubectl wait --for=condition=Ready pod/box --timeout=60s');
    const run = await runScript(
      world,
      'cka01',
      [
        'echo "hello from the node" > /tmp/note.txt',
        'kubectl cp /tmp/note.txt box:/tmp/note.txt; echo "cp $?"',
        'kubectl exec box -- cat /tmp/note.txt',
        'kubectl cp box:/tmp/note.txt /tmp/back.txt && cat /tmp/back.txt',
        'kubectl cp /tmp/nonexist box:/tmp/x; echo "exit $?"',
      ].join('\n'),
    );
    expect(run.stdout).toBe('cp 0\nhello from the node\nhello from the node\nexit 1\n');
    expect(run.stderr).toBe("tar: Removing leading `/' from member names\nerror: /tmp/nonexist doesn't exist in local filesystem\n");
  });
});
