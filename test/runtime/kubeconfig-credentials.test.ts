/**
 * Who the API server takes a kubeconfig's credentials for: a service account token is that
 * service account, a client certificate counts only when the cluster CA issued it and it is valid
 * now (a self-signed "system:masters" certificate is refused), and refused credentials get
 * kubectl's "You must be logged in" after discovery's five failed tries.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const LOGIN = 'error: You must be logged in to the server (the server has asked for the client to provide credentials)\n';
const DISCOVERY = /^(E\d{4} [\d:.]+ +4242 memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: the server has asked for the client to provide credentials"\n){5}$/;

describe("a kubeconfig's credentials", () => {
  it('authenticate as the API server would', async () => {
    const world = bootWorld('cluster');
    const run = (s: string) => runScript(world, 'cka01', s);
    await run(`kubectl config set-credentials sa --token=$(kubectl create token default) >/dev/null
kubectl config set-context sa --cluster=kubernetes --user=sa >/dev/null
kubectl config set-credentials bad --token=abc >/dev/null
kubectl config set-context bad --cluster=kubernetes --user=bad >/dev/null`);
    expect((await run('kubectl --context=sa auth whoami')).stdout).toMatch(/^ATTRIBUTE +VALUE\nUsername +system:serviceaccount:default:default\nUID +[0-9a-f-]{36}\nGroups +\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]\n$/);
    expect((await run('kubectl --context=sa get pods')).stderr).toBe('Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"\n');
    const bad = await run('kubectl --context=bad get pods');
    expect(bad.status).toBe(1);
    expect(bad.stderr.slice(0, -LOGIN.length)).toMatch(DISCOVERY);
    expect(bad.stderr.endsWith(LOGIN)).toBe(true);
    expect(await run('kubectl --context=bad version')).toMatchObject({ stdout: 'Client Version: v1.33.4\nKustomize Version: v5.6.0\n', stderr: LOGIN, status: 1 });
    // a certificate the cluster CA did not issue
    await run(`openssl genrsa -out u.key 2048 2>/dev/null; openssl req -new -x509 -key u.key -subj "/CN=mallory/O=system:masters" -out u.crt -days 10
kubectl config set-credentials self --client-certificate=u.crt --client-key=u.key --embed-certs >/dev/null
kubectl config set-context self --cluster=kubernetes --user=self >/dev/null`);
    expect((await run('kubectl --context=self get nodes')).stderr.endsWith(LOGIN)).toBe(true);
    // one it did issue (a CSR approved through the API) is that user
    await run(`openssl genrsa -out jane.key 2048 2>/dev/null; openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr
cat <<YAML | kubectl apply -f - >/dev/null
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: $(base64 -w0 < jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  usages: [client auth]
YAML
kubectl certificate approve jane >/dev/null; sleep 2
kubectl get csr jane -o jsonpath='{.status.certificate}' | base64 -d > jane.crt
kubectl config set-credentials jane --client-certificate=jane.crt --client-key=jane.key --embed-certs >/dev/null
kubectl config set-context jane --cluster=kubernetes --user=jane >/dev/null`);
    expect((await run('kubectl --context=jane auth whoami -o jsonpath="{.status.userInfo.username} {.status.userInfo.groups}"')).stdout).toBe('jane ["dev","system:authenticated"]');
  });
});
