/**
 * lsof's command line (main.c and arg.c at 4.93.2): its own getopt, where an option that may take a
 * value takes the rest of its word or the next word unless that starts with - or +; what each
 * selection option enters; the messages of what it refuses. Any error ends in the usage block and
 * exit 1 (usage.c).
 */
import type { CommandContext } from '../../command';
import { servicePort } from '../lib/etc-services';
import { lookupUser } from '../lib/users';
import { addressOfHost } from './names';
import { FIELD_IDS } from './fields';

/** A `-i` address: [46][protocol][@host][:port[,port|-range]…]. */
export interface NetSpec {
  /** The -i argument it came from (what -V names when it found nothing). */
  text: string;
  family?: 4 | 6;
  protocol?: string;
  address?: string;
  ports?: [number, number][];
}

/** An inclusion or, with a leading ^, an exclusion. */
export interface Item<T> {
  value: T;
  exclude: boolean;
}

export interface LsofOptions {
  /** -h or -?: the help. */
  help: boolean;
  and: boolean;
  terse: boolean;
  numericHosts: boolean;
  numericPorts: boolean;
  numericUsers: boolean;
  /** -R: the PPID column. */
  parentPids: boolean;
  /** -V: say which search items found nothing. */
  verbose: boolean;
  /** -w: no warnings (the lines of /proc links a user may not read). */
  noWarnings: boolean;
  /** -s without a value: the SIZE column instead of SIZE/OFF. */
  sizeOnly: boolean;
  /** COMMAND's width (+c w); 9 by default. */
  commandWidth: number;
  /** -i given: network files are selected (of a family, when -i4 or -i6 alone). */
  network: boolean;
  networkFamily?: 4 | 6;
  nets: NetSpec[];
  pids: Item<number>[];
  users: Item<{ name: string; uid: number; byName: boolean }>[];
  commands: Item<string>[];
  fds: Item<string>[];
  /** -F: the fields of the output for programs (every one with -F alone or -F0); -F? lists them. */
  fields?: Set<string>;
  fieldHelp: boolean;
  /** -s TCP:LISTEN,…: the TCP states to list (or, with ^, not to). */
  tcpStates: Item<string>[];
  names: string[];
  /** +d DIR (the directory and its entries) and +D DIR (and all below), as absolute paths. */
  dirs: { path: string; recursive: boolean }[];
}

/** The TCP state names lsof knows on Linux (the kernel's tcp_states). */
const TCP_STATES = ['ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'CLOSING', 'UNKNOWN'];

/** Options that may take a value (main.c's option mask on Linux), and those that never do. */
const WITH_VALUE = new Set('cDdefFgiKLmoprsSTuxZ'.split(''));
const FLAGS = new Set('?abhlMnNOPRtUvVwXE'.split(''));

export class LsofError extends Error {}

/** Parses a `-i` address (enter_network_address), or throws what lsof says of it. */
function netSpec(ctx: CommandContext, text: string, family?: 4 | 6): NetSpec | 4 | 6 {
  const bad = (what: string) => new LsofError(`lsof: ${what} in: -i ${text}`);
  let rest = text;
  const spec: NetSpec = { text };
  if (rest[0] === '4' || rest[0] === '6') {
    spec.family = rest[0] === '4' ? 4 : 6;
    rest = rest.slice(1);
    if (!rest) return spec.family;
  } else spec.family = family;
  const proto = /^[^@:]+/.exec(rest)?.[0];
  if (proto) {
    if (!/^(tcp|udp|udplite)$/i.test(proto)) throw bad(`unknown protocol name (${proto})`);
    spec.protocol = proto.toLowerCase();
    rest = rest.slice(proto.length);
  }
  if (rest[0] === '@') {
    const host = /^@([^:]*)/.exec(rest)![1];
    if (!host) throw bad('unacceptable Internet address');
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) spec.address = host;
    else if (host.startsWith('[')) spec.address = host.replace(/^\[|\]$/g, '');
    else {
      const address = addressOfHost(ctx, host);
      if (!address) throw bad(`unknown host name (${host})`);
      spec.address = address;
    }
    rest = rest.slice(1 + host.length);
  }
  if (!rest) return spec;
  if (rest[0] !== ':' || rest.length === 1) throw bad('unacceptable port specification');
  spec.ports = rest
    .slice(1)
    .split(',')
    .map((part): [number, number] => {
      const range = /^(\d+)-(\d+)$/.exec(part);
      if (range) return [Number(range[1]), Number(range[2])];
      if (/^\d+$/.test(part)) return [Number(part), Number(part)];
      if (!part) throw bad('invalid service name');
      const port = servicePort(part, spec.protocol ?? 'tcp') ?? (spec.protocol ? undefined : servicePort(part, 'udp'));
      if (port === undefined) throw bad(spec.protocol ? `unknown service ${part} for ${spec.protocol}` : `unknown service ${part}`);
      return [port, port];
    });
  return spec;
}

