/**
 * Seed 000 (CentOS 7, Docker 19.03, kubeadm 1.20.9, Calico) run through sessions on the
 * `machines-centos` world, as written where the seed is right, and adapted where it cannot work:
 * - the stock CentOS-Base.repo points at mirrorlist.centos.org, gone since CentOS 7's end of life:
 *   the mirror's repo file is fetched with curl before the first yum (the seed's first command,
 *   `yum install -y wget`, fails — tested below);
 * - the shell's curl has no -O: the manifest is saved with -o calico.yaml;
 * - daemon.json gets `"exec-opts": ["native.cgroupdriver=systemd"]`: the kubelet config written here
 *   sets cgroupDriver: systemd, which with Docker's default cgroupfs stops the kubelet (tested below).
 * Each of the seed's mistakes is run too and fails as the real tool does.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../tools/helpers';
import { bootWorld } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';
import { SEED_CONFIG } from './seed-000-kubeadm-config';

const MIRROR = 'curl -s -o /etc/yum.repos.d/CentOS-Base.repo https://mirrors.aliyun.com/repo/Centos-7.repo';

/** The base environment of every node (seed: 基础环境准备，需要在所有节点上操作). */
function prepare(host: string, ip: string): string {
  return [
    `hostnamectl set-hostname ${host} --static`,
    'cat >> /etc/hosts <<EOF',
    '192.168.6.171 cka01',
    '192.168.6.172 cka02',
    '192.168.6.173 cka03',
    'EOF',
    `# ${ip}`,
    'iptables -F',
    'iptables -t nat -F',
    'setenforce 0',
    "sed -i 's/^SELINUX=enforcing$/SELINUX=permissive/' /etc/selinux/config",
    MIRROR,
    'yum install -y -q wget >/dev/null',
    'swapoff -a',
    "sed -ri 's/(.*swap.*)/#\\1/' /etc/fstab",
    'cat > /etc/sysconfig/modules/ipvs.modules << EOF',
    '#! /bin/bash',
    'modprobe -- br_netfilter',
    'modprobe -- ip_vs',
    'modprobe -- ip_vs_rr',
    'modprobe -- ip_vs_wrr',
    'modprobe -- ip_vs_sh',
    'modprobe -- nf_conntrack_ipv4',
    'EOF',
    'chmod 755 /etc/sysconfig/modules/ipvs.modules && bash /etc/sysconfig/modules/ipvs.modules',
    'cat << EOF | tee /etc/sysctl.d/k8s.conf >/dev/null',
    'net.ipv4.ip_forward = 1',
    'vm.swappiness = 0',
    'net.bridge.bridge-nf-call-ip6tables = 1',
    'net.bridge.bridge-nf-call-iptables = 1',
    'EOF',
    'sysctl -p /etc/sysctl.d/k8s.conf >/dev/null',
    'yum install -y -q yum-utils device-mapper-persistent-data lvm2 >/dev/null',
    'wget -q -O /etc/yum.repos.d/docker-ce.repo https://repo.huaweicloud.com/docker-ce/linux/centos/docker-ce.repo',
    "sed -i 's+download.docker.com+repo.huaweicloud.com/docker-ce+' /etc/yum.repos.d/docker-ce.repo",
    'yum install -y -q docker-ce-19.03.15 >/dev/null',
    'mkdir /etc/docker',
    'cat > /etc/docker/daemon.json << EOF',
    '{ "exec-opts": ["native.cgroupdriver=systemd"], "log-driver": "json-file", "log-opts": { "max-size": "100m", "max-file": "10" }, "live-restore": true, "registry-mirrors": ["https://o9x1boqy.mirror.aliyuncs.com"] }',
    'EOF',
    'systemctl enable docker --now 2>/dev/null',
    'cat <<EOF > /etc/yum.repos.d/kubernetes.repo',
    '[kubernetes]',
    'name=Kubernetes',
    'baseurl=https://mirrors.aliyun.com/kubernetes/yum/repos/kubernetes-el7-x86_64/',
    'enabled=1',
    'gpgcheck=1',
    'repo_gpgcheck=1',
    'gpgkey=https://mirrors.aliyun.com/kubernetes/yum/doc/yum-key.gpg https://mirrors.aliyun.com/kubernetes/yum/doc/rpm-package-key.gpg',
    'EOF',
    'yum install -y -q kubelet-1.20.9 kubeadm-1.20.9 kubectl-1.20.9 >/dev/null',
    'systemctl enable kubelet --now 2>/dev/null',
    '',
  ].join('\n');
}

