/** A resource's table: its columns (priority 1 = only with -o wide) and how an object fills a row. */
import type { KubeObject } from '../../../sim/apiserver/types';

export interface Column {
  name: string;
  /** 0: always shown; 1: only with -o wide. */
  priority: 0 | 1;
}

export interface TableDef {
  columns: Column[];
  /** One cell per column (same order), from the object at simulated time `now`. */
  cells(obj: KubeObject, now: number): string[];
}

export function cols(normal: string[], wide: string[] = []): Column[] {
  return [...normal.map((name) => ({ name, priority: 0 as const })), ...wide.map((name) => ({ name, priority: 1 as const }))];
}

/** Loose accessors for the unstructured objects the server returns. */
export type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function spec(o: KubeObject): Obj {
  return (o.spec as Obj) ?? {};
}

export function status(o: KubeObject): Obj {
  return (o.status as Obj) ?? {};
}

export function labelsString(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

export function selectorString(sel: Obj | undefined): string {
  if (!sel) return '<none>';
  const parts: string[] = [];
  const ml = (sel.matchLabels ?? {}) as Record<string, string>;
  for (const k of Object.keys(ml).sort()) parts.push(`${k}=${ml[k]}`);
  for (const e of (sel.matchExpressions ?? []) as Obj[]) {
    const vals = ((e.values ?? []) as string[]).slice().sort().join(',');
    switch (e.operator) {
      case 'In':
        parts.push(`${e.key} in (${vals})`);
        break;
      case 'NotIn':
        parts.push(`${e.key} notin (${vals})`);
        break;
      case 'Exists':
        parts.push(`${e.key}`);
        break;
      case 'DoesNotExist':
        parts.push(`!${e.key}`);
        break;
    }
  }
  return parts.length ? parts.join(',') : '<none>';
}

export function containersAndImages(podSpec: Obj | undefined): [string, string] {
  const cs = ((podSpec?.containers ?? []) as Obj[]);
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}
