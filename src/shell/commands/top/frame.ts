/**
 * One screen of top (procps-ng 3.3.17 as Ubuntu builds it, with the classic defaults): the summary
 * area, the column header and the task rows. Summary lines carry top's own markup (`~2` ends a
 * stretch shown bold, `~3` one shown plain…), which batch mode drops and a terminal turns into
 * attributes, each line cut at the screen's width. Columns are a table: header, width, alignment
 * and how a task fills its cell; the last, COMMAND, takes the width the others leave.
 */
import type { Task } from './tasks';
import { HERTZ } from './tasks';
import type { TopOptions } from './options';

export interface Memory {
  total: number;
  used: number;
  free: number;
  buffCache: number;
  available: number;
  swapTotal: number;
  swapUsed: number;
}

export interface FrameData {
  uptimeLine: string;
  /** All tasks read (the Tasks line counts them) and the ones to list, sorted. */
  tasks: Task[];
  shown: Task[];
  memory: Memory;
  cores: number;
  /** Seconds since the previous read: what %CPU is measured over. */
  elapsed: number;
  pidWidth: number;
}

/** xterm's strings for the capabilities top uses (captab in top.c); batch mode uses none. */
const NORM = '\x1b(B\x1b[m';
const BOLD = '\x1b[1m';
const REVERSE = '\x1b[7m';
export const CAPS_OFF = `${NORM}\x1b[39;49m`;
export const CAPS_ENDLINE = `${CAPS_OFF}\x1b[K`;
const CAPTAB = [NORM, NORM, BOLD, '', REVERSE, BOLD, REVERSE, NORM + BOLD, NORM];

/** show_special: a line of markup as text of at most `width` columns, with attributes on a terminal. */
export function renderLine(markup: string, width: number, tty: boolean): string {
  let room = width;
  let row = '';
  for (const m of markup.matchAll(/([^~]*)(?:~([1-8])|$)/g)) {
    if (m.index === markup.length && m[0] === '') break;
    const text = m[1].slice(0, Math.max(0, room));
    const cap = m[2] === undefined ? 0 : Number(m[2]);
    row += tty ? `${CAPTAB[cap]}${text}${CAPS_OFF}` : text;
    room -= m[1].length;
    if (room <= 0) break;
  }
  return tty ? row + CAPS_ENDLINE : row;
}

const f1 = (n: number) => n.toFixed(1);
const pad = (s: string, w: number) => s.padStart(w);

/** The %Cpu line's eight states (us sy ni id wa hi si st) for some processors. */
function cpuLine(label: string, tasks: Task[], ticksAvailable: number): string {
  let user = 0;
  let system = 0;
  for (const t of tasks) {
    // A program that spins is nearly all user time; daemons spend a good part in the kernel.
    const userShare = t.state === 'R' && t.deltaTicks > ticksAvailable / 4 ? 0.98 : 0.6;
    user += t.deltaTicks * userShare;
    system += t.deltaTicks * (1 - userShare);
  }
  const total = Math.max(1, ticksAvailable, Math.round(user + system));
  const idle = Math.max(0, total - user - system);
  const pct = (v: number) => pad(f1((v * 100) / total), 5);
  return `${label}~3${[user, system, 0, idle, 0, 0, 0, 0].map((v, i) => `${pct(v)} ~2${['us', 'sy', 'ni', 'id', 'wa', 'hi', 'si', 'st'][i]}`).join(',~3')}~3`;
}

const SCALE_LABELS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** A memory figure of the summary: KiB whole, larger units with one decimal, `+` when it overflows 9 characters. */
function summaryAmount(kib: number, scale: number): string {
  let s = scale === 0 ? `${Math.round(kib)} ` : `${(kib / 1024 ** scale).toFixed(1)} `;
  if (s.length > 9) s = `${s.slice(0, 8)}+`;
  return pad(s, 9);
}

/** The summary area: uptime and load, tasks, CPU states, memory and swap. */
export function summaryLines(d: FrameData, o: TopOptions): string[] {
  const states = { R: 0, S: 0, T: 0, Z: 0 } as Record<string, number>;
  for (const t of d.tasks) states[t.state === 'R' ? 'R' : t.state === 'T' || t.state === 't' ? 'T' : t.state === 'Z' ? 'Z' : 'S']++;
  const n3 = (n: number) => pad(String(n), 3);
  const lines = [
    `top -${d.uptimeLine}`,
    `${o.threads ? 'Threads' : 'Tasks'}:~3 ${n3(d.tasks.length)} ~2total,~3 ${n3(states.R)} ~2running,~3 ${n3(states.S)} ~2sleeping,~3 ${n3(states.T)} ~2stopped,~3 ${n3(states.Z)} ~2zombie~3`,
  ];
  const perCpu = Math.round(HERTZ * d.elapsed);
  if (!o.eachCpu) lines.push(cpuLine('%Cpu(s):', d.tasks, perCpu * d.cores));
  else for (let c = 0; c < d.cores; c++) lines.push(cpuLine(`%Cpu${String(c).padEnd(3)}:`, d.tasks.filter((t) => t.cpu === c), perCpu));
  const m = d.memory;
  const label = SCALE_LABELS[o.summaryScale];
  const v = (kib: number) => summaryAmount(kib, o.summaryScale);
  lines.push(`${label} Mem :~3 ${v(m.total)}~2total,~3 ${v(m.free)}~2free,~3 ${v(m.used)}~2used,~3 ${v(m.buffCache)}~2buff/cache~3`);
  lines.push(`${label} Swap:~3 ${v(m.swapTotal)}~2total,~3 ${v(m.swapTotal - m.swapUsed)}~2free,~3 ${v(m.swapUsed)}~2used.~3 ${v(m.available)}~2avail Mem ~3`);
  return lines;
}

