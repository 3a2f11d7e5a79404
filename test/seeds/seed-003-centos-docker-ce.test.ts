/**
 * Seed 003 (CentOS 7.9, docker-ce from aliyun, kubeadm 1.28.2 from the aliyun el7 repository,
 * Flannel) on the `machines-centos` world. The seed's hosts kmaster/knode1/knode2 on 10.10.10.0/24
 * are cka01/cka02 here. Adapted where the seed cannot work as written:
 * - `Wget - O …` (capital W, a space in -O) is not a command: the mirror's repo file is fetched with curl;
 * - swap is commented out in /etc/fstab with sed instead of vim; the elrepo kernel upgrade is left out;
 * - the seed installs docker-ce and kubeadm 1.28 without cri-dockerd: kubeadm init then stops at
 *   [ERROR CRI] because Docker's containerd.io ships config.toml with the CRI plugin disabled (tested);
 *   the fix the chapters teach (containerd config default, SystemdCgroup, sandbox image) follows.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../tools/helpers';
import { bootWorld } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

function prepare(host: string): string {
  return [
    `hostnamectl set-hostname ${host}`,
    'curl -s -o /etc/yum.repos.d/CentOS-Base.repo https://mirrors.aliyun.com/repo/Centos-7.repo',
    'yum makecache >/dev/null',
    'cat >> /etc/hosts <<EOF',
    '192.168.6.171 cka01',
    '192.168.6.172 cka02',
    '192.168.6.173 cka03',
    'EOF',
    'systemctl disable firewalld 2>/dev/null',
    'systemctl stop firewalld',
    "sed -ri 's/SELINUX=enforcing/SELINUX=disabled/' /etc/selinux/config",
    "sed -i '/ swap / s/^/# /' /etc/fstab",
    'swapoff -a',
    'cat > /etc/sysctl.d/k8s.conf << EOF',
    'net.bridge.bridge-nf-call-ip6tables = 1',
    'net.bridge.bridge-nf-call-iptables = 1',
    'net.ipv4.ip_forward = 1',
    'vm.swappiness = 0',
    'EOF',
    'modprobe br_netfilter',
    'sysctl --system >/dev/null',
    'yum -y -q install ipset ipvsadm >/dev/null',
    'cat > /etc/sysconfig/modules/ipvs.modules <<EOF',
    '#!/bin/bash',
    'modprobe -- ip_vs',
    'modprobe -- ip_vs_rr',
    'modprobe -- ip_vs_wrr',
    'modprobe -- ip_vs_sh',
    'modprobe -- nf_conntrack',
    'EOF',
    'chmod 755 /etc/sysconfig/modules/ipvs.modules && bash /etc/sysconfig/modules/ipvs.modules',
    'yum -y -q install yum-utils >/dev/null',
    'yum-config-manager --add-repo http://mirrors.aliyun.com/docker-ce/linux/centos/docker-ce.repo >/dev/null',
    'yum install -y -q docker-ce >/dev/null',
    'systemctl start docker && systemctl enable docker 2>/dev/null',
    'cat >/etc/docker/daemon.json<<EOF',
    '{',
    '   "registry-mirrors": ["http://hub-mirror.c.163.com"]',
    '}',
    'EOF',
    'systemctl reload docker',
    'cat <<EOF > /etc/yum.repos.d/kubernetes.repo',
    '[kubernetes]',
    'name=Kubernetes',
    'baseurl=https://mirrors.aliyun.com/kubernetes/yum/repos/kubernetes-el7-x86_64/',
    'enabled=1',
    'gpgcheck=1',
    'repo_gpgcheck=1',
    'gpgkey=https://mirrors.aliyun.com/kubernetes/yum/doc/yum-key.gpg https://mirrors.aliyun.com/kubernetes/yum/doc/rpm-package-key.gpg',
    'EOF',
    'setenforce 0',
    'yum install -y -q kubelet kubeadm kubectl >/dev/null',
    'echo \'KUBELET_EXTRA_ARGS="--cgroup-driver=systemd"\' > /etc/sysconfig/kubelet',
    'systemctl enable kubelet 2>/dev/null',
    '',
  ].join('\n');
}

const INIT = 'kubeadm init --apiserver-advertise-address=192.168.6.171 --image-repository registry.aliyuncs.com/google_containers --kubernetes-version v1.28.2 --service-cidr=10.1.0.0/16 --pod-network-cidr=10.244.0.0/16';

/** What the chapters teach after installing Docker's containerd.io: a full config with the CRI plugin, the systemd driver and the right pause image. */
const FIX_CONTAINERD = [
  'containerd config default > /etc/containerd/config.toml',
  "sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml",
  "sed -i 's#sandbox_image = .*#sandbox_image = \"registry.aliyuncs.com/google_containers/pause:3.9\"#' /etc/containerd/config.toml",
  'systemctl restart containerd',
  '',
].join('\n');

