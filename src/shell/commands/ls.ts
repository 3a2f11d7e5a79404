/**
 * ls (GNU coreutils): -l -a -A -h -R -d -1 -t -S -r -F -p -i -n -g -o, --color, long format with
 * owners from /etc/passwd, dates `Jan 15 08:00` (or the year when older than six months), and
 * columns across ctx.columns on a terminal, one name per line otherwise.
 */
import type { FileStat, Program } from '../command';
import { flag, optArg, parseArgs, withArg } from './lib/args';
import { errorText, warn } from './lib/io';
import { modeString } from './lib/mode';
import { humanSize } from './lib/human';
import { groupName, userName } from './lib/users';
import { globToRegExp, joinPath } from './lib/walk';
import { BUSYBOX_COLOR_END, busyboxAppendChar, busyboxBlocks, busyboxColorStart, busyboxColumns, busyboxFormat, busyboxLongLine, busyboxQuoted, busyboxShowsColor, busyboxTotal, busyboxWidth } from './ls-busybox';

const SPECS = [
  flag('l', undefined, 'l'),
  flag('a', 'all'),
  flag('A', 'almost-all'),
  flag('h', 'human-readable'),
  flag('R', 'recursive'),
  flag('d', 'directory'),
  flag('1', undefined, '1'),
  flag('t', undefined, 't'),
  flag('S', undefined, 'S'),
  flag('r', 'reverse'),
  flag('F', 'classify'),
  flag('p', undefined, 'p'),
  flag('i', 'inode'),
  flag('n', 'numeric-uid-gid'),
  flag('g', undefined, 'g'),
  flag('o', undefined, 'o'),
  flag('C', undefined, 'C'),
  flag('x', undefined, 'x'),
  flag('U', undefined, 'U'),
  flag('L', 'dereference'),
  flag('s', 'size'),
  optArg(undefined, 'color'),
  withArg(undefined, 'time-style'),
  flag(undefined, 'full-time'),
  withArg(undefined, 'sort'),
  withArg('w', 'width'),
  flag('Q', 'quote-name'),
  flag('N', 'literal'),
  flag('m', undefined, 'm'),
  // The simulated filesystem keeps one time per file: -c (ctime) and -u (atime) show and sort by it.
  flag('c', undefined, 'c'),
  flag('u', undefined, 'u'),
  flag('f', undefined, 'f'),
  flag('X', undefined, 'X'),
  flag('k', 'kibibytes'),
  flag('B', 'ignore-backups'),
  withArg('I', 'ignore'),
  flag('G', 'no-group'),
];

/** The sort the options leave, the last one given winning as in ls.c (-f and -U: none). */
function sortOf(order: readonly { key: string; value: string }[], long: boolean): string {
  let sort: string | undefined;
  let otherTime = false;
  for (const { key, value } of order) {
    if (key === 'sort') sort = value;
    else if (key === 't') sort = 'time';
    else if (key === 'S') sort = 'size';
    else if (key === 'X') sort = 'extension';
    else if (key === 'U' || key === 'f') sort = 'none';
    else if (key === 'c' || key === 'u') otherTime = true;
  }
  // -c or -u without -l and without a sort of its own sorts by that time, newest first.
  return sort ?? (otherTime && !long ? 'time' : 'name');
}

/** The part of a name after its last dot (ls -X), empty without one. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 || (dot === 0 && name.length > 1) ? name.slice(dot) : '';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS = (365.2425 / 2) * 24 * 3600 * 1000;

interface Entry {
  name: string;
  path: string;
  st: FileStat;
  /** For symlinks, the stat of the target (colour, -F, -L). */
  target: FileStat | null;
}

