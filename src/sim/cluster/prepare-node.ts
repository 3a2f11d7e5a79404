/**
 * What the install chapter's prepare-node.sh leaves on a machine before kubeadm runs: the overlay and
 * br_netfilter modules loaded and listed in /etc/modules-load.d/k8s.conf, bridge netfilter and IPv4
 * forwarding on and persisted in /etc/sysctl.d/k8s.conf, and containerd's default configuration with
 * the systemd cgroup driver and the pause image kubeadm v1.33 expects. The `cluster` scenario starts
 * from this state, so that it matches a cluster built by typing the chapter's commands.
 */
import type { Machine } from '../machine/machine';
import { loadModule } from '../kernel/modules';
import { parseSysctlConf, writeSysctl } from '../kernel/sysctl';
import { kernelState } from '../kernel/state';
import { CONTAINERD_DEFAULT_CONFIG } from '../packages/containerd-default-config';

export const K8S_MODULES_CONF = 'overlay\nbr_netfilter\n';
export const K8S_SYSCTL_CONF = 'net.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nnet.ipv4.ip_forward = 1\n';

/** `containerd config default` after the chapter's two sed edits (cgroup driver, sandbox image). */
export function kubeadmContainerdConfig(pauseImage = 'registry.k8s.io/pause:3.10'): string {
  return CONTAINERD_DEFAULT_CONFIG.replace('SystemdCgroup = false', 'SystemdCgroup = true').replace(/sandbox_image = .*/, `sandbox_image = "${pauseImage}"`);
}

function writeFile(m: Machine, path: string, text: string, mode = 0o644): void {
  const fs = m.rootFs;
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
  fs.writeFile(path, text);
  fs.chmod(path, mode);
}

export function prepareKubeadmNode(m: Machine, pauseImage?: string): void {
  const fs = m.rootFs;
  // The booted kernel's /proc first, then what the script changes in it.
  kernelState(m);
  writeFile(m, '/etc/modules-load.d/k8s.conf', K8S_MODULES_CONF);
  for (const name of K8S_MODULES_CONF.trim().split('\n')) loadModule(fs, name);
  writeFile(m, '/etc/sysctl.d/k8s.conf', K8S_SYSCTL_CONF);
  for (const s of parseSysctlConf(K8S_SYSCTL_CONF)) if ('key' in s) writeSysctl(fs, s.key, s.value);
  writeFile(m, '/etc/containerd/config.toml', kubeadmContainerdConfig(pauseImage));
}
