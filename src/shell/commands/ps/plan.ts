/**
 * From the options to what ps prints: the columns (the user's -o lists or the format options'
 * defaults, with `=HEADER` and `:WIDTH`), the sort keys and the conflicts procps refuses
 * (ps/sortformat.c's format_parse, long_sort_parse and process_sf_options).
 */
import { COLUMNS, type Column } from './columns';
import { MACROS, sysvColumns } from './formats';
import type { PsOptions } from './options';

/** Digits of the largest pid (pid_max 4194304 on Ubuntu 22.04). */
export const PID_DIGITS = 7;

export interface PlacedColumn {
  column: Column;
  header: string;
  width: number;
}

export interface SortKey {
  column: Column;
  reverse: boolean;
}

export interface Plan {
  columns: PlacedColumn[];
  sort: SortKey[];
  /** $PS_FORMAT could not be read: ps says so on stderr and uses its default. */
  warning?: string;
}

function place(name: string, override?: string): PlacedColumn[] | undefined {
  const column = COLUMNS[name];
  if (column) {
    const base = column.pidmax ? Math.max(PID_DIGITS, column.header.length) : column.width;
    return [{ column, header: override ?? column.header, width: override === undefined ? base : Math.max(base, override.length) }];
  }
  const macro = MACROS[name];
  return macro?.flatMap((n) => place(n, override)!);
}

/** One -o list: items split by blanks or commas (one trailing separator allowed); the last item's header keeps the rest. */
function parseFormat(spec: string): PlacedColumn[] | string {
  if (spec === '' || /^[ ,\t\n]|[ ,\t\n]{2}/.test(spec)) return 'improper format list';
  const text = spec.replace(/[ ,\t\n]$/, '');
  const items = text.split(/[ ,\t\n]/).length;
  const out: PlacedColumn[] = [];
  let rest = text;
  for (let left = items; left > 0; left--) {
    const cut = left > 1 ? rest.search(/[ ,\t\n]/) : -1;
    const item = cut < 0 ? rest : rest.slice(0, cut);
    rest = cut < 0 ? '' : rest.slice(cut + 1);
    const eq = item.indexOf('=');
    let name = eq < 0 ? item : item.slice(0, eq);
    const header = eq < 0 ? undefined : item.slice(eq + 1);
    const colon = name.indexOf(':');
    let width: number | undefined;
    if (colon >= 0) {
      const w = name.slice(colon + 1);
      if (!/^[1-9]\d*$/.test(w)) return 'column widths must be unsigned decimal numbers';
      width = Number(w);
      name = name.slice(0, colon);
    }
    const placed = place(name, header);
    if (!placed) return `unknown user-defined format specifier "${name}"`;
    if (width !== undefined) {
      if (placed.length > 1) return 'can not set width for a macro (multi-column) format specifier';
      placed[0].width = width;
    }
    out.push(...placed);
    if (cut < 0) break;
  }
  return out;
}

function parseSort(spec: string): SortKey[] | string {
  if (/^[ ,\t\n]|[ ,\t\n]{2}/.test(spec)) return 'improper sort list';
  const words = spec.replace(/[ ,\t\n]$/, '').split(/[ ,\t\n]/);
  if (!words[0]) return 'empty sort list';
  const keys: SortKey[] = [];
  for (const w of words) {
    const reverse = w.startsWith('-');
    const column = COLUMNS[w.replace(/^[-+]/, '')];
    if (!column) return 'unknown sort specifier';
    keys.push({ column, reverse });
  }
  return keys;
}

const BSD_FORMATS: Record<string, string> = { j: 'OL_j', l: 'OL_l', m: 'OL_m', s: 'OL_s', u: 'OL_u', v: 'OL_v' };

/** verify_short_sort: O's argument read as one-letter sort keys, each at most once, '+' or '-' before a letter. */
function shortSort(spec: string): SortKey[] | undefined {
  if (!/^[CGJKMNPRSTUcfgjkmnoprstuvy+-]*$/.test(spec) || /[+-]([+-]|$)/.test(spec)) return undefined;
  const letters = spec.replace(/[+-]/g, '');
  if (new Set(letters).size !== letters.length) return undefined;
  const keys: SortKey[] = [];
  let reverse = false;
  for (const c of spec) {
    if (c === '+' || c === '-') reverse = c === '-';
    else {
      // A letter procps has no column for (J, K) sorts by nothing.
      const column = COLUMNS[SHORT_SORT[c] ?? ''];
      if (column) keys.push({ column, reverse });
      reverse = false;
    }
  }
  return keys;
}