/** scale_mem: KiB as a whole number if it fits, else in the first larger unit that fits (m, g, …). */
function memory(kib: number, width: number, target: number): string {
  let n = kib;
  for (let i = 0; i < 5; i++, n /= 1024) {
    if (i < target) continue;
    const s = i === 0 ? String(Math.round(n)) : `${n.toFixed(1)}${'kmgtpe'[i]}`;
    if (s.length <= width) return s;
  }
  return '?';
}

/** make_num / make_str: a value cut to the column with `+` as the last character when too long. */
function fit(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}+` : s;
}

/** scale_pcnt: one decimal, or none when that does not fit. */
function percent(n: number, width: number): string {
  const s = f1(n);
  return s.length <= width ? s : n.toFixed(0).length <= width ? n.toFixed(0) : '?';
}

/** scale_tics: minutes:seconds.hundredths of CPU time, coarser when it does not fit. */
function cpuTime(ticks: number, width: number): string {
  const cs = Math.floor((ticks * 100) / HERTZ);
  const secs = Math.floor(cs / 100);
  const mins = Math.floor(secs / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  for (const s of [`${mins}:${two(secs % 60)}.${two(cs % 100)}`, `${mins}:${two(secs % 60)}`, `${Math.floor(mins / 60)},${two(mins % 60)}`, `${Math.floor(mins / 60)}h`, `${Math.floor(mins / 1440)}d`, `${Math.floor(mins / 10080)}w`]) if (s.length <= width) return s;
  return '?';
}

export interface CellContext {
  d: FrameData;
  o: TopOptions;
}

interface Column {
  name: string;
  width: (c: CellContext) => number;
  right: boolean;
  cell: (t: Task, width: number, c: CellContext) => string;
}

/** %CPU of a task: its ticks over the interval, one CPU being 100 (Irix mode), at most every CPU's. */
export function cpuPercent(t: Task, c: CellContext): number {
  const pct = (t.deltaTicks * 100) / (HERTZ * c.d.elapsed);
  return Math.min(pct, c.d.cores > 1 ? Math.min(100 * c.d.cores, 999.9) : 99.9);
}

/** The columns top shows by default, in order. */
const COLUMNS: Column[] = [
  { name: 'PID', width: (c) => c.d.pidWidth, right: true, cell: (t, w) => fit(String(t.pid), w) },
  { name: 'USER', width: () => 8, right: false, cell: (t, w) => fit(t.user, w) },
  { name: 'PR', width: () => 3, right: true, cell: () => '20' },
  { name: 'NI', width: () => 3, right: true, cell: () => '0' },
  { name: 'VIRT', width: () => 7, right: true, cell: (t, w, c) => memory(t.virtKiB, w, c.o.taskScale) },
  { name: 'RES', width: () => 6, right: true, cell: (t, w, c) => memory(t.resKiB, w, c.o.taskScale) },
  { name: 'SHR', width: () => 6, right: true, cell: (t, w, c) => memory(t.shrKiB, w, c.o.taskScale) },
  { name: 'S', width: () => 1, right: false, cell: (t) => t.state },
  { name: '%CPU', width: () => 5, right: true, cell: (t, w, c) => percent(cpuPercent(t, c), w) },
  { name: '%MEM', width: () => 5, right: true, cell: (t, w, c) => percent((t.resKiB * 100) / c.d.memory.total, w) },
  { name: 'TIME+', width: () => 9, right: true, cell: (t, w) => cpuTime(t.ticks, w) },
];
const COMMAND: Column = { name: 'COMMAND', width: () => -1, right: false, cell: (t, w, c) => fit(c.o.commandLines ? t.cmdline : t.comm, w) };

/** calibrate_fields: the columns that fit the screen, COMMAND widened to fill the rest. */
export function layout(columns: number, c: CellContext): { column: Column; width: number }[] {
  const out: { column: Column; width: number }[] = [];
  let used = 0;
  for (const column of COLUMNS) {
    const width = column.width(c);
    if (used + width + 1 > columns) return out;
    out.push({ column, width });
    used += width + 1;
  }
  if (used + COMMAND.name.length + 1 <= columns) out.push({ column: COMMAND, width: columns - used - 1 });
  return out;
}

const justify = (s: string, width: number, right: boolean) => `${right ? s.padStart(width) : s.padEnd(width)} `;

export function headerLine(cols: { column: Column; width: number }[]): string {
  return cols.map(({ column, width }) => justify(column.name.slice(0, width), width, column.right)).join('');
}

export function taskLine(t: Task, cols: { column: Column; width: number }[], c: CellContext): string {
  return cols.map(({ column, width }) => justify(column.cell(t, width, c), width, column.right)).join('');
}