function dateField(ms: number, now: number, style: string | undefined): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  if (style === 'long-iso') return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  if (style === 'full-iso') return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.000000000 +0000`;
  if (style === 'iso') {
    const recent = ms <= now && now - ms < SIX_MONTHS;
    return recent ? `${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} `;
  }
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const recent = ms <= now + 0 && now - ms < SIX_MONTHS;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${recent ? `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : ` ${d.getUTCFullYear()}`}`;
}

function blocks(st: FileStat): number {
  if (st.type === 'symlink' || st.type === 'chardev') return 0;
  if (st.type === 'dir') return st.onTmpfs ? 0 : 4;
  return Math.ceil(st.size / 4096) * 4;
}

const COLORS = { dir: '01;34', link: '01;36', exec: '01;32', setuid: '37;41', chardev: '40;33;01' };

function colorOf(e: Entry): string | null {
  const st = e.st;
  if (st.type === 'dir') return COLORS.dir;
  // GNU's built-in colours (no LS_COLORS) give broken links the plain link colour.
  if (st.type === 'symlink') return COLORS.link;
  if (st.type === 'chardev') return COLORS.chardev;
  if (st.mode & 0o4000) return COLORS.setuid;
  if (st.mode & 0o111) return COLORS.exec;
  return null;
}

function classify(e: Entry, full: boolean): string {
  const st = e.st;
  if (st.type === 'dir') return '/';
  if (!full) return '';
  if (st.type === 'symlink') return '@';
  if (st.mode & 0o111) return '*';
  return '';
}

/** Names needing quotes in GNU's default shell-escape quoting when writing to a terminal. */
function quoteForTty(name: string): string {
  if (/^[A-Za-z0-9_.,:+@%/=-]+$/.test(name)) return name;
  if (!name.includes("'")) return `'${name}'`;
  return `"${name}"`;
}

/**
 * Whose ls: GNU coreutils' (columns as wide as their widest value), or busybox's (fixed printf
 * widths: `%-10s %4lu %-8.8s %-8.8s %9llu `, as containers built on busybox print it).
 */
export type LsStyle = 'coreutils' | 'busybox';

export const ls: Program = (ctx) => lsAs('coreutils', ctx);

export const busyboxLs: Program = (ctx) => lsAs('busybox', ctx);

async function lsAs(style: LsStyle, ctx: Parameters<Program>[0]): Promise<number> {
  const args = parseArgs(ctx, SPECS, { usageStatus: 2 });
  if (typeof args === 'number') return args;
  const format = style === 'busybox' ? busyboxFormat(args.order.map((o) => o.key), ctx.isTTY) : null;
  // -f turns off a long format given before it (ls.c), and on -a and -U.
  const longKeys = ['l', 'n', 'g', 'o', 'full-time'];
  const lastLong = Math.max(-1, ...args.order.map((o, i) => (longKeys.includes(o.key) ? i : -1)));
  const lastF = Math.max(-1, ...args.order.map((o, i) => (o.key === 'f' ? i : -1)));
  const long = format ? format === 'long' : lastLong > lastF;
  const all = args.has('a') || args.has('f');
  // -I PATTERN and -B hide names even with -a (ignore patterns, unlike --hide).
  const ignored = [...args.all('I'), ...(args.has('B') ? ['*~', '.*~'] : [])].map((g) => globToRegExp(g));
  const almost = args.has('A');
  const colorOpt = args.last('color');
  // Without LS_COLORS, GNU ls colours only for a known TERM (not unset or "dumb").
  const colorTerm = ctx.env.LS_COLORS !== undefined || (!!ctx.env.TERM && ctx.env.TERM !== 'dumb');
  const color = style === 'busybox' ? busyboxShowsColor(ctx.env, ctx.isTTY, colorOpt) : colorTerm && colorOpt !== undefined && (colorOpt === '' || colorOpt === 'always' || colorOpt === 'yes' || colorOpt === 'force' || ((colorOpt === 'auto' || colorOpt === 'tty' || colorOpt === 'if-tty') && ctx.isTTY));
  const timeStyle = args.has('full-time') ? 'full-iso' : args.last('time-style')?.replace(/^\+?/, '');
  const sortBy = style === 'busybox' ? (args.last('sort') ?? (args.has('U') ? 'none' : args.has('t') ? 'time' : args.has('S') ? 'size' : 'name')) : sortOf(args.order, long);
  const oneLine = format ? format === 'one' : args.has('1') || (!ctx.isTTY && !args.has('C') && !args.has('x') && !args.has('m'));
  const width = Number(args.last('w') ?? ctx.columns) || 80;
  const now = ctx.clock.now();
  let status = 0;

  // GNU quotes the name it could not reach; busybox perrors it (bb_simple_perror_msg, ls.c:720).
  const cannotAccess = (what: string, text: string) => warn(ctx, style === 'busybox' ? `${what}: ${text}` : `cannot access '${what}': ${text}`);

  const statEntry = (path: string, name: string, followOperand: boolean): Entry | null => {
    let st: FileStat | null;
    try {
      // busybox stats what it follows and gives up on a broken link (my_stat, ls.c:716), naming the path.
      if (style === 'busybox' && (args.has('L') || followOperand)) st = ctx.fs.stat(path);
      else st = args.has('L') || followOperand ? (ctx.fs.stat(path) ?? ctx.fs.lstat(path)) : ctx.fs.lstat(path);
    } catch (e) {
      cannotAccess(style === 'busybox' ? path : name, errorText(e));
      if (style === 'busybox') status = 2;
      return null;
    }
    if (!st && style === 'busybox') {
      cannotAccess(path, 'No such file or directory');
      status = 2;
      return null;
    }
    if (!st) return null;
    let target: FileStat | null = null;
    if (st.type === 'symlink') {
      try {
        target = ctx.fs.stat(path);
      } catch {
        target = null;
      }
    }
    return { name, path, st, target };
  };

  const sortEntries = (list: Entry[]) => {
    const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    let cmp = byName;
    if (sortBy === 'time') cmp = (a, b) => b.st.mtimeMs - a.st.mtimeMs || byName(a, b);
    else if (sortBy === 'size') cmp = (a, b) => b.st.size - a.st.size || byName(a, b);
    else if (sortBy === 'extension') cmp = (a, b) => (extensionOf(a.name) < extensionOf(b.name) ? -1 : extensionOf(a.name) > extensionOf(b.name) ? 1 : byName(a, b));
    if (sortBy !== 'none') list.sort(cmp);
    if (args.has('r')) list.reverse();
    return list;
  };

  // GNU ls resets attributes once, before the first coloured name.
  let colorStarted = false;
  const displayName = (e: Entry, inLong: boolean) => {
    if (style === 'busybox') return busyboxName(e, inLong);
    let n = ctx.isTTY && !args.has('N') ? quoteForTty(e.name) : e.name;
    if (args.has('Q')) n = `"${e.name}"`;
    const c = color ? colorOf(e) : null;
    if (c) {
      n = `${colorStarted ? '' : '\x1b[0m'}\x1b[${c}m${n}\x1b[0m`;
      colorStarted = true;
    }
    if (inLong && e.st.type === 'symlink') n += ` -> ${e.st.target ?? ''}`;
    if (args.has('F')) n += classify(e, true);
    else if (args.has('p')) n += classify(e, false);
    return n;
  };

  /** display_single's name part (ls.c:592–636): colour by the lstat mode, ` -> ` and the target coloured by what it points to, then the -F/-p character. */
  const busyboxName = (e: Entry, inLong: boolean): string => {
    const paint = (text: string, st: FileStat | null) => (color ? `${busyboxColorStart(st)}${text}${BUSYBOX_COLOR_END}` : text);
    // The colour is the link's own even when ls followed it (display_single lstat()s again, ls.c:592).
    let n = paint(busyboxQuoted(e.name, args.has('Q')), lstatOrNull(ctx, e.path) ?? e.st);
    let typed: FileStat | null = e.st;
    if (inLong && e.st.type === 'symlink') {
      n += ` -> ${paint(busyboxQuoted(e.st.target ?? '', args.has('Q')), e.target)}`;
      typed = e.target;
    }
    return n + busyboxAppendChar(typed, args.has('F'), args.has('p'));
  };

  const render = (entries: Entry[], showTotal: boolean): string => {
    if (!entries.length) return showTotal && long ? 'total 0\n' : '';
    const inode = inodeColumn(entries, args.has('i'), style, args.has('m'));
    if (long) {
      const rows = entries.map((e) => {
        const owner = args.has('n') ? String(e.st.uid) : userName(ctx, e.st.uid);
        const group = args.has('n') ? String(e.st.gid) : groupName(ctx, e.st.gid);
        const size = e.st.type === 'chardev' ? (e.st.rdev ?? [1, 3]).join(', ') : args.has('h') ? humanSize(e.st.size) : String(e.st.size);
        return { mode: modeString(e.st), links: String(e.st.nlink), owner, group, size, date: dateField(e.st.mtimeMs, now, timeStyle), name: displayName(e, true), e };
      });
      const w = (k: 'links' | 'owner' | 'group' | 'size') => Math.max(...rows.map((r) => r[k].length));
      const [wl, wo, wg, ws] = [w('links'), w('owner'), w('group'), w('size')];
      let out = '';
      if (showTotal) {
        const total = entries.reduce((n, e) => n + blocks(e.st), 0);
        out += style === 'busybox' ? busyboxTotal(total, args.has('h')) : `total ${args.has('h') ? humanSize(total * 1024) : total}\n`;
      }
      if (style === 'busybox') {
        const line = (r: (typeof rows)[number]) => inode(r.e) + (args.has('s') ? busyboxBlocks(blocks(r.e.st), args.has('h')) : '') + busyboxLongLine(r.e.st, r.owner, r.group, args.has('g'), args.has('h'), now) + r.name + '\n';
        return out + rows.map(line).join('');
      }
      for (const r of rows) {
        let line = `${inode(r.e)}${r.mode} ${r.links.padStart(wl)} `;
        if (!args.has('g')) line += `${r.owner.padEnd(wo)} `;
        if (!args.has('o') && !args.has('G')) line += `${r.group.padEnd(wg)} `;
        line += `${r.size.padStart(ws)} ${r.date} ${r.name}\n`;
        out += line;
      }
      return out;
    }
    if (args.has('s')) {
      const sizes = entries.map((e) => (args.has('h') ? (blocks(e.st) ? humanSize(blocks(e.st) * 1024) : '0') : String(blocks(e.st))));
      const w = Math.max(...sizes.map((x) => x.length));
      const total = entries.reduce((n, e) => n + blocks(e.st), 0);
      const head = showTotal ? `total ${args.has('h') ? humanSize(total * 1024) : total}\n` : '';
      if (oneLine) return head + entries.map((e, i) => `${inode(e)}${sizes[i].padStart(w)} ${displayName(e, false)}\n`).join('');
    }
    const names = entries.map((e) => (style === 'busybox' ? '' : inode(e)) + displayName(e, false));
    const plain = entries.map((e) => (style === 'busybox' ? '' : inode(e)) + (ctx.isTTY && !args.has('N') ? quoteForTty(e.name) : e.name) + (args.has('F') ? classify(e, true) : args.has('p') ? classify(e, false) : ''));
    if (args.has('m')) return plain.join(', ') + '\n';
    if (style === 'busybox') {
      // -s puts the allocated KiB before each name (display_single, ls.c:500), and a total first.
      const sizes = entries.map((e) => inode(e) + (args.has('s') ? busyboxBlocks(blocks(e.st), args.has('h')) : ''));
      const head = args.has('s') && showTotal ? busyboxTotal(entries.reduce((n, e) => n + blocks(e.st), 0), args.has('h')) : '';
      const shown = names.map((n, i) => sizes[i] + n);
      if (oneLine) return head + shown.map((n) => n + '\n').join('');
      const lengths = entries.map((e) => busyboxQuoted(e.name, args.has('Q')).length);
      const printed = entries.map((e, i) => sizes[i].length + lengths[i] + busyboxAppendChar(e.st, args.has('F'), args.has('p')).length);
      return head + busyboxColumns(shown, lengths, printed, busyboxWidth(ctx.env, ctx.stdinIsTTY === false ? undefined : ctx.columns, args.last('w')), format === 'across', (args.has('s') ? 5 : 0) + (args.has('i') ? 8 : 0));
    }
    if (oneLine) return names.map((n) => n + '\n').join('');
    return columns(names, plain.map((p) => p.length), width, args.has('x'));
  };

  const listDir = (path: string, label: string, header: boolean, first: boolean): string => {
    let names: string[];
    try {
      names = ctx.fs.readdir(path);
    } catch (e) {
      // busybox: warn_opendir's "can't open" (libbb/xfuncs_printf.c:452) with the path it opened.
      warn(ctx, style === 'busybox' ? `can't open '${path}': ${errorText(e)}` : `cannot open directory '${label}': ${errorText(e)}`);
      status = 2;
      return '';
    }
    const shown = names.filter((n) => (all || almost || !n.startsWith('.')) && !ignored.some((re) => re.test(n)));
    const entries: Entry[] = [];
    if (all) {
      for (const dot of ['.', '..']) {
        const e = statEntry(joinPath(path, dot), dot, true);
        if (e) entries.push(e);
      }
    }
    for (const n of shown) {
      const e = statEntry(joinPath(path, n), n, false);
      if (e) entries.push(e);
    }
    sortEntries(entries);
    let out = (header ? `${first ? '' : '\n'}${label}:\n` : '') + render(entries, true);
    if (args.has('R')) {
      for (const e of entries) {
        if (e.st.type === 'dir' && e.name !== '.' && e.name !== '..') out += listDir(e.path, joinPath(label, e.name), true, false);
      }
    }
    return out;
  };

  const operands = args.operands.length ? args.operands : ['.'];
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const op of operands) {
    let e: Entry | null;
    try {
      // busybox follows operands unless -l, -i, -s or -F (ls.c:1213); GNU decides below.
      e = statEntry(op, op, style === 'busybox' ? !(long || args.has('i') || args.has('s') || args.has('F')) || args.has('L') : args.has('L'));
      if (e && op.endsWith('/') && (e.target ?? e.st).type !== 'dir') {
        cannotAccess(op, 'Not a directory');
        status = 2;
        continue;
      }
      // A symlink operand to a directory is listed as that directory (unless -d, or -l without a slash).
      // (busybox's lstat of "link/" is the kernel's: the slash makes it follow the link.)
      const followsDir = style === 'busybox' ? op.endsWith('/') : !args.has('d') && (!long || op.endsWith('/'));
      if (e && e.st.type === 'symlink' && e.target?.type === 'dir' && followsDir) e = { ...e, st: e.target };
    } catch {
      e = null;
    }
    if (!e && style === 'busybox') continue; // statEntry said why
    if (!e) {
      cannotAccess(op, 'No such file or directory');
      status = 2;
      continue;
    }
    if (e.st.type === 'dir' && !args.has('d')) dirs.push(e);
    else files.push(e);
  }
  let out = render(sortEntries(files), false);
  sortEntries(dirs);
  const headers = operands.length > 1 || args.has('R');
  dirs.forEach((d, i) => {
    out += listDir(d.path, d.name, headers, i === 0 && files.length === 0);
  });
  ctx.stdout.write(out);
  // busybox fails with EXIT_FAILURE whatever went wrong (G.exit_code).
  return style === 'busybox' && status ? 1 : status;
}

