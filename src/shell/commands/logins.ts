/**
 * Who is logged in (coreutils tty, who, users; logname): the terminals of the machine's sshd
 * sessions, from its process table (src/sim/machine/process-table.ts) as utmp would list them.
 * tmux panes are not logins (tmux writes no utmp entry).
 */
import type { CommandContext, Program } from '../command';
import { sessionProcess, sessionProcesses, type SessionProcess } from '../../sim/machine/process-table';
import { strftime } from './lib/time';
import { flag, parseArgs } from './lib/args';

/** The sshd sessions' logins: user, terminal, since, from where. */
function logins(ctx: CommandContext): { user: string; line: string; since: number; from?: string }[] {
  if (!ctx.machine) return [];
  return sessionProcesses(ctx.machine).flatMap((p: SessionProcess) => {
    const m = /^sshd: (\S+)@(pts\/\d+)$/.exec(p.command);
    return m ? [{ user: m[1], line: m[2], since: p.startMs, from: p.loginFrom }] : [];
  });
}

/** tty: the terminal on standard input (`/dev/pts/0`), or `not a tty` (1). */
export const tty: Program = async (ctx) => {
  // tty.c exits 2 on a usage error (TTY_USAGE); --quiet is an alias of --silent.
  const args = parseArgs(ctx, [flag('s', 'silent'), flag(undefined, 'quiet', 's')], { usageStatus: 2 });
  if (typeof args === 'number') return args;
  const silent = args.has('s');
  const own = ctx.pid !== undefined && ctx.machine ? sessionProcess(ctx.machine, ctx.pid) : undefined;
  if (!ctx.stdinIsTTY || !own || own.tty === '?') {
    if (!silent) ctx.stdout.write('not a tty\n');
    return 1;
  }
  if (!silent) ctx.stdout.write(`/dev/${own.tty}\n`);
  return 0;
};

/** who's options (who.c longopts and shortopts "abdlmpqrstuwHT"): accepted, not all acted on. */
const WHO_SPECS = [
  ...['a:all', 'b:boot', 'd:dead', 'H:heading', 'l:login', 'p:process', 'q:count', 'r:runlevel', 's:short', 't:time', 'u:users'].map((s) => flag(s[0], s.slice(2))),
  flag('m'), flag('T', 'mesg'), flag('w', 'message', 'T'), flag(undefined, 'writable', 'T'), flag(undefined, 'lookup'), flag(undefined, 'ips'),
];

/** who (coreutils): one line per login, `%-8s %-12s %Y-%m-%d %H:%M (host)`. */
export const who: Program = async (ctx) => {
  const args = parseArgs(ctx, WHO_SPECS);
  if (typeof args === 'number') return args;
  const out = logins(ctx).map((l) => `${l.user.padEnd(8)} ${l.line.padEnd(12)} ${strftime('%Y-%m-%d %H:%M', l.since)}${l.from ? ` (${l.from})` : ''}\n`);
  ctx.stdout.write(out.join(''));
  return 0;
};

/** users (coreutils): the logged-in users, sorted, on one line. */
export const users: Program = async (ctx) => {
  const args = parseArgs(ctx, []);
  if (typeof args === 'number') return args;
  const names = logins(ctx).map((l) => l.user).sort();
  if (names.length) ctx.stdout.write(`${names.join(' ')}\n`);
  return 0;
};

/** logname (coreutils): the login name of the terminal's session, or `logname: no login name` (1). */
export const logname: Program = async (ctx) => {
  const args = parseArgs(ctx, []);
  if (typeof args === 'number') return args;
  if (args.operands.length) {
    ctx.stderr.write(`logname: extra operand '${args.operands[0]}'\nTry 'logname --help' for more information.\n`);
    return 1;
  }
  const own = ctx.pid !== undefined && ctx.machine ? sessionProcess(ctx.machine, ctx.pid) : undefined;
  const login = own ? logins(ctx).find((l) => l.line === own.tty) : undefined;
  if (!login) {
    ctx.stderr.write('logname: no login name\n');
    return 1;
  }
  ctx.stdout.write(`${login.user}\n`);
  return 0;
};
