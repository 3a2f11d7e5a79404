/**
 * getent (glibc): entries of the administrative databases as the files service answers them —
 * /etc/hosts, /etc/passwd, /etc/group, /etc/shadow, /etc/gshadow. Output layout, exit statuses
 * (1 usage, 2 a key not found) and messages follow glibc 2.35's getent.
 */
import type { CommandContext, Program } from '../shell/command';

interface HostEntry {
  addr: string;
  names: string[];
}

const TRY = "Try `getent --help' or `getent --usage' for more information.\n";
const DATABASES = ['ahosts', 'ahostsv4', 'ahostsv6', 'aliases', 'ethers', 'group', 'gshadow', 'hosts', 'initgroups', 'netgroup', 'networks', 'passwd', 'protocols', 'rpc', 'services', 'shadow'];

function readOrEmpty(ctx: CommandContext, path: string): string {
  try {
    return ctx.fs.readFile(path);
  } catch {
    return '';
  }
}

/** The machine's /etc/hosts entries (none when it cannot be read), as getaddrinfo and gethostbyaddr consult them. */
export function hostsEntries(ctx: CommandContext): HostEntry[] {
  return parseHosts(readOrEmpty(ctx, '/etc/hosts'));
}

export function parseHosts(text: string): HostEntry[] {
  const out: HostEntry[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length >= 2) out.push({ addr: fields[0], names: fields.slice(1) });
  }
  return out;
}

const isV4 = (a: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(a);
const isV6 = (a: string) => a.includes(':');

function hostLine(addr: string, names: string[]): string {
  return `${addr.padEnd(15)} ${names.join(' ')}\n`;
}

/** gethostbyname2 over the files service: IPv6 first, then IPv4; entries of one name are merged. */
function lookupName(entries: HostEntry[], key: string, family?: 'v4' | 'v6'): { addrs: string[]; names: string[] } | undefined {
  const families: Array<'v4' | 'v6'> = family ? [family] : ['v6', 'v4'];
  for (const fam of families) {
    const matches = entries.filter((e) => (fam === 'v6' ? isV6(e.addr) : isV4(e.addr)) && e.names.some((n) => n.toLowerCase() === key.toLowerCase()));
    if (!matches.length) continue;
    const names = [matches[0].names[0]];
    for (const m of matches) for (const n of m.names) if (!names.includes(n)) names.push(n);
    const addrs: string[] = [];
    for (const m of matches) if (!addrs.includes(m.addr)) addrs.push(m.addr);
    return { addrs, names };
  }
  return undefined;
}

function hosts(ctx: CommandContext, keys: string[]): number {
  const entries = parseHosts(readOrEmpty(ctx, '/etc/hosts'));
  if (!keys.length) {
    // gethostent enumerates IPv4 only; the IPv6 loopback is mapped to 127.0.0.1, other IPv6 lines are skipped.
    for (const e of entries) {
      if (isV4(e.addr)) ctx.stdout.write(hostLine(e.addr, e.names));
      else if (e.addr === '::1') ctx.stdout.write(hostLine('127.0.0.1', e.names));
    }
    return 0;
  }
  let status = 0;
  for (const key of keys) {
    if (isV4(key) || isV6(key)) {
      const e = entries.find((x) => x.addr === key);
      if (e) ctx.stdout.write(hostLine(e.addr, e.names));
      else status = 2;
      continue;
    }
    const found = lookupName(entries, key);
    if (!found) {
      status = 2;
      continue;
    }
    for (const a of found.addrs) ctx.stdout.write(hostLine(a, found.names));
  }
  return status;
}

/** getaddrinfo: one line per address and socket type, the canonical name on the first. */
function ahosts(family?: 'v4' | 'v6') {
  return (ctx: CommandContext, keys: string[]): number => {
    if (!keys.length) return 0;
    const entries = parseHosts(readOrEmpty(ctx, '/etc/hosts'));
    let status = 0;
    for (const key of keys) {
      const found = isV4(key) || isV6(key) ? { addrs: [key], names: [key] } : family ? lookupName(entries, key, family) : lookupName(entries, key, 'v6') ?? lookupName(entries, key, 'v4');
      if (!found) {
        status = 2;
        continue;
      }
      found.addrs.forEach((a, i) => {
        ctx.stdout.write(`${a.padEnd(15)} STREAM ${i === 0 ? found.names[0] : ''}\n${a.padEnd(15)} DGRAM  \n${a.padEnd(15)} RAW    \n`);
      });
    }
    return status;
  };
}

/** colon-separated files keyed by name (field 0) or number (field 2). */
function colonFile(path: string, byNumber: boolean) {
  return (ctx: CommandContext, keys: string[]): number => {
    const lines = readOrEmpty(ctx, path).split('\n').filter((l) => l && !l.startsWith('#'));
    if (!keys.length) {
      for (const l of lines) ctx.stdout.write(`${l}\n`);
      return 0;
    }
    let status = 0;
    for (const key of keys) {
      const numeric = byNumber && /^\d+$/.test(key);
      const line = lines.find((l) => {
        const f = l.split(':');
        return numeric ? f[2] === key : f[0] === key;
      });
      if (line) ctx.stdout.write(`${line}\n`);
      else status = 2;
    }
    return status;
  };
}

const HANDLERS: Record<string, (ctx: CommandContext, keys: string[]) => number> = {
  hosts,
  ahosts: ahosts(),
  ahostsv4: ahosts('v4'),
  ahostsv6: ahosts('v6'),
  passwd: colonFile('/etc/passwd', true),
  group: colonFile('/etc/group', true),
  shadow: colonFile('/etc/shadow', false),
  gshadow: colonFile('/etc/gshadow', false),
};

export const getent: Program = async (ctx) => {
  const args: string[] = [];
  for (let i = 1; i < ctx.argv.length; i++) {
    const a = ctx.argv[i];
    if (a === '-s' || a === '--service') i++;
    else if (a.startsWith('--service=') || a.startsWith('-s') || a === '-i' || a === '--no-idn' || a === '-A' || a === '--no-addrconfig') continue;
    else if (a === '-V' || a === '--version') {
      ctx.stdout.write('getent (Ubuntu GLIBC 2.35-0ubuntu3.8) 2.35\n');
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      ctx.stderr.write(a.startsWith('--') ? `getent: unrecognized option '${a}'\n${TRY}` : `getent: invalid option -- '${a[1]}'\n${TRY}`);
      return 64;
    } else args.push(a);
  }
  if (!args.length) {
    // glibc prints the hint on stdout and the complaint on stderr.
    ctx.stderr.write('getent: wrong number of arguments\n');
    ctx.stdout.write(TRY);
    return 1;
  }
  const [db, ...keys] = args;
  const handler = HANDLERS[db];
  if (!handler) {
    if (DATABASES.includes(db)) return keys.length ? 2 : 0;
    ctx.stderr.write(`Unknown database: ${db}\n`);
    ctx.stdout.write(TRY);
    return 1;
  }
  return handler(ctx, keys);
};
