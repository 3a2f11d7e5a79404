/**
 * What an iptables command does to a machine's rules, and the words of its failures (the error
 * table of iptables-nft 1.8.7's nft.c: "iptables: No chain/target/match by that name.", …).
 */
import { ParameterProblem } from './extensions';
import { isTargetExtension as isTargetExtensionName, type Invocation } from './parse';
import { listChains, listRules, ruleLine, type ListFormat } from './list';
import { sameRule, ruleSpec, type Rule } from './rule';
import { chainOf, ensureChain, isBuiltin, referencesTo, tableOf, viewOf, type NetfilterState, type Table } from './state';

export interface CommandResult {
  stdout: string;
  /** A kernel-side failure: printed as "iptables: MESSAGE." (status 1). */
  failure?: string;
  /** A parameter problem found once the rules are known (status 2, with the "Try" line). */
  problem?: ParameterProblem;
  /** iptables' "CHAIN_DEL failed" (status 4). */
  resourceBusy?: string;
}

const NO_CHAIN = 'No chain/target/match by that name';
const ok = (stdout = ''): CommandResult => ({ stdout });
const fail = (failure: string): CommandResult => ({ stdout: '', failure });

/** A -j/-g name that is neither a verdict nor a target extension must be a chain of the table. */
function checkJump(table: Table, rule: Rule): ParameterProblem | undefined {
  const name = rule.target?.name;
  if (!name || isTargetExtensionName(name) || chainOf(table, name)) return undefined;
  return new ParameterProblem(`Chain '${name}' does not exist`);
}

function fresh(rule: Rule): Rule {
  return { ...rule, matches: rule.matches.map((m) => ({ ...m, opts: [...m.opts] })), pkts: 0, bytes: 0 };
}

type Handler = (state: NetfilterState, inv: Invocation, f: ListFormat) => CommandResult;

