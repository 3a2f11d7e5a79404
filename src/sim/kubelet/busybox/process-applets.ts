/**
 * busybox's applets that signal the container's processes or find them by name (procps/kill.c,
 * procps/pgrep.c, procps/pidof.c at 1_36_1), over the processes the container's PID namespace holds as busybox ps
 * sees them (container-processes.ts).
 *
 * A signal sent to PID 1 succeeds and changes nothing: the kernel drops a signal sent to a PID
 * namespace's init from inside it unless init handles it, and the images' commands (sleep, sh,
 * tail) do not. Signals to the exec's own shell are delivered without ending it here (not simulated).
 */
import type { Program } from '../../../shell/command';
import { containerProcesses, type ContainerProcess } from '../container-processes';
import type { ExecContext } from '../exec';
import { showUsage } from './usage';
import { signalList, signalName, signalNumber } from './signals';
import { getopt } from './getopt';

/** The pid of the applet itself (container-processes puts the asking program at 13). */
function listing(ctx: ExecContext, shell: () => string, argv: string[]): { rows: ContainerProcess[]; self: number } {
  const rows = containerProcesses(ctx, shell(), argv);
  return { rows, self: rows[rows.length - 1].pid };
}

/** find_pid_by_name (libbb/find_pid_by_name.c): comm (15 characters) or the basename of argv[0]. */
function byName(rows: ContainerProcess[], name: string): number[] {
  const base = (s: string) => (s.split(' ')[0] ?? '').replace(/^.*\//, '');
  return rows.filter((r) => r.name.slice(0, 15) === name.slice(0, 15) || base(r.command) === name).map((r) => r.pid);
}

/** pidof NAME...: the pids of each name, newest first (pidlist_reverse), on one line; 1 when none. */
export function busyboxPidof(ctx: ExecContext, shell: () => string): Program {
  return async (p) => {
    // getopt32 "so:*" (it permutes).
    const { seen, operands: names } = getopt(p.argv.slice(1), 's', 'o', true);
    const single = seen.has('s');
    const omit = seen.get('o') ?? [];
    const { rows, self } = listing(ctx, shell, p.argv);
    const ppid = rows.find((r) => r.pid === self)?.ppid ?? 0;
    const omitted = new Set(omit.map((o) => (o === '%PPID' ? String(ppid) : o)));
    const found: number[] = [];
    for (const name of names) {
      const pids = byName(rows, name).reverse().filter((pid) => !omitted.has(String(pid)));
      found.push(...(single ? pids.slice(0, 1) : pids));
    }
    if (found.length) p.stdout.write(`${found.join(' ')}\n`);
    return found.length ? 0 : 1;
  };
}

interface Match {
  invert: boolean;
  list: boolean;
  listFull: boolean;
  full: boolean;
  anchor: boolean;
  oldest: boolean;
  newest: boolean;
  echo: boolean;
  sid?: number;
  ppid?: number;
}

/** pgrep and pkill (one applet in busybox): PATTERN is an extended regex against argv[0] then comm. */
function pgrepFamily(ctx: ExecContext, shell: () => string, applet: 'pgrep' | 'pkill'): Program {
  return async (p) => {
    let args = p.argv.slice(1);
    if (applet === 'pkill' && args[0]?.startsWith('-') && signalNumber(args[0].slice(1)) !== -1) args = args.slice(1);
    // getopt32 "vlafxones:+P:+" (the wrapper has refused other letters; it permutes).
    const { seen, operands } = getopt(args, 'vlafxone', 'sP', true);
    const m: Match = {
      invert: seen.has('v'), list: seen.has('l'), listFull: seen.has('a'), full: seen.has('f'), anchor: seen.has('x'),
      oldest: seen.has('o'), newest: seen.has('n'), echo: seen.has('e'),
    };
    for (const [letter, key] of [['s', 'sid'], ['P', 'ppid']] as const) {
      const value = seen.get(letter)?.at(-1);
      if (value === undefined) continue;
      // xatoi_positive.
      if (!/^\d+$/.test(value)) {
        p.stderr.write(`${applet}: invalid number '${value}'\n`);
        return 1;
      }
      m[key] = Number(value);
    }
    if (applet === 'pkill' && m.list) {
      p.stdout.write(signalList());
      return 0;
    }
    const selects = m.sid !== undefined || m.ppid !== undefined;
    if ((!selects && operands.length !== 1) || operands.length > 1) {
      showUsage(applet, p.stderr);
      return 1;
    }
    let re: RegExp | undefined;
    let whole: RegExp | undefined;
    if (operands[0] !== undefined) {
      try {
        re = new RegExp(operands[0]);
        whole = new RegExp(`^(?:${operands[0]})$`);
      } catch {
        p.stderr.write(`${applet}: bad regex '${operands[0]}': ${regerror(operands[0])}\n`);
        return 1;
      }
    }
    const { rows, self } = listing(ctx, shell, p.argv);
    const matched: ContainerProcess[] = [];
    // runc makes each process it starts (the command, an exec) a session leader; children share their parent's.
    const sessionOf = (r: ContainerProcess): number => {
      const parent = rows.find((q) => q.pid === r.ppid);
      return r.ppid === 0 || !parent ? r.pid : sessionOf(parent);
    };
    const ownSession = sessionOf(rows.find((r) => r.pid === self)!);
    const sid = m.sid === 0 ? ownSession : m.sid;
    for (const r of rows) {
      if (r.pid === self) continue;
      const other = (m.ppid !== undefined && m.ppid !== r.ppid) || (sid !== undefined && sid !== sessionOf(r));
      if (!m.invert && other) continue;
      let hit = m.invert && other;
      if (!hit) {
        const argv0 = m.full ? r.command : (r.command.split(' ')[0] ?? '');
        // -x: POSIX's leftmost-longest match must cover the whole name; a regex anchored at both ends asks the same.
        const test = (s: string) => !re || (m.anchor ? whole!.test(s) : re.test(s));
        hit = (test(argv0) || test(r.name)) !== m.invert;
      }
      if (hit) matched.push(r);
    }
    const chosen = m.newest ? matched.slice(-1) : m.oldest ? matched.slice(0, 1) : matched;
    for (const r of chosen) {
      if (applet === 'pgrep') p.stdout.write(m.list || m.listFull ? `${r.pid} ${m.listFull ? r.command : r.name}\n` : `${r.pid}\n`);
      else if (m.echo) p.stdout.write(`${r.name} killed (pid ${r.pid})\n`);
    }
    return chosen.length ? 0 : 1;
  };
}

/** regerror's words (uClibc's regex is glibc's: __re_error_msgid) for what JavaScript's RegExp refused. */
function regerror(pattern: string): string {
  if (/\[[^\]]*$/.test(pattern)) return 'Unmatched [, [^, [:, [., or [=';
  if ((pattern.match(/(?<!\\)\(/g) ?? []).length > (pattern.match(/(?<!\\)\)/g) ?? []).length) return 'Unmatched ( or \\(';
  return 'Invalid preceding regular expression';
}

export const busyboxKill = (ctx: ExecContext, shell: () => string) => killFamily(ctx, shell, 'kill');
export const busyboxKillall = (ctx: ExecContext, shell: () => string) => killFamily(ctx, shell, 'killall');

export const busyboxPgrep = (ctx: ExecContext, shell: () => string) => pgrepFamily(ctx, shell, 'pgrep');
export const busyboxPkill = (ctx: ExecContext, shell: () => string) => pgrepFamily(ctx, shell, 'pkill');

/**
 * kill [-l] [-SIG] PID... and killall [-l] [-q] [-SIG] PROCESS_NAME...: kill.c, one applet with its
 * own option reading (no getopt). kill signals pids: one the namespace does not hold is ESRCH.
 */
function killFamily(ctx: ExecContext, shell: () => string, applet: 'kill' | 'killall'): Program {
  return async (p) => {
    let args = p.argv.slice(1);
    let quiet = false;
    let arg = args[0];
    if (arg?.startsWith('-')) {
      if (arg === '-l') {
        // -l NAME... converts names and numbers (coreutils-6.8's kill -l).
        if (args.length === 1) {
          p.stdout.write(signalList());
          return 0;
        }
        for (const a of args.slice(1)) {
          // A number is an exit status or a signal: its name, of the low 7 bits; a name, its number.
          const digits = /^\d/.test(a);
          const n = digits ? (/^\d+$/.test(a) ? Number(a) : -1) : signalNumber(a);
          if (n < 0) {
            p.stderr.write(`${applet}: unknown signal '${a}'\n`);
            return 1;
          }
          p.stdout.write(digits ? `${signalName(n & 0x7f)}\n` : `${n}\n`);
        }
        return 0;
      }
      if (applet === 'killall' && arg === '-q') {
        quiet = true;
        args = args.slice(1);
        arg = args[0];
        if (arg === undefined) {
          showUsage('killall', p.stderr);
          return 1;
        }
      }
      if (arg.startsWith('-')) {
        let name = arg.slice(1);
        if (name !== '-') {
          if (name === 's' && args.length > 1) {
            args = args.slice(1);
            name = args[0];
          }
          if (signalNumber(name) < 0) {
            p.stderr.write(`${applet}: bad signal name '${name}'\n`);
            return 1;
          }
        }
        args = args.slice(1);
      }
    }
    if (!args.length) {
      p.stderr.write(`${applet}: you need to specify whom to kill\n`);
      return 1;
    }
    const { rows } = listing(ctx, shell, p.argv);
    let errors = 0;
    if (applet === 'kill') {
      for (const a of args) {
        // bb_strtoi: a decimal int, a sign allowed; 0 and -1 are the caller's group and every process.
        if (!/^[-+]?\d+$/.test(a) || Math.abs(Number(a)) > 2147483647) {
          p.stderr.write(`kill: invalid number '${a}'\n`);
          errors++;
        } else if (!(Number(a) === 0 || Number(a) === -1 || rows.some((r) => r.pid === Math.abs(Number(a))))) {
          p.stderr.write(`kill: can't kill pid ${Number(a)}: No such process\n`);
          errors++;
        }
      }
      return errors;
    }
    for (const name of args) {
      if (byName(rows, name).length) continue;
      errors++;
      if (!quiet) p.stderr.write(`killall: ${name}: no process killed\n`);
    }
    return errors;
  };
}
