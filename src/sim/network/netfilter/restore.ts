/**
 * iptables-restore's input (what iptables-save prints, and what kube-proxy writes): `*table`,
 * `:CHAIN POLICY [pkts:bytes]`, rule commands, `COMMIT`. A table's changes apply at its COMMIT,
 * all or nothing. Without --noflush every table named is emptied first; with it, only the chains
 * declared with `:` are (kube-proxy's way of rewriting its own chains and no one else's).
 */
import { ParameterProblem } from './extensions';
import { BadArgument, parseInvocation, VersionProblem } from './parse';
import { runCommand } from './commands';
import { chainOf, ensureChain, isBuiltin, isTableName, tableOf, type NetfilterState, type TableName } from './state';

export interface RestoreOptions {
  noflush: boolean;
  /** -T: restore only this table. */
  table?: TableName;
  /** -c: take the counters of the input. */
  counters: boolean;
}

export type RestoreError =
  | { kind: 'parameter'; message: string; line: number }
  | { kind: 'bad-argument'; argument: string; line: number }
  | { kind: 'failed'; line: number };

/** Split a rule line into arguments as the shell would (double quotes group, backslash escapes). */
export function splitRuleLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      started = true;
    } else if (c === '"') {
      inQuotes = !inQuotes;
      started = true;
    } else if (!inQuotes && (c === ' ' || c === '\t')) {
      if (started) out.push(cur);
      cur = '';
      started = false;
    } else {
      cur += c;
      started = true;
    }
  }
  if (started) out.push(cur);
  return out;
}

/** Apply restore input to the rules; returns the first error (and changes nothing of that table). */
export function restoreRules(state: NetfilterState, text: string, opts: RestoreOptions, resolve: (name: string) => string | undefined): RestoreError | undefined {
  const working: NetfilterState = structuredClone(state);
  let table: TableName | undefined;
  const lines = text.split('\n');
  /** A jump to a chain that did not exist yet: nf_tables checks it when the table commits. */
  let missingJump: string | undefined;
  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    const line = lines[n].trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      const name = line.slice(1);
      if (!isTableName(name)) return { kind: 'parameter', message: `table '${name}' does not exist`, line: lineNo };
      table = name;
      if (opts.table && opts.table !== name) continue;
      const t = tableOf(working, name, true)!;
      // without --noflush the table is replaced: built-in chains back to ACCEPT and empty
      if (!opts.noflush) t.chains = t.chains.filter((c) => isBuiltin(name, c.name)).map((c) => ({ ...c, policy: 'ACCEPT' as const, rules: [] }));
      continue;
    }
    if (!table) return { kind: 'parameter', message: 'no command specified', line: lineNo };
    if (opts.table && opts.table !== table) continue;
    if (line === 'COMMIT') {
      if (missingJump) return { kind: 'parameter', message: `Chain '${missingJump}' does not exist`, line: lineNo };
      state.tables[table] = working.tables[table];
      table = undefined;
      continue;
    }
    const t = tableOf(working, table, true)!;
    if (line.startsWith(':')) {
      const [name, policy, counters] = line.slice(1).split(/\s+/);
      const [pkts, bytes] = (counters ?? '[0:0]').replace(/[[\]]/g, '').split(':').map(Number);
      if (isBuiltin(table, name)) {
        const c = chainOf(t, name)!;
        if (policy !== '-') c.policy = policy as 'ACCEPT' | 'DROP';
        if (opts.counters) Object.assign(c, { pkts, bytes });
      } else {
        const c = ensureChain(t, name);
        c.rules = [];
      }
      continue;
    }
    let args = splitRuleLine(line);
    let counters: [number, number] | undefined;
    const m = /^\[(\d+):(\d+)\]$/.exec(args[0] ?? '');
    if (m) {
      counters = [Number(m[1]), Number(m[2])];
      args = args.slice(1);
    }
    if (args.includes('-t') || args.includes('--table')) return { kind: 'parameter', message: `The -t option (seen in line ${lineNo}) cannot be used in iptables-restore.\n`, line: lineNo };
    try {
      const inv = parseInvocation(args, resolve);
      inv.table = table;
      // a chain declared further down the same table may be jumped to before its declaration
      const jump = inv.rule.target?.name;
      if (jump && declaredLater(lines, n, jump)) ensureChain(t, jump);
      const result = runCommand(working, inv, { numeric: true, verbose: false, exact: false, lineNumbers: false });
      if (result.problem && /^Chain '.*' does not exist$/.test(result.problem.message)) {
        missingJump ??= jump;
        continue;
      }
      if (result.problem) return { kind: 'parameter', message: result.problem.message, line: lineNo };
      if (result.failure || result.resourceBusy) return { kind: 'failed', line: lineNo };
      if (counters && opts.counters && inv.command === 'append') {
        const c = chainOf(t, inv.chain!)!;
        Object.assign(c.rules[c.rules.length - 1], { pkts: counters[0], bytes: counters[1] });
      }
    } catch (e) {
      if (e instanceof BadArgument) return { kind: 'bad-argument', argument: e.message, line: lineNo };
      if (e instanceof ParameterProblem || e instanceof VersionProblem) return { kind: 'parameter', message: e.message, line: lineNo };
      throw e;
    }
  }
  if (table) return { kind: 'failed', line: lines.length };
  return undefined;
}

/** Is `chain` declared (`:chain`) below line `from`, before the table's COMMIT? */
function declaredLater(lines: string[], from: number, chain: string): boolean {
  for (let i = from + 1; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l === 'COMMIT') return false;
    if (l.startsWith(`:${chain} `) || l === `:${chain}`) return true;
  }
  return false;
}
