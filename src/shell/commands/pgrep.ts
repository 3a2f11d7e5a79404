/**
 * pgrep and pkill (procps-ng 3.3.17 pgrep.c, one program in two modes): the processes whose name
 * (its comm: the program's first 15 characters) — or with -f the whole command line — matches an
 * extended regex (-x: all of it, -i: in any case), narrowed by user (-u/-U), parent (-P) and
 * terminal (-t), the newest (-n) or oldest (-o) only, never itself. pgrep lists them (-l names,
 * -a command lines, -d a delimiter, -c a count, -v the others); pkill signals them (-SIGNAL or
 * --signal, -e says so). Exit 0 when one matched, 1 when none, 2 on bad usage.
 */
import type { CommandContext, Program } from '../command';
import { getSystem, processName, signalNumber, type ProcessInfo } from './lib/system';

type Mode = 'pgrep' | 'pkill';

interface Options {
  full: boolean;
  exact: boolean;
  ignoreCase: boolean;
  newest: boolean;
  oldest: boolean;
  count: boolean;
  inverse: boolean;
  echo: boolean;
  list: 'pid' | 'name' | 'command';
  delimiter: string;
  euids?: string[];
  uids?: string[];
  parents?: number[];
  terminals?: string[];
  signal: number;
  pattern?: string;
}

/** The options each mode takes: short letter → long name, and whether it takes a value. */
const COMMON: Record<string, [string, boolean]> = {
  c: ['count', false],
  f: ['full', false],
  i: ['ignore-case', false],
  n: ['newest', false],
  o: ['oldest', false],
  P: ['parent', true],
  t: ['terminal', true],
  u: ['euid', true],
  U: ['uid', true],
  x: ['exact', false],
  h: ['help', false],
  V: ['version', false],
};
const OWN: Record<Mode, Record<string, [string, boolean]>> = {
  pgrep: { d: ['delimiter', true], l: ['list-name', false], a: ['list-full', false], v: ['inverse', false] },
  pkill: { e: ['echo', false] },
};

/** The options block of the usage text (pgrep.c usage()), the mode's own lines first. */
const MODE_LINES: Record<Mode, string> = {
  pgrep: ` -d, --delimiter <string>  specify output delimiter
 -l, --list-name           list PID and process name
 -a, --list-full           list PID and full command line
 -v, --inverse             negates the matching
 -w, --lightweight         list all TID
`,
  pkill: ` -<sig>, --signal <sig>    signal to send (either number or name)
 -q, --queue <value>       integer value to be sent with the signal
 -e, --echo                display what is killed
`,
};
const COMMON_LINES = ` -c, --count               count of matching processes
 -f, --full                use full process name to match
 -g, --pgroup <PGID,...>   match listed process group IDs
 -G, --group <GID,...>     match real group IDs
 -i, --ignore-case         match case insensitively
 -n, --newest              select most recently started
 -o, --oldest              select least recently started
 -O, --older <seconds>     select where older than seconds
 -P, --parent <PPID,...>   match only child processes of the given parent
 -s, --session <SID,...>   match session IDs
 -t, --terminal <tty,...>  match by controlling terminal
 -u, --euid <ID,...>       match by effective IDs
 -U, --uid <ID,...>        match by real IDs
 -x, --exact               match exactly with the command name
 -F, --pidfile <file>      read PIDs from file
 -L, --logpidfile          fail if PID file is not locked
 -r, --runstates <state>   match runstates [D,S,Z,...]
 --ns <PID>                match the processes that belong to the same
                           namespace as <pid>
 --nslist <ns,...>         list which namespaces will be considered for
                           the --ns option.
                           Available namespaces: ipc, mnt, net, pid, user, uts

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see pgrep(1).
`;

function usage(mode: Mode): string {
  return `\nUsage:\n ${mode} [options] <pattern>\n\nOptions:\n${MODE_LINES[mode]}${COMMON_LINES}`;
}

class UsageError extends Error {}

