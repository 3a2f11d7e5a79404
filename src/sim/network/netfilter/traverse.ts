/**
 * The path of a connection's first packet through a machine's rules, as netfilter walks them: a
 * built-in chain's rules in order, jumps into user chains (RETURN or their end comes back), the
 * first terminating target deciding (ACCEPT, DROP, REJECT, DNAT, MASQUERADE…), else the chain's
 * policy. Only the first packet matters: nat rules see no other, and filter rules that would treat
 * later packets differently (ESTABLISHED) accept what the first packet opened.
 *
 * Every rule that matches counts the packet (1 packet, 60 bytes: a TCP SYN), as the counters of
 * `iptables -L -v` show on a real node.
 */
import { addressMatches, type Match, type Opt, type Rule } from './rule';
import { chainOf, isBuiltin, tableOf, type NetfilterState, type TableName } from './state';

export interface Packet {
  src: string;
  dst: string;
  proto: 'tcp' | 'udp';
  dport: number;
  /** The interface it came in on (lo for the machine's own, cni0 from its pods, ens4 from outside). */
  inIface?: string;
  outIface?: string;
  /** Source / destination addresses of this machine (addrtype LOCAL). */
  srcLocal: boolean;
  dstLocal: boolean;
  mark: number;
  /** The machine's ipsets (name → members as `ipset list` prints them), for `-m set`. */
  sets?: Record<string, string[]>;
}

export type Verdict = { kind: 'accept' } | { kind: 'drop' } | { kind: 'reject' } | { kind: 'dnat'; ip: string; port: number };

/** How a `-m statistic --mode random` rule draws: given its probability, does this packet match? */
export type Draw = (probability: number, rule: Rule) => boolean;

const SYN_BYTES = 60;

function ifaceMatches(rule: { name: string; neg: boolean } | undefined, iface: string | undefined): boolean {
  if (!rule) return true;
  const name = rule.name;
  const hit = iface !== undefined && (name.endsWith('+') ? iface.startsWith(name.slice(0, -1)) : iface === name);
  return rule.neg ? !hit : hit;
}

function portMatches(opt: Opt | undefined, port: number): boolean {
  if (!opt) return true;
  const [a, b] = opt.values[0].split(':').map(Number);
  const inside = b === undefined ? port === a : port >= a && port <= b;
  return opt.neg ? !inside : inside;
}

const opt = (m: Match, key: string) => m.opts.find((o) => o.key === key);

/** One dimension of an ipset member (10.96.0.1, tcp:443, 30080) against the packet's side `dim`. */
function memberPartMatches(part: string, dim: string, p: Packet): boolean {
  if (part.includes('.')) return part === (dim === 'src' ? p.src : p.dst);
  const [proto, port] = part.includes(':') ? part.split(':') : [undefined, part];
  return (!proto || proto === p.proto) && dim === 'dst' && Number(port) === p.dport;
}

/** A match's test on the first packet of a new connection. */
const MATCH_TESTS: Record<string, (m: Match, p: Packet, rule: Rule, draw: Draw) => boolean> = {
  tcp: (m, p) => p.proto === 'tcp' && portMatches(opt(m, '--dport'), p.dport),
  udp: (m, p) => p.proto === 'udp' && portMatches(opt(m, '--dport'), p.dport),
  comment: () => true,
  // a first packet is NEW (and DNAT once a nat rule rewrote it); never RELATED, ESTABLISHED or INVALID
  conntrack: (m) => {
    const o = opt(m, '--ctstate');
    if (!o) return true;
    const hit = o.values[0].split(',').includes('NEW');
    return o.neg ? !hit : hit;
  },
  state: (m) => {
    const o = opt(m, '--state')!;
    const hit = o.values[0].split(',').includes('NEW');
    return o.neg ? !hit : hit;
  },
  mark: (m, p) => {
    const o = opt(m, '--mark')!;
    const [v, mask] = o.values[0].split('/').map((x) => parseInt(x, 16));
    const hit = ((p.mark & (mask ?? 0xffffffff)) >>> 0) === v;
    return o.neg ? !hit : hit;
  },
  addrtype: (m, p) => {
    const test = (key: string, local: boolean) => {
      const o = opt(m, key);
      if (!o) return true;
      const hit = o.values[0].split(',').includes('LOCAL') === local;
      return o.neg ? !hit : hit;
    };
    return test('--src-type', p.srcLocal) && test('--dst-type', p.dstLocal);
  },
  statistic: (m, _p, rule, draw) => {
    const o = opt(m, '--probability');
    if (!o) return true;
    const hit = draw(Number(o.values[0]), rule);
    return o.neg ? !hit : hit;
  },
  multiport: (m, p) => {
    const o = opt(m, '--dports') ?? opt(m, '--ports');
    if (!o) return true;
    const hit = o.values[0].split(',').some((r) => portMatches({ key: '', values: [r], neg: false }, p.dport));
    return o.neg ? !hit : hit;
  },
  set: (m, p) => {
    const o = opt(m, '--match-set')!;
    const [name, flags] = o.values;
    const dims = flags.split(',');
    const hit = (p.sets?.[name] ?? []).some((entry) => entry.split(',').every((part, i) => memberPartMatches(part, dims[i] ?? 'dst', p)));
    return o.neg ? !hit : hit;
  },
  icmp: () => false,
  limit: () => true,
};