/**
 * The -i column before each entry: busybox's fixed `%7llu ` (display_single, ls.c:500); GNU's
 * `%*s ` as wide as the widest number of the listing, unpadded in -m's comma list
 * (print_file_name_and_frills).
 */
function inodeColumn(entries: readonly Entry[], shown: boolean, style: LsStyle, commas: boolean): (e: Entry) => string {
  if (!shown) return () => '';
  const number = (e: Entry) => String(e.st.ino ?? 0);
  if (style === 'busybox') return (e) => `${number(e).padStart(7)} `;
  const width = commas ? 0 : Math.max(...entries.map((e) => number(e).length));
  return (e) => `${number(e).padStart(width)} `;
}

/** lstat(2) as the kernel answers it: a trailing slash resolves a link to a directory. */
function lstatOrNull(ctx: Parameters<Program>[0], path: string): FileStat | null {
  try {
    return path.endsWith('/') ? ctx.fs.stat(path) : ctx.fs.lstat(path);
  } catch {
    return null;
  }
}

/** GNU ls -C: fill columns top to bottom with the fewest rows that fit the width. */
function columns(names: string[], lengths: number[], width: number, across: boolean): string {
  const n = names.length;
  let best = { cols: 1, rows: n, widths: [Math.max(...lengths)] };
  for (let cols = n; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = across ? i % cols : Math.floor(i / rows);
      widths[c] = Math.max(widths[c] ?? 0, lengths[i]);
    }
    const total = widths.reduce((s, w) => s + w, 0) + (widths.length - 1) * 2;
    if (total < width || cols === 1) {
      best = { cols: widths.length, rows, widths };
      break;
    }
  }
  let out = '';
  for (let r = 0; r < best.rows; r++) {
    let line = '';
    let pos = 0;
    for (let c = 0; c < best.cols; c++) {
      const i = across ? r * best.cols + c : c * best.rows + r;
      if (i >= n) continue;
      const isLast = across ? c === best.cols - 1 || i === n - 1 : i + best.rows >= n;
      line += names[i];
      if (!isLast) {
        // GNU ls pads with tabs where a tab stop (every 8 columns) is reached, spaces otherwise.
        const target = pos + best.widths[c] + 2;
        let from = pos + lengths[i];
        while (from < target) {
          if (Math.floor(target / 8) > Math.floor((from + 1) / 8)) {
            line += '\t';
            from += 8 - (from % 8);
          } else {
            line += ' ';
            from++;
          }
        }
        pos = target;
      }
    }
    out += line + '\n';
  }
  return out;
}

