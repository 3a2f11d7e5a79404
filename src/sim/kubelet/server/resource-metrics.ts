/**
 * /metrics/resource: the kubelet's resource metrics in Prometheus text format, what metrics-server
 * scrapes (pkg/kubelet/metrics/collectors/resource_metrics.go, v1.33). Built from the CPU-and-memory
 * summary: the node's cumulative CPU, working set and swap, then per container its start time, CPU
 * and working set, per pod its CPU and working set; resource_scrape_error 0 at the end. As the
 * Prometheus gatherer writes them: families sorted by name, samples by their label values,
 * `[STABLE]`/`[ALPHA]` before each help text, values as Go's strconv 'g' and timestamps in ms.
 * In v1.33 the containers' and pods' swap figures are missing from this path (kubernetes#131915),
 * and scrape_error, deprecated since 1.29.0, is hidden.
 */
import { goFormatFloat } from '../../go-float';

type Obj = Record<string, unknown>;

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: { labels: [string, string][]; value: number; timestampMs?: number }[];
}

const DESCS: Record<string, { help: string; type: 'counter' | 'gauge'; stability: 'STABLE' | 'ALPHA' }> = {
  container_cpu_usage_seconds_total: { help: 'Cumulative cpu time consumed by the container in core-seconds', type: 'counter', stability: 'STABLE' },
  container_memory_working_set_bytes: { help: 'Current working set of the container in bytes', type: 'gauge', stability: 'STABLE' },
  container_start_time_seconds: { help: 'Start time of the container since unix epoch in seconds', type: 'gauge', stability: 'STABLE' },
  node_cpu_usage_seconds_total: { help: 'Cumulative cpu time consumed by the node in core-seconds', type: 'counter', stability: 'STABLE' },
  node_memory_working_set_bytes: { help: 'Current working set of the node in bytes', type: 'gauge', stability: 'STABLE' },
  node_swap_usage_bytes: { help: 'Current swap usage of the node in bytes. Reported only on non-windows systems', type: 'gauge', stability: 'ALPHA' },
  pod_cpu_usage_seconds_total: { help: 'Cumulative cpu time consumed by the pod in core-seconds', type: 'counter', stability: 'STABLE' },
  pod_memory_working_set_bytes: { help: 'Current working set of the pod in bytes', type: 'gauge', stability: 'STABLE' },
  resource_scrape_error: { help: '1 if there was an error while getting container metrics, 0 otherwise', type: 'gauge', stability: 'STABLE' },
};

/** A label value as the text format escapes it. */
const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

const goLess = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The text of /metrics/resource from a CPU-and-memory Summary (stats-summary.ts). */
export function resourceMetricsBody(summary: Obj): string {
  const families = new Map<string, Family>();
  const add = (name: string, labels: [string, string][], value: number | undefined, time?: unknown) => {
    if (value === undefined) return;
    let fam = families.get(name);
    if (!fam) families.set(name, (fam = { name, help: `[${DESCS[name].stability}] ${DESCS[name].help}`, type: DESCS[name].type, samples: [] }));
    fam.samples.push({ labels: [...labels].sort((a, b) => goLess(a[0], b[0])), value, timestampMs: typeof time === 'string' ? Date.parse(time) : undefined });
  };
  const node = summary.node as Obj;
  const nodeCpu = node.cpu as Obj | undefined;
  const nodeMemory = node.memory as Obj | undefined;
  add('node_cpu_usage_seconds_total', [], seconds(nodeCpu?.usageCoreNanoSeconds), nodeCpu?.time);
  add('node_memory_working_set_bytes', [], nodeMemory?.workingSetBytes as number | undefined, nodeMemory?.time);
  // Stamped with the memory sample's time, as the collector does.
  add('node_swap_usage_bytes', [], (node.swap as Obj | undefined)?.swapUsageBytes as number | undefined, nodeMemory?.time);
  for (const pod of (summary.pods as Obj[]) ?? []) {
    const ref = pod.podRef as { name: string; namespace: string };
    for (const c of (pod.containers as Obj[]) ?? []) {
      const labels: [string, string][] = [['container', String(c.name)], ['pod', ref.name], ['namespace', ref.namespace]];
      const start = Date.parse(String(c.startTime));
      if (start > 0) add('container_start_time_seconds', labels, start / 1000);
      const cpu = c.cpu as Obj | undefined;
      const memory = c.memory as Obj | undefined;
      add('container_cpu_usage_seconds_total', labels, seconds(cpu?.usageCoreNanoSeconds), cpu?.time);
      add('container_memory_working_set_bytes', labels, memory?.workingSetBytes as number | undefined, memory?.time);
    }
    const labels: [string, string][] = [['pod', ref.name], ['namespace', ref.namespace]];
    const cpu = pod.cpu as Obj | undefined;
    const memory = pod.memory as Obj | undefined;
    add('pod_cpu_usage_seconds_total', labels, seconds(cpu?.usageCoreNanoSeconds), cpu?.time);
    add('pod_memory_working_set_bytes', labels, memory?.workingSetBytes as number | undefined, memory?.time);
  }
  add('resource_scrape_error', [], 0);
  let out = '';
  for (const fam of [...families.values()].sort((a, b) => goLess(a.name, b.name))) {
    out += `# HELP ${fam.name} ${fam.help}\n# TYPE ${fam.name} ${fam.type}\n`;
    const key = (s: Family['samples'][number]) => s.labels.map((l) => l[1]);
    fam.samples.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return goLess(ka[i], kb[i]);
      return (a.timestampMs ?? 0) - (b.timestampMs ?? 0);
    });
    for (const s of fam.samples) {
      const labels = s.labels.length ? `{${s.labels.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}` : '';
      out += `${fam.name}${labels} ${goFormatFloat(s.value)}${s.timestampMs !== undefined ? ` ${s.timestampMs}` : ''}\n`;
    }
  }
  return out;
}

function seconds(coreNs: unknown): number | undefined {
  return typeof coreNs === 'number' ? coreNs / 1e9 : undefined;
}
