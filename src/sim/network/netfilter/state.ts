/**
 * A machine's netfilter rules (the kernel's iptables tables as iptables-nft 1.8.7 sees them on
 * Ubuntu 22.04), kept as plain data in machine.ext.netfilter so that it is saved with the machine
 * and lost at a reboot, as kernel state is.
 *
 * A table exists once something has written to it (iptables-nft creates tables and their built-in
 * chains lazily; iptables-save prints only tables that exist). User chains are kept in the order
 * iptables' cache keeps them: by name.
 */
import type { Rule } from './rule';

export interface Chain {
  name: string;
  /** Built-in chains have a policy; user chains have none. */
  policy?: 'ACCEPT' | 'DROP';
  pkts: number;
  bytes: number;
  rules: Rule[];
}

export interface Table {
  chains: Chain[];
}

export interface NetfilterState {
  tables: Partial<Record<TableName, Table>>;
}

export type TableName = 'mangle' | 'security' | 'raw' | 'filter' | 'nat';

/** Built-in chains by table, in the order iptables lists them. */
export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** The order in which iptables-save visits tables (iptables-nft's table array). */
export const TABLE_ORDER: TableName[] = ['mangle', 'security', 'raw', 'filter', 'nat'];

export function isTableName(name: string): name is TableName {
  return Object.prototype.hasOwnProperty.call(BUILTIN_CHAINS, name);
}

export function isBuiltin(table: TableName, chain: string): boolean {
  return BUILTIN_CHAINS[table].includes(chain);
}

interface HasExt {
  ext: Record<string, unknown>;
}

/** The machine's rules (created empty on first use). */
export function netfilterOf(machine: HasExt): NetfilterState {
  return ((machine.ext.netfilter as NetfilterState | undefined) ??= { tables: {} });
}

/** Forget every rule: the kernel's tables start empty at boot. */
export function resetNetfilter(machine: HasExt): void {
  delete machine.ext.netfilter;
}

/** The table, created with its built-in chains (policy ACCEPT) when `create` and it does not exist. */
export function tableOf(state: NetfilterState, name: TableName, create: boolean): Table | undefined {
  let t = state.tables[name];
  if (!t && create) {
    t = { chains: BUILTIN_CHAINS[name].map((c) => ({ name: c, policy: 'ACCEPT', pkts: 0, bytes: 0, rules: [] })) };
    state.tables[name] = t;
  }
  return t;
}

/** A table as listed: the built-in chains even when the table does not exist yet. */
export function viewOf(state: NetfilterState, name: TableName): Table {
  return tableOf(state, name, false) ?? { chains: BUILTIN_CHAINS[name].map((c) => ({ name: c, policy: 'ACCEPT', pkts: 0, bytes: 0, rules: [] })) };
}

export function chainOf(table: Table, name: string): Chain | undefined {
  return table.chains.find((c) => c.name === name);
}

/** Chains in listing order: built-ins first, then user chains by name (strcmp). */
export function orderedChains(table: Table, tableName: TableName): Chain[] {
  const builtins = BUILTIN_CHAINS[tableName].map((n) => chainOf(table, n)).filter((c): c is Chain => !!c);
  const user = table.chains.filter((c) => !isBuiltin(tableName, c.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...builtins, ...user];
}

/** Add a user chain (no-op when it exists). */
export function ensureChain(table: Table, name: string): Chain {
  let c = chainOf(table, name);
  if (!c) table.chains.push((c = { name, pkts: 0, bytes: 0, rules: [] }));
  return c;
}

/** How many rules jump or go to a chain (the "(N references)" of a listing). */
export function referencesTo(table: Table, name: string): number {
  let n = 0;
  for (const c of table.chains) for (const r of c.rules) if (r.target?.name === name) n++;
  return n;
}