function parse(mode: Mode, argv: string[], err: (s: string) => void): Options | number {
  const o: Options = { full: false, exact: false, ignoreCase: false, newest: false, oldest: false, count: false, inverse: false, echo: false, list: 'pid', delimiter: '\n', signal: 15 };
  const args = [...argv];
  // pkill: the first word that is -SIGNAL, wherever it is, before the options are read.
  if (mode === 'pkill') {
    const at = args.findIndex((a) => a.startsWith('-') && signalNumber(a.slice(1)) !== undefined);
    if (at >= 0) o.signal = signalNumber(args.splice(at, 1)[0].slice(1))!;
  }
  const table = { ...COMMON, ...OWN[mode] };
  const byLong = new Map(Object.entries(table).map(([short, [long, value]]) => [long, [short, value] as const]));
  const operands: string[] = [];
  const set = (flag: string, value: string | undefined): number | void => {
    const list = () => (value ?? '').split(',');
    switch (flag) {
      case 'c': o.count = true; break;
      case 'f': o.full = true; break;
      case 'i': o.ignoreCase = true; break;
      case 'n': o.newest = true; break;
      case 'o': o.oldest = true; break;
      case 'x': o.exact = true; break;
      case 'v': o.inverse = true; break;
      case 'e': o.echo = true; break;
      case 'l': o.list = 'name'; break;
      case 'a': o.list = 'command'; break;
      case 'd': o.delimiter = value ?? ''; break;
      case 'u': o.euids = list(); break;
      case 'U': o.uids = list(); break;
      case 't': o.terminals = list(); break;
      case 'P': {
        const bad = list().find((p) => !/^\d+$/.test(p));
        if (bad !== undefined) {
          err(`${mode}: not a number: ${bad}\n`);
          return 2;
        }
        o.parents = list().map(Number);
        break;
      }
      case 'S': {
        const n = signalNumber(value ?? '');
        if (n === undefined) {
          err(`${mode}: Unknown signal "${value}".\n`);
          return 2;
        }
        o.signal = n;
        break;
      }
      case 'h': throw new UsageError('help');
      case 'V': throw new UsageError('version');
    }
  };
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        operands.push(...args.slice(i + 1));
        break;
      }
      if (a.startsWith('--')) {
        const [name, inline] = a.slice(2).split(/=(.*)/s);
        if (mode === 'pkill' && name === 'signal') {
          const r = set('S', inline ?? args[++i]);
          if (r !== undefined) return r;
          continue;
        }
        const hit = byLong.get(name);
        if (!hit) {
          err(`${mode}: unrecognized option '${a}'\n${usage(mode)}`);
          return 2;
        }
        const value = hit[1] ? (inline ?? args[++i]) : undefined;
        if (hit[1] && value === undefined) {
          err(`${mode}: option '--${name}' requires an argument\n${usage(mode)}`);
          return 2;
        }
        const r = set(hit[0], value);
        if (r !== undefined) return r;
        continue;
      }
      if (!a.startsWith('-') || a === '-') {
        operands.push(a);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        const spec = table[f];
        if (!spec) {
          err(`${mode}: invalid option -- '${f}'\n${usage(mode)}`);
          return 2;
        }
        let value: string | undefined;
        if (spec[1]) {
          value = a.slice(j + 1) || args[++i];
          if (value === undefined) {
            err(`${mode}: option requires an argument -- '${f}'\n${usage(mode)}`);
            return 2;
          }
          j = a.length;
        }
        const r = set(f, value);
        if (r !== undefined) return r;
      }
    }
  } catch (e) {
    if (e instanceof UsageError) return e.message === 'help' ? -1 : -2;
    throw e;
  }
  const criteria = [o.euids, o.uids, o.parents, o.terminals].filter(Boolean).length;
  if (operands.length > 1) {
    err(`${mode}: only one pattern can be provided\nTry \`${mode} --help' for more information.\n`);
    return 2;
  }
  if (!operands.length && !criteria) {
    err(`${mode}: no matching criteria specified\nTry \`${mode} --help' for more information.\n`);
    return 2;
  }
  o.pattern = operands[0];
  return o;
}

