/**
 * The start-up journals of the node's two daemons, from what the machine and the cluster hold:
 * the kubelet's (src/sim/kubelet/start-journal.ts) and containerd's
 * (src/sim/runtime/containerd-journal.ts). Each is computed once per start: nothing here runs
 * while the daemons run.
 */
import type { Machine } from '../machine/machine';
import type { Cluster } from '../cluster/cluster';
import type { KubeObject } from '../apiserver/types';
import type { JournalEntry, ServiceLogLine } from './journal';
import { renderServiceLine } from './journal';
import { kubeletArgs, kubeletNodeName } from '../kubelet/flags';
import { FIRST_REGISTRATION_MS, kubeletRegistrationLines, kubeletStartLines } from '../kubelet/start-journal';
import { containerdStartFacts, containerdStartLines, podCidrUpdateLine } from '../runtime/containerd-journal';
import { storedObject } from '../cluster/component-logs/cluster-state';

const FLEXVOLUME_DIR = '/usr/libexec/kubernetes/kubelet-plugins/volume/exec';

interface Installed {
  installed?: Record<string, { version: string }>;
}

function installedVersion(machine: Machine, pkg: string): string | undefined {
  return (machine.ext.packages as Installed | undefined)?.installed?.[pkg]?.version;
}

function readOr(machine: Machine, path: string): string {
  try {
    return machine.rootFs.readFile(path);
  } catch {
    return '';
  }
}

/** The Node of this machine's kubelet as the API stores it now. */
export function kubeletNode(machine: Machine, cluster: Cluster | undefined): KubeObject | undefined {
  return cluster ? storedObject(cluster, 'nodes', undefined, kubeletNodeName(machine)) : undefined;
}

/** The kubelet's journal for one start, and when (after its start) it handed containerd a pod CIDR. */
export interface KubeletStartJournal {
  lines: ServiceLogLine[];
  podCidrHandedAfterMs?: number;
}

/**
 * The kubelet's lines for a start at which the Node did (`nodeBefore`) or did not exist, with the
 * registration lines when it is connected (`registeredAfterMs` after its start).
 */
export function kubeletStartJournal(machine: Machine, cluster: Cluster | undefined, version: string, nodeBefore: KubeObject | undefined, registeredAfterMs: number | undefined): KubeletStartJournal {
  const fs = machine.rootFs;
  const flexvolumeDirMissing = !fs.stat(FLEXVOLUME_DIR);
  // The kubelet recreates the directory it did not find (probe.go).
  if (flexvolumeDirMissing) fs.mkdir(FLEXVOLUME_DIR, { recursive: true });
  const lines = kubeletStartLines({
    version,
    args: kubeletArgs(fs),
    config: readOr(machine, '/var/lib/kubelet/config.yaml'),
    runtimeVersion: cluster?.runtimes.get(machine.hostname)?.version ?? '1.7.27',
    flexvolumeDirMissing,
    firstStart: !nodeBefore,
  });
  if (registeredAfterMs === undefined) return { lines };
  // A registered Node's podCIDR goes to the runtime at once; a new Node gets one later (node-ipam), not narrated.
  const podCIDR = nodeBefore ? ((kubeletNode(machine, cluster)?.spec as { podCIDR?: string } | undefined)?.podCIDR ?? undefined) : undefined;
  const registration = kubeletRegistrationLines({ nodeName: kubeletNodeName(machine), previouslyRegistered: !!nodeBefore, podCIDR, offsetMs: Math.max(FIRST_REGISTRATION_MS, registeredAfterMs) });
  return { lines: [...lines, ...registration.lines], podCidrHandedAfterMs: registration.podCidrHandedAfterMs };
}

/** containerd's line when the kubelet hands it the pod CIDR at `at` (UpdateRuntimeConfig), if containerd runs. */
export function podCidrHandedToContainerd(machine: Machine, at: number): void {
  const sd = machine.ext.systemd as { units?: Record<string, { pid?: number; state?: string }>; journal?: JournalEntry[] } | undefined;
  const containerd = sd?.units?.['containerd.service'];
  if (!sd?.journal || !containerd?.pid || containerd.state !== 'active') return;
  sd.journal.push({ t: at, unit: 'containerd.service', ident: 'containerd', pid: containerd.pid, msg: renderServiceLine(podCidrUpdateLine(0), at, containerd.pid) });
}

/** containerd's lines for a start, from the package that installed it and its config.toml. */
export function containerdStartJournal(machine: Machine): { lines: ServiceLogLine[]; readyAfterMs: number } {
  const io = installedVersion(machine, 'containerd.io');
  const ubuntu = installedVersion(machine, 'containerd');
  const build = io && !ubuntu ? 'containerd.io' : 'ubuntu';
  const version = (build === 'containerd.io' ? io : ubuntu)?.replace(/-.*$/, '') ?? '1.7.27';
  return containerdStartLines(containerdStartFacts(machine, build, version));
}
