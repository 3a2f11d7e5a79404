/**
 * Cluster benchmarks (CPU time on this machine, simulated time advanced by hand):
 * - cluster.rollout_1000: a 1,000-replica Deployment from create to all pods Running (the first in
 *   the process); cluster.rollout_1000_warm: the same in a third fresh cluster, the code compiled.
 * - cluster.reconcile_10k_200nodes: 10,000 pods on 200 nodes; one node's kubelet stops; time until
 *   its pods are evicted and replaced (the node-lifecycle, taint-eviction, ReplicaSet, scheduler
 *   and kubelet work of ~6 simulated minutes).
 * - cluster.tick_idle_10k: ms per simulated second in that settled 10,000-pod cluster, averaged
 *   over five simulated minutes (the period of its node status reports and housekeeping).
 * - cluster.build_10k_200nodes: bringing those 10,000 pods (50 Deployments) to Running, the
 *   setup of the two measures above.
 * CKA_BENCH_QUICK=1 runs the same measures on 2,000 pods and 40 nodes (cluster.*_2k_40nodes,
 * cluster.tick_idle_2k) for a quick look.
 * Each measure also comes as CPU time of the process (`_cpu`): on a shared machine wall time
 * swings with other work.
 */
import type { BenchResult } from '../cli/bench';
import { cpuMs, result } from './_measure';
import { SimClock } from '../sim/clock';
import { SeededRandom } from '../sim/random';
import { Machine } from '../sim/machine';
import { Cluster } from '../sim/cluster/cluster';
import { ApiClient, type KubeObject } from '../sim/apiserver';
import { FLANNEL_CONFLIST } from '../sim/network/cni';

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };

function bigCluster(workers: number): { cluster: Cluster; admin: ApiClient; clock: SimClock } {
  const clock = new SimClock();
  const random = new SeededRandom(99);
  const machines: Machine[] = [];
  for (let i = 0; i <= workers; i++) {
    const m = Machine.ubuntu({ hostname: `node${String(i).padStart(3, '0')}`, ip: `10.0.${i >> 8}.${(i & 255) + 1}`, cpus: 16, memoryMiB: 65536, programs: [] }, () => clock.now());
    m.rootFs.mkdir('/etc/cni/net.d', { recursive: true });
    m.rootFs.writeFile('/etc/cni/net.d/10-flannel.conflist', FLANNEL_CONFLIST);
    machines.push(m);
  }
  const cluster = new Cluster({ clock, random, machines, controlPlane: machines[0].hostname, version: 'v1.33.4', staticControlPlane: false });
  for (const m of machines) cluster.kubelet(m.hostname).start();
  cluster.settle();
  clock.advance(1_000);
  return { cluster, admin: new ApiClient(cluster.apiServer), clock };
}

function deployment(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }] } } },
  };
}

function available(admin: ApiClient, names: string[]): number {
  let n = 0;
  for (const name of names) n += Number(((admin.get(DEPLOYMENTS, 'default', name).body as KubeObject).status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0);
  return n;
}

/** Advance simulated time in steps until `done`, returning the CPU ms spent. */
function runUntil(clock: SimClock, done: () => boolean, stepMs: number, maxSteps: number): number {
  const t0 = performance.now();
  for (let i = 0; i < maxSteps && !done(); i++) clock.advance(stepMs);
  return performance.now() - t0;
}

export function run(): BenchResult[] {
  const out: BenchResult[] = [];
  // The first rollout in a fresh process pays for compiling the code it runs; the same rollout in
  // further fresh clusters (as in a page whose cluster already ran a while) is reported as _warm:
  // the last of three.
  for (let round = 0; round < 3; round++) {
    const { admin, clock } = bigCluster(12);
    const t0 = performance.now();
    const c0 = cpuMs();
    admin.create(DEPLOYMENTS, 'default', deployment('web', 1000));
    runUntil(clock, () => available(admin, ['web']) === 1000, 1_000, 600);
    const wall = performance.now() - t0;
    const cpu = cpuMs() - c0;
    if (round === 0) {
      out.push(result('cluster.rollout_1000', wall, 'ms', 200));
      out.push(result('cluster.rollout_1000_cpu', cpu, 'ms', 200));
    } else if (round === 2) {
      out.push(result('cluster.rollout_1000_warm', wall, 'ms', 200));
      out.push(result('cluster.rollout_1000_warm_cpu', cpu, 'ms', 200));
    }
  }
  const quick = typeof process !== 'undefined' && process.env.CKA_BENCH_QUICK === '1';
  const nodes = quick ? 40 : 200;
  const pods = quick ? 2_000 : 10_000;
  const label = quick ? '2k_40nodes' : '10k_200nodes';
  {
    const { cluster, admin, clock } = bigCluster(nodes);
    const names = Array.from({ length: pods / 200 }, (_, i) => `app${i}`);
    const tb = performance.now();
    const cb = cpuMs();
    for (const n of names) admin.create(DEPLOYMENTS, 'default', deployment(n, 200));
    runUntil(clock, () => available(admin, names) === pods, 5_000, 400);
    out.push(result(`cluster.build_${label}`, performance.now() - tb, 'ms'));
    out.push(result(`cluster.build_${label}_cpu`, cpuMs() - cb, 'ms'));
    clock.advance(30_000);
    const victim = [...cluster.kubelets.keys()][7];
    const t0 = performance.now();
    const c0 = cpuMs();
    cluster.kubelets.get(victim)!.stop();
    // 50 s grace + 300 s tolerations + replacement start-up
    runUntil(clock, () => false, 10_000, 40);
    const spent = performance.now() - t0;
    out.push(result(`cluster.reconcile_${label}`, spent, 'ms'));
    out.push(result(`cluster.reconcile_${label}_cpu`, cpuMs() - c0, 'ms'));
    // Idle over five simulated minutes: one whole cycle of the cluster's periodic work (every
    // kubelet's node status report, the API server's compaction and event expiry run every 5 min),
    // so that the average neither misses nor over-weights them, nor a collection of the heap.
    const idleSeconds = 300;
    const t1 = performance.now();
    const c1 = cpuMs();
    clock.advance(idleSeconds * 1000);
    out.push(result(`cluster.tick_idle_${quick ? '2k' : '10k'}`, (performance.now() - t1) / idleSeconds, 'ms', 1));
    out.push(result(`cluster.tick_idle_${quick ? '2k' : '10k'}_cpu`, (cpuMs() - c1) / idleSeconds, 'ms', 1));
  }
  return out;
}