/** The uid of a user name (or a number as it is), from /etc/passwd. */
function uidOf(ctx: CommandContext, user: string): string | undefined {
  if (/^\d+$/.test(user)) return user;
  try {
    const line = ctx.fs.readFile('/etc/passwd').split('\n').find((l) => l.split(':')[0] === user);
    return line?.split(':')[2];
  } catch {
    return undefined;
  }
}

function select(ctx: CommandContext, mode: Mode, o: Options, err: (s: string) => void): ProcessInfo[] | number {
  let re: RegExp | undefined;
  if (o.pattern !== undefined) {
    try {
      re = new RegExp(o.exact ? `^(${o.pattern})$` : o.pattern, o.ignoreCase ? 'i' : '');
    } catch {
      // regerror's words for a pattern that does not compile.
      err('Invalid regular expression');
      return 2;
    }
  }
  const users = (names: string[] | undefined) => {
    if (!names) return undefined;
    const ids = names.map((n) => uidOf(ctx, n));
    const bad = names.find((_n, i) => ids[i] === undefined);
    if (bad !== undefined) {
      err(`${mode}: invalid user name: ${bad}\n`);
      return null;
    }
    return new Set(ids as string[]);
  };
  const euids = users(o.euids);
  const uids = users(o.uids);
  if (euids === null || uids === null) return 2;
  const uidOfProcess = (p: ProcessInfo) => uidOf(ctx, p.user) ?? p.user;
  let hits = getSystem()
    .processes(ctx)
    .filter((p) => p.pid !== ctx.pid)
    .filter((p) => {
      const matched =
        (!re || re.test(o.full ? p.command : processName(p.command))) &&
        (!euids || euids.has(uidOfProcess(p))) &&
        (!uids || uids.has(uidOfProcess(p))) &&
        (!o.parents || o.parents.includes(p.ppid)) &&
        (!o.terminals || o.terminals.some((t) => p.tty === t || p.tty === `pts/${t}` || `/dev/${p.tty}` === t));
      return matched !== o.inverse;
    });
  if (o.newest || o.oldest) {
    const pick = hits.reduce<ProcessInfo | undefined>((best, p) => {
      if (!best) return p;
      if (o.newest) return p.startMs > best.startMs || (p.startMs === best.startMs && p.pid > best.pid) ? p : best;
      return p.startMs < best.startMs || (p.startMs === best.startMs && p.pid < best.pid) ? p : best;
    }, undefined);
    hits = pick ? [pick] : [];
  }
  return hits;
}

function run(mode: Mode): Program {
  return async (ctx) => {
    const err = (s: string) => ctx.stderr.write(s);
    const o = parse(mode, ctx.argv.slice(1), err);
    if (o === -1) {
      ctx.stdout.write(usage(mode));
      return 0;
    }
    if (o === -2) {
      ctx.stdout.write(`${mode} from procps-ng 3.3.17\n`);
      return 0;
    }
    if (typeof o === 'number') return o;
    const hits = select(ctx, mode, o, err);
    if (typeof hits === 'number') return hits;
    if (mode === 'pgrep') {
      if (o.count) ctx.stdout.write(`${hits.length}\n`);
      else if (hits.length) {
        const item = (p: ProcessInfo) => (o.list === 'pid' ? String(p.pid) : `${p.pid} ${o.list === 'name' ? processName(p.command) : p.command}`);
        // One line per process with -l or -a; pids joined by the delimiter otherwise, then a newline.
        ctx.stdout.write(o.list === 'pid' ? `${hits.map(item).join(o.delimiter)}\n` : hits.map((p) => `${item(p)}\n`).join(''));
      }
      return hits.length ? 0 : 1;
    }
    let killed = 0;
    for (const p of hits) {
      if (!getSystem().kill(ctx, p.pid, o.signal)) continue;
      killed++;
      if (o.echo) ctx.stdout.write(`${processName(p.command)} killed (pid ${p.pid})\n`);
    }
    if (o.count) ctx.stdout.write(`${hits.length}\n`);
    return killed ? 0 : 1;
  };
}

export const pgrep = run('pgrep');
export const pkill = run('pkill');