function ruleMatches(rule: Rule, p: Packet, draw: Draw): boolean {
  if (rule.src && !addressMatches(rule.src, p.src)) return false;
  if (rule.dst && !addressMatches(rule.dst, p.dst)) return false;
  if (rule.proto) {
    const hit = rule.proto.name === p.proto;
    if (rule.proto.neg ? hit : !hit) return false;
  }
  if (!ifaceMatches(rule.in, p.inIface) || !ifaceMatches(rule.out, p.outIface)) return false;
  return rule.matches.every((m) => (MATCH_TESTS[m.name] ?? (() => false))(m, p, rule, draw));
}

/** MARK's --set-xmark value/mask on the packet's mark. */
function applyMark(rule: Rule, p: Packet): void {
  const [v, mask] = rule.target!.opts[0].values[0].split('/').map((x) => parseInt(x, 16));
  p.mark = ((p.mark & ~mask) ^ v) >>> 0;
}

/** Walk a chain; undefined when it falls off the end of a user chain (or RETURNs). */
function walk(state: NetfilterState, table: TableName, chainName: string, p: Packet, draw: Draw, depth: number): Verdict | undefined {
  const t = tableOf(state, table, false);
  const chain = t && chainOf(t, chainName);
  if (!chain || depth > 64) return undefined;
  for (const rule of chain.rules) {
    if (!ruleMatches(rule, p, draw)) continue;
    rule.pkts += 1;
    rule.bytes += SYN_BYTES;
    const target = rule.target?.name;
    if (!target) continue;
    if (target === 'ACCEPT') return { kind: 'accept' };
    if (target === 'DROP') return { kind: 'drop' };
    if (target === 'REJECT') return { kind: 'reject' };
    if (target === 'RETURN') return undefined;
    if (target === 'MARK') {
      applyMark(rule, p);
      continue;
    }
    if (target === 'LOG') continue;
    if (target === 'DNAT') {
      const to = rule.target!.opts.find((o) => o.key === '--to-destination')!.values[0];
      const [ip, port] = to.split(':');
      return { kind: 'dnat', ip, port: port ? Number(port) : p.dport };
    }
    if (target === 'MASQUERADE' || target === 'SNAT' || target === 'REDIRECT') return { kind: 'accept' };
    const verdict = walk(state, table, target, p, draw, depth + 1);
    if (verdict) return verdict;
    if (rule.target!.goto) return undefined;
  }
  return undefined;
}

/** Where a built-in chain sends the packet: a rule's verdict, else its policy. */
export function traverse(state: NetfilterState, table: TableName, chain: string, p: Packet, draw: Draw): Verdict {
  const verdict = walk(state, table, chain, p, draw, 0);
  if (verdict) return verdict;
  const t = tableOf(state, table, false);
  const c = t && chainOf(t, chain);
  if (c && isBuiltin(table, chain)) {
    c.pkts += 1;
    c.bytes += SYN_BYTES;
    if (c.policy === 'DROP') return { kind: 'drop' };
  }
  return { kind: 'accept' };
}
