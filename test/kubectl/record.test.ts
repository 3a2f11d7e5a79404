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
  it('create -f, apply, run, expose, autoscale and patch write the command line too', async () => {
    const world = bootWorld('cluster');
    const cause = "{.metadata.annotations.kubernetes\\.io/change-cause}{'\\n'}";
    const r = await runScript(world, 'cka01', `cat > /root/cm.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: { name: cm }
data: { a: "1" }
EOF
kubectl create -f /root/cm.yaml --record >/dev/null
kubectl get cm cm -o jsonpath="${cause}"
sed -i 's/name: cm/name: cm2/' /root/cm.yaml
kubectl apply -f /root/cm.yaml --record >/dev/null
kubectl get cm cm2 -o jsonpath="${cause}"
kubectl get cm cm2 -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}' | grep -o 'change-cause[^,]*'
kubectl run p --image=nginx --record >/dev/null
kubectl get pod p -o jsonpath="${cause}"
kubectl create deploy web --image=nginx >/dev/null
kubectl expose deploy web --port=80 --record >/dev/null
kubectl get svc web -o jsonpath="${cause}"
kubectl autoscale deploy web --max=3 --record >/dev/null
kubectl get hpa web -o jsonpath="${cause}"
kubectl patch deploy web -p '{"spec":{"replicas":2}}' --record
kubectl get deploy web -o jsonpath="${cause}"`);
    expect(r.stdout).toBe(
      [
        'kubectl create --filename=/root/cm.yaml --record=true',
        'kubectl apply --filename=/root/cm.yaml --record=true',
        'change-cause":"kubectl apply --filename=/root/cm.yaml --record=true"}',
        'kubectl run p --image=nginx --record=true',
        'kubectl expose deploy web --port=80 --record=true',
        'kubectl autoscale deploy web --max=3 --record=true',
        'deployment.apps/web patched',
        'kubectl patch deploy web --patch={"spec":{"replicas":2}} --record=true',
        '',
      ].join('\n'),
    );
  });

  it('edit records the command line in the edited object', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl create deploy web --image=nginx >/dev/null
KUBE_EDITOR="sed -i s/replicas:\\ 1/replicas:\\ 2/" kubectl edit deploy web --record
kubectl get deploy web -o jsonpath='{.spec.replicas} {.metadata.annotations.kubernetes\\.io/change-cause}'`);
    expect(r.stdout).toBe('deployment.apps/web edited\n2 kubectl edit deploy web --record=true');
    expect(r.stderr).toBe(DEPRECATED);
  });
});
