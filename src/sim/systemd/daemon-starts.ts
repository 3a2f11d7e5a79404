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
import { lineOffset, renderServiceLine } from './journal';
import { kubeletArgs, kubeletFlag, kubeletNodeName } from '../kubelet/flags';
import { FIRST_REGISTRATION_MS, kubeletRegistrationLines, kubeletStartLines } from '../kubelet/start-journal';
import { containerdStartFacts, containerdStartLines, podCidrUpdateLine } from '../runtime/containerd-journal';
import { storedObject } from '../cluster/component-logs/cluster-state';
import { criRuntimeIdentity, dockerConfig } from './docker';
import { dialsCriDockerd } from '../kubelet/cri-endpoint';
import { runtimeConfigLine } from './cri-dockerd';

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

/**
 * The kubelet's lines for a start at which the Node did (`nodeBefore`) or did not exist, with the
 * lines of its registration when it happened `registration.afterMs` after its start.
 */
export function kubeletStartJournal(machine: Machine, cluster: Cluster | undefined, version: string, nodeBefore: KubeObject | undefined, registration?: { afterMs: number; podCIDR?: string }): { lines: ServiceLogLine[]; podCidrHandedAfterMs?: number } {
  const fs = machine.rootFs;
  const flexvolumeDirMissing = !fs.stat(FLEXVOLUME_DIR);
  // The kubelet recreates the directory it did not find (probe.go).
  if (flexvolumeDirMissing) fs.mkdir(FLEXVOLUME_DIR, { recursive: true });
  const lines = kubeletStartLines({
    version,
    args: kubeletArgs(fs),
    // The file its --config names (kubeadm's drop-in: /var/lib/kubelet/config.yaml).
    config: readOr(machine, kubeletFlag(fs, 'config') ?? '/var/lib/kubelet/config.yaml'),
    ...runtimeFacts(machine, version, cluster?.runtimes.get(machine.hostname)?.version ?? '1.7.27'),
    flexvolumeDirMissing,
    firstStart: !nodeBefore,
  });
  if (!registration) return { lines };
  const r = kubeletRegistrationLines({ nodeName: kubeletNodeName(machine), previouslyRegistered: !!nodeBefore, podCIDR: nodeBefore ? registration.podCIDR : undefined, offsetMs: Math.max(FIRST_REGISTRATION_MS, registration.afterMs) });
  return { lines: [...lines, ...r.lines], podCidrHandedAfterMs: r.podCidrHandedAfterMs };
}

/** What the kubelet learns of its runtime over the CRI at start: Version, and RuntimeConfig's cgroup driver where the runtime has the call. */
function runtimeFacts(machine: Machine, kubeletVersion: string, containerdVersion: string): { runtimeName: string; runtimeVersion: string; criCgroupDriver?: 'systemd' | 'cgroupfs' } {
  const identity = criRuntimeIdentity(machine, Number(/^v?1\.(\d+)/.exec(kubeletVersion)?.[1] ?? 33), containerdVersion);
  if (!dialsCriDockerd(machine)) return { runtimeName: identity.name, runtimeVersion: identity.version };
  // cri-dockerd answers with the driver dockerd reports (daemon.json's native.cgroupdriver).
  const docker = dockerConfig(machine);
  return { runtimeName: identity.name, runtimeVersion: identity.version, criCgroupDriver: docker.ok ? docker.cgroupDriver : 'cgroupfs' };
}

interface SystemdRecord {
  units?: Record<string, { pid?: number; state?: string; since?: number }>;
  journal?: JournalEntry[];
}

const JOURNAL_LIMIT = 3000;

/** Append a process's lines (started at `startMs`, each at its own offset) to the machine's journal. */
function appendLines(machine: Machine, unit: string, ident: string, pid: number, lines: ServiceLogLine[], startMs: number): void {
  const journal = (machine.ext.systemd as SystemdRecord | undefined)?.journal;
  if (!journal) return;
  for (const l of lines) journal.push({ t: startMs + lineOffset(l), unit, ident, pid, msg: renderServiceLine(l, startMs, pid) });
  if (journal.length > JOURNAL_LIMIT) journal.splice(0, journal.length - JOURNAL_LIMIT);
}

