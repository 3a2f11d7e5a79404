/**
 * ps as procps-ng 3.3.17 runs it: read the options (an error prints `error: WHY` and the usage on
 * stderr, status 1), pick the processes, order them, print the header and a line for each; status 1
 * when no process was listed.
 */
import type { CommandContext } from '../../command';
import { getSystem, type ProcessInfo } from '../lib/system';
import { lookupGroup, lookupUser } from '../lib/users';
import { makePlan, type Plan } from './plan';
import { parseOptions, type ListResolver, type PsOptions } from './options';
import { toPsProcs, type PsProc } from './proc';
import { selectBits, selectProcs } from './select';
import { forestRows, sortProcs, withThreads, type Row } from './order';
import { activeColumns, renderLine } from './render';
import { helpSection, usage } from './usage';
import { SPECIFIERS } from './specifiers';

/** OUTBUF_SIZE: the width ps takes for a screen that is not a terminal. */
const UNLIMITED = 131072;

function resolver(ctx: CommandContext, procs: PsProc[]): ListResolver {
  const ttys = new Set(procs.map((p) => p.tty).filter((t) => t !== '?'));
  const exists = (t: string) => ttys.has(t) || /^tty\d+$/.test(t) || t === 'console' || t === 'tty';
  return {
    uid: (w) => lookupUser(ctx, w)?.uid,
    gid: (w) => lookupGroup(ctx, w),
    tty: (w) => {
      if (w.startsWith('/')) return w.startsWith('/dev/') && exists(w.slice(5)) ? w.slice(5) : undefined;
      const found = [`pts/${w}`, w, `tty${w}`].find(exists);
      if (found) return found;
      return w === '-' || w === '?' ? '?' : undefined;
    },
  };
}

/** thread_option_check, process_sf_options and select_bits_setup, in procps's order. */
function laterStages(o: PsOptions, psFormat: string | undefined): string | undefined {
  if (o.threadFlags.size && o.forest) return 'thread display conflicts with forest display';
  if (o.threadFlags.has('H') && (o.threadFlags.has('m') || o.threadFlags.has('-m'))) return "thread flags conflict; can't use H with m or -m";
  if (o.threadFlags.has('m') && o.threadFlags.has('-m')) return "thread flags conflict; can't use both m and -m";
  const plan = makePlan(o, psFormat);
  if (typeof plan === 'string') return plan;
  const bits = selectBits(o);
  return typeof bits === 'string' && bits !== 'all' ? bits : undefined;
}

/** arg_check_conflicts: what -q refuses, in ps's own words (no usage). */
function quickConflicts(o: PsOptions, plan: Plan): string | undefined {
  const quick = o.lists.filter((l) => l.kind === 'quick').length;
  if (!quick) return undefined;
  if (quick > 1) return 'q/-q/--quick-pid can only be used once.';
  if (o.lists.length > quick) return 'q/-q/--quick-pid cannot be combined with other selection options.';
  if (o.forest) return 'q/-q/--quick-pid cannot be used together with forest type listings.';
  if (plan.sort.length) return 'q/-q,--quick-pid cannot be used together with sort options.';
  if (o.negate) return 'q/-q/--quick-pid cannot be used together with negation switches.';
  return undefined;
}

/** The screen's width: --cols, else the terminal's (or COLUMNS), unlimited off a terminal; w makes it 132 at least, ww unlimited. */
function screenColumns(ctx: CommandContext, o: PsOptions): number {
  let cols = ctx.isTTY ? ctx.columns || 80 : UNLIMITED;
  const env = Number(ctx.env.COLUMNS);
  if (/^\d+$/.test(ctx.env.COLUMNS ?? '') && env > 0 && env < UNLIMITED) cols = env;
  if (o.cols !== undefined) cols = o.cols;
  if (o.wide && cols < 132) cols = 132;
  if (o.wide > 1) cols = UNLIMITED;
  return cols;
}

export function runPs(ctx: CommandContext, infos: ProcessInfo[]): number {
  const name = (ctx.argv[0] ?? 'ps').split('/').pop() ?? 'ps';
  const procs = toPsProcs(ctx, [...infos].sort((a, b) => a.pid - b.pid));
  const self = procs.find((p) => p.pid === ctx.pid) ?? procs.find((p) => p.stat === 'R+' && p.comm === 'ps') ?? procs[procs.length - 1];
  const psFormat = ctx.env.PS_FORMAT || undefined;
  const parsed = parseOptions(ctx.argv.slice(1), resolver(ctx, procs), (o) => laterStages(o, psFormat));
  if (!parsed.ok) {
    ctx.stderr.write(`error: ${parsed.error}\n${usage(name)}`);
    return 1;
  }
  const o = parsed.options;
  if (o.version) {
    ctx.stdout.write(`${name} from procps-ng 3.3.17\n`);
    return 0;
  }
  if (o.specifiers) {
    ctx.stdout.write(SPECIFIERS.map(([spec, head]) => `${spec.slice(0, 12).padEnd(12)} ${head.slice(0, 8).padEnd(8)}\n`).join(''));
    return 0;
  }
  if (o.help !== undefined) {
    ctx.stdout.write(usage(name, helpSection(o.help || undefined)));
    return 0;
  }
  const plan = makePlan(o, psFormat) as Plan;
  if (plan.warning) ctx.stderr.write(plan.warning);
  const conflict = quickConflicts(o, plan);
  if (conflict) {
    ctx.stderr.write(`${conflict}\n`);
    return 1;
  }
  const env = { now: ctx.clock.now(), totalKiB: getSystem().memoryKiB(ctx).total, unixF: o.format.unixF, bsdC: o.bsdC, numeric: o.numeric };
  const cellEnv = { ...env, maxRight: UNLIMITED, forest: '' };
  const chosen = selectProcs(procs, o, selectBits(o) as number | 'all', self);
  const rows: Row[] = o.forest ? forestRows(chosen, plan.sort, o.forest, cellEnv) : withThreads(sortProcs(chosen, plan.sort, cellEnv).map((proc) => ({ proc, prefix: '' })), o.threadFlags);
  const { active, wideSignals } = activeColumns(plan.columns, screenColumns(ctx, o));
  const lineEnv = { ...env, wideSignals };
  // Unix98: no header when every column's header is empty.
  const header = o.header !== 'none' && plan.columns.some((c) => c.header !== '') ? renderLine(plan.columns, null, lineEnv, o.forest, active) : '';
  // --headers: the header again after each screenful (24 rows off a terminal).
  const gap = o.header === 'multi' ? (ctx.isTTY ? (ctx.tty?.rows ?? 24) : 24) - 1 : Infinity;
  let out = header;
  rows.forEach((row, i) => {
    if (i && i % gap === 0) out += header;
    out += renderLine(plan.columns, row, lineEnv, o.forest, active);
  });
  ctx.stdout.write(out);
  return rows.length ? 0 : 1;
}
