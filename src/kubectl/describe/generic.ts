/** kubectl's generic describer for kinds without their own: the object's fields as an indented tree. */
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, printAnnotations, printLabels, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';

function capitalize(k: string): string {
  return k.charAt(0).toUpperCase() + k.slice(1);
}

function printValue(w: PrefixWriter, level: number, key: string, value: unknown): void {
  if (Array.isArray(value)) {
    w.write(level, `${key}:\n`);
    for (const item of value) {
      if (item && typeof item === 'object') {
        const entries = Object.entries(item as Obj).sort(([a], [b]) => (a < b ? -1 : 1));
        entries.forEach(([k, v]) => printValue(w, level + 1, capitalize(k), v));
      } else w.write(level + 1, `${String(item)}\n`);
    }
  } else if (value && typeof value === 'object') {
    w.write(level, `${key}:\n`);
    for (const [k, v] of Object.entries(value as Obj).sort(([a], [b]) => (a < b ? -1 : 1))) printValue(w, level + 1, capitalize(k), v);
  } else {
    w.write(level, `${key}:\t${String(value)}\n`);
  }
}

export function describeGeneric(o: KubeObject, now: number, events?: KubeObject[]): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  if (o.metadata?.namespace) w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `API Version:\t${o.apiVersion}\n`);
  w.write(0, `Kind:\t${o.kind}\n`);
  const skipMeta = new Set(['name', 'namespace', 'labels', 'annotations', 'managedFields']);
  const meta = Object.fromEntries(Object.entries(o.metadata ?? {}).filter(([k]) => !skipMeta.has(k)));
  printValue(w, 0, 'Metadata', meta);
  for (const [k, v] of Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (['apiVersion', 'kind', 'metadata'].includes(k)) continue;
    printValue(w, 0, capitalize(k), v);
  }
  describeEvents(w, events ?? [], now);
  return w.toString();
}
