/**
 * What a running kubelet's HTTP server reads from the process and its machine: the configuration it
 * started with, the pods of its pod workers, and its measurements (the metrics model, through the
 * cluster's usage source) of the node and of each running container.
 */
import type { KubeObject } from '../../apiserver/types';
import type { Machine } from '../../machine';
import { kernelState } from '../../kernel/state';
import { statsFromWorkers } from '../../metrics/kubelet-stats';
import type { NodeUsageSample } from '../../metrics/kubelet-usage';
import { limitOf, type ContainerLike } from '../../metrics/usage';
import { parseQuantity } from '../../apiserver/quantity';
import { capacityOf } from '../node-status';
import { fileSourceAnnotations } from '../static-pods';
import type { Kubelet } from '../kubelet';
import type { KubeletServerState } from './index';
import type { SummaryInput } from './stats-summary';

type Obj = Record<string, unknown>;

/** When the machine booted: its last reboot, else the start of the services that were up when it was created. */
function bootTime(machine: Machine, fallback: number): number {
  const booted = kernelState(machine).bootedAtMs;
  if (booted !== null) return booted;
  const units = (machine.ext.systemd as { units?: Record<string, { since?: number }> } | undefined)?.units ?? {};
  const since = Object.values(units).map((u) => u.since).filter((s): s is number => typeof s === 'number');
  return since.length ? Math.min(...since) : fallback;
}

function readNumber(machine: Machine, path: string, fallback: number): number {
  try {
    const n = Number(machine.rootFs.readFile(path).trim());
    return Number.isFinite(n) && n > 0 ? n : fallback;
  } catch {
    return fallback;
  }
}

/**
 * The pods of the kubelet's pod manager: API pods as received; static pods as the file source made
 * them (its annotations) with the status the kubelet computes.
 */
function managedPods(kubelet: Kubelet): KubeObject[] {
  return kubelet.podWorkers.map((w) => {
    if (!w.isStatic) return w.pod;
    const metadata = { ...w.pod.metadata, annotations: { ...w.pod.metadata?.annotations, ...fileSourceAnnotations(w.uid, w.startTime ?? kubelet.processStartedAt) } };
    return { ...w.pod, metadata, status: w.buildStatus() } as KubeObject;
  });
}

function summaryInput(kubelet: Kubelet, machine: Machine, sample: NodeUsageSample): SummaryInput {
  const now = kubelet.clock.now();
  const cap = capacityOf(machine);
  const workers = new Map(kubelet.podWorkers.map((w) => [w.uid, w]));
  const stats = statsFromWorkers(kubelet.nodeName, kubelet.podWorkers);
  const running = kubelet.runtime ? [...kubelet.runtime.containers.values()].filter((c) => c.state === 'CONTAINER_RUNNING').length : 0;
  return {
    now,
    rfc3339: (ms) => kubelet.clock.rfc3339(ms),
    nodeName: kubelet.nodeName,
    bootMs: bootTime(machine, kubelet.processStartedAt),
    kubeletStartedAt: kubelet.processStartedAt,
    memoryCapacityBytes: parseQuantity(cap.memory),
    fsCapacityBytes: parseQuantity(cap['ephemeral-storage']),
    pidMax: readNumber(machine, '/proc/sys/kernel/pid_max', 4_194_304),
    processes: 131 + running,
    node: sample.node,
    pods: stats.pods.map((p) => {
      const w = workers.get(p.uid);
      const spec = (w?.pod.spec ?? {}) as Obj;
      return {
        name: p.name,
        namespace: p.namespace,
        uid: p.uid,
        startTime: w?.startTime ?? Math.min(...p.containers.map((c) => c.startedAt)),
        hostNetwork: w?.hostNetwork ?? false,
        volumes: (spec.volumes as Obj[] | undefined) ?? [],
        containers: p.containers.map((c) => ({
          name: c.name,
          startedAt: c.startedAt,
          usage: sample.container(p.namespace, p.name, p.uid, { ...(c.spec as ContainerLike), name: c.name }),
          memoryLimit: limitOf(c.spec, 'memory'),
        })),
      };
    }),
  };
}

/** The server's view of a kubelet process; `usage` measures the node at an instant. */
export function kubeletServerState(kubelet: Kubelet, machine: Machine, usage: (now: number) => NodeUsageSample | undefined): KubeletServerState {
  return {
    config: kubelet.runningConfig,
    fs: machine.rootFs,
    pods: () => managedPods(kubelet),
    stats: () => {
      const sample = usage(kubelet.clock.now());
      return sample ? summaryInput(kubelet, machine, sample) : undefined;
    },
  };
}
