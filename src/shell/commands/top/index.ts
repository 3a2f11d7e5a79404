/**
 * top (procps-ng 3.3.17, Ubuntu 22.04) on a machine: the processes ps lists, with the CPU and
 * memory the simulation gives them, the memory free reports and the uptime line of uptime.
 * - Batch mode (-b) writes frames one after the other on the simulated clock: the first one 0.15 s
 *   after start (top primes its CPU counters first), then one every -d seconds (3.0), -n of them;
 *   frames are separated by a blank line and the output ends with a newline.
 * - Otherwise top needs a terminal on its standard input (`top: failed tty get` and status 1
 *   without one). It draws the screen, sized to the terminal, refreshes it every -d seconds and
 *   ends on `q` or Ctrl-C, leaving the cursor below the screen.
 */
import type { CommandContext, Program } from '../../command';
import { getSystem, type ProcessInfo } from '../lib/system';
import { uptimeLine } from '../sysinfo';
import { parseTopArgs, type TopOptions } from './options';
import { readPasswd, readTasks, type Reading } from './tasks';
import { CAPS_ENDLINE, headerLine, layout, renderLine, summaryLines, taskLine, type CellContext, type FrameData } from './frame';
import { sortTasks } from './sort';

/** LIB_USLEEP: the pause between priming the counters and the first frame. */
const PRIMING_MS = 150;

/** The PID column is as wide as the largest PID (kernel.pid_max - 1), at least 5. */
function pidWidth(ctx: CommandContext): number {
  try {
    const max = Number(ctx.fs.readFile('/proc/sys/kernel/pid_max').trim());
    if (max >= 42) return Math.max(5, String(max - 1).length);
  } catch {
    // No /proc: the classic width.
  }
  return 5;
}

/** Which tasks the window lists: -p PIDs, -u USER (by name or uid, `!` for all but), -i busy only. */
function selected(reading: Reading, o: TopOptions): Reading['tasks'] {
  return reading.tasks.filter((t) => {
    if (o.user) {
      const match = /^\d+$/.test(o.user.name) ? t.uid === Number(o.user.name) : t.user === o.user.name;
      if (match === o.user.exclude) return false;
    }
    return !o.onlyBusy || t.deltaTicks > 0;
  });
}

interface Screen {
  columns: number;
  /** Rows of the terminal; undefined in batch mode (every task is listed). */
  rows?: number;
  tty: boolean;
}

/** One frame's text: the summary, the message line (blank), the header and the rows. */
function frameText(ctx: CommandContext, o: TopOptions, prev: Reading, cur: Reading, screen: Screen): string {
  const sys = getSystem();
  const memory = sys.memoryKiB(ctx);
  const data: FrameData = { uptimeLine: uptimeLine(ctx), tasks: cur.tasks, shown: [], memory, cores: sys.cpus(ctx), elapsed: Math.max(0.005, (cur.at - prev.at) / 1000), pidWidth: pidWidth(ctx) };
  const c: CellContext = { d: data, o };
  const cols = layout(screen.columns, c);
  let rows = sortTasks(selected(cur, o), c);
  const summary = summaryLines(data, o).map((l) => renderLine(l, screen.columns, screen.tty));
  // The summary, the message line and the header take their rows; tasks get the rest.
  if (screen.rows !== undefined) rows = rows.slice(0, Math.max(0, screen.rows - summary.length - 2));
  const strip = (s: string) => (screen.tty ? s : s.replace(/ +$/, ''));
  let out = summary.map((l) => `${l}\n`).join('');
  out += screen.tty ? `\x1b[K\n\x1b[7m${headerLine(cols)}${CAPS_ENDLINE}` : `\n${strip(headerLine(cols))}`;
  for (const t of rows) out += screen.tty ? `\n${t.state === 'R' ? '\x1b(B\x1b[m\x1b[1m' : '\x1b(B\x1b[m'}${taskLine(t, cols, c)}${CAPS_ENDLINE}` : `\n${strip(taskLine(t, cols, c))}`;
  // Clear what an earlier, longer screen left below.
  if (screen.rows !== undefined && rows.length < screen.rows - summary.length - 2) out += '\n\x1b[J';
  return out;
}

type Reader = (prev?: Reading) => Reading;

