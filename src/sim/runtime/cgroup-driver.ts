/**
 * The cgroup driver the kubelet and containerd must agree on. containerd 1.7 does not implement
 * the CRI RuntimeConfig call, so a v1.33 kubelet falls back to the cgroupDriver of its own
 * configuration and hands containerd every pod's cgroup parent in that driver's form. When the
 * kubelet uses cgroupfs ("/kubepods/besteffort/pod<uid>") while runc is told to use systemd cgroups
 * (SystemdCgroup = true in config.toml), runc refuses to create the sandbox: new pods on the node
 * stay ContainerCreating, pods already running keep running. The reverse mismatch (kubelet systemd,
 * runc cgroupfs) does start pods, since runc's cgroupfs manager takes any path, so it is not an
 * error here.
 *
 * Each side uses what its configuration said when it last started: the kubelet reads its driver
 * when it starts (see Kubelet.start); containerd's SystemdCgroup is latched per run of
 * containerd.service, so editing config.toml changes nothing until containerd restarts.
 */
import { goQuote } from '../go-quote';
import type { Machine } from '../machine/machine';
import { directoryEntriesGeneration, type MemFs } from '../machine/fs';
import type { KubeObject } from '../apiserver/types';
import type { JournalEntry } from '../systemd/journal';
import { klogPrefix } from '../systemd/journal';
import { sha512Hex } from './sha512';

export type CgroupDriver = 'systemd' | 'cgroupfs';

/** Filesystems found without config.toml, and the directory-entries generation they were looked at. */
const configAbsentAt = new WeakMap<MemFs, number>();

const CONFIG_TOML = '/etc/containerd/config.toml';
const JOURNAL_LIMIT = 3000;

/** SystemdCgroup of the runc runtime options in config.toml as the file says now (containerd's default: false). */
export function configuredSystemdCgroup(machine: Machine): boolean {
  // Asked for every sandbox on a machine without a service manager record: no exception for a
  // missing file, and no new look for it while no directory entry anywhere changed.
  const fs = machine.rootFs;
  const generation = directoryEntriesGeneration();
  if (configAbsentAt.get(fs.fs) === generation) return false;
  if (!fs.stat(CONFIG_TOML)) {
    configAbsentAt.set(fs.fs, generation);
    return false;
  }
  try {
    return /^\s*SystemdCgroup\s*=\s*true\s*$/m.test(machine.rootFs.readFile(CONFIG_TOML));
  } catch {
    return false;
  }
}

interface UnitRun {
  since: number;
  pid?: number;
}

interface SystemdData {
  units?: Record<string, UnitRun & { state?: string }>;
  journal?: JournalEntry[];
}

interface Latch {
  since: number;
  pid?: number;
  systemdCgroup: boolean;
}

function systemdData(machine: Machine): SystemdData | undefined {
  return machine.ext.systemd as SystemdData | undefined;
}

/**
 * containerd's SystemdCgroup for its current run: read from config.toml the first time it is asked
 * after containerd.service (re)started, then kept for that run. Without a service manager record
 * (a world built without systemd), the file as it is now.
 */
export function containerdSystemdCgroup(machine: Machine): boolean {
  const run = systemdData(machine)?.units?.['containerd.service'];
  if (!run) return configuredSystemdCgroup(machine);
  const latch = machine.ext.containerdCgroupLatch as Latch | undefined;
  if (latch && latch.since === run.since && latch.pid === run.pid) return latch.systemdCgroup;
  const fresh: Latch = { since: run.since, pid: run.pid, systemdCgroup: configuredSystemdCgroup(machine) };
  machine.ext.containerdCgroupLatch = fresh;
  return fresh.systemdCgroup;
}

/** The pod's cgroup under the cgroupfs driver, as the kubelet names it for its QoS class. */
export function cgroupfsParent(pod: KubeObject): string {
  const uid = pod.metadata?.uid ?? '';
  const qos = String((pod.status as { qosClass?: string } | undefined)?.qosClass ?? 'BestEffort');
  if (qos === 'Guaranteed') return `/kubepods/pod${uid}`;
  return `/kubepods/${qos === 'Burstable' ? 'burstable' : 'besteffort'}/pod${uid}`;
}

function append(machine: Machine, entries: JournalEntry[]): void {
  const journal = systemdData(machine)?.journal;
  if (!journal) return;
  journal.push(...entries);
  if (journal.length > JOURNAL_LIMIT) journal.splice(0, journal.length - JOURNAL_LIMIT);
}

/**
 * Why containerd refuses to run this pod's sandbox on the machine (the CRI error the kubelet
 * receives), or undefined when the drivers agree. A refusal is also written where a real node
 * records it: containerd's and the kubelet's journals.
 */
export function sandboxRefusal(machine: Machine, kubeletDriver: CgroupDriver, pod: KubeObject, now: number): string | undefined {
  if (kubeletDriver !== 'cgroupfs' || !containerdSystemdCgroup(machine)) return undefined;
  const meta = pod.metadata ?? {};
  const sandboxId = sha512Hex(`${meta.uid}/${now}`).slice(0, 64);
  const runc = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: expected cgroupsPath to be of format "slice:prefix:name" for systemd cgroups, got "${cgroupfsParent(pod)}/${sandboxId}" instead: unknown`;
  const rpc = `rpc error: code = Unknown desc = ${runc}`;
  const units = systemdData(machine)?.units ?? {};
  const containerdPid = units['containerd.service']?.pid ?? 0;
  const kubeletPid = units['kubelet.service']?.pid ?? 0;
  const stamp = new Date(now).toISOString().replace(/\.(\d{3})Z$/, '.$1123456Z');
  const podRef = `${meta.namespace}/${meta.name}`;
  const podKey = `${meta.name}_${meta.namespace}(${meta.uid})`;
  const klog = (source: string, text: string) => ({ t: now, unit: 'kubelet.service', ident: 'kubelet', pid: kubeletPid, msg: `${klogPrefix('E', now, kubeletPid, source)}${text}` });
  const syncErr = `failed to ${goQuote('CreatePodSandbox')} for ${goQuote(podKey)} with CreatePodSandboxError: ${goQuote(`Failed to create sandbox for pod ${goQuote(podKey)}: ${rpc}`)}`;
  append(machine, [
    {
      t: now,
      unit: 'containerd.service',
      ident: 'containerd',
      pid: containerdPid,
      msg: `time="${stamp}" level=error msg="RunPodSandbox for &PodSandboxMetadata{Name:${meta.name},Uid:${meta.uid},Namespace:${meta.namespace},Attempt:0,} failed, error" error=${goQuote(runc)}`,
    },
    klog('log.go:32', `"RunPodSandbox from runtime service failed" err=${goQuote(rpc)}`),
    klog('kuberuntime_sandbox.go:72', `"Failed to create sandbox for pod" err=${goQuote(rpc)} pod=${goQuote(podRef)}`),
    klog('kuberuntime_manager.go:1237', `"CreatePodSandbox for pod failed" err=${goQuote(rpc)} pod=${goQuote(podRef)}`),
    klog('pod_workers.go:1301', `"Error syncing pod, skipping" err=${goQuote(syncErr)} pod=${goQuote(podRef)} podUID=${goQuote(String(meta.uid))}`),
  ]);
  return rpc;
}
