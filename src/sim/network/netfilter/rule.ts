/**
 * One iptables rule in the form the kernel keeps it, and its iptables-save text.
 *
 * iptables-save prints a rule in a fixed order whatever the order it was typed in: the addresses
 * (-s, -d, as network/prefix), the interfaces, the protocol, then each match (-m NAME and its
 * options, in the order the matches were loaded), then the target (-j NAME and its options).
 */
import { saveMatch, saveTarget } from './extensions';

export interface Address {
  /** Network address, already masked (iptables masks 10.1.2.3/8 to 10.0.0.0/8). */
  ip: string;
  prefix: number;
  neg: boolean;
}

export interface Iface {
  name: string;
  neg: boolean;
}

/** An option of a match or target, with its values as given (normalised by the extension). */
export interface Opt {
  key: string;
  values: string[];
  neg: boolean;
}

export interface Match {
  name: string;
  opts: Opt[];
}

export interface Target {
  name: string;
  opts: Opt[];
  /** -g CHAIN rather than -j CHAIN. */
  goto?: boolean;
}

export interface Rule {
  src?: Address;
  dst?: Address;
  in?: Iface;
  out?: Iface;
  proto?: { name: string; neg: boolean };
  matches: Match[];
  target?: Target;
  pkts: number;
  bytes: number;
}

/** The rule as iptables-save and `iptables -S` print it, after "-A CHAIN". */
export function ruleSpec(rule: Rule): string {
  let s = '';
  if (rule.src) s += ` ${rule.src.neg ? '! ' : ''}-s ${rule.src.ip}/${rule.src.prefix}`;
  if (rule.dst) s += ` ${rule.dst.neg ? '! ' : ''}-d ${rule.dst.ip}/${rule.dst.prefix}`;
  if (rule.in) s += ` ${rule.in.neg ? '! ' : ''}-i ${rule.in.name}`;
  if (rule.out) s += ` ${rule.out.neg ? '! ' : ''}-o ${rule.out.name}`;
  if (rule.proto) s += ` ${rule.proto.neg ? '! ' : ''}-p ${rule.proto.name}`;
  for (const m of rule.matches) s += ` -m ${m.name}${saveMatch(m)}`;
  if (rule.target) s += ` ${rule.target.goto ? '-g' : '-j'} ${rule.target.name}${saveTarget(rule.target)}`;
  return s.slice(1);
}

/** Two rules are the same rule for -D and -C when they print the same (counters aside). */
export function sameRule(a: Rule, b: Rule): boolean {
  return ruleSpec(a) === ruleSpec(b);
}

// ------------------------------------------------------------------ addresses

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function isDottedQuad(s: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split('.').every((p) => Number(p) <= 255);
}

function prefixOfMask(mask: string): number | undefined {
  const n = ipToInt(mask);
  let prefix = 0;
  while (prefix < 32 && n & (0x80000000 >>> prefix)) prefix++;
  // a mask with holes (255.0.255.0) is kept by iptables; we only know contiguous ones
  return ((prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0) === n) ? prefix : undefined;
}

/**
 * An address argument of -s/-d: a.b.c.d, a.b.c.d/len or a.b.c.d/mask; `resolve` turns a host
 * name into its address (iptables resolves names once, when the rule is added).
 * Returns undefined for what iptables reports as "host/network `X' not found".
 */
export function parseAddress(text: string, neg: boolean, resolve: (name: string) => string | undefined): Address | undefined {
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  const maskText = slash < 0 ? undefined : text.slice(slash + 1);
  let prefix = 32;
  if (maskText !== undefined) {
    if (/^\d+$/.test(maskText) && Number(maskText) <= 32) prefix = Number(maskText);
    else if (isDottedQuad(maskText) && prefixOfMask(maskText) !== undefined) prefix = prefixOfMask(maskText)!;
    else return undefined;
  }
  const ip = isDottedQuad(host) ? host : resolve(host);
  if (!ip) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { ip: intToIp((ipToInt(ip) & mask) >>> 0), prefix, neg };
}

/** Does an address fall inside a rule's address (with its negation)? */
export function addressMatches(a: Address, ip: string): boolean {
  const mask = a.prefix === 0 ? 0 : (0xffffffff << (32 - a.prefix)) >>> 0;
  const inside = ((ipToInt(ip) & mask) >>> 0) === ipToInt(a.ip);
  return a.neg ? !inside : inside;
}
