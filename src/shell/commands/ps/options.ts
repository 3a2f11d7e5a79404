/**
 * ps's command line as procps-ng 3.3.17's ps/parser.c reads it: each argument is SysV (`-ef`),
 * BSD (`aux`), GNU (`--sort=-rss`) or trailing pids by its first characters; an option that takes
 * a list takes the rest of its argument or the next one and ends the argument. When the first
 * reading fails, ps reads everything again as BSD options (`-aux` is `aux`) and, failing again,
 * reports the first reading's error. The second reading takes `-aux` as `aux` but refuses a plain
 * BSD argument ('way bad'), so it rescues only command lines whose every option has a dash.
 */
import type { FormatRequest } from './formats';
import { GNU_OPTIONS } from './gnu-options';
import { cNumber } from './c-number';
import { BSD_FLAGS, END, SYSV_FLAGS, type FlagHandler } from './flags';

/** How a list selects: by pid, parent, session, process group, effective or real user, terminal, command name, group. */
export type ListKind = 'pid' | 'quick' | 'ppid' | 'sess' | 'pgrp' | 'euid' | 'ruid' | 'tty' | 'comm' | 'egid' | 'rgid';

export interface Selection {
  kind: ListKind;
  /** Numbers (pids, uids, gids), terminal names ('?' for none) or command names. */
  values: (number | string)[];
}

/** What turns a list's words into values, or says why not (the machine's users, groups, terminals). */
export interface ListResolver {
  uid(word: string): number | undefined;
  gid(word: string): number | undefined;
  /** The terminal a word names (`pts/0`, `/dev/pts/0`, `0`), '?' for none, undefined if none such exists. */
  tty(word: string): string | undefined;
}

export interface PsOptions {
  all: boolean;
  simple: Set<'Ua' | 'Ud' | 'Ba' | 'Bx' | 'Bg'>;
  lists: Selection[];
  negate: boolean;
  runningOnly: boolean;
  /** BSD T / t without a list: the caller's terminal. */
  ownTty: boolean;
  format: FormatRequest;
  /** Format flags set (two of BSD's j l s u v, or one with -f/-l, conflict). */
  bsdFormats: string[];
  /** -o, o, --format, -O, O, --sort and k, in the order given: ps reads them after the options. */
  deferred: { spec: string; kind: 'format' | 'sort' | 'U_O' | 'B_O' }[];
  forest: '' | 'b' | 'g' | 'u';
  header: 'normal' | 'none' | 'multi';
  wide: number;
  cols?: number;
  bsdC: boolean;
  /** BSD n: numeric users and wait channels. */
  numeric?: boolean;
  /** -m, m, H: threads after their process (shown as the process itself here). */
  threadFlags: Set<string>;
  /** L: list the format specifiers. */
  specifiers?: boolean;
  /** --version, -V, V: print the version. */
  version?: boolean;
  /** --help [section]. */
  help?: string;
  /** --info, L: unsupported here. */
}

type Parsed = { ok: true; options: PsOptions } | { ok: false; error: string };

function fresh(): PsOptions {
  return {
    all: false,
    simple: new Set(),
    lists: [],
    negate: false,
    runningOnly: false,
    ownTty: false,
    format: { unixF: false, extraFull: false, unixL: false, noFlags: false, jobs: false, threads: false, spid: false, psr: false, preferBsd: false },
    bsdFormats: [],
    deferred: [],
    forest: '',
    header: 'normal',
    wide: 0,
    bsdC: false,
    threadFlags: new Set(),
  };
}

/** parse_list: items split by blanks or commas; an empty item is an improper list. */
function parseList(arg: string, each: (word: string) => string | number | { error: string }): (string | number)[] | string {
  if (arg === '' || /^[ ,\t]|[ ,\t]$|[ ,\t]{2}/.test(arg)) return 'improper list';
  const out: (string | number)[] = [];
  for (const w of arg.split(/[ ,\t]/)) {
    const v = each(w);
    if (typeof v === 'object') return v.error;
    out.push(v);
  }
  return out;
}

/** What a long option's handler may do: read its value, add a list, set options. */
export interface GnuArgument {
  o: PsOptions;
  /** What follows the name in the same argument (`=value`, `:value`), or ''. */
  attached: string;
  value(): string | undefined;
  /** Take a list of the kind as the value; the error for a missing one. */
  list(kind: ListKind, missing: string): string | undefined;
  /** The option is ps's only argument. */
  alone(): boolean;
}


function pidWord(word: string): number | { error: string } {
  const n = cNumber(word);
  if (n === undefined) return { error: 'process ID list syntax error' };
  if (n < 1 || n > 0x7fffffff) return { error: 'process ID out of range' };
  return n;
}

class Reader {
  i = 0;
  o = fresh();
  constructor(
    private argv: string[],
    private resolve: ListResolver,
    private forceBsd: boolean,
  ) {}

  /** get_opt_arg: the rest of this argument, else the next one (unless empty or missing). */
  private optArg(rest: string): string | undefined {
    if (rest) return rest;
    if (this.i + 1 >= this.argv.length || this.argv[this.i + 1] === '') return undefined;
    return this.argv[++this.i];
  }

  private list(kind: ListKind, arg: string): string | undefined {
    const r = this.resolve;
    const negate = this.o.negate;
    const each: Record<ListKind, (w: string) => string | number | { error: string }> = {
      pid: pidWord,
      quick: pidWord,
      ppid: pidWord,
      sess: pidWord,
      pgrp: pidWord,
      euid: (w) => this.id(w, r.uid(w), 'user', negate),
      ruid: (w) => this.id(w, r.uid(w), 'user', negate),
      egid: (w) => this.id(w, r.gid(w), 'group', negate),
      rgid: (w) => this.id(w, r.gid(w), 'group', negate),
      tty: (w) => r.tty(w) ?? { error: 'TTY could not be found' },
      comm: (w) => w,
    };
    const values = parseList(arg, each[kind]);
    if (typeof values === 'string') return values;
    this.o.lists.push({ kind, values });
    return undefined;
  }

