/**
 * /stats/summary: the kubelet's Summary API (k8s.io/kubelet/pkg/apis/stats/v1alpha1, v1.33), as
 * pkg/kubelet/server/stats writes it: go-restful's WriteAsJson, so json.MarshalIndent with a
 * one-space indent and no final newline. The node (its system containers, CPU, memory, network,
 * root filesystem, image filesystem, rlimit, swap) and each pod with running containers (their CPU,
 * memory, rootfs, logs and swap; the pod's network, volumes, ephemeral storage and processes).
 * CPU and memory come from the metrics model (the figures `kubectl top` shows); cumulative CPU is the
 * current rate over the time since the container (or the machine) started. Filesystem, network and
 * page-fault figures are steady made-up values of the right kind. PSI and IO stats are absent (the
 * KubeletPSI feature is alpha in v1.33).
 */
import { goJsonIndent } from '../../go-json';
import type { Usage } from '../../metrics/usage';
import { stableHash } from '../../metrics/usage';

type Obj = Record<string, unknown>;

/** cAdvisor counts memory in pages. */
const PAGE = 4096;
const pages = (bytes: number) => Math.round(bytes / PAGE) * PAGE;

export interface SummaryContainer {
  name: string;
  startedAt: number;
  usage: Usage;
  /** The container's memory limit in bytes (availableBytes is limit − working set), if it has one. */
  memoryLimit?: number;
}

export interface SummaryPod {
  name: string;
  namespace: string;
  uid: string;
  /** status.startTime: when the kubelet first saw the pod. */
  startTime: number;
  hostNetwork: boolean;
  /** spec.volumes: each volume the kubelet measures (not hostPath) has its stats. */
  volumes: Obj[];
  containers: SummaryContainer[];
}

export interface SummaryInput {
  now: number;
  rfc3339(ms: number): string;
  nodeName: string;
  /** When the machine booted (the node's startTime) and when the kubelet process started. */
  bootMs: number;
  kubeletStartedAt: number;
  memoryCapacityBytes: number;
  fsCapacityBytes: number;
  /** /proc/sys/kernel/pid_max and the processes running on the machine. */
  pidMax: number;
  processes: number;
  node: Usage;
  pods: SummaryPod[];
}

/** The node's primary NIC; cAdvisor only inlines an interface named eth0, so the node's inline name stays empty. */
const NODE_NIC = 'ens4';
const INODES = 1_290_240;
/** What the root filesystem holds besides the containers (the OS, images, /var/log). */
const BASE_USED_FRACTION = 0.31;

/** A figure that grows steadily with time since `since`, different for each seed. */
function counter(seed: string, since: number, now: number, perSecond: number): number {
  const spread = 0.5 + (stableHash(seed) % 1000) / 1000;
  return Math.round(Math.max(0, now - since) / 1000 * perSecond * spread);
}

/** CPU time used since `since` at the current rate, in core-nanoseconds. */
const coreNs = (u: Usage, since: number, now: number) => Math.round(u.cpuMilli * 1000 * Math.max(0, now - since));

function cpu(time: string, u: Usage, since: number, now: number, cumulative = coreNs(u, since, now)): Obj {
  return { time, usageNanoCores: Math.round(u.cpuMilli * 1e6), usageCoreNanoSeconds: cumulative };
}

function memory(time: string, seed: string, workingSet: number, since: number, now: number, limit?: number): Obj {
  const out: Obj = { time };
  if (limit !== undefined) out.availableBytes = Math.max(0, limit - workingSet);
  out.usageBytes = workingSet + pages(workingSet * 0.12);
  out.workingSetBytes = workingSet;
  out.rssBytes = pages(workingSet * 0.86);
  out.pageFaults = 1200 + counter(`${seed}/faults`, since, now, 40);
  out.majorPageFaults = stableHash(`${seed}/major`) % 40;
  return out;
}

function fs(time: string, capacity: number, used: number, inodesUsed: number, available: number): Obj {
  return { time, availableBytes: available, capacityBytes: capacity, usedBytes: used, inodesFree: INODES - inodesUsed, inodes: INODES, inodesUsed };
}

