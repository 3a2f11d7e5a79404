/**
 * kubectl top node|pod: resource usage from the metrics.k8s.io API (metrics-server), laid out as
 * staging/src/k8s.io/kubectl/pkg/metricsutil/metrics_printer.go prints it (every cell followed by
 * a tab, so even the last column is padded), sorted as metrics_sorter.go sorts, with the errors of
 * pkg/cmd/top (top_node.go, top_pod.go): no metrics group in discovery → "Metrics API not
 * available"; an empty answer → "metrics not available yet".
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { parseQuantity } from '../../sim/apiserver/quantity';
import { connect, namespaceOf, type Connection } from '../client/connection';
import { statusError } from '../client/status';
import { fail, usageError } from '../errors';
import type { Invocation } from '../invocation';
import { formatTable } from '../printers/tabwriter';
import { register } from './registry';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Usage = { cpu: number; memory: number };

const GROUP = 'metrics.k8s.io';
const VERSION = 'v1beta1';
/** kubectl waits this long after a pod's creation before calling its missing metrics an error. */
const METRICS_CREATION_DELAY_MS = 2 * 60 * 1000;

/** Quantity → (cpu in nanocores, memory in bytes), exactly enough to take MilliValue/Value. */
function usageOf(u: Obj | undefined): Usage {
  return { cpu: Math.round(parseQuantity(String(u?.cpu ?? '0')) * 1e9), memory: Math.round(parseQuantity(String(u?.memory ?? '0'))) };
}
const add = (a: Usage, b: Usage): Usage => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory });
/** resource.Quantity.MilliValue() rounds up. */
const milliCpu = (nanocores: number) => Math.ceil(nanocores / 1e6);
const cpuCell = (u: Usage) => `${milliCpu(u.cpu)}m`;
const memoryCell = (u: Usage) => `${Math.floor(u.memory / (1024 * 1024))}Mi`;

function metricsApiAvailable(conn: Connection): boolean {
  return conn.transport.discovery().groups.some((g) => g.name === GROUP && g.versions.some((v) => v.version === VERSION));
}

function sortBy(inv: Invocation): string {
  const s = inv.flags.str('sort-by');
  if (s && s !== 'cpu' && s !== 'memory') throw fail('--sort-by accepts only cpu or memory');
  return s;
}

function compare(by: string, a: { name: string; usage: Usage }, b: { name: string; usage: Usage }, tie = 0): number {
  if (by === 'cpu') return milliCpu(b.usage.cpu) - milliCpu(a.usage.cpu);
  if (by === 'memory') return b.usage.memory - a.usage.memory;
  return tie || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function fetch(inv: Invocation, conn: Connection, resource: 'nodes' | 'pods', namespace: string | undefined, name: string | undefined, query: Record<string, string>): Obj[] {
  const res = conn.request<Obj>({ verb: name ? 'get' : 'list', group: GROUP, version: VERSION, resource, namespace, name, query: name ? undefined : query });
  if (res.code >= 300) throw statusError(res.body);
  const body = res.body as Obj;
  return name ? [body] : ((body.items ?? []) as Obj[]);
}

/** Rows end with an empty cell: metrics_printer writes a tab after every value. */
const row = (...cells: string[]) => [...cells, ''];

function topNode(inv: Invocation): number {
  const args = inv.flags.args;
  if (args.length > 1) throw usageError('top node', 'kubectl top node [NAME | -l label]');
  const by = sortBy(inv);
  const name = args[0];
  const selector = inv.flags.str('selector');
  if (name && selector) throw fail('only one of NAME or --selector can be provided');
  const conn = connect(inv, 0); // top reads discovery without the cached client: no klog retry lines
  if (!metricsApiAvailable(conn)) throw fail('Metrics API not available');
  const metrics = fetch(inv, conn, 'nodes', undefined, name, selector ? { labelSelector: selector } : {});
  if (metrics.length === 0) throw fail('metrics not available yet');
  let nodes: KubeObject[];
  if (name) {
    const r = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'nodes', name });
    if (r.code >= 300) throw statusError(r.body);
    nodes = [r.body as KubeObject];
  } else {
    const r = conn.request<{ items: KubeObject[] }>({ verb: 'list', group: '', version: 'v1', resource: 'nodes', query: selector ? { labelSelector: selector } : {} });
    if (r.code >= 300) throw statusError(r.body);
    nodes = (r.body as { items: KubeObject[] }).items;
  }
  const field = inv.flags.bool('show-capacity') ? 'capacity' : 'allocatable';
  const available = new Map(nodes.map((n) => [n.metadata!.name!, ((n.status as Obj)?.[field] ?? {}) as Obj]));
  const items = metrics.map((m) => ({ name: String(m.metadata?.name), usage: usageOf(m.usage) })).sort((a, b) => compare(by, a, b));
  const rows: string[][] = inv.flags.bool('no-headers') ? [] : [row('NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)')];
  const percent = (used: number, total: number) => `${total ? Math.trunc((used / total) * 100) : 0}%`;
  for (const m of items) {
    const avail = available.get(m.name);
    const cells = [m.name, cpuCell(m.usage)];
    if (avail?.cpu !== undefined) cells.push(percent(milliCpu(m.usage.cpu), Math.ceil(parseQuantity(String(avail.cpu)) * 1000)));
    cells.push(memoryCell(m.usage));
    if (avail?.memory !== undefined) cells.push(percent(m.usage.memory, Math.ceil(parseQuantity(String(avail.memory)))));
    rows.push(row(...cells));
    available.delete(m.name);
  }
  for (const missing of [...available.keys()].sort()) rows.push(row(missing, '<unknown>', '<unknown>', '<unknown>', '<unknown>'));
  inv.out(formatTable(rows));
  return 0;
}

