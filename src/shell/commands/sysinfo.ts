/** uname, nproc, free, uptime: the machine as the system provider describes it. */
import type { CommandContext, Program } from '../command';
import { flag, parseArgs } from './lib/args';
import { getSystem, KERNEL } from './lib/system';
import { strftime } from './lib/time';

export const uname: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('a', 'all'), flag('s', 'kernel-name'), flag('n', 'nodename'), flag('r', 'kernel-release'), flag('v', 'kernel-version'), flag('m', 'machine'), flag('p', 'processor'), flag('i', 'hardware-platform'), flag('o', 'operating-system'), flag(undefined, 'sysname', 's'), flag(undefined, 'release', 'r')]);
  if (typeof args === 'number') return args;
  if (args.operands.length) {
    ctx.stderr.write(`uname: extra operand ‘${args.operands[0]}’\nTry 'uname --help' for more information.\n`);
    return 1;
  }
  const all = args.has('a');
  const parts: string[] = [];
  const want = (k: string) => all || args.has(k);
  if (want('s') || (!all && !['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o'].some((k) => args.has(k)))) parts.push('Linux');
  if (want('n')) parts.push(ctx.host);
  if (want('r')) parts.push(KERNEL.release);
  if (want('v')) parts.push(KERNEL.version);
  if (want('m')) parts.push(KERNEL.machine);
  if (want('p')) parts.push(KERNEL.machine);
  if (want('i')) parts.push(KERNEL.machine);
  if (want('o')) parts.push('GNU/Linux');
  ctx.stdout.write(parts.join(' ') + '\n');
  return 0;
};

export const nproc: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag(undefined, 'all'), { long: 'ignore', key: 'ignore', arg: 'required' }]);
  if (typeof args === 'number') return args;
  if (args.operands.length) {
    ctx.stderr.write(`nproc: extra operand '${args.operands[0]}'\nTry 'nproc --help' for more information.\n`);
    return 1;
  }
  const n = getSystem().cpus(ctx) - Number(args.last('ignore') ?? 0);
  ctx.stdout.write(`${Math.max(1, n)}\n`);
  return 0;
};

function freeHuman(kib: number): string {
  const units = ['Ki', 'Mi', 'Gi', 'Ti'];
  if (kib === 0) return '0B';
  let v = kib;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (v < 10 ? v.toFixed(1) : String(Math.round(v))) + units[u];
}

export const free: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('h', 'human'), flag('m', 'mebi'), flag('g', 'gibi'), flag('k', 'kibi'), flag('b', 'bytes'), flag('t', 'total'), flag('w', 'wide')]);
  if (typeof args === 'number') return args;
  const m = getSystem().memoryKiB(ctx);
  const fmt = (kib: number) => (args.has('h') ? freeHuman(kib) : args.has('m') ? String(Math.floor(kib / 1024)) : args.has('g') ? String(Math.floor(kib / 1048576)) : args.has('b') ? String(kib * 1024) : String(kib));
  const row = (label: string, cols: number[]) => label.padEnd(7) + cols.map((c) => fmt(c).padStart(12)).join('') + '\n';
  let out = '               total        used        free      shared  buff/cache   available\n';
  out += row('Mem:', [m.total, m.used, m.free, m.shared, m.buffCache, m.available]);
  out += row('Swap:', [m.swapTotal, m.swapUsed, m.swapTotal - m.swapUsed]);
  if (args.has('t')) out += row('Total:', [m.total + m.swapTotal, m.used + m.swapUsed, m.free + m.swapTotal - m.swapUsed]);
  ctx.stdout.write(out);
  return 0;
};

export function uptimeText(ms: number): string {
  const mins = Math.floor(ms / 60000);
  const days = Math.floor(mins / 1440);
  const h = Math.floor((mins % 1440) / 60);
  const mm = mins % 60;
  let s = days ? `${days} day${days > 1 ? 's' : ''}, ` : '';
  s += h ? `${String(h).padStart(2)}:${String(mm).padStart(2, '0')}` : `${mm} min`;
  return s;
}

export const uptime: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('p', 'pretty'), flag('s', 'since')]);
  if (typeof args === 'number') return args;
  const now = ctx.clock.now();
  const boot = getSystem().bootMs(ctx);
  if (args.has('s')) {
    ctx.stdout.write(strftime('%Y-%m-%d %H:%M:%S', boot) + '\n');
    return 0;
  }
  if (args.has('p')) {
    const mins = Math.floor((now - boot) / 60000);
    const parts: string[] = [];
    const d = Math.floor(mins / 1440);
    const h = Math.floor((mins % 1440) / 60);
    const m = mins % 60;
    if (d) parts.push(`${d} day${d > 1 ? 's' : ''}`);
    if (h) parts.push(`${h} hour${h > 1 ? 's' : ''}`);
    if (m || !parts.length) parts.push(`${m} minute${m !== 1 ? 's' : ''}`);
    ctx.stdout.write(`up ${parts.join(', ')}\n`);
    return 0;
  }
  ctx.stdout.write(`${uptimeLine(ctx)}\n`);
  return 0;
};

/** procps's sprint_uptime: ` 08:03:12 up 5 min,  1 user,  load average: …`, the line uptime prints and top heads its screen with. */
export function uptimeLine(ctx: CommandContext): string {
  const now = ctx.clock.now();
  const users = 1;
  return ` ${strftime('%H:%M:%S', now)} up ${uptimeText(now - getSystem().bootMs(ctx))}, ${String(users).padStart(2)} user${users === 1 ? '' : 's'},  load average: 0.08, 0.03, 0.01`;
}
