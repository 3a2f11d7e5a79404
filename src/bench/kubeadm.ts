/**
 * kubeadm.init_to_ready_ms: ms of CPU (wall time here) for a simulated 3-node install through
 * shell sessions: prepare the three machines (swap, modules, sysctl, containerd, pkgs.k8s.io),
 * kubeadm init on cka01, kubeadm join on cka02 and cka03, flannel through the API, until every
 * node is Ready. Simulated time advances by hand.
 */
import type { BenchResult } from '../cli/bench';
import { result } from './_measure';
import { Session } from '../shell/session';
import { bootWorld } from '../runtime/session';
import { systemPrograms } from '../runtime/programs';
import { installPrograms, UBUNTU_BASE_PROGRAMS } from '../sim/machine/image';
import { loadMachineTools, machineTools, toolNames } from '../tools/index';
import { setNetworkProvider } from '../shell/commands/lib/system';
import { downloadArtefact, packageHostAddress } from '../sim/packages/downloads';
import { clusterOf } from '../sim/cluster/attach';
import { ApiClient } from '../sim/apiserver';
import { flannelObjects } from '../sim/cluster/addons';
import { allNodesReady } from '../sim/cluster/bootstrap';
import { createObjects } from '../sim/kubeadm/init';
import type { World } from '../sim/world';

const PREPARE = [
  'swapoff -a',
  'printf "overlay\\nbr_netfilter\\n" > /etc/modules-load.d/k8s.conf',
  'modprobe overlay; modprobe br_netfilter',
  'printf "net.bridge.bridge-nf-call-iptables = 1\\nnet.bridge.bridge-nf-call-ip6tables = 1\\nnet.ipv4.ip_forward = 1\\n" > /etc/sysctl.d/k8s.conf',
  'sysctl --system >/dev/null',
  'apt-get install -y containerd >/dev/null',
  'mkdir -p /etc/containerd; containerd config default > /etc/containerd/config.toml',
  "sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml; systemctl restart containerd",
  'curl -fsSL https://pkgs.k8s.io/core:/stable:/v1.33/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg',
  "echo 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.33/deb/ /' > /etc/apt/sources.list.d/kubernetes.list",
  'apt-get update >/dev/null; apt-get install -y kubelet kubeadm kubectl >/dev/null',
  '',
].join('\n');

async function runOn(world: World, host: string, script: string): Promise<string> {
  let stdout = '';
  const session = new Session({ world, host, user: 'root', mode: 'stdin', programs: { ...systemPrograms(world), ...machineTools }, stdout: { write: (s) => void (stdout += s) }, stderr: { write: () => undefined } });
  await session.feed(script);
  await session.finish();
  return stdout;
}

async function install(): Promise<boolean> {
  const world = bootWorld('machines', 1);
  for (const m of world.machines.values()) installPrograms(m.rootFs, toolNames.filter((n) => UBUNTU_BASE_PROGRAMS.includes(n)));
  for (const host of ['cka01', 'cka02', 'cka03']) await runOn(world, host, PREPARE);
  const init = await runOn(world, 'cka01', 'kubeadm init --pod-network-cidr=10.244.0.0/16\n');
  const join = /(kubeadm join \S+ --token \S+) \\\n\t(--discovery-token-ca-cert-hash \S+)/.exec(init);
  if (!join) return false;
  for (const host of ['cka02', 'cka03']) await runOn(world, host, `${join[1]} ${join[2]}\n`);
  const cluster = clusterOf(world);
  if (!cluster) return false;
  const admin = new ApiClient(cluster.apiServer, undefined, 'kubectl-client-side-apply');
  createObjects(admin, flannelObjects('10.244.0.0/16'));
  for (let i = 0; i < 180 && !allNodesReady(admin); i++) world.clock.advance(1_000);
  return allNodesReady(admin);
}

export async function run(): Promise<BenchResult[]> {
  setNetworkProvider({
    resolve: (_ctx, host) => packageHostAddress(host) ?? (/^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : null),
    http: (_ctx, req) => downloadArtefact(req.url) ?? { error: 'refused' },
  });
  // The tools' code loads on first use: load it before timing the install itself.
  await loadMachineTools();
  const t0 = performance.now();
  const ready = await install();
  const ms = performance.now() - t0;
  return [result('kubeadm.init_to_ready_ms', ready ? ms : Number.NaN, 'ms', 5000)];
}
