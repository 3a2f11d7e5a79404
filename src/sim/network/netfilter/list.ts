/**
 * What iptables prints of the rules: `-L` (the table layout of iptables 1.8.7's print_header and
 * print_rule_details), `-S` (the rules as commands) and iptables-save (the restore format).
 */
import { listMatch, listTarget } from './extensions';
import { ruleSpec, type Address, type Rule } from './rule';
import { chainOf, isBuiltin, orderedChains, referencesTo, type Chain, type Table, type TableName } from './state';

export interface ListFormat {
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
  /** Host names for addresses (gethostbyaddr through /etc/hosts) when not numeric. */
  hostName?: (ip: string) => string | undefined;
}

/** xtables_print_num: counters as 5 columns with K/M/G suffixes, or 8 exact digits with -x. */
function counter(n: number, exact: boolean): string {
  if (exact) return `${String(n).padStart(8)} `;
  if (n <= 99999) return `${String(n).padStart(5)} `;
  let v = Math.floor((n + 500) / 1000);
  for (const unit of ['K', 'M', 'G']) {
    if (v <= 9999) return `${String(v).padStart(4)}${unit} `;
    v = Math.floor((v + 500) / 1000);
  }
  return `${String(v).padStart(4)}T `;
}

function header(f: ListFormat): string {
  let s = '';
  if (f.lineNumbers) s += 'num  ';
  if (f.verbose) s += f.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes ';
  s += `${'target'.padEnd(9)}  prot opt`;
  if (f.verbose) s += ` ${'in'.padEnd(6)} ${'out'.padEnd(6)} `;
  s += ` ${'source'.padEnd(19)}  ${'destination'.padEnd(19)} `;
  return s;
}

function addressText(a: Address | undefined, f: ListFormat): string {
  if (!a || a.prefix === 0) return f.numeric ? '0.0.0.0/0' : 'anywhere';
  if (a.prefix === 32) return (!f.numeric && f.hostName?.(a.ip)) || a.ip;
  return `${a.ip}/${a.prefix}`;
}

/** One rule as a line of `iptables -L`. */
export function ruleLine(rule: Rule, num: number, f: ListFormat): string {
  let s = '';
  if (f.lineNumbers) s += `${String(num).padEnd(4)} `;
  if (f.verbose) s += counter(rule.pkts, f.exact) + counter(rule.bytes, f.exact);
  s += `${(rule.target?.name ?? '').padEnd(9)} `;
  s += rule.proto?.neg ? '!' : ' ';
  s += (rule.proto?.name ?? 'all').padEnd(5);
  s += '-- ';
  if (f.verbose) {
    const any = f.numeric ? '*' : 'any';
    s += ` ${`${rule.in?.neg ? '!' : ''}${rule.in?.name ?? any}`.padEnd(6)} `;
    s += `${`${rule.out?.neg ? '!' : ''}${rule.out?.name ?? any}`.padEnd(6)} `;
  }
  s += `${rule.src?.neg ? '!' : ' '}${addressText(rule.src, f).padEnd(19)} `;
  s += `${rule.dst?.neg ? '!' : ' '}${addressText(rule.dst, f).padEnd(19)} `;
  for (const m of rule.matches) s += listMatch(m, f.numeric, rule.proto?.name);
  if (rule.target) s += listTarget(rule.target, f.numeric);
  return s;
}

function chainTitle(table: Table, tableName: TableName, c: Chain, f: ListFormat): string {
  if (isBuiltin(tableName, c.name)) {
    return f.verbose ? `Chain ${c.name} (policy ${c.policy} ${c.pkts} packets, ${c.bytes} bytes)` : `Chain ${c.name} (policy ${c.policy})`;
  }
  return `Chain ${c.name} (${referencesTo(table, c.name)} references)`;
}

/** `iptables -L [CHAIN]`: each chain's title, column header and rules, chains separated by a blank line. */
export function listChains(table: Table, tableName: TableName, chain: string | undefined, f: ListFormat): string {
  const chains = chain ? [chainOf(table, chain)!] : orderedChains(table, tableName);
  return chains
    .map((c) => [chainTitle(table, tableName, c, f), header(f), ...c.rules.map((r, i) => ruleLine(r, i + 1, f))].join('\n') + '\n')
    .join('\n');
}

/** `iptables -S [CHAIN]`: policies (-P) or chain creations (-N), then the rules (-A). */
export function listRules(table: Table, tableName: TableName, chain: string | undefined): string {
  const chains = chain ? [chainOf(table, chain)!] : orderedChains(table, tableName);
  const lines: string[] = [];
  for (const c of chains) lines.push(isBuiltin(tableName, c.name) ? `-P ${c.name} ${c.policy}` : `-N ${c.name}`);
  for (const c of chains) for (const r of c.rules) lines.push(`-A ${c.name} ${ruleSpec(r)}`);
  return lines.map((l) => `${l}\n`).join('');
}

/** A table in the restore format iptables-save prints (with [pkts:bytes] before rules when `counters`). */
export function saveTable(table: Table, tableName: TableName, counters: boolean): string {
  const chains = orderedChains(table, tableName);
  let s = `*${tableName}\n`;
  for (const c of chains) s += `:${c.name} ${isBuiltin(tableName, c.name) ? c.policy : '-'} [${c.pkts}:${c.bytes}]\n`;
  for (const c of chains) for (const r of c.rules) s += `${counters ? `[${r.pkts}:${r.bytes}] ` : ''}-A ${c.name} ${ruleSpec(r)}\n`;
  return `${s}COMMIT\n`;
}