/** 1.20's init-defaults (v1beta2) written over with the seed's edited file, then init from it. */
const INIT = `kubeadm config print init-defaults > kubeadm-config.yaml\ncat > kubeadm-config.yaml <<'EOF'\n${SEED_CONFIG}EOF\nkubeadm init --config kubeadm-config.yaml`;

async function prepared(): Promise<World> {
  const w = bootWorld('machines-centos', 1);
  for (const [host, ip] of [['cka01', '192.168.6.171'], ['cka02', '192.168.6.172']]) {
    const r = await run(w, prepare(host, ip), { host });
    expect(r.stderr.replace(/warning: \/var\/cache\/yum\/[^\n]*NOKEY\n/g, ''), `prepare ${host}`).toBe('');
  }
  return w;
}

describe('seed 000: CentOS 7 + Docker 19.03 + kubeadm 1.20.9 + Calico', () => {
  it('the seed as written: yum fails first on the dead CentOS mirrorlist', async () => {
    const w = bootWorld('machines-centos', 1);
    const r = await run(w, 'yum install -y wget; echo rc=$?');
    expect(r.stdout.endsWith('rc=1\n')).toBe(true);
    expect(r.stderr).toContain('Could not resolve host: mirrorlist.centos.org; Unknown error');
  });

  it('the seed\'s SELinux sed writes an invalid value', async () => {
    const w = bootWorld('machines-centos', 1);
    const r = await run(w, "setenforce 0\ngetenforce\nsed -i 's/SELINUX=/SELINUX=disabled/g' /etc/selinux/config\ngrep '^SELINUX=' /etc/selinux/config");
    expect(r.stdout).toBe('Permissive\nSELINUX=disabledenforcing\n');
  });

  it('prepared nodes: Docker runs with the systemd driver, kubelet waits for kubeadm, nf_conntrack_ipv4 exists on 3.10', async () => {
    const w = await prepared();
    const r = await run(w, 'docker info 2>/dev/null | grep "Cgroup Driver"\nrpm -q docker-ce kubeadm kubelet kubectl\nsystemctl is-active kubelet\nlsmod | grep -c ^nf_conntrack_ipv4\ngetenforce');
    expect(r.stdout).toBe(' Cgroup Driver: systemd\ndocker-ce-19.03.15-3.el7.x86_64\nkubeadm-1.20.9-0.x86_64\nkubelet-1.20.9-0.x86_64\nkubectl-1.20.9-0.x86_64\nactivating\n1\nPermissive\n');
  });

  it('init, Calico, join: nodes Ready, pods run as Docker containers through dockershim', async () => {
    const w = await prepared();
    const init = await run(w, `${INIT}; echo rc=$?`);
    expect(init.stdout).toContain('Your Kubernetes control-plane has initialized successfully!');
    expect(init.stdout.endsWith('rc=0\n')).toBe(true);
    // The file decided: the mirror's images at the seed's version.
    const image = await run(w, 'grep image: /etc/kubernetes/manifests/kube-apiserver.yaml');
    expect(image.stdout).toBe('    image: registry.aliyuncs.com/google_containers/kube-apiserver:v1.20.9\n');
    const join = /kubeadm join \S+ --token \S+ \\\n\s+--discovery-token-ca-cert-hash \S+/.exec(init.stdout)?.[0].replace(/\\\n\s+/, '');
    expect(join).toBeDefined();
    const before = await run(w, 'export KUBECONFIG=/etc/kubernetes/admin.conf\nkubectl get nodes --no-headers | awk \'{print $1, $2}\'');
    expect(before.stdout).toBe('cka01 NotReady\n');
    const joined = await run(w, `${join}; echo rc=$?`, { host: 'cka02' });
    expect(joined.stdout).toContain('This node has joined the cluster');
    const cni = await run(w, 'export KUBECONFIG=/etc/kubernetes/admin.conf\ncurl -s -o calico.yaml https://docs.projectcalico.org/manifests/calico.yaml\nkubectl apply -f calico.yaml >/dev/null; echo rc=$?\nkubectl wait --for=condition=Ready node --all --timeout=600s >/dev/null; echo rc=$?\nkubectl get nodes --no-headers | awk \'{print $1, $2, $5}\'');
    expect(cni.stdout).toBe('rc=0\nrc=0\ncka01 Ready v1.20.9\ncka02 Ready v1.20.9\n');
    const docker = await run(w, 'docker ps | grep -c " k8s_kube-apiserver_kube-apiserver-cka01_kube-system_"\ndocker ps | grep -c k8s_POD_calico-node', { host: 'cka01' });
    expect(docker.stdout).toBe('1\n1\n');
    const worker = await run(w, 'docker ps --format x >/dev/null 2>&1; docker ps | grep -c "k8s_kube-proxy_kube-proxy-"', { host: 'cka02' });
    expect(worker.stdout).toBe('1\n');
  });

  it('upgrade to 1.21 the CentOS way: yum with --disableexcludes, kubeadm first, then kubelet and kubectl', async () => {
    const w = await prepared();
    await run(w, `${INIT} >/dev/null 2>&1`);
    const r = await run(
      w,
      'export KUBECONFIG=/etc/kubernetes/admin.conf\ncurl -s -o calico.yaml https://docs.projectcalico.org/manifests/calico.yaml\nkubectl apply -f calico.yaml >/dev/null\nkubectl wait --for=condition=Ready node --all --timeout=300s >/dev/null\n' +
        'yum list --showduplicates kubeadm --disableexcludes=kubernetes | grep -E "@kubernetes|1\\.21\\.0-"\nyum update -y -q kubeadm-1.21.0-0 >/dev/null; kubeadm version -o short\n' +
        'kubectl drain cka01 --ignore-daemonsets >/dev/null 2>&1\nkubeadm upgrade apply v1.21.0 -y | grep SUCCESS\nkubectl uncordon cka01 >/dev/null\n' +
        'yum update -y -q kubelet-1.21.0-0 kubectl-1.21.0-0 >/dev/null\nsystemctl daemon-reload\nsystemctl restart kubelet\nsleep 30\nkubectl get nodes --no-headers | awk \'{print $1, $2, $5}\'',
    );
    expect(r.stdout).toBe(
      'kubeadm.x86_64                          1.20.9-0                  @kubernetes\nkubeadm.x86_64                          1.21.0-0                  kubernetes\nv1.21.0\n' +
        '[upgrade/successful] SUCCESS! Your cluster was upgraded to "v1.21.0". Enjoy!\ncka01 Ready v1.21.0\n',
    );
  });

  it('the seed\'s mistakes in reset and upgrade fail as the real tools do', async () => {
    const w = await prepared();
    const r = await run(w, 'systemctl stop kebelet; echo rc=$?\nsystemctl daemon_reload; echo rc=$?\nyum update -y -q kubelet-1.20.4-0 kubectl-1.21.0-0 >/dev/null; rpm -q kubelet kubectl');
    expect(r.stderr).toContain('Failed to stop kebelet.service: Unit kebelet.service not loaded.\n');
    expect(r.stderr).toContain("Unknown operation 'daemon_reload'.\n");
    // kubelet-1.20.4 is older than the installed 1.20.9: yum updates only kubectl, the versions now differ.
    expect(r.stdout).toBe('rc=5\nrc=1\nkubelet-1.20.9-0.x86_64\nkubectl-1.21.0-0.x86_64\n');
  });

  it('Docker\'s default cgroupfs with a kubelet configured for systemd: the kubelet refuses to run', async () => {
    const w = await prepared();
    await run(w, 'echo \'{}\' > /etc/docker/daemon.json\nsystemctl restart docker');
    const init = await run(w, `${INIT} >/dev/null`);
    expect(init.stderr).toContain('\t[WARNING IsDockerSystemdCheck]: detected "cgroupfs" as the Docker cgroup driver. The recommended driver is "systemd". Please follow the guide at https://kubernetes.io/docs/setup/cri/\n');
    const r = await run(w, 'sleep 20\njournalctl -u kubelet --no-pager | grep -c \'misconfiguration: kubelet cgroup driver: \\\\"systemd\\\\" is different from docker cgroup driver: \\\\"cgroupfs\\\\"\'');
    expect(Number(r.stdout.trim())).toBeGreaterThan(0);
  });
});
