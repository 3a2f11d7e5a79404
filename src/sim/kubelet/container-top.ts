/**
 * busybox top (procps/top.c) in a container, in batch mode (`top -b -n 1`, what `kubectl exec`
 * without a terminal can show): the node's memory and load (the host's /proc/meminfo and
 * /proc/loadavg), the CPU split over top's 100 ms first sample, and the container's processes
 * sorted by CPU then size. Without -b top needs a terminal; on a pipe it draws one screen of 24
 * lines and 79 columns, as here.
 */
import type { Program } from '../../shell/command';
import { getSystem } from '../../shell/commands/lib/system';
import { containerUsage } from '../metrics/usage';
import { busyboxOptions, smartUlltoa5 } from './busybox-text';
import { nodeMeminfo } from './container-meminfo';
import { containerProcesses, vszOf } from './container-processes';
import type { ExecContext } from './exec';
import { loadavg } from './container-procfs';

const USAGE = `Usage: top [-bmH] [-n COUNT] [-d SECONDS]

Show a view of process activity in real time.
Read the status of all processes from /proc each SECONDS
and show a screenful of them.
Keys:
\tN/M/P/T: show CPU usage, sort by pid/mem/cpu/time
\tS: show memory
\tR: reverse sort
\tH: toggle threads, 1: toggle SMP
\tQ,^C: exit
Options:
\t-b\tBatch mode
\t-n N\tExit after N iterations
\t-d SEC\tDelay between updates
\t-m\tSame as 's' key
\t-H\tShow threads
`;

/** fmt_100percent_8: " N.N% " within eight characters, "  100% " when whole. */
function percent8(value: number, total: number): string {
  if (value >= total) return '  100% ';
  const v = Math.floor((1000 * value) / total);
  const t = Math.floor(v / 100);
  const r = v % 100;
  return ` ${t ? t : ' '}${Math.floor(r / 10)}.${r % 10}% `;
}

/** Tenths of a percent as top's "%3u.%c". */
const tenths = (n: number) => `${String(Math.floor(n / 10)).padStart(3)}.${n % 10}`;

export function busyboxTop(c: ExecContext, shellCommand: () => string): Program {
  return async (p) => {
    // Options may come without a dash (make_all_argv_opts).
    const argv = [p.argv[0], ...p.argv.slice(1).map((a) => (a.startsWith('-') ? a : `-${a}`))];
    const args = busyboxOptions({ ...p, argv }, 'd:n:bHm', USAGE);
    if (!args) return 1;
    const cores = getSystem().cpus({ ...p, machine: c.machine ?? p.machine });
    const mem = nodeMeminfo(p, c);
    const width = args.has('b') ? 446 : 79;
    // The 100 ms sample: USER_HZ ticks over every core; this container's command takes its share.
    const ticks = cores * 10;
    const spec = c.container as Parameters<typeof containerUsage>[0];
    const busyMilli = containerUsage(spec, `${c.pod.metadata?.uid}/${c.container.name}`, 0, cores).cpuMilli;
    const busyTicks = Math.min(ticks, Math.round((busyMilli / 1000) * 10));
    const procs = containerProcesses(c, shellCommand(), p.argv).map((x) => ({ ...x, vsz: vszOf(x.name), ticks: x.pid === 1 ? busyTicks : 0 }));
    procs.sort((a, b) => b.ticks - a.ticks || b.vsz - a.vsz);
    const lines: string[] = [];
    const cut = (s: string) => s.slice(0, Math.min(width, 100) - 1);
    lines.push(cut(`Mem: ${mem.total - mem.free}K used, ${mem.free}K free, ${mem.shared}K shrd, ${mem.buffers}K buff, ${mem.cached}K cached`));
    const stats = [busyTicks, 0, 0, ticks - busyTicks, 0, 0, 0];
    const names = ['usr', 'sys', 'nic', 'idle', 'io', 'irq', 'sirq'];
    lines.push(cut(`CPU:${stats.map((v, i) => percent8(v, ticks) + names[i]).join('')}`));
    // top prints /proc/loadavg's line as it reads it.
    lines.push(cut(`Load average: ${loadavg(procs, busyTicks ? 2 : 1).trimEnd()}`));
    const batch = args.has('b');
    // On a screen top clears it first and shows the column titles in reverse video.
    let out = (batch ? '' : '\x1b[H\x1b[J') + lines.join('\n') + '\n';
    const titles = '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND'.slice(0, width);
    out += batch ? titles : `\x1b[7m${titles}\x1b[m`;
    const rows = batch ? procs : procs.slice(0, 24 - lines.length - 1);
    for (const x of rows) {
      const pmem = Math.floor((x.vsz * 1000) / mem.total + 0.5);
      const pcpu = Math.round((x.ticks * 1000) / ticks);
      const state = x.ticks || x.name === 'top' ? 'R' : 'S';
      const head = `${String(x.pid).padStart(5)} ${String(x.ppid).padStart(5)} ${'root'.padEnd(8)} ${state.padEnd(4)} ${smartUlltoa5(x.vsz)}${tenths(pmem)} ${String(x.pid % cores).padStart(3)}${tenths(pcpu)} `;
      out += `\n${(head + x.command).slice(0, width)}`;
    }
    p.stdout.write(`${out}${batch ? '\n' : '\r'}\n`);
    return 0;
  };
}