async function prepared(): Promise<World> {
  const w = bootWorld('machines-centos', 1);
  for (const host of ['cka01', 'cka02']) {
    const r = await run(w, prepare(host), { host });
    expect(r.stderr.replace(/warning: \/var\/cache\/yum\/[^\n]*NOKEY\n/g, ''), `prepare ${host}`).toBe('');
  }
  return w;
}

describe('seed 003: CentOS 7 + docker-ce + kubeadm 1.28.2 + Flannel', () => {
  it('the seed\'s typos and offline steps fail as the real tools do', async () => {
    const w = bootWorld('machines-centos', 1);
    const r = await run(w, 'Wget - O /etc/yum.repos.d/CentOS-Base.repo https://mirrors.aliyun.com/repo/Centos-7.repo; echo rc=$?\nsystemctl stop firewalld\nfirewall-cmd --state; echo rc=$?');
    expect(r.stdout).toBe('rc=127\nrc=252\n');
    expect(r.stderr).toBe('bash: line 1: Wget: command not found\nnot running\n');
    const ntp = await run(w, `curl -s -o /etc/yum.repos.d/CentOS-Base.repo https://mirrors.aliyun.com/repo/Centos-7.repo\nyum install ntpdate </dev/null; echo rc=$?\nrpm -q ntpdate`);
    // Without -y yum asks, and no answer exits.
    expect(ntp.stdout).toContain('Is this ok [y/d/N]: ');
    expect(ntp.stdout).toContain('Exiting on user command\n');
    expect(ntp.stdout).toContain('rc=1\npackage ntpdate is not installed\n');
  });

  it('the versions the seed gets: newest docker-ce for el7 and kubeadm 1.28.2-0 from the aliyun el7 repository', async () => {
    const w = await prepared();
    const r = await run(w, 'rpm -q docker-ce containerd.io kubeadm kubelet kubectl\ndocker --version\nkubeadm version -o short\nsystemctl is-active docker containerd\ngetenforce');
    expect(r.stdout).toBe('docker-ce-26.1.4-1.el7.x86_64\ncontainerd.io-1.6.33-3.1.el7.x86_64\nkubeadm-1.28.2-0.x86_64\nkubelet-1.28.2-0.x86_64\nkubectl-1.28.2-0.x86_64\nDocker version 26.1.4, build de5c9cf\nv1.28.2\nactive\nactive\nPermissive\n');
  });

  it('kubeadm 1.28 with Docker and no cri-dockerd: preflight stops at the disabled CRI plugin; the containerd fix gets a Ready cluster', async () => {
    const w = await prepared();
    const fail = await run(w, `${INIT}; echo rc=$?`);
    expect(fail.stdout).toContain('rc=1\n');
    expect(fail.stderr).toContain('[ERROR CRI]: container runtime is not running');
    expect(fail.stderr).toContain('unknown service runtime.v1.RuntimeService');
    const init = await run(w, `${FIX_CONTAINERD}${INIT}; echo rc=$?`);
    expect(init.stdout).toContain('Your Kubernetes control-plane has initialized successfully!');
    const join = /kubeadm join \S+ --token \S+ \\\n\s+--discovery-token-ca-cert-hash \S+/.exec(init.stdout)?.[0].replace(/\\\n\s+/, '');
    expect(join).toBeDefined();
    const joined = await run(w, `${FIX_CONTAINERD}${join}; echo rc=$?`, { host: 'cka02' });
    expect(joined.stdout).toContain('This node has joined the cluster');
    const ready = await run(
      w,
      'mkdir -p $HOME/.kube && cp -i /etc/kubernetes/admin.conf $HOME/.kube/config\nkubectl get nodes --no-headers | awk \'{print $1, $2}\'\nkubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml >/dev/null; echo rc=$?\nkubectl wait --for=condition=Ready node --all --timeout=600s >/dev/null; echo rc=$?\nkubectl get nodes --no-headers | awk \'{print $1, $2, $5}\'',
    );
    expect(ready.stdout).toBe('cka01 NotReady\ncka02 NotReady\nrc=0\nrc=0\ncka01 Ready v1.28.2\ncka02 Ready v1.28.2\n');
    // Docker still runs beside containerd, but the kubelet's pods are containerd's: docker ps shows none of them.
    const docker = await run(w, 'docker ps -q | wc -l');
    expect(docker.stdout).toBe('0\n');
  });
});
