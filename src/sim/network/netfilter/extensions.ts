/**
 * The match and target extensions iptables loads (-m NAME, -j NAME): which options each takes, how
 * it stores their values, and how iptables-save (save) and `iptables -L` (list) print them. Texts
 * and orders follow the extensions of iptables 1.8.7 (extensions/libxt_*.c); a table, one entry
 * per extension.
 */
import type { Match, Opt, Target } from './rule';
import { serviceName, servicePort } from '../../../shell/commands/lib/etc-services';

/**
 * A parameter problem, printed as `iptables v1.8.7 (nf_tables): MESSAGE` and "Try `iptables -h'…"
 * (a message of libxtables' own ends with \n, hence a blank line before the "Try").
 */
export class ParameterProblem extends Error {}

interface OptionSpec {
  /** Values the option takes. */
  arity: number;
  /** The name iptables saves it under (--destination-port is saved as --dport). */
  canonical?: string;
}

interface Extension {
  options: Record<string, OptionSpec>;
  /** Options that must be given (DNAT's --to-destination). */
  required?: string[];
  /** Normalise a value when it is parsed (port names to numbers, marks to hex); throws ParameterProblem. */
  normalise?: (key: string, values: string[], proto: string | undefined) => string[];
  /** Options are saved in this order, whatever order they were typed in. */
  order?: string[];
  save: (opts: Opt[]) => string;
  list: (opts: Opt[], numeric: boolean, proto: string | undefined) => string;
}

const get = (opts: Opt[], key: string) => opts.find((o) => o.key === key);
const bang = (o: Opt | undefined) => (o?.neg ? ' !' : '');

/** xtables_save_string: a value is quoted unless it is only letters, digits, `_` and `-`. */
export function saveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return ` ${value}`;
  return ` "${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

/** Generic save: each option as given (`! --key v1 v2`). */
function saveInOrder(opts: Opt[]): string {
  return opts.map((o) => `${bang(o)} ${o.key}${o.values.map((v) => ` ${v}`).join('')}`).join('');
}

// ------------------------------------------------------------------ ports

function parsePort(text: string, proto: string): string {
  if (/^\d+$/.test(text) && Number(text) <= 65535) return String(Number(text));
  const port = servicePort(text, proto);
  if (port === undefined) throw new ParameterProblem(`invalid port/service \`${text}' specified`);
  return String(port);
}

function parsePortRange(text: string, proto: string): string {
  const [a, b] = text.split(':');
  if (b === undefined) return parsePort(a, proto);
  return `${a === '' ? '0' : parsePort(a, proto)}:${b === '' ? '65535' : parsePort(b, proto)}`;
}

function portName(port: string, proto: string, numeric: boolean): string {
  return numeric ? port : (serviceName(Number(port), proto) ?? port);
}

function listPorts(name: string, o: Opt | undefined, proto: string, numeric: boolean): string {
  if (!o) return '';
  const inv = o.neg ? '!' : '';
  const [a, b] = o.values[0].split(':');
  return b === undefined ? ` ${name}:${inv}${portName(a, proto, numeric)}` : ` ${name}s:${inv}${portName(a, proto, numeric)}:${portName(b, proto, numeric)}`;
}

function portMatch(proto: 'tcp' | 'udp'): Extension {
  const options: Record<string, OptionSpec> = {
    '--sport': { arity: 1 },
    '--source-port': { arity: 1, canonical: '--sport' },
    '--dport': { arity: 1 },
    '--destination-port': { arity: 1, canonical: '--dport' },
  };
  if (proto === 'tcp') {
    options['--tcp-flags'] = { arity: 2 };
    options['--syn'] = { arity: 0 };
  }
  return {
    options,
    order: ['--sport', '--dport', '--tcp-flags'],
    normalise: (key, values) => {
      if (key === '--sport' || key === '--dport') return [parsePortRange(values[0], proto)];
      return values;
    },
    save: (opts) => opts.map((o) => (o.key === '--syn' ? `${bang(o)} --tcp-flags FIN,SYN,RST,ACK SYN` : `${bang(o)} ${o.key} ${o.values.join(' ')}`)).join(''),
    list: (opts, numeric) => {
      let s = ` ${proto}${listPorts('spt', get(opts, '--sport'), proto, numeric)}${listPorts('dpt', get(opts, '--dport'), proto, numeric)}`;
      const syn = get(opts, '--syn');
      if (syn) s += ` flags:${syn.neg ? '!' : ''}0x17/0x02`;
      return s;
    },
  };
}

