/**
 * cluster-expired-token: cka03 reset and removed, the join command of `kubeadm init` kept on cka01,
 * a day gone. The old command fails as kubeadm does once the token cleaner has deleted the token
 * (after polling cluster-info for the discovery timeout); a new token's join command works.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript, worldFromSnapshot } from '../../../src/runtime/session';
import { discoverWithToken, DISCOVERY_RETRY_MS, DISCOVERY_TIMEOUT_MS } from '../../../src/sim/kubeadm/join-discovery';
import { detachedSignature } from '../../../src/sim/pki/jws';
import { SAVED_JOIN_FILE } from '../../../src/sim/scenarios/broken';

const JOIN = /^kubeadm join 192\.168\.6\.171:6443 --token ([a-z0-9]{6})\.[a-z0-9]{16} \\\n\t--discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/;

describe('cluster-expired-token', () => {
  it('starts a day after init with cka03 gone, the saved join command on cka01 and no bootstrap token left', async () => {
    const world = bootWorld('cluster-expired-token');
    const r = await runScript(world, 'cka01', `kubectl get nodes --no-headers | awk '{print $1, $2, $4}'\ncat ${SAVED_JOIN_FILE}\nkubeadm token list; echo "list=$?"\nkubectl -n kube-system get secrets --field-selector type=bootstrap.kubernetes.io/token --no-headers 2>&1\nkubectl get pods -A --no-headers | awk '$4 != "Running"'`);
    const [nodes1, nodes2, join1, join2, list, secrets] = r.stdout.split('\n');
    expect([nodes1, nodes2]).toEqual(['cka01 Ready 25h', 'cka02 Ready 25h']);
    expect(`${join1}\n${join2}\n`).toMatch(JOIN);
    expect(list).toBe('list=0');
    expect(secrets).toBe('No resources found in kube-system namespace.');
    expect(r.stdout.split('\n').slice(6).join('')).toBe('');
    // The bootstrap signer dropped the token's signature from cluster-info with the token.
    const info = await runScript(world, 'cka01', "kubectl -n kube-public get cm cluster-info -o jsonpath='{.data}' | grep -c jws-kubeconfig");
    expect(info.stdout).toBe('0\n');
    const node = await runScript(world, 'cka03', 'systemctl is-active kubelet; ls /etc/kubernetes/kubelet.conf 2>&1');
    expect(node.stdout).toBe("inactive\nls: cannot access '/etc/kubernetes/kubelet.conf': No such file or directory\n");
  });

  it('the saved join command fails after the 5 minute discovery timeout with the JWS error and exit status 1', async () => {
    const world = bootWorld('cluster-expired-token');
    const id = /--token ([a-z0-9]{6})\./.exec((await runScript(world, 'cka01', `cat ${SAVED_JOIN_FILE}`)).stdout)![1];
    const join = (await runScript(world, 'cka01', `cat ${SAVED_JOIN_FILE}`)).stdout;
    const before = world.clock.now();
    const r = await runScript(world, 'cka03', join);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('[preflight] Running pre-flight checks\n');
    expect(r.stderr).toBe(`error execution phase preflight: couldn't validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "${id}"\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    expect(world.clock.now() - before).toBeGreaterThanOrEqual(DISCOVERY_TIMEOUT_MS);
    const nodes = await runScript(world, 'cka01', 'kubectl get nodes --no-headers | wc -l');
    expect(nodes.stdout.trim()).toBe('2');
  });

  it('a --ttl 0 token never expires: <forever> in token list, kept by the token cleaner that deletes a short-lived one', async () => {
    const world = bootWorld('cluster-expired-token');
    const created = await runScript(world, 'cka01', "kubeadm token create --ttl 0 --print-join-command > /root/forever.sh\nkubeadm token create --ttl 1m >/dev/null\nkubeadm token list | awk 'NR > 1 {print $2, $3}' | sort\nkubectl -n kube-system get secrets -o jsonpath='{.items[*].data.expiration}' | wc -w");
    expect(created.stdout).toMatch(/^59s 2026-\d\d-\d\dT\d\d:\d\d:\d\dZ\n<forever> <never>\n1\n$/);
    world.clock.advance(120_000);
    const later = await runScript(world, 'cka01', "kubeadm token list | awk 'NR > 1 {print $2}'\nssh cka03 \"$(cat /root/forever.sh)\" >/dev/null; echo $?");
    expect(later.stdout).toBe('<forever>\n0\n');
  });

  it('a saved and restored world keeps the token gone and cka03 out', async () => {
    const world = worldFromSnapshot('cluster-expired-token', 3);
    const r = await runScript(world, 'cka01', 'kubeadm token list | wc -l; kubectl get nodes --no-headers | wc -l');
    expect(r.stdout).toBe('0\n2\n');
  });

  it('kubeadm token create --print-join-command gives a command that joins cka03, which turns Ready', async () => {
    const world = bootWorld('cluster-expired-token');
    const created = await runScript(world, 'cka01', 'kubeadm token create --print-join-command');
    expect(created.stdout).toMatch(/^kubeadm join 192\.168\.6\.171:6443 --token [a-z0-9]{6}\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/);
    const r = await runScript(world, 'cka03', created.stdout);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('This node has joined the cluster:');
    world.clock.advance(60_000);
    const nodes = await runScript(world, 'cka01', "kubectl get node cka03 --no-headers | awk '{print $2}'\nkubectl get pods -A -o wide --no-headers --field-selector spec.nodeName=cka03 | awk '{print $4}' | sort -u");
    expect(nodes.stdout).toBe('Ready\nRunning\n');
  });
});

describe('discoverWithToken', () => {
  const kubeconfig = 'apiVersion: v1\nkind: Config\n';
  const signed = { kubeconfig, 'jws-kubeconfig-abcdef': detachedSignature(kubeconfig, 'abcdef', '0123456789abcdef') };
  const clock = () => {
    let waited = 0;
    return { sleep: async (ms: number) => void (waited += ms), waited: () => waited };
  };

  it('accepts cluster-info signed for the token', async () => {
    const c = clock();
    expect(await discoverWithToken(() => signed, 'abcdef.0123456789abcdef', c.sleep)).toEqual({ ok: true });
    expect(c.waited()).toBe(0);
  });

  it('polls every 5 s until the signature appears (the signer patches it in a little later)', async () => {
    const c = clock();
    let reads = 0;
    const out = await discoverWithToken(() => (++reads < 3 ? { kubeconfig } : signed), 'abcdef.0123456789abcdef', c.sleep);
    expect(out).toEqual({ ok: true });
    expect(c.waited()).toBe(2 * DISCOVERY_RETRY_MS);
  });

  it('gives up after the discovery timeout when no JWS signature exists for the token ID', async () => {
    const c = clock();
    const out = await discoverWithToken(() => signed, 'zzzzzz.0123456789abcdef', c.sleep);
    expect(out).toEqual({ ok: false, error: `error execution phase preflight: couldn't validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "zzzzzz"` });
    expect(c.waited()).toBe(DISCOVERY_TIMEOUT_MS);
  });

  it('refuses at once a signature that the secret does not verify', async () => {
    const c = clock();
    expect(await discoverWithToken(() => signed, 'abcdef.ffffffffffffffff', c.sleep)).toEqual({
      ok: false,
      error: "error execution phase preflight: couldn't validate the identity of the API Server: failed to verify JWS signature of received cluster info object, can't trust this API Server",
    });
    expect(c.waited()).toBe(0);
  });
});
