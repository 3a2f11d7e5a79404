/**
 * API machinery benchmarks: create cost, selector lists over 10,000 pods, watch fan-out, and
 * saving/restoring a world-sized store (targets: list ≤ 20 ms, save/restore ≤ 200 ms).
 */
import { SimClock } from '../sim/clock';
import { SeededRandom } from '../sim/random';
import { createApiServer, ApiServer, ApiClient, gvr, type KubeObject } from '../sim/apiserver';
import type { BenchResult } from '../cli/bench';
import { medianMs, result } from './_measure';

const PODS = gvr('pods');

function pod(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, labels: { app: `app-${i % 10}`, tier: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  };
}

function serverWithPods(n: number): { server: ApiServer; client: ApiClient; clock: SimClock } {
  const clock = new SimClock();
  const server = createApiServer({ clock, random: new SeededRandom(7), compactionIntervalMs: 0 });
  const client = new ApiClient(server);
  client.create(gvr('serviceaccounts'), 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  for (let i = 0; i < n; i++) client.create(PODS, 'default', pod(i));
  return { server, client, clock };
}

/**
 * Median CPU time (user + system) of this process for fn, in ms. The machine is shared, so wall
 * time swings with other work; CPU time shows what the code itself costs.
 */
function medianCpuMs(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];

  // Create: µs per pod through the whole pipeline (decode, defaults, admission, validation, etcd txn, cache).
  {
    const { client } = serverWithPods(0);
    const n = 2000;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) client.create(PODS, 'default', pod(i));
    const cpu = process.cpuUsage(c0);
    out.push(result('api.create_pod', ((performance.now() - t0) * 1000) / n, 'us'));
    out.push(result('api.create_pod_cpu', (cpu.user + cpu.system) / n, 'us'));
  }

  const { server, client, clock } = serverWithPods(10_000);

  // List 10,000 pods with a label selector (1,000 match) and without one, as the cluster's clients
  // list: kubectl get and the informers ask for read-only lists (the server's shared, frozen
  // objects, as a real API server serves a list from its watch cache without copying it). The
  // _copies variant is the list for a caller that modifies what it gets (a private copy per item).
  const selector = { labelSelector: 'app=app-3,tier=web' };
  out.push(result('api.list_pods_10k', await medianMs(() => client.list(PODS, 'default', { ...selector, readOnly: true })), 'ms', 20));
  out.push(result('api.list_pods_10k_cpu', medianCpuMs(() => client.list(PODS, 'default', { ...selector, readOnly: true })), 'ms', 20));
  out.push(result('api.list_pods_10k_copies', await medianMs(() => client.list(PODS, 'default', selector)), 'ms'));
  out.push(result('api.list_pods_10k_copies_cpu', medianCpuMs(() => client.list(PODS, 'default', selector)), 'ms'));
  out.push(result('api.list_pods_10k_all', await medianMs(() => client.list(PODS, 'default', { readOnly: true })), 'ms'));

  // Watch fan-out: 20 watchers, 2,000 updates → deliveries per second.
  {
    let delivered = 0;
    const handles = Array.from({ length: 20 }, () => client.watch(PODS, 'default', { resourceVersion: String(server.etcd.revision) }, () => delivered++));
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) client.patch(PODS, 'default', `web-${i}`, { metadata: { labels: { touched: 'yes' } } });
    const secs = (performance.now() - t0) / 1000;
    for (const h of handles) if ('stop' in h) h.stop();
    out.push(result('api.watch_fanout', delivered / secs, 'events/s'));
  }

  // Save and restore the store + server with 10,000 pods (history compacted as the server does).
  server.etcd.compact(server.etcd.revision);
  let text = '';
  const saveMs = await medianMs(() => {
    text = JSON.stringify(server.toJSON());
  }, 5, 1);
  out.push(result('world.save_10k', saveMs, 'ms', 200));
  out.push(result('world.save_10k_cpu', medianCpuMs(() => JSON.stringify(server.toJSON())), 'ms', 200));
  out.push(result('world.save_10k_bytes', new TextEncoder().encode(text).length, 'bytes'));
  const restoreMs = await medianMs(() => ApiServer.fromJSON(JSON.parse(text), { clock, random: new SeededRandom(1), compactionIntervalMs: 0 }), 5, 1);
  out.push(result('world.restore_10k', restoreMs, 'ms', 200));
  out.push(result('world.restore_10k_cpu', medianCpuMs(() => ApiServer.fromJSON(JSON.parse(text), { clock, random: new SeededRandom(1), compactionIntervalMs: 0 })), 'ms', 200));
  return out;
}