// ------------------------------------------------------------------ connection states

const CT_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

function stateList(values: string[], allowed: string[], what: string): string[] {
  const given = values[0].split(',');
  for (const s of given) if (!allowed.includes(s)) throw new ParameterProblem(`Bad ${what} \`${s}'`);
  // printed in the kernel's bit order, not the order typed
  return [allowed.filter((s) => given.includes(s)).join(',')];
}

// ------------------------------------------------------------------ marks

function parseMark(text: string, what: string): [number, number | undefined] {
  const [v, m] = text.split('/');
  const num = (s: string) => {
    const n = /^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : /^\d+$/.test(s) ? Number(s) : NaN;
    if (!Number.isFinite(n) || n > 0xffffffff) throw new ParameterProblem(`Bad ${what} value "${text}"`);
    return n >>> 0;
  };
  return [num(v), m === undefined ? undefined : num(m)];
}

const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;

// ------------------------------------------------------------------ statistic

/** The kernel keeps a probability as a 31-bit fraction; iptables prints it back with 11 decimals. */
function probability(text: string): string {
  const p = Number(text);
  if (!Number.isFinite(p) || p < 0 || p > 1) throw new ParameterProblem(`"--probability" must be within [0, 1]`);
  return (Math.round(0x80000000 * p) / 0x80000000).toFixed(11);
}

// ------------------------------------------------------------------ the matches

export const MATCHES: Record<string, Extension> = {
  tcp: portMatch('tcp'),
  udp: portMatch('udp'),
  comment: {
    options: { '--comment': { arity: 1 } },
    save: (opts) => opts.map((o) => ` --comment${saveString(o.values[0])}`).join(''),
    list: (opts) => opts.map((o) => ` /* ${o.values[0]} */`).join(''),
  },
  conntrack: {
    options: { '--ctstate': { arity: 1 }, '--ctproto': { arity: 1 }, '--ctstatus': { arity: 1 }, '--ctdir': { arity: 1 } },
    normalise: (key, values) => (key === '--ctstate' ? stateList(values, CT_STATES, 'ctstate') : values),
    save: saveInOrder,
    list: (opts) => opts.map((o) => `${bang(o)} ${o.key.slice(2)} ${o.values.join(' ')}`).join(''),
  },
  state: {
    options: { '--state': { arity: 1 } },
    normalise: (_key, values) => stateList(values, CT_STATES.slice(0, 5), 'state'),
    save: saveInOrder,
    list: (opts) => opts.map((o) => ` state${o.neg ? ' !' : ''} ${o.values[0]}`).join(''),
  },
  mark: {
    options: { '--mark': { arity: 1 } },
    normalise: (_key, values) => {
      const [v, m] = parseMark(values[0], 'mark');
      return [m === undefined ? hex(v) : `${hex(v)}/${hex(m)}`];
    },
    save: saveInOrder,
    list: (opts) => opts.map((o) => ` mark match${o.neg ? ' !' : ''} ${o.values[0]}`).join(''),
  },
  addrtype: {
    options: { '--src-type': { arity: 1 }, '--dst-type': { arity: 1 }, '--limit-iface-in': { arity: 0 }, '--limit-iface-out': { arity: 0 } },
    order: ['--src-type', '--dst-type', '--limit-iface-in', '--limit-iface-out'],
    normalise: (key, values) => {
      const types = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'];
      if (key.endsWith('-type')) for (const t of values[0].split(',')) if (!types.includes(t.toUpperCase())) throw new ParameterProblem(`addrtype: invalid source type "${t}"`);
      return values.map((v) => v.toUpperCase());
    },
    save: saveInOrder,
    list: (opts) => ` ADDRTYPE match${opts.map((o) => (o.values.length ? ` ${o.key.slice(2)}${o.neg ? ' !' : ''} ${o.values[0]}` : ` ${o.key.slice(2)}`)).join('')}`,
  },
  statistic: {
    options: { '--mode': { arity: 1 }, '--probability': { arity: 1 }, '--every': { arity: 1 }, '--packet': { arity: 1 } },
    normalise: (key, values) => (key === '--probability' ? [probability(values[0])] : values),
    save: (opts) => opts.map((o) => `${bang(o)} ${o.key} ${o.values[0]}`).join(''),
    list: (opts) => ` statistic${opts.map((o) => `${bang(o)} ${o.key.slice(2)} ${o.values[0]}`).join('')}`,
  },
  multiport: {
    options: { '--dports': { arity: 1 }, '--destination-ports': { arity: 1, canonical: '--dports' }, '--sports': { arity: 1 }, '--source-ports': { arity: 1, canonical: '--sports' }, '--ports': { arity: 1 } },
    normalise: (_key, values, proto) => {
      if (proto !== 'tcp' && proto !== 'udp') throw new ParameterProblem('multiport needs `-p tcp\', `-p udp\', `-p udplite\', `-p sctp\' or `-p dccp\'');
      return [values[0].split(',').map((p) => parsePortRange(p, proto)).join(',')];
    },
    save: saveInOrder,
    list: (opts, numeric, proto) => ` multiport${opts.map((o) => ` ${o.key.slice(2)}${o.neg ? ' !' : ''} ${o.values[0].split(',').map((p) => p.split(':').map((x) => portName(x, proto ?? 'tcp', numeric)).join(':')).join(',')}`).join('')}`,
  },
  icmp: {
    options: { '--icmp-type': { arity: 1 } },
    save: saveInOrder,
    list: (opts) => ` icmp${opts.map((o) => ` ${o.neg ? '!' : ''}${o.values[0]}`).join('')}`,
  },
  // ipset membership (kube-proxy's IPVS mode): the set's name and which address/port of the packet fills each of its dimensions
  set: {
    options: { '--match-set': { arity: 2 } },
    save: (opts) => opts.map((o) => `${bang(o)} --match-set ${o.values[0]} ${o.values[1]}`).join(''),
    list: (opts) => opts.map((o) => ` ${o.neg ? '! ' : ''}match-set ${o.values[0]} ${o.values[1]}`).join(''),
  },
  limit: {
    options: { '--limit': { arity: 1 }, '--limit-burst': { arity: 1 } },
    save: saveInOrder,
    list: (opts) => ` limit: avg ${get(opts, '--limit')?.values[0] ?? '3/hour'} burst ${get(opts, '--limit-burst')?.values[0] ?? '5'}`,
  },
};