/** What the kubelet's process did at registration, kept on the machine while its unit starts. */
interface RegistrationRecord {
  /** The kubelet process (its start time) whose registration is journaled already. */
  kubeletRegistrationJournaled?: number;
  /** Set while the kubelet unit starts: its registration, if it happens then, goes with its start-up lines. */
  kubeletStarting?: { existed: boolean; podCIDR?: string } | 'pending';
}

/** Run a kubelet start, and return its registration if it registered while starting (the API answering). */
export function startingKubelet(machine: Machine, start: () => void): { existed: boolean; podCIDR?: string } | undefined {
  const ext = machine.ext as RegistrationRecord;
  ext.kubeletStarting = 'pending';
  try {
    start();
    return ext.kubeletStarting === 'pending' ? undefined : ext.kubeletStarting;
  } finally {
    delete ext.kubeletStarting;
  }
}

/**
 * The kubelet registered its Node (or found it registered). Once per process its journal says so:
 * with its start-up lines when the API answered as it started (startingKubelet), else now, when
 * the API came back (the failed attempts before it are unreachable-journal.ts's). A Node found
 * registered has its pod CIDR handed to containerd, which logs it.
 */
export function journalKubeletRegistration(machine: Machine, now: number, kubelet: { nodeName: string; processStartedAt: number }, existed: boolean, podCIDR: string | undefined): void {
  const ext = machine.ext as RegistrationRecord;
  if (ext.kubeletRegistrationJournaled === kubelet.processStartedAt) return;
  ext.kubeletRegistrationJournaled = kubelet.processStartedAt;
  if (ext.kubeletStarting) {
    ext.kubeletStarting = { existed, podCIDR: existed ? podCIDR : undefined };
    return;
  }
  const unit = (machine.ext.systemd as SystemdRecord | undefined)?.units?.['kubelet.service'];
  if (!unit?.pid || unit.state !== 'active' || unit.since === undefined) return;
  const registration = kubeletRegistrationLines({ nodeName: kubelet.nodeName, previouslyRegistered: existed, podCIDR: existed ? podCIDR : undefined, offsetMs: Math.max(FIRST_REGISTRATION_MS, now - unit.since) });
  appendLines(machine, 'kubelet.service', 'kubelet', unit.pid, registration.lines, unit.since);
  if (registration.podCidrHandedAfterMs !== undefined) podCidrHandedToRuntime(machine, unit.since + registration.podCidrHandedAfterMs, podCIDR);
}

/**
 * The runtime's line when the kubelet hands it the pod CIDR at `at` (UpdateRuntimeConfig), if it
 * runs: containerd's, or on a minikube node cri-dockerd's.
 */
export function podCidrHandedToRuntime(machine: Machine, at: number, podCIDR?: string): void {
  const units = (machine.ext.systemd as SystemdRecord | undefined)?.units;
  if (dialsCriDockerd(machine)) {
    const criDocker = units?.['cri-docker.service'];
    if (criDocker?.pid && criDocker.state === 'active' && podCIDR) appendLines(machine, 'cri-docker.service', 'cri-dockerd', criDocker.pid, [runtimeConfigLine(at, podCIDR)], at);
    return;
  }
  const containerd = units?.['containerd.service'];
  if (containerd?.pid && containerd.state === 'active') appendLines(machine, 'containerd.service', 'containerd', containerd.pid, [podCidrUpdateLine(0)], at);
}

/** containerd's lines for a start, from the package that installed it and its config.toml. */
export function containerdStartJournal(machine: Machine): { lines: ServiceLogLine[]; readyAfterMs: number } {
  const io = installedVersion(machine, 'containerd.io');
  const ubuntu = installedVersion(machine, 'containerd');
  const build = io && !ubuntu ? 'containerd.io' : 'ubuntu';
  const version = (build === 'containerd.io' ? io : ubuntu)?.replace(/-.*$/, '') ?? '1.7.27';
  return containerdStartLines(containerdStartFacts(machine, build, version));
}
