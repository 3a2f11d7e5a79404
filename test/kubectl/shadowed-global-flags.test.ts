/**
 * A command's own flag shadows kubectl's global flag of the same name (cobra adds a persistent
 * flag only under a free name): `create rolebinding --user=jane` names the subject, it does not
 * pick the kubeconfig user "jane".
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe("a command's own flag named like a global one", () => {
  it('create rolebinding/clusterrolebinding --user binds the subject as the kubeconfig user', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(
      world,
      'cka01',
      [
        'kubectl create role pod-reader --verb=get,list --resource=pods',
        'kubectl create rolebinding rb --role=pod-reader --user=jane',
        'kubectl create clusterrolebinding crb --clusterrole=view --user=bob',
        'kubectl auth can-i list pods --as jane',
        "kubectl get rolebinding rb -o jsonpath='{.subjects[0].name}'; echo",
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('role.rbac.authorization.k8s.io/pod-reader created\nrolebinding.rbac.authorization.k8s.io/rb created\nclusterrolebinding.rbac.authorization.k8s.io/crb created\nyes\njane\n');
  });

  // Texts of kubectl 1.33 (the real client run against a kubeconfig without these names).
  it.each([
    ['--user=nobody', 'error: auth info "nobody" does not exist\n'],
    ['--cluster=nope', 'error: no server found for cluster "nope"\n'],
    ['--user=nobody --cluster=nope', 'error: no server found for cluster "nope"\n'],
    ['--user=nobody --context=nope', 'Error in configuration: context was not found for specified context: nope\n'],
  ])('the global flags still pick from the kubeconfig: %s', async (flags, stderr) => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl get pods ${flags}; echo "rc=$?"`);
    expect(r).toMatchObject({ stdout: 'rc=1\n', stderr });
  });
});