// ------------------------------------------------------------------ the targets

/** syslog levels by number, as --log-level takes them, and the names LOG prints for them. */
const LOG_LEVELS = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];
const LOG_NAMES = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];

function markTarget(opts: Opt[]): { value: number; mask: number } {
  const o = opts[0];
  const [v, m] = o.values[0].split('/').map((x) => parseInt(x, 16));
  return { value: v >>> 0, mask: (m ?? 0xffffffff) >>> 0 };
}

export const TARGETS: Record<string, Extension> = {
  REJECT: {
    options: { '--reject-with': { arity: 1 } },
    save: (opts) => ` --reject-with ${get(opts, '--reject-with')?.values[0] ?? 'icmp-port-unreachable'}`,
    list: (opts) => ` reject-with ${get(opts, '--reject-with')?.values[0] ?? 'icmp-port-unreachable'}`,
  },
  DNAT: {
    options: { '--to-destination': { arity: 1 }, '--random': { arity: 0 }, '--persistent': { arity: 0 } },
    required: ['--to-destination'],
    save: saveInOrder,
    list: (opts) => opts.map((o) => (o.key === '--to-destination' ? ` to:${o.values[0]}` : ` ${o.key.slice(2)}`)).join(''),
  },
  SNAT: {
    options: { '--to-source': { arity: 1 }, '--random': { arity: 0 }, '--random-fully': { arity: 0 }, '--persistent': { arity: 0 } },
    required: ['--to-source'],
    save: saveInOrder,
    list: (opts) => opts.map((o) => (o.key === '--to-source' ? ` to:${o.values[0]}` : ` ${o.key.slice(2)}`)).join(''),
  },
  MASQUERADE: {
    options: { '--to-ports': { arity: 1 }, '--random': { arity: 0 }, '--random-fully': { arity: 0 } },
    save: saveInOrder,
    list: (opts) => opts.map((o) => (o.key === '--to-ports' ? ` masq ports: ${o.values[0]}` : ` ${o.key.slice(2)}`)).join(''),
  },
  REDIRECT: {
    options: { '--to-ports': { arity: 1 }, '--random': { arity: 0 } },
    save: saveInOrder,
    list: (opts) => opts.map((o) => (o.key === '--to-ports' ? ` redir ports ${o.values[0]}` : ` ${o.key.slice(2)}`)).join(''),
  },
  MARK: {
    // Every form is kept as the kernel's xset value/mask (--or-mark 0x4000 is 0x4000/0x4000).
    options: { '--set-xmark': { arity: 1 }, '--set-mark': { arity: 1 }, '--or-mark': { arity: 1 }, '--and-mark': { arity: 1 }, '--xor-mark': { arity: 1 } },
    normalise: (key, values) => {
      const [v, m] = parseMark(values[0], 'MARK');
      const pair = (value: number, mask: number) => [`${hex(value)}/${hex(mask)}`];
      if (key === '--set-xmark') return pair(v, m ?? 0xffffffff);
      if (key === '--set-mark') return pair(v, m === undefined ? 0xffffffff : (m | v) >>> 0);
      if (key === '--or-mark') return pair(v, v);
      if (key === '--and-mark') return pair(0, ~v >>> 0);
      return pair(v, 0);
    },
    save: (opts) => ` --set-xmark ${opts[0].values[0]}`,
    list: (opts) => {
      const { value, mask } = markTarget(opts);
      if (mask === 0xffffffff) return ` MARK set ${hex(value)}`;
      if (value === 0) return ` MARK and ${hex(~mask >>> 0)}`;
      if (value === mask) return ` MARK or ${hex(value)}`;
      if (mask === 0) return ` MARK xor ${hex(value)}`;
      return ` MARK xset ${hex(value)}/${hex(mask)}`;
    },
  },
  LOG: {
    options: { '--log-prefix': { arity: 1 }, '--log-level': { arity: 1 } },
    normalise: (key, values) => {
      if (key !== '--log-level') return values;
      const level = /^\d+$/.test(values[0]) ? Number(values[0]) : LOG_LEVELS.indexOf(values[0]);
      if (level < 0 || level > 7) throw new ParameterProblem(`log-level \`${values[0]}' unknown`);
      return [String(level)];
    },
    save: (opts) => opts.map((o) => (o.key === '--log-prefix' ? ` --log-prefix${saveString(o.values[0])}` : o.values[0] === '4' ? '' : ` --log-level ${o.values[0]}`)).join(''),
    // libipt_LOG's print: the level's name (its table says "warning"), or the numbers with -n
    list: (opts, numeric) => {
      const level = Number(get(opts, '--log-level')?.values[0] ?? 4);
      const prefix = get(opts, '--log-prefix');
      return ` LOG${numeric ? ` flags 0 level ${level}` : ` level ${LOG_NAMES[level]}`}${prefix ? ` prefix "${prefix.values[0]}"` : ''}`;
    },
  },
};