  private id(word: string, found: number | undefined, what: 'user' | 'group', negate: boolean): number | { error: string } {
    const n = cNumber(word);
    if (n !== undefined) return n > 0xfffffffe && !negate ? { error: `${what} ID out of range` } : n;
    if (found !== undefined) return found;
    return negate ? -1 : { error: `${what} name does not exist` };
  }

  run(): string | undefined {
    for (this.i = 0; this.i < this.argv.length; this.i++) {
      const a = this.argv[this.i];
      const type = argType(a);
      let err: string | undefined;
      if (type === 'gnu') err = this.gnu(a);
      else if (type === 'sysv' && !this.forceBsd) err = this.sysv(a);
      else if (type === 'bsd' && this.forceBsd) err = 'way bad';
      else if (type === 'sysv' || type === 'bsd') {
        this.o.format.preferBsd = true;
        err = this.bsd(type === 'sysv' ? a.slice(1) : a);
      } else if (type === 'pid') {
        this.o.format.preferBsd = true;
        err = this.trailingPids();
      } else err = 'garbage option';
      if (err) return err;
    }
    return undefined;
  }

  private trailingPids(): string | undefined {
    const groups: Record<'pid' | 'pgrp' | 'sess', number[]> = { pid: [], pgrp: [], sess: [] };
    for (; this.i < this.argv.length; this.i++) {
      const w = this.argv[this.i];
      const kind = w[0] === '-' ? 'pgrp' : w[0] === '+' ? 'sess' : 'pid';
      const v = pidWord(kind === 'pid' ? w : w.slice(1));
      if (typeof v === 'object') return v.error;
      groups[kind].push(v);
    }
    for (const kind of ['pid', 'pgrp', 'sess'] as const) if (groups[kind].length) this.o.lists.push({ kind, values: groups[kind] });
    return undefined;
  }

  /** A word of one-letter options, each by its handler; `first` skips the dash. */
  private letters(word: string, first: number, table: Record<string, FlagHandler>, unknown: string): string | undefined {
    for (let k = first; k < word.length; k++) {
      const c = word[k];
      if (table === BSD_FLAGS && c >= '0' && c <= '9') return this.list('pid', word.slice(k));
      const handler = table[c];
      if (!handler) return unknown;
      const rest = word.slice(k + 1);
      const r = handler({
        o: this.o,
        optArg: () => this.optArg(rest),
        list: (kind, value) => this.list(kind, value),
        alone: (w) => this.argv.length === 1 && this.argv[0] === w,
        secondPass: this.forceBsd,
      });
      if (r === END) return undefined;
      if (r) return r;
    }
    return undefined;
  }

  private sysv(word: string): string | undefined {
    return this.letters(word, 1, SYSV_FLAGS, 'unsupported SysV option');
  }

  private bsd(word: string): string | undefined {
    return this.letters(word, 0, BSD_FLAGS, 'unsupported option (BSD syntax)');
  }

  private gnu(arg: string): string | undefined {
    const body = arg.slice(2);
    const sl = body.search(/[:=]|$/);
    if (sl > 15) return 'unknown gnu long option';
    const handler = GNU_OPTIONS[body.slice(0, sl)];
    if (!handler) return 'unknown gnu long option';
    const attached = body.slice(sl);
    // grab_gnu_arg: after '=' or ':' in the same argument, else the next non-empty argument.
    const value = (): string | undefined => {
      if (attached) return attached.length > 1 ? attached.slice(1) : undefined;
      if (this.i + 1 >= this.argv.length || this.argv[this.i + 1] === '') return undefined;
      return this.argv[++this.i];
    };
    return handler({
      o: this.o,
      attached,
      value,
      list: (kind, missing) => {
        const v = value();
        return v === undefined ? missing : this.list(kind, v);
      },
      alone: () => this.argv.length === 1,
    });
  }

}

type ArgType = 'gnu' | 'sysv' | 'bsd' | 'pid' | 'fail';

/** arg_type: letters are BSD, digits (and + or -digits) pids, -letter SysV, --letter GNU. */
function argType(a: string): ArgType {
  const letter = (c: string | undefined) => c !== undefined && /[a-zA-Z]/.test(c);
  const digit = (c: string | undefined) => c !== undefined && /[0-9]/.test(c);
  if (letter(a[0])) return 'bsd';
  if (digit(a[0]) || a[0] === '+') return 'pid';
  if (a[0] !== '-') return 'fail';
  if (letter(a[1])) return 'sysv';
  if (digit(a[1])) return 'pid';
  if (a[1] !== '-') return 'fail';
  return letter(a[2]) ? 'gnu' : 'fail';
}

/** Read ps's arguments; `check` runs the later stages (formats, sorting, selection) that may still fail. */
export function parseOptions(argv: string[], resolve: ListResolver, check: (o: PsOptions) => string | undefined): Parsed {
  const first = new Reader(argv, resolve, false);
  const err = first.run() ?? check(first.o);
  if (!err) return { ok: true, options: first.o };
  const second = new Reader(argv, resolve, true);
  const err2 = second.run() ?? check(second.o);
  if (!err2) return { ok: true, options: second.o };
  return { ok: false, error: err };
}