/** A comma list of ids, each may be excluded with ^ (enter_id). */
function ids(text: string, what: string): Item<number>[] {
  return text
    .split(',')
    .filter(Boolean)
    .map((part) => {
      if (!/^\^?\d+$/.test(part)) throw new LsofError(`lsof: illegal ${what} ID: ${text}`);
      return { value: Number(part.replace('^', '')), exclude: part.startsWith('^') };
    });
}

function users(ctx: CommandContext, text: string): Item<{ name: string; uid: number; byName: boolean }>[] {
  return text
    .split(',')
    .filter(Boolean)
    .map((part) => {
      const name = part.replace(/^\^/, '');
      const found = lookupUser(ctx, name);
      if (!found) throw new LsofError(`lsof: can't get UID for ${name}`);
      return { value: { name, uid: found.uid, byName: !/^\d+$/.test(name) }, exclude: part.startsWith('^') };
    });
}

/** -s PROTO:STATE[,STATE]… (enter_state_spec). */
function states(text: string): Item<string>[] {
  const m = /^([^:]*):(.*)$/.exec(text);
  const proto = m?.[1] ?? text;
  if (!/^(tcp|udp)$/i.test(proto)) throw new LsofError(`lsof: unknown -s protocol: "${proto}"`);
  const proto3 = proto.toUpperCase();
  if (!m || !m[2]) throw new LsofError(`lsof: no ${proto3} state names in: ${text}`);
  return m[2].split(',').map((part) => {
    const name = part.replace(/^\^/, '').toUpperCase();
    if (!name) throw new LsofError(`lsof: NULL ${proto3} state name in: ${text}`);
    if (proto3 === 'TCP' && !TCP_STATES.includes(name)) throw new LsofError(`lsof: unknown ${proto3} state name: ${part.replace(/^\^/, '')}`);
    return { value: proto3 === 'TCP' ? name : `UDP:${name}`, exclude: part.startsWith('^') };
  });
}

/** What enter_cmd_rx refuses in `-c /regex/[bix]`, or undefined. */
function regexError(text: string): string | undefined {
  const end = text.indexOf('/', 1);
  if (end < 0) return `lsof: regexp doesn't end with '/': ${text}`;
  const bad = [...text.slice(end + 1)].find((m) => !'bix'.includes(m));
  if (bad) return `lsof: invalid regexp modifier: ${bad}`;
  try {
    commandPattern(text);
  } catch {
    // regcomp's own reason (regerror) differs by error; glibc's general one stands for them here.
    return `lsof: regexp error: ${text}: Invalid regular expression`;
  }
  return undefined;
}

/** A `-c /regex/[bix]` as a pattern (i: ignoring case; b and x, basic or extended, read alike here). */
export function commandPattern(text: string): RegExp {
  const end = text.indexOf('/', 1);
  return new RegExp(text.slice(1, end), text.slice(end + 1).includes('i') ? 'i' : '');
}

/** Does a process's command name answer a -c item: a prefix, or a /regex/? */
export function commandMatches(item: string, comm: string): boolean {
  return item.startsWith('/') ? commandPattern(item).test(comm) : comm.startsWith(item);
}

/** Reads lsof's arguments; throws LsofError with what lsof prints before its usage. */
export function parseLsof(ctx: CommandContext, argv: string[]): LsofOptions {
  const o: LsofOptions = { help: false, fieldHelp: false, and: false, terse: false, numericHosts: false, numericPorts: false, numericUsers: false, parentPids: false, verbose: false, noWarnings: false, sizeOnly: false, commandWidth: 9, network: false, nets: [], pids: [], users: [], commands: [], fds: [], tcpStates: [], names: [], dirs: [] };
  const errors: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--' || word === '++') {
      i++;
      break;
    }
    if (!/^[-+]./.test(word)) break;
    const sign = word[0];
    for (let j = 1; j < word.length; j++) {
      const c = word[j];
      if (!WITH_VALUE.has(c) && !FLAGS.has(c)) {
        errors.push(c === ':' ? 'lsof: colon is an illegal option character.' : `lsof: illegal option character: ${c}`);
        continue;
      }
      if (FLAGS.has(c)) {
        flag(o, c);
        continue;
      }
      // The rest of the word, or the next word, may be the value.
      let value: string | undefined = word.slice(j + 1) || undefined;
      const fromNext = value === undefined;
      if (fromNext) value = i + 1 < argv.length && argv[i + 1] !== '--' ? argv[i + 1] : undefined;
      const optional = !value || value[0] === '-' || value[0] === '+';
      const used = valued(ctx, o, sign, c, optional ? undefined : value, errors);
      if (used) {
        if (fromNext) i++;
        break;
      }
      // The value was not the option's: it is read again as options (or names).
      if (!fromNext) continue;
    }
  }
  o.names = argv.slice(i);
  if (o.fields && o.terse) errors.push('lsof: -F and -t are mutually exclusive');
  if (errors.length) throw new LsofError(errors.join('\n'));
  return o;
}

