/**
 * The Ubuntu + containerd + pkgs.k8s.io seed, run through sessions on the `machines` world:
 * prepare each node, kubeadm init on cka01, kubeadm join on cka02 with the printed command.
 * Adapted where the seed is wrong for a fresh machine: containerd comes from Ubuntu's package
 * (the seed's release tarball needs the download catalogue), and pkgs.k8s.io is v1.33.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, run, usePackageNetwork } from '../../tools/helpers';
import { clusterOf } from '../../../src/sim/cluster/attach';

const PREPARE = [
  'swapoff -a',
  "sed -i '/swap/ s/^/#/' /etc/fstab",
  'cat <<EOF | tee /etc/modules-load.d/k8s.conf >/dev/null',
  'overlay',
  'br_netfilter',
  'EOF',
  'modprobe overlay',
  'modprobe br_netfilter',
  'cat <<EOF | tee /etc/sysctl.d/k8s.conf >/dev/null',
  'net.bridge.bridge-nf-call-iptables  = 1',
  'net.bridge.bridge-nf-call-ip6tables = 1',
  'net.ipv4.ip_forward                 = 1',
  'EOF',
  'sysctl --system >/dev/null',
  'apt-get update >/dev/null',
  'apt-get install -y containerd >/dev/null',
  'mkdir -p /etc/containerd',
  'containerd config default > /etc/containerd/config.toml',
  "sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml",
  'systemctl restart containerd',
  'apt-get install -y apt-transport-https ca-certificates curl gpg >/dev/null',
  'curl -fsSL https://pkgs.k8s.io/core:/stable:/v1.33/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg',
  "echo 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.33/deb/ /' | tee /etc/apt/sources.list.d/kubernetes.list >/dev/null",
  'apt-get update >/dev/null',
  'apt-get install -y kubelet kubeadm kubectl >/dev/null',
  'apt-mark hold kubelet kubeadm kubectl >/dev/null',
  'systemctl enable --now kubelet',
  '',
].join('\n');

beforeAll(() => usePackageNetwork());

describe('kubeadm on prepared machines', () => {
  it('version and images of the installed kubeadm', async () => {
    const w = freshWorld();
    await run(w, PREPARE);
    const r = await run(w, 'kubeadm version -o short\nkubeadm config images list\nkubeadm config images list --image-repository registry.aliyuncs.com/google_containers --kubernetes-version v1.33.0 | sed -n 5p');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'v1.33.4\n' +
        'registry.k8s.io/kube-apiserver:v1.33.4\nregistry.k8s.io/kube-controller-manager:v1.33.4\nregistry.k8s.io/kube-scheduler:v1.33.4\nregistry.k8s.io/kube-proxy:v1.33.4\n' +
        'registry.k8s.io/coredns/coredns:v1.12.0\nregistry.k8s.io/pause:3.10\nregistry.k8s.io/etcd:3.5.21-0\n' +
        'registry.aliyuncs.com/google_containers/coredns:v1.12.0\n',
    );
  });

  it('preflight fails with the real texts on an unprepared machine', async () => {
    const w = freshWorld();
    await run(w, 'apt-get install -y containerd >/dev/null');
    const fs = w.machines.get('cka01')!.rootFs;
    fs.writeFile('/usr/bin/kubeadm', '\u007fELF\u0002\u0001\u0001\u0000 program:kubeadm\n');
    fs.chmod('/usr/bin/kubeadm', 0o755);
    const r = await run(w, 'kubeadm init --kubernetes-version v1.33.4; echo rc=$?');
    expect(r.stdout).toBe('[init] Using Kubernetes version: v1.33.4\n[preflight] Running pre-flight checks\nrc=1\n');
    expect(r.stderr).toBe(
      '\t[WARNING Swap]: swap is supported for cgroup v2 only. The kubelet must be properly configured to use swap. Please refer to https://kubernetes.io/docs/concepts/architecture/nodes/#swap-memory, or disable swap on the node\n' +
        "\t[WARNING Service-Kubelet]: kubelet service is not enabled, please run 'systemctl enable kubelet.service'\n" +
        'error execution phase preflight: [preflight] Some fatal errors occurred:\n' +
        '\t[ERROR FileContent--proc-sys-net-ipv4-ip_forward]: /proc/sys/net/ipv4/ip_forward contents are not set to 1\n' +
        '[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\n' +
        'To see the stack trace of this error execute with --v=5 or higher\n',
    );
  });

  it('init brings up the control plane; join adds a worker; tokens list', async () => {
    const w = freshWorld();
    await run(w, PREPARE);
    await run(w, PREPARE, { host: 'cka02' });
    const init = await run(w, 'kubeadm init --pod-network-cidr=10.244.0.0/16; echo rc=$?');
    expect(init.stderr).toBe('');
    expect(init.stdout).toContain('[init] Using Kubernetes version: v1.33.4\n[preflight] Running pre-flight checks\n[preflight] Pulling images required for setting up a Kubernetes cluster\n');
    expect(init.stdout).toContain('[kubelet-start] Starting the kubelet\n');
    expect(init.stdout).toContain('Your Kubernetes control-plane has initialized successfully!\n');
    const join = /kubeadm join 192\.168\.6\.171:6443 --token (\S+) \\\n\t--discovery-token-ca-cert-hash (sha256:[0-9a-f]{64}) \nrc=0\n$/.exec(init.stdout);
    expect(join).not.toBeNull();
    const nodes = await run(w, 'mkdir -p $HOME/.kube\ncp -i /etc/kubernetes/admin.conf $HOME/.kube/config\nkubectl get nodes -o name');
    expect(nodes.stdout).toBe('node/cka01\n');
    const j = await run(w, `kubeadm join 192.168.6.171:6443 --token ${join![1]} --discovery-token-ca-cert-hash ${join![2]}; echo rc=$?`, { host: 'cka02' });
    expect(j.stderr).toBe('');
    expect(j.stdout).toContain('This node has joined the cluster:\n');
    expect(clusterOf(w)!.kubelets.get('cka02')!.running).toBe(true);
    w.clock.advance(30_000);
    const after = await run(w, 'kubectl get nodes -o name; kubeadm token list | tail -n +2 | wc -l; kubeadm token create --print-join-command | grep -c "^kubeadm join 192.168.6.171:6443 --token "');
    expect(after.stdout).toBe('node/cka01\nnode/cka02\n1\n1\n');
  });
});
