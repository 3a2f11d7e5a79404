/**
 * ps's long options (procps-ng 3.3.17 ps/parser.c's gnu_table): each name's handler sets what it
 * asks for or returns the error ps gives.
 */
import { cNumber } from './c-number';
import type { GnuArgument, PsOptions } from './options';

type Handler = (a: GnuArgument) => string | undefined;

/** A positive number as the value (--cols, --rows). */
function number(a: GnuArgument, set: (n: number) => void, missing: string): string | undefined {
  const v = a.value();
  const n = v ? cNumber(v) : undefined;
  if (n === undefined || n <= 0 || n >= 2_000_000_000) return missing;
  set(n);
  return undefined;
}

/** --no-heading and its spellings. */
const noHeading: Handler = (a) => {
  if (a.attached) return 'option --no-heading does not take an argument';
  if (a.o.header !== 'normal') return 'only one heading option may be specified';
  a.o.header = 'none';
  return undefined;
};

/** --heading and its spellings: the header again on each page. */
const heading: Handler = (a) => {
  if (a.attached) return 'option --heading does not take an argument';
  if (a.o.header !== 'normal') return 'only one heading option may be specified';
  a.o.header = 'multi';
  return undefined;
};

const columns: Handler = (a) => number(a, (n) => (a.o.cols = n), 'number of columns must follow --cols, --width, or --columns');
const rows: Handler = (a) => number(a, () => undefined, 'number of rows must follow --rows or --lines');

/** An option that stores its value in a list of the options (--format, --sort). */
function deferred(missing: string, store: (o: PsOptions, v: string) => void): Handler {
  return (a) => {
    const v = a.value();
    if (v === undefined) return missing;
    store(a.o, v);
    return undefined;
  };
}

export const GNU_OPTIONS: Record<string, Handler> = {
  Group: (a) => a.list('rgid', 'list of real groups must follow --Group'),
  User: (a) => a.list('ruid', 'list of real users must follow --User'),
  cols: columns,
  columns,
  width: columns,
  cumulative: (a) => (a.attached ? 'option --cumulative does not take an argument' : undefined),
  deselect: (a) => {
    if (a.attached) return 'option --deselect does not take an argument';
    a.o.negate = true;
    return undefined;
  },
  'no-header': noHeading,
  'no-headers': noHeading,
  'no-heading': noHeading,
  'no-headings': noHeading,
  noheader: noHeading,
  noheaders: noHeading,
  noheading: noHeading,
  noheadings: noHeading,
  header: heading,
  headers: heading,
  heading,
  headings: heading,
  forest: (a) => {
    if (a.attached) return 'option --forest does not take an argument';
    a.o.forest = 'g';
    return undefined;
  },
  format: deferred('format specification must follow --format', (o, v) => o.deferred.push({ spec: v, kind: 'format' })),
  group: (a) => a.list('egid', 'list of effective groups must follow --group'),
  help: (a) => {
    a.o.help = a.value() ?? '';
    return undefined;
  },
  pid: (a) => a.list('pid', 'list of process IDs must follow --pid'),
  'quick-pid': (a) => a.list('quick', 'List of process IDs must follow --quick-pid.'),
  ppid: (a) => a.list('ppid', 'list of process IDs must follow --ppid'),
  rows,
  lines: rows,
  sid: (a) => a.list('sess', 'some sid thing(s) must follow --sid'),
  sort: deferred('long sort specification must follow --sort', (o, v) => o.deferred.push({ spec: v, kind: 'sort' })),
  tty: (a) => a.list('tty', 'list of ttys must follow --tty'),
  user: (a) => a.list('euid', 'list of effective users must follow --user'),
  version: (a) => {
    if (!a.alone()) return 'the option is exclusive: --version';
    a.o.version = true;
    return undefined;
  },
};
