/**
 * The tokens controller: a kubernetes.io/service-account-token Secret naming a ServiceAccount is
 * filled in (ca.crt, namespace, a legacy token) and annotated with the account's UID; the token
 * authenticates as the account while its Secret holds it; a Secret naming no account is deleted.
 * kube-root-ca.crt and the Secret's ca.crt are the cluster CA (--root-ca-file), not a stand-in.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

const SECRET = (name: string, sa: string) => `kubectl apply -f - >/dev/null <<EOT
apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  annotations:
    kubernetes.io/service-account.name: ${sa}
type: kubernetes.io/service-account-token
EOT`;

describe('service-account token Secrets', () => {
  it('are filled in for their account, authenticate as it, and stop when deleted; orphans are deleted', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl create sa app >/dev/null
${SECRET('app-token', 'app')}
${SECRET('orphan-token', 'nobody')}
sleep 2
kubectl describe secret app-token | sed -n '/^Data/,$p'
kubectl get secret app-token -o jsonpath='{.metadata.annotations.kubernetes\\.io/service-account\\.uid}' | grep -c "^$(kubectl get sa app -o jsonpath='{.metadata.uid}')$"
CA=$(md5sum < /etc/kubernetes/pki/ca.crt)
[ "$(kubectl get secret app-token -o jsonpath='{.data.ca\\.crt}' | base64 -d | md5sum)" = "$CA" ] && echo same-ca
[ "$(kubectl get cm kube-root-ca.crt -o jsonpath='{.data.ca\\.crt}' | md5sum)" = "$CA" ] && echo root-ca
TOKEN=$(kubectl get secret app-token -o jsonpath='{.data.token}' | base64 -d)
echo "$TOKEN" | cut -d. -f2 | base64 -d 2>/dev/null | grep -o '"sub":"[^"]*"'
curl -sk -H "Authorization: Bearer $TOKEN" https://192.168.6.171:6443/api/v1/namespaces/default/pods | grep '"message"'
kubectl delete secret app-token >/dev/null
curl -sk -H "Authorization: Bearer $TOKEN" https://192.168.6.171:6443/api/v1/namespaces/default/pods | grep '"message"'
kubectl get secret orphan-token 2>&1`);
    expect(r.stdout).toMatch(/^Data\n====\nca\.crt: {5}\d+ bytes\nnamespace: {2}7 bytes\ntoken: {6}\d+ bytes\n1\nsame-ca\nroot-ca\n"sub":"system:serviceaccount:default:app"\n/);
    expect(r.stdout).toContain('"message": "pods is forbidden: User \\"system:serviceaccount:default:app\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"",\n  "message": "Unauthorized",\n');
    expect(r.stdout.endsWith('Error from server (NotFound): secrets "orphan-token" not found\n')).toBe(true);
  });

  it('a container in CrashLoopBackOff still names its last container', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', `kubectl run crash --image=busybox:1.36 -- sh -c 'exit 1' >/dev/null
sleep 40
kubectl get pod crash -o jsonpath='{.status.containerStatuses[0].state.waiting.reason} {.status.containerStatuses[0].containerID} {.status.containerStatuses[0].lastState.terminated.containerID}'`);
    const [reason, id, last] = r.stdout.split(' ');
    expect(reason).toBe('CrashLoopBackOff');
    expect(id).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(id).toBe(last);
  });
});
