/**
 * The order of ps's rows (ps/display.c): /proc's (by pid) unless sorted; --sort keys compare the
 * column's value or else its printed text, each key reversible with '-'. A forest sorts by parent
 * then start time (or the keys given) and draws each tree under its root, the roots from the last
 * found to the first, the children of PID 1 beside it rather than under it (save for -H).
 */
import type { CellEnv } from './columns';
import type { SortKey } from './plan';
import type { PsProc } from './proc';
import { COLUMNS } from './columns';
import { threadsOf } from './proc';

export interface Row {
  proc: PsProc;
  /** The forest's art before the command: per level ' ', 'L' (last child), '+' (a sibling follows), '|'. */
  prefix: string;
  /** With m or -m: a process's row (thread-only columns show '-') or one of its threads' (process-only columns show '-'). */
  part?: 'process' | 'thread';
}

/**
 * The rows threads add (ps/display.c's show_proc_array with thread flags): -L, -T and H a row for
 * each thread in the process's place; m and -m the process's row, then its threads'.
 */
export function withThreads(rows: Row[], flags: Set<string>): Row[] {
  const ids = { next: 70_000 };
  const each = flags.has('-L') || flags.has('-T') || flags.has('H');
  const after = flags.has('m') || flags.has('-m');
  if (!each && !after) return rows;
  return rows.flatMap((r) => {
    const threads = threadsOf(r.proc, ids).map((proc) => ({ proc, prefix: '', part: after ? ('thread' as const) : undefined }));
    return after ? [{ ...r, part: 'process' as const }, ...threads] : threads;
  });
}

function compare(keys: SortKey[], env: CellEnv) {
  return (a: PsProc, b: PsProc): number => {
    for (const k of keys) {
      const va = k.column.key ? k.column.key(a, env) : k.column.cell(a, env);
      const vb = k.column.key ? k.column.key(b, env) : k.column.cell(b, env);
      const r = va < vb ? -1 : va > vb ? 1 : 0;
      if (r) return k.reverse ? -r : r;
    }
    return 0;
  };
}

export function sortProcs(procs: PsProc[], keys: SortKey[], env: CellEnv): PsProc[] {
  return keys.length ? [...procs].sort(compare(keys, env)) : procs;
}

/** The forest's rows (show_forest, show_tree). */
export function forestRows(procs: PsProc[], keys: SortKey[], forestType: 'b' | 'g' | 'u', env: CellEnv): Row[] {
  const sorted = [...procs].sort(compare([{ column: COLUMNS.ppid, reverse: false }, ...(keys.length ? keys : [{ column: COLUMNS.start_time, reverse: false }])], env));
  const rows: Row[] = [];
  const prefix: string[] = [];
  const tree = (self: number, level: number, sibling: boolean) => {
    if (level) prefix[level - 1] = sibling ? '+' : 'L';
    prefix.length = level;
    rows.push({ proc: sorted[self], prefix: prefix.join('') });
    const selfPid = sorted[self].pid;
    let i = sorted.findIndex((p) => p.ppid === selfPid);
    if (i < 0) return;
    if (level) prefix[level - 1] = sibling ? '|' : ' ';
    prefix.length = level;
    for (; i < sorted.length; ) {
      const more = i + 1 < sorted.length && sorted[i + 1].ppid === selfPid;
      tree(i++, selfPid === 1 && forestType !== 'u' ? level : level + 1, more);
      if (!more) break;
    }
    prefix.length = level;
  };
  for (let i = sorted.length - 1; i >= 0; i--) if (!sorted.some((p) => p.pid === sorted[i].ppid)) tree(i, 0, false);
  return rows;
}

/** The art a forest prefix draws before a command (forest_helper). */
export function forestArt(prefix: string, forestType: string, room: number): string {
  let out = '';
  for (const c of prefix) {
    const cell = forestType === 'u' ? '  ' : c === ' ' ? '    ' : c === '|' ? ' |  ' : ' \\_ ';
    if (room < cell.length) break;
    out += cell;
    room -= cell.length;
  }
  return out;
}
