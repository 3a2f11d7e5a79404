/**
 * pidof (sysvinit-utils, as Ubuntu and Debian ship it) and killall (psmisc): processes by their
 * program's name. pidof prints the pids of each name, the newest first, on one line (-s: one,
 * -o: not these, -d: another separator); exit 1 when none runs. killall signals every process of a
 * name (exact, or -I in any case, -r a regex, -u a user's), says `NAME: no process found` when
 * none runs, and with -v `Killed NAME(PID) with signal N`.
 */
import type { CommandContext, Program } from '../command';
import { getSystem, processName, signalNumber, SIGNALS, type ProcessInfo } from './lib/system';

/** The processes of the machine but the caller, newest (highest pid) first, as pidof walks /proc. */
function others(ctx: CommandContext): ProcessInfo[] {
  return getSystem()
    .processes(ctx)
    .filter((p) => p.pid !== ctx.pid)
    .sort((a, b) => b.pid - a.pid);
}

/** A program's name as pidof compares it: the base name of argv[0] (a login shell's `-bash` is bash). */
function programName(command: string): string {
  return (command.split(' ')[0].split('/').pop() ?? '').replace(/^-/, '').replace(/:$/, '');
}

export const pidof: Program = async (ctx) => {
  let single = false;
  let separator = ' ';
  const omit = new Set<number>();
  const names: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (/^-[scnxzq]+$/.test(a)) {
      if (a.includes('s')) single = true;
      continue;
    }
    if (a === '-o' || a === '-d') {
      const value = args[++i] ?? '';
      if (a === '-d') separator = value;
      // %PPID names pidof's parent: the shell that runs it.
      else for (const p of value.split(',')) omit.add(p === '%PPID' ? Number(ctx.env.PPID ?? 0) : Number(p));
      continue;
    }
    // Any other option: sysvinit's getopt says nothing and pidof finds nothing.
    if (a.startsWith('-')) return 1;
    names.push(a);
  }
  const found: number[] = [];
  for (const name of names) {
    const hits = others(ctx).filter((p) => !omit.has(p.pid) && (programName(p.command) === name || processName(p.command) === name || p.command.split(' ')[0] === name));
    found.push(...(single ? hits.slice(0, 1) : hits).map((p) => p.pid));
    if (single && found.length) break;
  }
  if (!found.length) return 1;
  ctx.stdout.write(`${found.join(separator)}\n`);
  return 0;
};

const KILLALL_USAGE = `Usage: killall [OPTION]... [--] NAME...
       killall -l, --list
       killall -V, --version

  -e,--exact          require exact match for very long names
  -I,--ignore-case    case insensitive process name match
  -g,--process-group  kill process group instead of process
  -y,--younger-than   kill processes younger than TIME
  -o,--older-than     kill processes older than TIME
  -i,--interactive    ask for confirmation before killing
  -l,--list           list all known signal names
  -q,--quiet          don't print complaints
  -r,--regexp         interpret NAME as an extended regular expression
  -s,--signal SIGNAL  send this signal instead of SIGTERM
  -u,--user USER      kill only process(es) running as USER
  -v,--verbose        report if the signal was successfully sent
  -V,--version        display version information
  -w,--wait           wait for processes to die
  -n,--ns PID         match processes that belong to the same namespaces
                      as PID
  -Z,--context REGEXP kill only process(es) having context
                      (must precede other arguments)

`;

export const killall: Program = async (ctx) => {
  let signal = 15;
  let verbose = false;
  let quiet = false;
  let ignoreCase = false;
  let regexp = false;
  let user: string | undefined;
  const names: string[] = [];
  const args = ctx.argv.slice(1);
  const usage = () => (ctx.stderr.write(KILLALL_USAGE), 1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      names.push(...args.slice(i + 1));
      break;
    }
    if (a === '-l' || a === '--list') {
      ctx.stdout.write(`${SIGNALS.slice(0, 16).join(' ')}\n${SIGNALS.slice(16).join(' ')}\n`);
      return 0;
    }
    if (a === '-V' || a === '--version') {
      ctx.stderr.write('killall (PSmisc) 23.4\nCopyright (C) 1993-2020 Werner Almesberger and Craig Small\n\nPSmisc comes with ABSOLUTELY NO WARRANTY.\nThis is free software, and you are welcome to redistribute it under\nthe terms of the GNU General Public License.\nFor more information about these matters, see the files named COPYING.\n');
      return 0;
    }
    if (a === '-s' || a === '--signal') {
      const n = signalNumber(args[++i] ?? '');
      if (n === undefined) {
        ctx.stderr.write(`killall: unknown signal; killall -l lists signals.\n`);
        return 1;
      }
      signal = n;
      continue;
    }
    if (a === '-u' || a === '--user') {
      user = args[++i];
      continue;
    }
    const long: Record<string, () => void> = { '--verbose': () => (verbose = true), '--quiet': () => (quiet = true), '--ignore-case': () => (ignoreCase = true), '--regexp': () => (regexp = true), '--exact': () => {}, '--wait': () => {} };
    if (long[a]) {
      long[a]();
      continue;
    }
    if (/^-[A-Z0-9]+$/.test(a) && signalNumber(a.slice(1)) !== undefined && !/^-[IV]$/.test(a)) {
      signal = signalNumber(a.slice(1))!;
      continue;
    }
    if (/^-[vqIrew]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'v') verbose = true;
        else if (f === 'q') quiet = true;
        else if (f === 'I') ignoreCase = true;
        else if (f === 'r') regexp = true;
      }
      continue;
    }
    if (a.startsWith('-') && a !== '-') return usage();
    names.push(a);
  }
  if (!names.length) return usage();
  let status = 0;
  for (const name of names) {
    const re = regexp ? new RegExp(name, ignoreCase ? 'i' : '') : undefined;
    const hits = others(ctx).filter((p) => {
      const comm = processName(p.command);
      const named = re ? re.test(comm) : ignoreCase ? comm.toLowerCase() === name.slice(0, 15).toLowerCase() : comm === name.slice(0, 15);
      return named && (!user || p.user === user);
    });
    if (!hits.length) {
      if (!quiet) ctx.stderr.write(`${name}: no process found\n`);
      status = 1;
      continue;
    }
    for (const p of hits.reverse()) {
      if (getSystem().kill(ctx, p.pid, signal) && verbose) ctx.stderr.write(`Killed ${processName(p.command)}(${p.pid}) with signal ${signal}\n`);
    }
  }
  return status;
};