/** top's own process, in the list it shows. */
function selfProcess(ctx: CommandContext, startMs: number): () => ProcessInfo {
  // Its row in the machine's table when a session runs it; a row of its own under the login shell otherwise.
  const own = ctx.pid !== undefined ? getSystem().processes(ctx).find((p) => p.pid === ctx.pid) : undefined;
  const pid = own?.pid ?? 1300 + (startMs % 500);
  return () => {
    const ran = (ctx.clock.now() - startMs) / 1000;
    return { pid, ppid: own?.ppid ?? 1260, user: ctx.user.name, command: ctx.argv.join(' '), tty: own?.tty ?? 'pts/0', stat: 'R+', startMs, cpuSeconds: 0.01 + ran * 0.003, cpuMilli: 3, rssKiB: 4224, vszKiB: 11_892 };
  };
}

async function batch(ctx: CommandContext, o: TopOptions, read: Reader): Promise<number> {
  const columns = o.width !== undefined && o.width > 0 ? o.width : o.width === -1 ? Math.min(512, Math.max(3, Number(ctx.env.COLUMNS) || 512)) : ctx.tty ? ctx.tty.columns : 80;
  let prev = read();
  await ctx.clock.sleep(PRIMING_MS, ctx.signal);
  for (let frame = 0; !ctx.signal.aborted; frame++) {
    const cur = read(prev);
    ctx.stdout.write((frame ? '\n\n' : '') + frameText(ctx, o, prev, cur, { columns, tty: false }));
    prev = cur;
    if (o.loops > 0 && frame + 1 >= o.loops) break;
    await ctx.clock.sleep(o.delaySeconds * 1000, ctx.signal);
  }
  ctx.stdout.write('\n');
  return 0;
}

async function interactive(ctx: CommandContext, o: TopOptions, read: Reader): Promise<number> {
  const tty = ctx.tty;
  const write = (s: string) => (tty ? tty.write(s.replace(/\n/g, '\r\n')) : ctx.stdout.write(s));
  const size = (): Screen => {
    const columns = Math.min(512, tty?.columns ?? 80);
    return { columns: o.width !== undefined && o.width > 0 && o.width < columns ? o.width : columns, rows: tty?.rows ?? 24, tty: true };
  };
  const stop = new AbortController();
  const quit = () => stop.abort();
  ctx.signal.addEventListener('abort', quit, { once: true });
  const keys = tty?.takeKeys((data) => {
    if (/[qQ\x03]/.test(data)) quit();
  });
  let prev = read();
  await ctx.clock.sleep(PRIMING_MS, stop.signal);
  try {
    for (let frame = 0; !stop.signal.aborted; frame++) {
      const cur = read(prev);
      write((frame ? '\x1b[H' : '\x1b[H\x1b[2J') + frameText(ctx, o, prev, cur, size()));
      prev = cur;
      if (o.loops > 0 && frame + 1 >= o.loops) break;
      // Without a terminal to take keys from, the keys come on standard input.
      if (!tty) void ctx.stdin.read().then((k) => (k === null || /[qQ]/.test(k) ? quit() : undefined));
      await ctx.clock.sleep(o.delaySeconds * 1000, stop.signal);
      // A clock moved by hand passes the delay at once: let the keys typed meanwhile arrive.
      if (ctx.clock.mode === 'manual') await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    keys?.release();
    ctx.signal.removeEventListener('abort', quit);
    // at_eoj: below the screen, a new line, the cursor shown again.
    write(`\x1b[${size().rows! + 1};1H\n\x1b[?12l\x1b[?25h\x1b[K`);
  }
  return 0;
}

export const top: Program = async (ctx) => {
  const myname = ctx.argv[0].split('/').pop() ?? 'top';
  const users = readPasswd(ctx);
  const o = parseTopArgs(ctx.argv.slice(1), myname, (name) => users.has(name));
  if ('error' in o) {
    ctx.stderr.write(`${myname}: ${o.error}\n`);
    return 1;
  }
  if (o.print !== undefined) {
    ctx.stdout.write(o.print);
    return 0;
  }
  if (!o.batch && !ctx.stdinIsTTY) {
    ctx.stderr.write(`${myname}: failed tty get\n`);
    return 1;
  }
  const self = selfProcess(ctx, ctx.clock.now());
  // -p: only the monitored processes are read at all (PID 0 is top itself), so the Tasks line counts them alone.
  const pids = o.pids.length ? new Set(o.pids.map((p) => (p === 0 ? self().pid : p))) : undefined;
  const read: Reader = (prev) => readTasks(ctx, self(), prev, pids);
  return (o.batch ? batch : interactive)(ctx, o, read);
};
