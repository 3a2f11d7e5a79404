/**
 * fuser (psmisc 23.4, Ubuntu 22.04's psmisc 23.4-2build3): the processes that use a TCP port
 * (`6443/tcp`, or `-n tcp 6443`) or a file, of what the simulation knows them to hold
 * (lib/open-files.ts: listening sockets, cwd, root directory, program file). As fuser.c prints
 * them: each name and its padding on stderr, each pid (`%6d`) on stdout, the access letters and the
 * newline on stderr again; -v a USER PID ACCESS COMMAND table on stderr around the pids; -k sends
 * SIGKILL (or -SIGNAL) to them, which reaches services and static Pods' containers for real.
 * UDP sockets are not modelled: they find nothing; -m finds what is modelled of a filesystem's users.
 */
import type { CommandContext, Program } from '../command';
import { getSystem, signalNumber, SIGNALS } from './lib/system';
import { processFiles, type OpenFile, type ProcessFiles } from './lib/open-files';
import { servicePort } from './lib/etc-services';

/** fuser.c's usage() as psmisc 23.4 prints it (23.6 dropped the `-  reset options` line). */
const USAGE = `Usage: fuser [-fIMuvw] [-a|-s] [-4|-6] [-c|-m|-n SPACE]
             [-k [-i] [-SIGNAL]] NAME...
       fuser -l
       fuser -V
Show which processes use the named files, sockets, or filesystems.

  -a,--all              display unused files too
  -i,--interactive      ask before killing (ignored without -k)
  -I,--inode            use always inodes to compare files
  -k,--kill             kill processes accessing the named file
  -l,--list-signals     list available signal names
  -m,--mount            show all processes using the named filesystems or
                        block device
  -M,--ismountpoint     fulfill request only if NAME is a mount point
  -n,--namespace SPACE  search in this name space (file, udp, or tcp)
  -s,--silent           silent operation
  -SIGNAL               send this signal instead of SIGKILL
  -u,--user             display user IDs
  -v,--verbose          verbose output
  -w,--writeonly        kill only processes with write access
  -V,--version          display version information
  -4,--ipv4             search IPv4 sockets only
  -6,--ipv6             search IPv6 sockets only
  -                     reset options

  udp/tcp names: [local_port][,[rmt_host][,[rmt_port]]]

`;

const VERSION = `fuser (PSmisc) 23.4
Copyright (C) 1993-2020 Werner Almesberger and Craig Small

PSmisc comes with ABSOLUTELY NO WARRANTY.
This is free software, and you are welcome to redistribute it under
the terms of the GNU General Public License.
For more information about these matters, see the files named COPYING.
`;

const LONG: Record<string, string> = { all: 'a', interactive: 'i', inode: 'I', kill: 'k', 'list-signals': 'l', mount: 'm', ismountpoint: 'M', namespace: 'n', silent: 's', user: 'u', verbose: 'v', writeonly: 'w', version: 'V', ipv4: '4', ipv6: '6' };

/** Space reserved for a name and its colon. */
const NAME_FIELD = 20;

const ACCESS = { file: 1, root: 2, cwd: 4, exe: 8, mmap: 16, write: 32 };

interface Match {
  pid: number;
  user: string;
  comm: string;
  access: number;
  /** `kernel mount /`: a name that is a mount point. */
  special?: string;
}

interface Name {
  text: string;
  matches: Match[];
}

interface Opts {
  all: boolean;
  silent: boolean;
  user: boolean;
  verbose: boolean;
  kill: boolean;
  interactive: boolean;
  writeOnly: boolean;
  ipv4: boolean;
  ipv6: boolean;
  /** -m (or -c): the named file's whole filesystem. */
  mount: boolean;
  signal: number;
}

class Exit extends Error {
  constructor(readonly status: number) {
    super('fuser exit');
  }
}

/** The processes whose listening sockets answer `port[,host[,port]]/tcp`. */
function socketUsers(ctx: CommandContext, all: ProcessFiles[], name: string, o: Opts): Match[] | string {
  const [spec, proto] = [name.slice(0, name.lastIndexOf('/')), name.slice(name.lastIndexOf('/') + 1)];
  const [local, remoteHost, remotePort] = spec.split(',');
  let port: number | undefined;
  if (local) {
    // getaddrinfo takes a number as it is, cut to 16 bits, or a service name of /etc/services.
    port = /^\d+$/.test(local) ? Number(local) & 0xffff : servicePort(local, proto);
    if (port === undefined) return `Cannot resolve local port ${local}: Servname not supported for ai_socktype\n`;
  }
  // The simulation's sockets listen: none has a remote end, and none is UDP.
  if (proto !== 'tcp' || remoteHost || remotePort) return [];
  const out: Match[] = [];
  for (const pf of all) {
    const hit = pf.files.some((f) => f.socket && (port === undefined || f.socket.port === port) && (o.ipv4 ? f.socket.family === 4 : o.ipv6 ? f.socket.family === 6 : true));
    if (hit) out.push({ pid: pf.process.pid, user: pf.login, comm: pf.comm, access: ACCESS.file | ACCESS.write });
  }
  return out;
}