/** shortsort_array: O's letters and the columns they sort by. */
const SHORT_SORT: Record<string, string> = { C: 'pcpu', G: 'tpgid', M: 'maj_flt', N: 'cmaj_flt', P: 'ppid', R: 'resident', S: 'share', T: 'start_time', U: 'uid', c: 'cmd', f: 'flags', g: 'pgrp', j: 'cutime', k: 'utime', m: 'min_flt', n: 'cmin_flt', o: 'session', p: 'pid', r: 'rss', s: 'size', t: 'tty', u: 'user', v: 'vsize', y: 'priority' };

/**
 * The deferred lists in order (parse_O_option): formats, sorts, -O (a format wrapped in the
 * default's columns, only first) and O (a sort if its letters read as one, else such a format).
 */
function readDeferred(o: PsOptions): { columns: PlacedColumn[]; sort: SortKey[] } | string {
  const columns: PlacedColumn[] = [];
  const sort: SortKey[] = [];
  let formatParsed = false;
  let sortParsed = false;
  const gnuSort = o.deferred.some((d) => d.kind === 'sort');
  const wrapped = (list: PlacedColumn[], trailer: string) => [...place('pid')!, ...list, ...place(trailer)!];
  for (const d of o.deferred) {
    if (d.kind === 'sort') {
      if (sortParsed) return 'multiple sort options';
      const keys = parseSort(d.spec);
      if (typeof keys === 'string') return keys;
      sort.push(...keys);
      sortParsed = true;
      continue;
    }
    if (d.kind === 'B_O') {
      const keys = gnuSort || sortParsed ? undefined : shortSort(d.spec);
      if (keys) {
        sort.push(...keys);
        sortParsed = true;
        continue;
      }
      if (formatParsed) return 'option O is neither first format nor sort order';
      const list = parseFormat(d.spec);
      if (typeof list === 'string') return gnuSort || sortParsed ? 'multiple sort options' : 'bad sorting code';
      columns.push(...wrapped(list, 'END_BSD'));
      formatParsed = true;
      continue;
    }
    if (d.kind === 'U_O' && formatParsed) return 'option -O can not follow other format options';
    const list = parseFormat(d.spec);
    if (typeof list === 'string') return list;
    columns.push(...(d.kind === 'U_O' ? wrapped(list, 'END_SYS5') : list));
    formatParsed = true;
  }
  return { columns, sort };
}

/** The columns and sort keys, or why not; $PS_FORMAT stands in for a format no option gives. */
export function makePlan(o: PsOptions, psFormat?: string): Plan | string {
  const read = readDeferred(o);
  if (typeof read === 'string') return read;
  const { sort } = read;
  let columns = read.columns;
  const f = o.format;
  const unixFlags = f.unixF || f.unixL;
  const modifiers = f.jobs || f.extraFull || f.noFlags || f.psr || f.sched;
  if (o.threadFlags.has('-L') && o.threadFlags.has('-T')) return "thread flags conflict; can't use both -L and -T";
  if (columns.length) {
    if (unixFlags || o.bsdFormats.length) return 'conflicting format options';
    if (modifiers) return 'can not use output modifiers with user-defined output';
    return { columns, sort };
  }
  let warning: string | undefined;
  if (!unixFlags && !modifiers && !o.bsdFormats.length && psFormat) {
    const list = parseFormat(psFormat);
    if (typeof list !== 'string') return { columns: list, sort };
    warning = `warning: $PS_FORMAT ignored. (${list})\n`;
  }
  if (o.bsdFormats.length > 1 || (o.bsdFormats.length && unixFlags)) return 'conflicting format options';
  if (f.noFlags && !f.unixL) return 'modifier -y without format -l makes no sense';
  const bsd = o.bsdFormats[0];
  columns = bsd ? place(BSD_FORMATS[bsd])! : sysvColumns(f).flatMap((n) => place(n)!);
  if (bsd && f.jobs) {
    const at = columns.findIndex((c) => c.header === 'PPID') >= 0 ? columns.findIndex((c) => c.header === 'PPID') : columns.findIndex((c) => c.header === 'PID');
    columns.splice(at + 1, 0, ...place('pgid')!, ...place('sid')!);
  }
  return { columns, sort, warning };
}