const HANDLERS: Record<NonNullable<Invocation['command']>, Handler> = {
  list: (state, inv, f) => {
    const table = viewOf(state, inv.table);
    if (inv.chain !== undefined && !chainOf(table, inv.chain)) return fail(NO_CHAIN);
    if (inv.chain !== undefined && inv.ruleNum !== undefined) {
      const r = chainOf(table, inv.chain)!.rules[inv.ruleNum - 1];
      return r ? ok(`${ruleLine(r, inv.ruleNum, f)}\n`) : fail('Index of deletion too big');
    }
    return ok(listChains(table, inv.table, inv.chain, f));
  },
  listRules: (state, inv) => {
    const table = viewOf(state, inv.table);
    if (inv.chain !== undefined && !chainOf(table, inv.chain)) return fail(NO_CHAIN);
    if (inv.chain !== undefined && inv.ruleNum !== undefined) {
      const r = chainOf(table, inv.chain)!.rules[inv.ruleNum - 1];
      return r ? ok(`-A ${inv.chain} ${ruleSpec(r)}\n`) : fail('Index of deletion too big');
    }
    return ok(listRules(table, inv.table, inv.chain));
  },
  append: (state, inv) => withRule(state, inv, (c, rule) => void c.rules.push(rule)),
  insert: (state, inv) =>
    withRule(state, inv, (c, rule) => {
      const at = (inv.ruleNum ?? 1) - 1;
      if (at > c.rules.length) return 'Index of insertion too big';
      c.rules.splice(at, 0, rule);
      return undefined;
    }),
  replace: (state, inv) =>
    withRule(state, inv, (c, rule) => {
      const at = inv.ruleNum! - 1;
      if (at >= c.rules.length) return 'Index of replacement too big';
      c.rules[at] = rule;
      return undefined;
    }),
  check: (state, inv) => withRule(state, inv, (c, rule) => (c.rules.some((r) => sameRule(r, rule)) ? undefined : 'Bad rule (does a matching rule exist in that chain?)'), false),
  delete: (state, inv) =>
    withRule(state, inv, (c, rule) => {
      const i = c.rules.findIndex((r) => sameRule(r, rule));
      if (i < 0) return 'Bad rule (does a matching rule exist in that chain?)';
      c.rules.splice(i, 1);
      return undefined;
    }),
  deleteNum: (state, inv) => {
    const table = tableOf(state, inv.table, false);
    const c = table && chainOf(table, inv.chain!);
    if (!c) return fail(NO_CHAIN);
    if (inv.ruleNum! > c.rules.length) return fail('Index of deletion too big');
    c.rules.splice(inv.ruleNum! - 1, 1);
    return ok();
  },
  flush: (state, inv) => {
    const table = tableOf(state, inv.table, inv.chain !== undefined);
    if (!table) return ok();
    if (inv.chain !== undefined) {
      const c = chainOf(table, inv.chain);
      if (!c) return fail(NO_CHAIN);
      c.rules = [];
      return ok();
    }
    for (const c of table.chains) c.rules = [];
    return ok();
  },
  zero: (state, inv) => {
    const table = tableOf(state, inv.table, false);
    if (!table) return ok();
    if (inv.chain !== undefined && !chainOf(table, inv.chain)) return fail(NO_CHAIN);
    for (const c of table.chains) {
      if (inv.chain !== undefined && c.name !== inv.chain) continue;
      c.pkts = c.bytes = 0;
      for (const r of c.rules) r.pkts = r.bytes = 0;
    }
    return ok();
  },
  newChain: (state, inv) => {
    const name = inv.chain!;
    if (name.length >= 29) return { stdout: '', problem: new ParameterProblem(`chain name \`${name}' too long (must be under 29 chars)`) };
    if (isTargetExtensionName(name)) return { stdout: '', problem: new ParameterProblem('chain name may not clash with target name\n') };
    const table = tableOf(state, inv.table, true)!;
    if (chainOf(table, name)) return fail('Chain already exists');
    ensureChain(table, name);
    return ok();
  },
  deleteChain: (state, inv) => {
    const table = tableOf(state, inv.table, inv.chain !== undefined);
    if (!table) return ok();
    const victims = inv.chain !== undefined ? [chainOf(table, inv.chain)] : table.chains.filter((c) => !isBuiltin(inv.table, c.name));
    for (const c of victims) {
      if (!c || isBuiltin(inv.table, c.name)) return fail(NO_CHAIN);
      if (c.rules.length || referencesTo(table, c.name)) return { stdout: '', resourceBusy: `CHAIN_DEL failed (Device or resource busy): chain ${c.name}` };
    }
    table.chains = table.chains.filter((c) => !victims.includes(c));
    return ok();
  },
  policy: (state, inv) => {
    if (!isBuiltin(inv.table, inv.chain!)) return fail('Bad built-in chain name');
    if (inv.policy !== 'ACCEPT' && inv.policy !== 'DROP') return fail("Bad policy name. Run `dmesg' for more information");
    chainOf(tableOf(state, inv.table, true)!, inv.chain!)!.policy = inv.policy;
    return ok();
  },
  rename: (state, inv) => {
    const table = tableOf(state, inv.table, true)!;
    const c = chainOf(table, inv.chain!);
    if (!c || isBuiltin(inv.table, c.name)) return fail(NO_CHAIN);
    if (chainOf(table, inv.newName!)) return fail('File exists');
    for (const ch of table.chains) for (const r of ch.rules) if (r.target?.name === c.name) r.target.name = inv.newName!;
    c.name = inv.newName!;
    return ok();
  },
};

/**
 * A rule command on its chain: the table is created on first write; the chain must exist, and a
 * jump must name a target or a chain. `change` returns a failure text or nothing.
 */
function withRule(state: NetfilterState, inv: Invocation, change: (c: NonNullable<ReturnType<typeof chainOf>>, rule: Rule) => string | void, write = true): CommandResult {
  // checked on what is there; the table comes to exist only when a rule is written into it
  const view = tableOf(state, inv.table, false) ?? viewOf(state, inv.table);
  const problem = checkJump(view, inv.rule);
  if (problem) return { stdout: '', problem };
  if (!chainOf(view, inv.chain!)) return fail(NO_CHAIN);
  const c = chainOf(write ? tableOf(state, inv.table, true)! : view, inv.chain!)!;
  const failure = change(c, fresh(inv.rule));
  return failure ? fail(failure) : ok();
}

export function runCommand(state: NetfilterState, inv: Invocation, f: ListFormat): CommandResult {
  return HANDLERS[inv.command!](state, inv, f);
}