/**
 * The processes using a file: as their root or working directory, their program; with -m, any
 * file of the filesystem it is on (every path here is on the root filesystem, /dev/sda1, whose
 * mount point the kernel holds: `kernel mount /`).
 */
function fileUsers(all: ProcessFiles[], path: string, mount: boolean): Match[] {
  const how: Record<string, number> = { rtd: ACCESS.root, cwd: ACCESS.cwd, txt: ACCESS.exe };
  const out: Match[] = path === '/' || mount ? [{ pid: 0, user: 'root', comm: '/', access: 0, special: 'mount' }] : [];
  for (const pf of all) {
    const access = pf.files.filter((f: OpenFile) => (mount || f.path === path) && f.device === '8,1' && how[f.fd]).reduce((a, f) => a | how[f.fd], 0);
    if (access) out.push({ pid: pf.process.pid, user: pf.login, comm: pf.comm, access });
  }
  return out;
}

function accessLetters(m: Match): string {
  const a = m.access;
  return `${a & ACCESS.file ? (a & ACCESS.write ? 'F' : 'f') : '.'}${a & ACCESS.root ? 'r' : '.'}${a & ACCESS.cwd ? 'c' : '.'}${a & ACCESS.exe ? 'e' : '.'}${a & ACCESS.mmap && !(a & ACCESS.exe) ? 'm' : '.'}`;
}

/** print_matches(): names and padding on stderr, pids on stdout; true when any process matched. */
function printName(ctx: CommandContext, n: Name, o: Opts, head: { done: boolean }): boolean {
  const normal = n.matches.filter((m) => !m.special);
  const shown = o.verbose ? n.matches : normal;
  if (o.silent) return normal.length > 0 || n.matches.length > 0;
  const hasProcs = shown.length > 0;
  let len = 0;
  if (hasProcs || o.all) {
    if (!head.done && o.verbose) {
      ctx.stderr.write(`${' '.repeat(NAME_FIELD)} USER        PID ACCESS COMMAND\n`);
      head.done = true;
    }
    ctx.stderr.write(`${n.text}:`);
    len = n.text.length + 1;
  }
  let first = true;
  for (const m of shown) {
    if (len > NAME_FIELD && o.verbose) {
      ctx.stderr.write('\n');
      len = 0;
    }
    if (o.verbose || first) ctx.stderr.write(' '.repeat(Math.max(0, NAME_FIELD - len)));
    if (o.verbose) ctx.stderr.write(` ${m.user.padEnd(8)} `);
    ctx.stdout.write(m.special ? 'kernel' : String(m.pid).padStart(6));
    if (o.verbose) ctx.stderr.write(m.special ? ` ${m.special} ` : ` ${accessLetters(m)} `);
    else ctx.stderr.write(`${m.access & ACCESS.root ? 'r' : ''}${m.access & ACCESS.cwd ? 'c' : ''}${m.access & ACCESS.exe ? 'e' : m.access & ACCESS.mmap ? 'm' : ''}`);
    if (o.user) ctx.stderr.write(`(${m.user})`);
    if (o.verbose) ctx.stderr.write(`${m.comm}\n`);
    len = 0;
    first = false;
  }
  if (o.verbose ? !n.matches.length && o.all : hasProcs || o.all) ctx.stderr.write('\n');
  return normal.length > 0 || (o.verbose && shown.length > 0);
}

/** -i: `Kill process PID ? (y/N) ` and a line of the answer (rpmatch: y or Y is yes). */
async function ask(ctx: CommandContext, pid: number, input: { buffer: string }): Promise<boolean> {
  ctx.stderr.write(`Kill process ${pid} ? (y/N) `);
  while (!input.buffer.includes('\n')) {
    const chunk = await ctx.stdin.read();
    if (chunk === null) break;
    input.buffer += chunk;
  }
  const at = input.buffer.indexOf('\n');
  const line = at < 0 ? input.buffer : input.buffer.slice(0, at);
  input.buffer = at < 0 ? '' : input.buffer.slice(at + 1);
  return /^[yY]/.test(line);
}

/** kill_matched_proc(): every normal process of a name but fuser itself; true when one was signalled. */
async function killMatches(ctx: CommandContext, n: Name, o: Opts, input: { buffer: string }): Promise<boolean> {
  let killed = false;
  for (const m of n.matches) {
    if (m.special || m.pid === ctx.pid) continue;
    if (o.writeOnly && !(m.access & ACCESS.write)) continue;
    if (o.interactive && !(await ask(ctx, m.pid, input))) continue;
    if (!getSystem().kill(ctx, m.pid, o.signal)) {
      ctx.stderr.write(`Could not kill process ${m.pid}: No such process\n`);
      continue;
    }
    killed = true;
  }
  return killed;
}

