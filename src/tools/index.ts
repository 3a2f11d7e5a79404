/**
 * Programs of a machine you install Kubernetes on: packages, systemd, kernel state, container
 * runtime tools, kubeadm, etcd tools. The lead's program table adds these; a program is
 * installed on a machine only when its executable file is on the PATH there.
 *
 * Their code (table.ts and everything it reaches: packages, systemd, kubeadm, openssl…) loads the
 * first time one of them runs, or when the page preloads it right after its first prompt: the
 * names are known up front (`which`, `ls /usr/bin`, completion need them), the code is not needed
 * to show a prompt. A test keeps this list equal to the table's keys.
 */
import type { Program } from '../shell/command';
import { lazyProgram, type LazyProgram } from '../shell/lazy-program';

export const toolNames: readonly string[] = [
  'swapoff', 'swapon', 'modprobe', 'lsmod', 'sysctl', 'hostnamectl', 'reboot', 'getenforce', 'setenforce', 'sestatus',
  'systemctl', 'journalctl', 'apt', 'apt-get', 'apt-cache', 'apt-mark', 'apt-key', 'dpkg', 'dpkg-query', 'gpg',
  'crictl', 'containerd', 'ctr', 'kubeadm', 'etcdctl', 'etcdutl', 'ufw', 'iptables', 'iptables-save', 'iptables-restore', 'ipvsadm', 'conntrack', 'ip6tables', 'timedatectl',
  'kubelet', 'runc', 'ntpdate', 'getent', 'chronyc', 'uname', 'yum', 'yum-config-manager', 'rpm', 'docker', 'cri-dockerd',
  'wget', 'firewall-cmd', 'openssl',
];

const loadTable = (): Promise<Record<string, Program>> => import('./table').then((m) => m.machineToolTable);

const lazyTools: Record<string, LazyProgram> = Object.fromEntries(toolNames.map((name) => [name, lazyProgram(() => loadTable().then((table) => table[name]))]));

export const machineTools: Record<string, Program> = lazyTools;

/** Loads the tools' code (once); afterwards each runs without waiting. */
export async function loadMachineTools(): Promise<void> {
  await Promise.all(Object.values(lazyTools).map((tool) => tool.preload()));
}
