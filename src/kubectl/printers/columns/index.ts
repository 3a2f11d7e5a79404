/** The table of every resource kubectl knows how to print, keyed by plural resource name. */
import * as core from './core';
import * as other from './other';
import * as workloads from './workloads';
import { cols, type TableDef } from './types';
import { age } from '../duration';

const TABLES: Record<string, TableDef> = { ...core, ...workloads, ...other };

/** Resources without a printer get the apiserver's default table: NAME and AGE. */
const DEFAULT_TABLE: TableDef = {
  columns: cols(['Name', 'Age']),
  cells: (o, now) => [o.metadata?.name ?? '', age(o.metadata?.creationTimestamp, now)],
};

export function tableFor(resource: string): TableDef {
  return Object.prototype.hasOwnProperty.call(TABLES, resource) ? TABLES[resource] : DEFAULT_TABLE;
}
