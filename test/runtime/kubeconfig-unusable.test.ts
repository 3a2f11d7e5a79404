/**
 * A kubeconfig the clients cannot use, on the simulated cluster: kubectl asks for the missing
 * credentials of a user with none (and gives up without a terminal), basic auth is refused by the
 * API server, an unreadable file and a missing CA file stop the clients before any connection — helm with
 * client-go's err.Error() wording under its own "Kubernetes cluster unreachable". (The texts of
 * kubectl are checked against the real kubectl 1.33 in test/kubectl/kubeconfig-golden.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const SETUP = `kubectl config set-context nouser --cluster=kubernetes --user=ghost >/dev/null
kubectl config set-credentials basic --username=a --password=b >/dev/null
kubectl config set-context basic --cluster=kubernetes --user=basic >/dev/null
kubectl config set-cluster broken --server=https://192.168.6.171:6443 --certificate-authority=/root/nope.crt >/dev/null
kubectl config set-context broken --cluster=broken --user=kubernetes-admin >/dev/null`;
const MISSING_CA = 'unable to read certificate-authority /root/nope.crt for broken due to open /root/nope.crt: no such file or directory';

describe('an unusable kubeconfig on the cluster', () => {
  it('fails kubectl and helm as client-go does', async () => {
    const world = bootWorld('cluster');
    const run = (s: string) => runScript(world, 'cka01', s);
    await run(SETUP);
    expect(await run('echo bob | kubectl --context=nouser get pods')).toEqual({ stdout: 'Please enter Username: Please enter Password: ', stderr: 'error: error reading input for Password\n', status: 1 });
    expect(await run('kubectl --context=nouser get pods </dev/null')).toEqual({ stdout: 'Please enter Username: ', stderr: 'error: EOF\n', status: 1 });
    expect((await run('kubectl --context=basic get pods 2>&1 | tail -1')).stdout).toBe('error: You must be logged in to the server (the server has asked for the client to provide credentials)\n');
    expect(await run('kubectl --context=broken create deployment web --image=nginx --dry-run=client -o name')).toEqual({ stdout: '', stderr: `error: ${MISSING_CA}\n`, status: 1 });
    // A tokenFile is read at each command (its final newline dropped); a missing one stops kubectl.
    await run(`kubectl create token default > /root/sa.token
kubectl config set users.tf.tokenFile /root/sa.token >/dev/null
kubectl config set-context tf --cluster=kubernetes --user=tf >/dev/null`);
    expect((await run('kubectl --context=tf auth whoami -o jsonpath={.status.userInfo.username}')).stdout).toBe('system:serviceaccount:default:default');
    expect(await run('rm /root/sa.token; kubectl --context=tf get pods')).toEqual({ stdout: '', stderr: 'error: open /root/sa.token: no such file or directory\n', status: 1 });
    // The classic: a user reading root's admin.conf.
    expect((await run('su - ubuntu -c "KUBECONFIG=/etc/kubernetes/admin.conf kubectl get pods"')).stderr).toBe('error: error loading config file "/etc/kubernetes/admin.conf": open /etc/kubernetes/admin.conf: permission denied\n');
    await run('curl -fsSL -o get_helm.sh https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3 && bash get_helm.sh >/dev/null');
    const helm = await run('helm list --kube-context=broken; helm list --kube-context=nope');
    expect(helm.stderr).toBe(`Error: Kubernetes cluster unreachable: invalid configuration: ${MISSING_CA}\nError: Kubernetes cluster unreachable: context "nope" does not exist\n`);
  });
});
