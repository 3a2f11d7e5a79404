/**
 * kubectl 1.33 still accepts the deprecated --record on the commands that had it (a hidden flag:
 * the real client's `<cmd> --record -h` is no unknown-flag error), warns as pflag does, and writes
 * the command line into kubernetes.io/change-cause, which `rollout history` shows.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future\n';

describe('kubectl --record', () => {
  it('set image records the change cause that rollout history shows', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubectl create deploy web --image=nginx:1.27 >/dev/null; sleep 10');
    const set = await runScript(world, 'cka01', 'kubectl set image deploy/web nginx=nginx:1.28 --record');
    expect(set).toMatchObject({ stdout: 'deployment.apps/web image updated\n', stderr: DEPRECATED });
    const history = await runScript(world, 'cka01', 'sleep 20; kubectl rollout history deploy/web');
    expect(history.stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deploy/web nginx=nginx:1.28 --record=true\n\n');
  });

  it('scale records on the object, not through the scale subresource', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', "kubectl create deploy web --image=nginx >/dev/null; kubectl scale deploy web --replicas=2 --record; kubectl get deploy web -o jsonpath='{.spec.replicas} {.metadata.annotations.kubernetes\\.io/change-cause}'");
    expect(r.stdout).toBe('deployment.apps/web scaled\n2 kubectl scale deploy web --replicas=2 --record=true');
    expect(r.stderr).toBe(DEPRECATED);
  });

  it('is unknown where kubectl 1.33 does not have it', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'kubectl create deploy web --image=nginx >/dev/null; kubectl set env deploy/web A=b --record; echo "rc=$?"');
    expect(r).toMatchObject({ stdout: 'rc=1\n', stderr: "error: unknown flag: --record\nSee 'kubectl set env --help' for usage.\n" });
  });
});