function usage(ctx: CommandContext, message?: string): never {
  ctx.stderr.write(`${message ? `${message}\n` : ''}${USAGE}`);
  throw new Exit(1);
}

async function run(ctx: CommandContext): Promise<number> {
  const o: Opts = { all: false, silent: false, user: false, verbose: false, kill: false, interactive: false, writeOnly: false, ipv4: false, ipv6: false, mount: false, signal: 9 };
  let space: 'file' | 'tcp' | 'udp' = 'file';
  const names: Name[] = [];
  const all = processFiles(ctx).filter((pf) => pf.process.pid !== ctx.pid);
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('-') && arg !== '-') {
      if (arg === '--') {
        // The rest are names.
        for (const rest of args.slice(i + 1)) names.push(await named(ctx, all, rest, space, o));
        break;
      }
      let letters = arg.slice(1);
      if (arg.startsWith('--')) {
        const short = LONG[arg.slice(2)];
        if (!short) {
          ctx.stderr.write(`fuser: Invalid option ${arg}\n`);
          usage(ctx);
        }
        letters = short;
      }
      for (const c of letters) {
        const flags: Record<string, () => void> = {
          a: () => (o.all = true),
          c: () => (o.mount = true),
          m: () => (o.mount = true),
          f: () => {},
          I: () => {},
          M: () => {},
          h: () => usage(ctx),
          i: () => (o.interactive = true),
          k: () => (o.kill = true),
          s: () => (o.silent = true),
          u: () => (o.user = true),
          v: () => (o.verbose = true),
          w: () => (o.writeOnly = true),
          '4': () => (o.ipv4 = true),
          '6': () => (o.ipv6 = true),
        };
        if (flags[c]) {
          flags[c]();
          continue;
        }
        if (c === 'l') {
          ctx.stdout.write(`${SIGNALS.slice(0, 16).join(' ')}\n${SIGNALS.slice(16).join(' ')}\n`);
          return 0;
        }
        if (c === 'V') {
          ctx.stderr.write(VERSION);
          return 0;
        }
        if (c === 'n') {
          const value = args[++i];
          if (value === undefined) usage(ctx, 'Namespace option requires an argument.');
          if (value !== 'tcp' && value !== 'udp' && value !== 'file') usage(ctx, 'Invalid namespace name');
          space = value as typeof space;
          break;
        }
        if (/[A-Z0-9]/.test(c)) {
          // The rest of the word is a signal's name or number.
          const signal = signalNumber(arg.slice(1));
          if (signal === undefined) {
            ctx.stderr.write(`${arg.slice(1)}: unknown signal; fuser -l lists signals.\n`);
            return 1;
          }
          o.signal = signal;
          break;
        }
        ctx.stderr.write(`fuser: Invalid option ${c}\n`);
        usage(ctx);
      }
      continue;
    }
    names.push(await named(ctx, all, arg, space, o));
  }
  if (!names.length) usage(ctx, 'No process specification given');
  if (o.silent && o.all) usage(ctx, 'all option cannot be used with silent option.');
  if (o.ipv4 && o.ipv6) usage(ctx, 'You cannot search for only IPv4 and only IPv6 sockets at the same time');
  let matched = false;
  let killed = false;
  const head = { done: false };
  const input = { buffer: '' };
  for (const n of names) {
    if (printName(ctx, n, o, head)) matched = true;
    if (o.kill && (await killMatches(ctx, n, o, input))) killed = true;
  }
  return (o.kill ? killed : matched) ? 0 : 1;
}

/** A name of the command line: a socket in the tcp or udp name space, or a file that must exist. */
async function named(ctx: CommandContext, all: ProcessFiles[], arg: string, space: 'file' | 'tcp' | 'udp', o: Opts): Promise<Name> {
  const text = space === 'file' ? arg : `${arg}/${space}`;
  if (/\/(tcp|udp)$/.test(text) && (space !== 'file' || !ctx.fs.stat(arg))) {
    const found = socketUsers(ctx, all, text, o);
    if (typeof found === 'string') {
      ctx.stderr.write(found);
      return { text, matches: [] };
    }
    return { text, matches: found };
  }
  const st = ctx.fs.stat(arg);
  if (!st) {
    ctx.stderr.write(`Specified filename ${arg} does not exist.\n`);
    return { text, matches: [] };
  }
  return { text: arg, matches: fileUsers(all, ctx.fs.resolve(arg), o.mount) };
}

export const fuser: Program = async (ctx) => {
  try {
    return await run(ctx);
  } catch (e) {
    if (e instanceof Exit) return e.status;
    throw e;
  }
};
