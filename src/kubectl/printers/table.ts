/**
 * Human-readable tables for `kubectl get`: the resource's columns, NAMESPACE for -A, a
 * `kind/` prefix when several types print together, LABELS and -L columns, --no-headers.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Mapping } from '../resource/mapper';
import { tableFor } from './columns/index';
import { labelsString } from './columns/types';
import { formatTable } from './tabwriter';

export interface TableOptions {
  /** A table to use instead of the built-in one (custom resources). */
  table?: import('./columns/types').TableDef;
  wide: boolean;
  withNamespace: boolean;
  withKind: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  now: number;
}

export function tableRows(items: KubeObject[], mapping: Mapping, opts: TableOptions): string[][] {
  const def = opts.table ?? tableFor(mapping.resource, mapping.group);
  const visible = def.columns.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  const rows: string[][] = [];
  if (!opts.noHeaders) {
    const header = visible.map(({ c }) => c.name.toUpperCase());
    if (opts.withNamespace) header.unshift('NAMESPACE');
    for (const l of opts.labelColumns) header.push(l.split('/').pop()!.toUpperCase());
    if (opts.showLabels) header.push('LABELS');
    rows.push(header);
  }
  const prefix = opts.withKind ? `${mapping.kind.toLowerCase()}${mapping.group ? '.' + mapping.group : ''}/` : '';
  const shown = visible.map(({ i }) => i);
  const labelColumns = opts.labelColumns;
  for (const item of items) {
    const cells = def.cells(item, opts.now);
    const row: string[] = [];
    if (opts.withNamespace) row.push(item.metadata?.namespace ?? '');
    for (let k = 0; k < shown.length; k++) {
      const cell = cells[shown[k]] ?? '';
      row.push(k === 0 ? prefix + cell : cell);
    }
    if (labelColumns.length || opts.showLabels) {
      const labels = item.metadata?.labels ?? {};
      for (const l of labelColumns) row.push(labels[l] ?? '');
      if (opts.showLabels) row.push(labelsString(labels));
    }
    rows.push(row);
  }
  return rows;
}

export function renderTable(items: KubeObject[], mapping: Mapping, opts: TableOptions): string {
  return formatTable(tableRows(items, mapping, opts));
}
