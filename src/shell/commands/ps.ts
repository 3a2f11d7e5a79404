/** ps (procps-ng, in ps/) and /bin/kill over the provider's processes; pgrep and pkill are pgrep.ts. */
import type { CommandContext, Program } from '../command';
import { getSystem, SIGNALS, type ProcessInfo } from './lib/system';
import { runPs } from './ps/main';

export const ps: Program = async (ctx) => {
  // The other members of its pipeline start meanwhile (`ps aux | grep x` lists the grep), as the
  // shell forks them all before ps gets to read /proc.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return runPs(ctx, withSelf(ctx, getSystem().processes(ctx), { rssKiB: 1536, vszKiB: 10072 }));
};

/**
 * The processes with the caller among them as it runs (R+): its own row in the machine's table,
 * or — for a context no session started — a row of its own under the login shell.
 */
export function withSelf(ctx: CommandContext, procs: ProcessInfo[], size: { rssKiB: number; vszKiB: number }): ProcessInfo[] {
  const own = ctx.pid !== undefined ? procs.find((p) => p.pid === ctx.pid) : undefined;
  if (own) return procs.map((p) => (p === own ? { ...p, stat: 'R+', ...size } : p));
  const self: ProcessInfo = { pid: ctx.pid ?? 1300 + (ctx.clock.now() % 500), ppid: 1260, user: ctx.user.name, command: ctx.argv.join(' '), tty: 'pts/0', stat: 'R+', startMs: ctx.clock.now(), cpuSeconds: 0, ...size };
  return [...procs, self];
}

/** /bin/kill (procps): -l lists signals; -SIG or -s SIG; `kill: (PID): No such process`. */
export const kill: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  if (argv[0] === '-l' || argv[0] === '-L') {
    ctx.stdout.write(`${SIGNALS.slice(0, 16).join(' ')}\n${SIGNALS.slice(16).join(' ')}\n`);
    return 0;
  }
  let signal = 15;
  const pids: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const sigName = a === '-s' || a === '--signal' ? argv[++i] : /^-[A-Z0-9]+$/i.test(a) ? a.slice(1) : null;
    if (sigName !== null && sigName !== undefined) {
      const n = /^\d+$/.test(sigName) ? Number(sigName) : SIGNALS.indexOf(sigName.toUpperCase().replace(/^SIG/, '')) + 1;
      if (n <= 0 || n > 64) {
        ctx.stderr.write(`kill: unknown signal: ${sigName}\n`);
        return 1;
      }
      signal = n;
    } else pids.push(a);
  }
  if (!pids.length) {
    ctx.stderr.write(`\nUsage:\n kill [options] <pid> [...]\n\nOptions:\n <pid> [...]            send signal to every <pid> listed\n -<signal>, -s, --signal <signal>\n                        specify the <signal> to be sent\n -q, --queue <value>    integer value to be sent with the signal\n -l, --list=[<signal>]  list all signal names, or convert one to a name\n -L, --table            list all signal names in a nice table\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see kill(1).\n`);
    return 1;
  }
  let status = 0;
  for (const p of pids) {
    if (!/^-?\d+$/.test(p)) {
      ctx.stderr.write(`kill: failed to parse argument: '${p}'\n`);
      status = 1;
      continue;
    }
    if (!getSystem().kill(ctx, Number(p), signal)) {
      ctx.stderr.write(`${ctx.argv[0]}: (${p}): No such process\n`);
      status = 1;
    }
  }
  return status;
};