function flag(o: LsofOptions, c: string): void {
  if (c === 'a') o.and = true;
  else if (c === 'h' || c === '?') o.help = true;
  else if (c === 'l') o.numericUsers = true;
  else if (c === 'V') o.verbose = true;
  else if (c === 'R') o.parentPids = true;
  else if (c === 'n') o.numericHosts = true;
  else if (c === 'P') o.numericPorts = true;
  else if (c === 't') o.terse = o.noWarnings = true;
  else if (c === 'w') o.noWarnings = true;
}

/** An option that may take a value; true when it took it. */
function valued(ctx: CommandContext, o: LsofOptions, sign: string, c: string, value: string | undefined, errors: string[]): boolean {
  const guard = (enter: () => void) => {
    try {
      enter();
    } catch (e) {
      if (e instanceof LsofError) errors.push(e.message);
      else throw e;
    }
  };
  switch (c) {
    case 'i':
      o.network = o.network || value === undefined;
      if (value === undefined) return false;
      guard(() => {
        const spec = netSpec(ctx, value, o.networkFamily);
        if (typeof spec === 'number') {
          // -i4 then -i6 (or the reverse) is all network files again.
          o.networkFamily = o.network && o.networkFamily !== spec ? undefined : spec;
          o.network = true;
        } else o.nets.push(spec);
      });
      return true;
    case 's':
      if (value === undefined) {
        o.sizeOnly = true;
        return false;
      }
      guard(() => o.tcpStates.push(...states(value)));
      return true;
    case 'c':
      if (sign === '+') {
        if (value === undefined || !/^\d+$/.test(value)) errors.push('lsof: +c not followed by width number');
        else if (Number(value) > 15) errors.push(`lsof: +c ${value} > what system provides (15)`);
        else o.commandWidth = Number(value) || 15;
        return value !== undefined;
      }
      if (value === undefined) return errors.push('lsof: missing -c option value'), false;
      if (value.startsWith('/')) {
        const bad = regexError(value);
        if (bad) errors.push(bad);
        else o.commands.push({ value, exclude: false });
        return true;
      }
      if (value.replace(/^\^/, '').length > 15) errors.push(`lsof: "-c ${value}" length (${value.replace(/^\^/, '').length}) > what system provides (15)`);
      else o.commands.push({ value: value.replace(/^\^/, ''), exclude: value.startsWith('^') });
      return true;
    case 'p':
      if (value === undefined) return errors.push('lsof: no process ID specified'), false;
      guard(() => o.pids.push(...ids(value, 'process')));
      return true;
    case 'u':
      if (value === undefined) return errors.push('lsof: no UIDs specified'), false;
      guard(() => o.users.push(...users(ctx, value)));
      return true;
    case 'D':
    case 'd':
      if (sign === '+') {
        if (value === undefined) return errors.push('lsof: +d not followed by a directory path'), false;
        const st = ctx.fs.stat(value);
        if (!st) errors.push(`lsof: WARNING: can't stat(${ctx.fs.resolve(value)}): No such file or directory`);
        else if (st.type !== 'dir') errors.push(`lsof: WARNING: not a directory: ${ctx.fs.resolve(value)}`);
        else o.dirs.push({ path: ctx.fs.resolve(value), recursive: c === 'D' });
        return true;
      }
      if (c === 'D') return value !== undefined;
      if (value === undefined) return errors.push('lsof: no file descriptor specified'), false;
      o.fds.push(...value.split(',').filter(Boolean).map((v) => ({ value: v.replace(/^\^/, ''), exclude: v.startsWith('^') })));
      return true;
    case 'F':
      if (value === undefined || value === '0') {
        o.fields = new Set([...FIELD_IDS].filter((id) => id !== '0' || value === '0'));
        return value !== undefined;
      }
      if (value === '?') {
        o.fieldHelp = true;
        return true;
      }
      o.fields ??= new Set();
      for (const id of value) {
        if (FIELD_IDS.has(id)) o.fields.add(id);
        else errors.push(`lsof: unknown field: ${id}`);
      }
      return true;
    default:
      // The others (-F, -g, -o, -r, -S, -T, -x, …) are not modelled: their value is taken and ignored.
      return value !== undefined;
  }
}