/** Go's time.Duration.String() of a pod's age (e.g. "5m3.2s"). */
function goAge(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

function verifyEmptyMetrics(inv: Invocation, conn: Connection, namespace: string, name: string | undefined, query: Record<string, string>): never | void {
  let pods: KubeObject[];
  if (name) {
    const r = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace, name });
    if (r.code >= 300) throw statusError(r.body);
    pods = [r.body as KubeObject];
  } else {
    const r = conn.request<{ items: KubeObject[] }>({ verb: 'list', group: '', version: 'v1', resource: 'pods', namespace, query });
    if (r.code >= 300) throw statusError(r.body);
    pods = (r.body as { items: KubeObject[] }).items;
    if (pods.length === 0) return;
  }
  for (const p of pods) {
    const age = inv.ctx.clock.now() - Date.parse(p.metadata?.creationTimestamp ?? '');
    if (age > METRICS_CREATION_DELAY_MS) throw fail(`Metrics not available for pod ${p.metadata?.namespace}/${p.metadata?.name}, age: ${goAge(age)}`);
  }
  throw fail('metrics not available yet');
}

function topPod(inv: Invocation): number {
  const args = inv.flags.args;
  if (args.length > 1) throw usageError('top pod', 'kubectl top pod [NAME | -l label]');
  const by = sortBy(inv);
  const name = args[0];
  const selector = inv.flags.str('selector');
  const fieldSelector = inv.flags.str('field-selector');
  if (name && (selector || fieldSelector)) throw fail('only one of NAME or selector can be provided');
  const all = inv.flags.bool('all-namespaces');
  const conn = connect(inv, 0); // top reads discovery without the cached client: no klog retry lines
  const namespace = namespaceOf(inv);
  if (!metricsApiAvailable(conn)) throw fail('Metrics API not available');
  const query: Record<string, string> = {};
  if (selector) query.labelSelector = selector;
  if (fieldSelector) query.fieldSelector = fieldSelector;
  const metrics = fetch(inv, conn, 'pods', all ? undefined : namespace, name, query);
  if (metrics.length === 0) {
    verifyEmptyMetrics(inv, conn, namespace, name, query);
    inv.err(all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    return 0;
  }
  const containers = inv.flags.bool('containers');
  const items = metrics
    .map((m) => {
      const cs = ((m.containers ?? []) as Obj[]).map((c) => ({ name: String(c.name), usage: usageOf(c.usage) }));
      return { name: String(m.metadata?.name), namespace: String(m.metadata?.namespace), containers: cs, usage: cs.reduce((t, c) => add(t, c.usage), { cpu: 0, memory: 0 }) };
    })
    .sort((a, b) => compare(by, a, b, all && a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : 0));
  const rows: string[][] = [];
  if (!inv.flags.bool('no-headers')) rows.push(row(...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'));
  for (const p of items) {
    const lead = all ? [p.namespace] : [];
    if (!containers) rows.push(row(...lead, p.name, cpuCell(p.usage), memoryCell(p.usage)));
    else for (const c of [...p.containers].sort((a, b) => compare(by, a, b))) rows.push(row(...lead, p.name, c.name, cpuCell(c.usage), memoryCell(c.usage)));
  }
  if (inv.flags.bool('sum')) {
    // As metrics_printer.go counts it: the extra columns only widen the sum when headers are printed.
    const headers = !inv.flags.bool('no-headers');
    const width = 3 + (headers && all ? 1 : 0) + (headers && containers ? 1 : 0);
    const total = items.reduce((t, p) => add(t, p.usage), { cpu: 0, memory: 0 });
    rows.push(row(...Array(width - 2).fill(''), '________', '________'));
    rows.push(row(...Array(width - 3).fill(''), '', cpuCell(total), memoryCell(total)));
  }
  inv.out(formatTable(rows));
  return 0;
}

register('top pod', topPod);
register('top node', topNode);
