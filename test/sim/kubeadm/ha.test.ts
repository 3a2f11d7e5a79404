/**
 * A highly available control plane the kubeadm way: init with a controlPlaneEndpoint and
 * --upload-certs, control plane joins with the certificate key, a stacked etcd of several members.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../../src/sim/world';
import { ApiClient, type KubeObject } from '../../../src/sim/apiserver';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { etcdMembers } from '../../../src/sim/kubeadm/etcd-members';
import { freshWorld, run, usePackageNetwork } from '../../tools/helpers';
import { PREPARE_NODE } from './prepare';

beforeAll(() => usePackageNetwork());

const HOSTS = "printf '%s\\n' '192.168.6.171 cka01 k8s-api.cka.lab' '192.168.6.172 cka02' '192.168.6.173 cka03' >> /etc/hosts\n";

async function prepared(hosts: string[]): Promise<World> {
  const w = freshWorld();
  for (const host of hosts) await run(w, HOSTS + PREPARE_NODE, { host });
  return w;
}

function secret(w: World, name: string): KubeObject | undefined {
  const r = new ApiClient(clusterOf(w)!.apiServer).get({ group: '', version: 'v1', resource: 'secrets' }, 'kube-system', name);
  return r.code === 200 ? (r.body as KubeObject) : undefined;
}

describe('kubeadm HA', () => {
  it('init --control-plane-endpoint --upload-certs prints both join commands; control planes join with the key; etcd has a member each', async () => {
    const w = await prepared(['cka01', 'cka02']);
    const init = await run(w, 'kubeadm init --control-plane-endpoint=k8s-api.cka.lab:6443 --upload-certs --pod-network-cidr=10.244.0.0/16; echo rc=$?');
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain('[certs] apiserver serving cert is signed for DNS names [cka01 kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local k8s-api.cka.lab] and IPs [10.96.0.1 192.168.6.171]\n');
    expect(init.stdout).toMatch(/\[upload-certs\] Storing the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace\n\[upload-certs\] Using certificate key:\n[0-9a-f]{64}\n/);
    const cp = /You can now join any number of control-plane nodes running the following command on each as root:\n\n {2}kubeadm join k8s-api\.cka\.lab:6443 --token (\S+) \\\n\t--discovery-token-ca-cert-hash (sha256:[0-9a-f]{64}) \\\n\t--control-plane --certificate-key ([0-9a-f]{64})\n\nPlease note that the certificate-key gives access to cluster sensitive data, keep it secret!\nAs a safeguard, uploaded-certs will be deleted in two hours; If necessary, you can use\n"kubeadm init phase upload-certs --upload-certs" to reload certs afterward.\n\nThen you can join any number of worker nodes/.exec(init.stdout);
    expect(cp).not.toBeNull();
    expect(init.stdout).toMatch(/kubeadm join k8s-api\.cka\.lab:6443 --token \S+ \\\n\t--discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \nrc=0\n$/);
    // The kubeconfigs name the endpoint, which /etc/hosts resolves.
    const kc = await run(w, 'mkdir -p ~/.kube; cp /etc/kubernetes/admin.conf ~/.kube/config; grep server: ~/.kube/config; kubectl get nodes -o name');
    expect(kc.stdout).toBe('    server: https://k8s-api.cka.lab:6443\nnode/cka01\n');
    // The certificates Secret is owned by a bootstrap token that expires in two hours.
    const certs = secret(w, 'kubeadm-certs')!;
    expect(Object.keys(certs.data as object).sort()).toEqual(['ca.crt', 'ca.key', 'etcd-ca.crt', 'etcd-ca.key', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'sa.key', 'sa.pub']);
    const owner = certs.metadata!.ownerReferences![0];
    const token = secret(w, owner.name)!;
    expect(atob((token.data as Record<string, string>).description)).toBe('Proxy for managing TTL for the kubeadm-certs secret');
    expect(Date.parse(atob((token.data as Record<string, string>).expiration)) - w.clock.now()).toBeGreaterThan(2 * 3600_000 - 60_000);

    // A wrong key cannot decrypt the certificates.
    const bad = await run(w, `kubeadm join k8s-api.cka.lab:6443 --token ${cp![1]} --discovery-token-ca-cert-hash ${cp![2]} --control-plane --certificate-key ${'0'.repeat(64)}; echo rc=$?`, { host: 'cka02' });
    expect(bad.stderr).toContain('error execution phase control-plane-prepare/download-certs: error downloading certs: error decoding secret data with provided key: cipher: message authentication failed\n');
    expect(bad.stdout).toMatch(/rc=1\n$/);
    await run(w, 'kubeadm reset -f >/dev/null 2>&1', { host: 'cka02' });

    const join = await run(w, `kubeadm join k8s-api.cka.lab:6443 --token ${cp![1]} --discovery-token-ca-cert-hash ${cp![2]} --control-plane --certificate-key ${cp![3]}; echo rc=$?`, { host: 'cka02' });
    expect(join.stderr).toBe('');
    expect(join.stdout).toContain('[download-certs] Downloading the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace\n[download-certs] Saving the certificates to the folder: "/etc/kubernetes/pki"\n');
    expect(join.stdout).toContain('This node has joined the cluster and a new control plane instance was created:\n');
    expect(join.stdout).toMatch(/rc=0\n$/);
    // The same CA on both control planes; its own etcd joined the existing cluster.
    const ca = (host: string) => w.machines.get(host)!.rootFs.readFile('/etc/kubernetes/pki/ca.crt');
    expect(ca('cka02')).toBe(ca('cka01'));
    expect(w.machines.get('cka02')!.rootFs.readFile('/etc/kubernetes/manifests/etcd.yaml')).toContain('    - --initial-cluster=cka01=https://192.168.6.171:2380,cka02=https://192.168.6.172:2380\n    - --initial-cluster-state=existing\n');
    expect(etcdMembers(w).map((m) => m.name)).toEqual(['cka01', 'cka02']);
    w.clock.advance(30_000);
    const check = await run(w, 'kubectl get nodes --no-headers | awk \'{print $1, $3}\'; kubectl get pods -n kube-system -l component=kube-apiserver -o name');
    expect(check.stdout).toBe('cka01 control-plane\ncka02 control-plane\npod/kube-apiserver-cka01\npod/kube-apiserver-cka02\n');
    // Two etcd members need both: stopping one loses the quorum until the kubelet restarts it.
    await run(w, 'systemctl stop kubelet; crictl ps --name etcd -q 2>/dev/null | xargs crictl stop >/dev/null 2>&1', { host: 'cka02' });
    const lost = await run(w, 'kubectl get nodes -o name >/dev/null 2>&1; echo rc=$?');
    expect(lost.stdout).toBe('rc=1\n');
    await run(w, 'systemctl start kubelet', { host: 'cka02' });
    const back = await run(w, 'sleep 30; kubectl get nodes -o name | wc -l');
    expect(back.stdout).toBe('2\n');
  }, 60_000);

  it('a control plane cannot join a cluster without controlPlaneEndpoint; token create prints the control-plane join command', async () => {
    const w = await prepared(['cka01', 'cka02']);
    await run(w, 'kubeadm init --pod-network-cidr=10.244.0.0/16 >/dev/null');
    const up = await run(w, 'kubeadm init phase upload-certs --upload-certs');
    const key = up.stdout.trim().split('\n').pop()!;
    expect(up.stdout).toBe(`[upload-certs] Storing the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace\n[upload-certs] Using certificate key:\n${key}\n`);
    const cmd = await run(w, `kubeadm token create --print-join-command --certificate-key ${key}`);
    expect(cmd.stdout).toMatch(new RegExp(`^kubeadm join 192\\.168\\.6\\.171:6443 --token \\S+ --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} --control-plane --certificate-key ${key}\\n$`));
    const join = await run(w, `${cmd.stdout.trim()}; echo rc=$?`, { host: 'cka02' });
    expect(join.stderr).toBe(
      'error execution phase preflight: \nOne or more conditions for hosting a new control plane instance is not satisfied.\n\nunable to add a new control plane instance to a cluster that doesn\'t have a stable controlPlaneEndpoint address\n\nPlease ensure that:\n* The cluster has a stable controlPlaneEndpoint address.\n* The certificates that must be shared among control plane instances are provided.\n\n\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
    expect(join.stdout).toMatch(/rc=1\n$/);
  }, 60_000);

  it('the uploaded certificates live two hours: their proxy token is listed, then the token cleaner and the garbage collector remove both', async () => {
    const w = await prepared(['cka01', 'cka02']);
    await run(w, 'kubeadm init --control-plane-endpoint k8s-api.cka.lab --upload-certs --pod-network-cidr=10.244.0.0/16 > init.log');
    const list = await run(w, "kubeadm token list | awk 'NR > 1 {print $2, $4}' | sort; kubeadm token list | grep -c 'Proxy for managing TTL for the kubeadm-certs secret'");
    expect(list.stdout).toBe('1h <none>\n23h authentication,signing\n1\n');
    const cmd = (await run(w, "grep -A2 'control-plane nodes running' init.log | tail -2; sed -n '/--control-plane --certificate-key/p' init.log")).stdout;
    const key = /--certificate-key ([0-9a-f]{64})/.exec(cmd)![1];
    await run(w, 'sleep 7300');
    expect(secret(w, 'kubeadm-certs')).toBeUndefined();
    const join2 = await run(w, `${(await run(w, `kubeadm token create --print-join-command --certificate-key ${key}`)).stdout.trim()}; echo rc=$?`, { host: 'cka02' });
    expect(join2.stderr).toBe('error execution phase control-plane-prepare/download-certs: error downloading certs: error downloading the secret: secrets "kubeadm-certs" not found\nTo see the stack trace of this error execute with --v=5 or higher\n');
    expect(join2.stdout).toMatch(/rc=1\n$/);
  }, 60_000);

  it('join --config reads the discovery settings of a JoinConfiguration', async () => {
    const w = await prepared(['cka01', 'cka02']);
    await run(w, 'kubeadm init --pod-network-cidr=10.244.0.0/16 >/dev/null');
    const cmd = (await run(w, 'kubeadm token create --print-join-command')).stdout;
    const [, token, hash] = /--token (\S+) --discovery-token-ca-cert-hash (\S+)/.exec(cmd)!;
    const file = `apiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\ndiscovery:\n  bootstrapToken:\n    apiServerEndpoint: 192.168.6.171:6443\n    token: ${token}\n    caCertHashes:\n    - ${hash}\nnodeRegistration:\n  name: cka02\n`;
    const join = await run(w, `cat > join.yaml <<'EOF'\n${file}EOF\nkubeadm join --config join.yaml | tail -4; echo rc=$?`, { host: 'cka02' });
    expect(join.stdout).toBe("* The Kubelet was informed of the new secure connection details.\n\nRun 'kubectl get nodes' on the control-plane to see this node join the cluster.\n\nrc=0\n");
  }, 60_000);

  it('init --config: the file decides; mixing it with flags is refused; validate says ok', async () => {
    const w = await prepared(['cka01']);
    const cfg = [
      'cat <<CONFIG > kubeadm-config.yaml',
      'apiVersion: kubeadm.k8s.io/v1beta4',
      'kind: InitConfiguration',
      'localAPIEndpoint:',
      '  advertiseAddress: 192.168.6.171',
      'nodeRegistration:',
      '  name: cka01',
      '  taints: []',
      '---',
      'apiVersion: kubeadm.k8s.io/v1beta4',
      'kind: ClusterConfiguration',
      'kubernetesVersion: v1.33.4',
      'networking:',
      '  podSubnet: 10.244.0.0/16',
      'CONFIG',
      '',
    ].join('\n');
    const v = await run(w, `${cfg}kubeadm config validate --config kubeadm-config.yaml`);
    expect(v.stdout).toBe('ok\n');
    const mixed = await run(w, 'kubeadm init --config kubeadm-config.yaml --pod-network-cidr=10.244.0.0/16; echo rc=$?');
    expect(mixed.stderr).toBe("can not mix '--config' with arguments [pod-network-cidr]\nTo see the stack trace of this error execute with --v=5 or higher\n");
    expect(mixed.stdout).toBe('rc=1\n');
    const init = await run(w, 'kubeadm init --config kubeadm-config.yaml | grep -E "^\\[init\\]|mark-control-plane|initialized"; mkdir -p ~/.kube; cp /etc/kubernetes/admin.conf ~/.kube/config; kubectl get node cka01 -o jsonpath="{.spec.taints}" | grep -c control-plane');
    expect(init.stdout).toBe(
      '[init] Using Kubernetes version: v1.33.4\n[mark-control-plane] Marking the node cka01 as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]\nYour Kubernetes control-plane has initialized successfully!\n0\n',
    );
  }, 60_000);
});
