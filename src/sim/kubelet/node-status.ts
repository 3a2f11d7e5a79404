/**
 * The Node object a kubelet registers and the status it reports: capacity from the machine,
 * the well-known labels, addresses, nodeInfo, and the four conditions with the kubelet's texts.
 */
import type { KubeObject } from '../apiserver/types';
import type { Machine } from '../machine';
import { fnv32a } from '../controllers/machinery/hash';

export const NETWORK_NOT_READY =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

export interface NodeFacts {
  nodeName: string;
  machine: Machine;
  kubeletVersion: string;
  containerRuntimeVersion: string;
  kernelVersion: string;
  /** The kubelet's maxPods (110 unless configured). */
  maxPods?: number;
}

/** Node status reports repeat the same few seeds (boot, machine and system ids of each node). */
const uuidsBySeed = new Map<string, string>();

function uuidFrom(seed: string): string {
  let uuid = uuidsBySeed.get(seed);
  if (uuid === undefined) {
    const h = [0, 1, 2, 3].map((i) => fnv32a(`${seed}/${i}`).toString(16).padStart(8, '0')).join('');
    uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    if (uuidsBySeed.size >= 4096) uuidsBySeed.clear();
    uuidsBySeed.set(seed, uuid);
  }
  return uuid;
}

/** The kubelet's default maxPods (KubeletConfiguration): the Node's `pods` capacity unless configured. */
export const DEFAULT_MAX_PODS = 110;

export function capacityOf(m: Machine, maxPods = DEFAULT_MAX_PODS): Record<string, string> {
  const memKi = m.memoryMiB * 1024 - 68_312; // the kernel keeps some memory for itself
  return {
    cpu: String(m.cpus),
    'ephemeral-storage': '20463184Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${memKi}Ki`,
    pods: String(maxPods),
  };
}

/** Allocatable: capacity minus the hard eviction thresholds (memory.available 100Mi, nodefs 10%). */
export function allocatableOf(m: Machine, maxPods = DEFAULT_MAX_PODS): Record<string, string> {
  const cap = capacityOf(m, maxPods);
  const memKi = Number(cap.memory.slice(0, -2)) - 102_400;
  return { ...cap, 'ephemeral-storage': '18858823179', memory: `${memKi}Ki` };
}

export function nodeObject(f: NodeFacts): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: f.nodeName,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': f.nodeName,
        'kubernetes.io/os': 'linux',
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {},
  };
}

export interface Condition {
  type: string;
  status: string;
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** `notReady`: why the node is not Ready (the kubelet's aggregated runtime and network errors), undefined when it is. */
export function nodeConditions(notReady: string | undefined, now: string, previous: Condition[] = []): Condition[] {
  const want: [string, string, string, string][] = [
    ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    notReady === undefined ? ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'] : ['Ready', 'False', 'KubeletNotReady', notReady],
  ];
  const own = want.map(([type, status, reason, message]) => {
    const prev = previous.find((c) => c.type === type);
    return { type, status, lastHeartbeatTime: now, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now, reason, message };
  });
  // Conditions others set (the CNI's NetworkUnavailable) stay, ahead of the kubelet's: its status
  // patch lists only its own in $setElementOrder, and a strategic merge keeps the rest first.
  const kept = previous.filter((c) => !want.some(([type]) => type === c.type));
  return [...kept, ...own];
}

export function nodeStatus(f: NodeFacts, notReady: string | undefined, now: string, previous: Condition[], images: { names: string[]; sizeBytes: number }[]): Record<string, unknown> {
  const m = f.machine;
  return {
    addresses: [
      { address: m.ip, type: 'InternalIP' },
      { address: f.nodeName, type: 'Hostname' },
    ],
    allocatable: allocatableOf(m, f.maxPods),
    capacity: capacityOf(m, f.maxPods),
    conditions: nodeConditions(notReady, now, previous),
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    features: { supplementalGroupsPolicy: true },
    images,
    nodeInfo: {
      architecture: 'amd64',
      bootID: uuidFrom(`boot/${f.nodeName}`),
      containerRuntimeVersion: f.containerRuntimeVersion,
      kernelVersion: f.kernelVersion,
      kubeProxyVersion: '',
      kubeletVersion: f.kubeletVersion,
      machineID: uuidFrom(`machine/${f.nodeName}`).replace(/-/g, ''),
      operatingSystem: 'linux',
      osImage: m.os.pretty,
      systemUUID: uuidFrom(`system/${f.nodeName}`),
    },
    runtimeHandlers: [
      { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: 'runc' },
      { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: '' },
    ],
  };
}