function iface(name: string, seed: string, since: number, now: number): Obj {
  return { name, rxBytes: counter(`${seed}/rx`, since, now, 2400), rxErrors: 0, txBytes: counter(`${seed}/tx`, since, now, 1800), txErrors: 0 };
}

/** Volume types whose contents the kubelet measures, and whether they live in memory (tmpfs). */
const MEASURED_VOLUMES: Record<string, 'disk' | 'memory'> = { emptyDir: 'disk', configMap: 'disk', downwardAPI: 'memory', secret: 'memory', projected: 'memory', persistentVolumeClaim: 'disk' };

function volumeType(v: Obj): string | undefined {
  return Object.keys(MEASURED_VOLUMES).find((k) => v[k] !== undefined);
}

/** The Summary object (Go field order), before encoding. */
export function summary(input: SummaryInput, onlyCpuAndMemory = false): Obj {
  const { now, rfc3339 } = input;
  const time = rfc3339(now);
  const nodeWorkingSet = pages(input.node.memoryBytes);
  const podsUsage = input.pods.reduce((sum, p) => sum + p.containers.reduce((s, c) => s + c.usage.cpuMilli, 0), 0);
  const podsCoreNs = input.pods.reduce((sum, p) => sum + p.containers.reduce((s, c) => s + coreNs(c.usage, c.startedAt, now), 0), 0);
  const podsMemory = input.pods.reduce((sum, p) => sum + p.containers.reduce((s, c) => s + pages(c.usage.memoryBytes), 0), 0);
  // The kubelet's own share of what runs outside the pods.
  const outside: Usage = { cpuMilli: Math.max(0, input.node.cpuMilli - podsUsage), memoryBytes: Math.max(0, nodeWorkingSet - podsMemory) };
  const kubelet: Usage = { cpuMilli: outside.cpuMilli * 0.4, memoryBytes: pages(outside.memoryBytes * 0.07) };
  const containerWritable = (seed: string) => 4096 * (3 + (stableHash(seed) % 20));
  const logsUsed = (seed: string) => 4096 * (1 + (stableHash(`${seed}/logs`) % 8));
  let podsDiskUsed = 0;
  for (const p of input.pods) for (const c of p.containers) podsDiskUsed += containerWritable(`${p.uid}/${c.name}`) + logsUsed(`${p.uid}/${c.name}`);
  const fsUsed = pages(input.fsCapacityBytes * BASE_USED_FRACTION) + podsDiskUsed;
  const fsAvailable = input.fsCapacityBytes - fsUsed;
  const nodeInodesUsed = 162_341 + input.pods.length * 40;
  const nodeNetwork: Obj = { time, name: '', interfaces: [iface(NODE_NIC, `${input.nodeName}/nic`, input.bootMs, now)] };

  const systemContainers: Obj[] = [
    { name: 'kubelet', startTime: rfc3339(input.kubeletStartedAt), cpu: cpu(time, kubelet, input.kubeletStartedAt, now), memory: memory(time, `${input.nodeName}/kubelet`, kubelet.memoryBytes, input.kubeletStartedAt, now) },
    {
      name: 'pods',
      startTime: rfc3339(input.bootMs),
      cpu: cpu(time, { cpuMilli: podsUsage, memoryBytes: 0 }, input.bootMs, now, podsCoreNs),
      memory: memory(time, `${input.nodeName}/pods`, podsMemory, input.bootMs, now, input.memoryCapacityBytes),
    },
  ];
  const node: Obj = {
    nodeName: input.nodeName,
    systemContainers,
    startTime: rfc3339(input.bootMs),
    cpu: cpu(time, input.node, input.bootMs, now),
    memory: memory(time, input.nodeName, nodeWorkingSet, input.bootMs, now, input.memoryCapacityBytes),
  };
  if (!onlyCpuAndMemory) {
    const imageUsed = pages(input.fsCapacityBytes * 0.11);
    node.network = nodeNetwork;
    node.fs = fs(time, input.fsCapacityBytes, fsUsed, nodeInodesUsed, fsAvailable);
    node.runtime = {
      imageFs: fs(time, input.fsCapacityBytes, imageUsed, 8_211, fsAvailable),
      containerFs: fs(time, input.fsCapacityBytes, imageUsed, 8_211, fsAvailable),
    };
    node.rlimit = { time, maxpid: input.pidMax, curproc: input.processes };
  }
  node.swap = { time, swapAvailableBytes: 0, swapUsageBytes: 0 };

  const pods = input.pods.map((p) => {
    const containers = p.containers.map((c) => {
      const seed = `${p.uid}/${c.name}`;
      const out: Obj = { name: c.name, startTime: rfc3339(c.startedAt), cpu: cpu(time, c.usage, c.startedAt, now), memory: memory(time, seed, pages(c.usage.memoryBytes), c.startedAt, now, c.memoryLimit) };
      if (!onlyCpuAndMemory) {
        out.rootfs = fs(time, input.fsCapacityBytes, containerWritable(seed), 7 + (stableHash(seed) % 9), fsAvailable);
        out.logs = fs(time, input.fsCapacityBytes, logsUsed(seed), 1, fsAvailable);
        out.swap = { time, swapAvailableBytes: 0, swapUsageBytes: 0 };
      }
      return out;
    });
    const usage: Usage = p.containers.reduce((s, c) => ({ cpuMilli: s.cpuMilli + c.usage.cpuMilli, memoryBytes: s.memoryBytes + pages(c.usage.memoryBytes) }), { cpuMilli: 0, memoryBytes: 0 });
    const since = Math.min(...p.containers.map((c) => c.startedAt));
    const out: Obj = {
      podRef: { name: p.name, namespace: p.namespace, uid: p.uid },
      startTime: rfc3339(p.startTime),
      containers,
      cpu: cpu(time, usage, since, now, p.containers.reduce((s, c) => s + coreNs(c.usage, c.startedAt, now), 0)),
      memory: memory(time, p.uid, usage.memoryBytes, since, now),
    };
    if (onlyCpuAndMemory) return out;
    const eth0 = iface('eth0', `${p.uid}/eth0`, p.startTime, now);
    out.network = p.hostNetwork ? nodeNetwork : { time, ...eth0, interfaces: [eth0] };
    let ephemeralUsed = p.containers.reduce((s, c) => s + containerWritable(`${p.uid}/${c.name}`) + logsUsed(`${p.uid}/${c.name}`), 0);
    let ephemeralInodes = p.containers.reduce((s, c) => s + 8 + (stableHash(`${p.uid}/${c.name}`) % 9), 0);
    const volumes: Obj[] = [];
    for (const v of p.volumes) {
      const type = volumeType(v);
      if (!type) continue;
      const used = type === 'emptyDir' ? 4096 : type === 'projected' ? 12_288 : 8192;
      const inodes = type === 'emptyDir' ? 1 : type === 'projected' ? 9 : 6;
      const tmpfs = MEASURED_VOLUMES[type] === 'memory' || (v.emptyDir as Obj | undefined)?.medium === 'Memory';
      const stats: Obj = tmpfs ? fs(time, input.memoryCapacityBytes, used, inodes, input.memoryCapacityBytes - used) : fs(time, input.fsCapacityBytes, used, inodes, fsAvailable);
      const entry: Obj = { ...stats, name: String(v.name ?? '') };
      if (type === 'persistentVolumeClaim') entry.pvcRef = { name: String((v.persistentVolumeClaim as Obj).claimName ?? ''), namespace: p.namespace };
      else {
        ephemeralUsed += used;
        ephemeralInodes += inodes;
      }
      volumes.push(entry);
    }
    if (volumes.length) out.volume = volumes;
    out['ephemeral-storage'] = fs(time, input.fsCapacityBytes, ephemeralUsed, ephemeralInodes, fsAvailable);
    out.process_stats = { process_count: p.containers.length };
    out.swap = { time, swapUsageBytes: 0 };
    return out;
  });
  return { node, pods };
}

/** The body of /stats/summary. */
export function summaryBody(input: SummaryInput, onlyCpuAndMemory = false): string {
  return goJsonIndent(summary(input, onlyCpuAndMemory), ' ');
}