/** The verdicts every chain knows. */
export const STANDARD_TARGETS = ['ACCEPT', 'DROP', 'RETURN', 'QUEUE'];

/** The canonical key of an extension's option, or undefined when the extension has no such option. */
export function optionOf(ext: Extension, key: string): (OptionSpec & { key: string }) | undefined {
  const spec = ext.options[key];
  return spec ? { ...spec, key: spec.canonical ?? key } : undefined;
}

export function extensionOf(kind: 'match' | 'target', name: string): Extension | undefined {
  const table = kind === 'match' ? MATCHES : TARGETS;
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

function ordered(ext: Extension | undefined, opts: Opt[]): Opt[] {
  if (!ext?.order) return opts;
  const rank = (o: Opt) => {
    const i = ext.order!.indexOf(o.key);
    return i < 0 ? ext.order!.length : i;
  };
  return [...opts].sort((a, b) => rank(a) - rank(b));
}

export function saveMatch(m: Match): string {
  const ext = extensionOf('match', m.name);
  return ext ? ext.save(ordered(ext, m.opts)) : saveInOrder(m.opts);
}

export function saveTarget(t: Target): string {
  const ext = extensionOf('target', t.name);
  return ext ? ext.save(ordered(ext, t.opts)) : '';
}

export function listMatch(m: Match, numeric: boolean, proto: string | undefined): string {
  const ext = extensionOf('match', m.name);
  return ext ? ext.list(ordered(ext, m.opts), numeric, proto) : '';
}

export function listTarget(t: Target, numeric: boolean): string {
  const ext = extensionOf('target', t.name);
  return ext ? ext.list(ordered(ext, t.opts), numeric, undefined) : '';
}

export type { Extension };
