/** The table of every resource kubectl knows how to print, keyed by plural resource name. */
import * as core from './core';
import * as other from './other';
import * as workloads from './workloads';
import { cols, type Obj, type TableDef } from './types';
import { parseQuantity } from '../../../sim/apiserver/quantity';
import { bytesText, nanocoresText } from '../../../sim/metrics/quantity';
import { age } from '../duration';

const TABLES: Record<string, TableDef> = { ...core, ...workloads, ...other };

/** Resources without a printer get the apiserver's default table: NAME and AGE. */
const DEFAULT_TABLE: TableDef = {
  columns: cols(['Name', 'Age']),
  cells: (o, now) => [o.metadata?.name ?? '', age(o.metadata?.creationTimestamp, now)],
};

/**
 * metrics-server's own tables (pkg/api/table.go): NAME, the summed usage per resource in canonical
 * quantity form, and the sampling WINDOW.
 */
const METRICS_TABLE: TableDef = {
  columns: cols(['Name', 'CPU', 'Memory', 'Window']),
  cells(o) {
    const x = o as Obj;
    const usage = x.usage ?? sumContainers((x.containers ?? []) as Obj[]);
    return [o.metadata?.name ?? '', String(usage.cpu ?? '0'), String(usage.memory ?? '0'), String(x.window ?? '')];
  },
};

function sumContainers(containers: Obj[]): { cpu: string; memory: string } {
  let cpu = 0;
  let memory = 0;
  for (const c of containers) {
    cpu += Math.round(parseQuantity(String(c.usage?.cpu ?? '0')) * 1e9);
    memory += Math.round(parseQuantity(String(c.usage?.memory ?? '0')));
  }
  return { cpu: nanocoresText(cpu), memory: bytesText(memory) };
}

/** Tables of resources whose plural name is not unique across groups. */
const GROUP_TABLES: Record<string, TableDef> = { 'nodes.metrics.k8s.io': METRICS_TABLE, 'pods.metrics.k8s.io': METRICS_TABLE };

export function tableFor(resource: string, group = ''): TableDef {
  const grouped = group ? GROUP_TABLES[`${resource}.${group}`] : undefined;
  if (grouped) return grouped;
  return Object.prototype.hasOwnProperty.call(TABLES, resource) ? TABLES[resource] : DEFAULT_TABLE;
}
