/**
 * ps's one-letter options (procps-ng 3.3.17 ps/parser.c): the System V ones after a dash
 * (parse_sysv_option) and the BSD ones without (parse_bsd_option), each letter's handler setting
 * what it asks for. An option that takes an argument takes the rest of its word or the next word,
 * and ends the word.
 */
import type { ListKind, PsOptions } from './options';

/** A handler's answer: carry on with the next letter (undefined), the word is used up (END), or an error. */
export const END = Symbol('the rest of the word was the option argument');

export interface FlagArgument {
  o: PsOptions;
  /** get_opt_arg: the rest of the word, else the next word (unless it is empty or missing). */
  optArg(): string | undefined;
  /** Add a selection list read from the value; the error if it cannot be read. */
  list(kind: ListKind, value: string): string | undefined;
  /** The word is ps's only argument. */
  alone(word: string): boolean;
  /** The second reading, everything as BSD: old Linux's m (a memory format) rather than threads. */
  secondPass: boolean;
}

export type FlagHandler = (a: FlagArgument) => string | typeof END | undefined;
type Handler = FlagHandler;

const set =
  (change: (o: PsOptions) => void): Handler =>
  (a) => {
    change(a.o);
    return undefined;
  };

const fail =
  (error: string): Handler =>
  () =>
    error;

/** A list-taking option (-p, -u, U, ...): the list, or the error for a missing one. */
const list =
  (kind: ListKind, missing: string): Handler =>
  (a) => {
    const v = a.optArg();
    return v === undefined ? missing : (a.list(kind, v) ?? END);
  };

/** An option whose value ps reads later (-o, -O, k). */
const deferred =
  (missing: string, store: (o: PsOptions, value: string) => void): Handler =>
  (a) => {
    const v = a.optArg();
    if (v === undefined) return missing;
    store(a.o, v);
    return END;
  };

/** -V, V, L: allowed only alone. */
const exclusive =
  (word: string, change: (o: PsOptions) => void): Handler =>
  (a) => {
    if (!a.alone(word)) return `the option is exclusive: ${word}`;
    change(a.o);
    return undefined;
  };

export const SYSV_FLAGS: Record<string, Handler> = {
  A: set((o) => (o.all = true)),
  e: set((o) => (o.all = true)),
  C: list('comm', 'list of command names must follow -C'),
  F: set((o) => {
    o.format.extraFull = true;
    o.format.unixF = true;
  }),
  G: list('rgid', 'list of real groups must follow -G'),
  H: set((o) => (o.forest = 'u')),
  L: set((o) => {
    o.format.threads = true;
    o.threadFlags.add('-L');
  }),
  N: set((o) => (o.negate = true)),
  O: deferred('format or sort specification must follow -O', (o, spec) => o.deferred.push({ spec, kind: 'U_O' })),
  P: set((o) => (o.format.psr = true)),
  T: set((o) => {
    o.format.spid = true;
    o.threadFlags.add('-T');
  }),
  U: list('ruid', 'list of real users must follow -U'),
  V: exclusive('-V', (o) => (o.version = true)),
  a: set((o) => o.simple.add('Ua')),
  c: set((o) => (o.format.sched = true)),
  d: set((o) => o.simple.add('Ud')),
  f: set((o) => (o.format.unixF = true)),
  // Sessions if the words are pids, else effective groups.
  g: (a) => {
    const v = a.optArg();
    if (v === undefined) return 'list of session leaders OR effective group names must follow -g';
    if (a.list('sess', v) === undefined || a.list('egid', v) === undefined) return END;
    return 'list of session leaders OR effective group IDs was invalid';
  },
  j: set((o) => (o.format.jobs = true)),
  l: set((o) => (o.format.unixL = true)),
  m: set((o) => o.threadFlags.add('-m')),
  o: deferred('format specification must follow -o', (o, spec) => o.deferred.push({ spec, kind: 'format' })),
  p: list('pid', 'list of process IDs must follow -p'),
  q: list('quick', 'List of process IDs must follow -q.'),
  s: list('sess', 'list of session IDs must follow -s'),
  t: list('tty', 'list of terminals (pty, tty...) must follow -t'),
  u: list('euid', 'list of users must follow -u'),
  w: set((o) => o.wide++),
  x: fail('must set personality to get -x option'),
  y: set((o) => (o.format.noFlags = true)),
  '-': fail("embedded '-' among SysV options makes no sense"),
};

/** j, l, s, u, v: a BSD format (two of them conflict later). */
const bsdFormat = (letter: string) => set((o) => o.bsdFormats.push(letter));

export const BSD_FLAGS: Record<string, Handler> = {
  H: set((o) => o.threadFlags.add('H')),
  m: (a) => {
    if (a.secondPass) a.o.bsdFormats.push('m');
    else a.o.threadFlags.add('m');
    return undefined;
  },
  M: set((o) => o.threadFlags.add('M')),
  L: exclusive('L', (o) => (o.specifiers = true)),
  O: deferred('format or sort specification must follow O', (o, spec) => o.deferred.push({ spec, kind: 'B_O' })),
  S: set(() => undefined),
  T: set((o) => (o.ownTty = true)),
  U: list('euid', 'list of users must follow U'),
  V: exclusive('V', (o) => (o.version = true)),
  W: fail('obsolete W option not supported (you have a /dev/drum?)'),
  a: set((o) => o.simple.add('Ba')),
  c: set((o) => (o.bsdC = true)),
  e: set(() => undefined),
  f: set((o) => (o.forest = 'b')),
  g: set((o) => o.simple.add('Bg')),
  h: (a) => {
    if (a.o.header !== 'normal') return 'only one heading option may be specified';
    a.o.header = 'none';
    return undefined;
  },
  j: bsdFormat('j'),
  l: bsdFormat('l'),
  s: bsdFormat('s'),
  u: bsdFormat('u'),
  v: bsdFormat('v'),
  k: deferred("long sort specification must follow 'k'", (o, spec) => o.deferred.push({ spec, kind: 'sort' })),
  n: set((o) => (o.numeric = true)),
  o: deferred('format specification must follow o', (o, spec) => o.deferred.push({ spec, kind: 'format' })),
  p: list('pid', 'list of process IDs must follow p'),
  q: list('quick', 'List of process IDs must follow q.'),
  r: set((o) => (o.runningOnly = true)),
  // Without a list: the caller's terminal (obsolete BSD syntax).
  t: (a) => {
    const v = a.optArg();
    if (v === undefined) {
      a.o.ownTty = true;
      return END;
    }
    return a.list('tty', v) ?? END;
  },
  w: set((o) => o.wide++),
  x: set((o) => o.simple.add('Bx')),
  '-': fail("embedded '-' among BSD options makes no sense"),
};
