/**
 * What busybox 1.36.1's ls does on a terminal that GNU's does not (coreutils/ls.c at tag 1_36_1,
 * built with FEATURE_LS_COLOR and FEATURE_LS_COLOR_IS_DEFAULT as in the docker-library image):
 * when it colours, the `ESC[attr;colourm` it puts before a name, and its column layout; its long
 * format, sizes, totals and names.
 */
import type { FileStat } from '../command';
import { modeString } from './lib/mode';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The --color words (ls.c:1087 color_str); 0–2 colour always, 3–5 only on a terminal. */
const COLOR_WORDS = ['always', 'yes', 'force', 'auto', 'tty', 'if-tty'];

/** libbb's index_in_substrings: an exact word, else a prefix of exactly one word, else -1. */
function indexInSubstrings(words: string[], key: string): number {
  if (!key) return -1;
  let matched = -1;
  for (let i = 0; i < words.length; i++) {
    if (!words[i].startsWith(key)) continue;
    if (words[i] === key) return i;
    if (matched >= 0) return -1;
    matched = i;
  }
  return matched;
}

/**
 * Whether busybox colours (ls.c:1153–1180): by default on a terminal unless TERM is "dumb" or
 * LS_COLORS is set empty or to "none"; --color=never/no/none (any word starting with n) turns it
 * off, always/yes/force on, auto/tty/if-tty on only for a terminal; an unknown word changes nothing.
 * `option` is undefined without --color and '' for a bare --color (busybox reads that as "always").
 */
export function busyboxShowsColor(env: Record<string, string>, isTTY: boolean, option: string | undefined): boolean {
  const dumb = env.TERM === 'dumb';
  const lsColors = env.LS_COLORS;
  let show = !dumb && (lsColors === undefined || (lsColors !== '' && lsColors !== 'none')) && isTTY;
  if (option === undefined) return show;
  const word = option === '' ? 'always' : option;
  if (word.startsWith('n')) return false;
  const i = indexInSubstrings(COLOR_WORDS, word);
  if (i >= 0 && i <= 2) show = true;
  else if (i >= 3 && (!dumb && isTTY)) show = true;
  return show;
}

/** What each layout option turns off when it comes (getopt32's ":C-xl:x-Cl:l-xC:C-1:1-C:x-1:1-x", ls.c:1137–1142); -n, -g and --full-time imply -l. */
const CLEARS: Record<string, string[]> = { C: ['x', 'l', '1'], x: ['C', 'l', '1'], l: ['x', 'C'], '1': ['C', 'x'] };
const IMPLY_LONG = new Set(['l', 'n', 'g', 'full-time']);

/**
 * The display format the options leave (ls.c:1137 and 1196): the last of -C/-x/-l wins, -1 and -l
 * may stand together (long lines, one a row); none of them means columns on a terminal, else one name a line.
 */
export function busyboxFormat(optionKeys: string[], isTTY: boolean): 'long' | 'one' | 'columns' | 'across' {
  const on = new Set<string>();
  for (const key of optionKeys) {
    const k = IMPLY_LONG.has(key) ? 'l' : key;
    if (!(k in CLEARS)) continue;
    for (const off of CLEARS[k]) on.delete(off);
    on.add(k);
  }
  if (on.has('l')) return 'long';
  if (on.has('1')) return 'one';
  if (on.has('x')) return 'across';
  if (on.has('C')) return 'columns';
  return isTTY ? 'columns' : 'one';
}

/** TYPEINDEX(mode) of ls.c:363: the file type nibble (0 stands for a failed stat, 15 for executables). */
function typeIndex(st: FileStat | null): number {
  if (!st) return 0;
  if (st.type === 'file' && st.mode & 0o111) return 15;
  const byType: Record<FileStat['type'], number> = { chardev: 2, dir: 4, file: 8, symlink: 10 };
  return byType[st.type];
}

/** COLOR() and ATTR() of ls.c:375–392, the octal table entries written as the decimals printf shows. */
const FG = [31, 35, 35, 37, 34, 37, 35, 35, 0, 37, 36, 37, 35, 37, 37, 32];
const ATTR = [1, 0, 1, 7, 1, 7, 1, 7, 0, 7, 1, 7, 1, 7, 7, 1];

/** `ESC[%u;%um` (display_single, ls.c:596): a directory 1;34, a plain file 0;0, a broken link's target 1;31. */
export function busyboxColorStart(st: FileStat | null): string {
  const i = typeIndex(st);
  return `\x1b[${ATTR[i]};${FG[i]}m`;
}

/** What busybox writes after every coloured name (ls.c:600). */
export const BUSYBOX_COLOR_END = '\x1b[m';

/**
 * The terminal width display_files divides (ls.c:1107): COLUMNS when set to 2..29999, else the
 * terminal's (stdin's) width, else 80; then one less. `-w N` replaces it as given (ls.c:1133).
 */
export function busyboxWidth(env: Record<string, string>, ttyColumns: number | undefined, wOption: string | undefined): number {
  if (wOption !== undefined) return Math.max(0, parseInt(wOption, 10) || 0);
  let width = ttyColumns && ttyColumns > 0 ? ttyColumns : 80;
  if (env.COLUMNS !== undefined) width = parseInt(env.COLUMNS, 10) || 0;
  if (width <= 1 || width >= 30000) width = 80;
  return width - 1;
}

/**
 * display_files (ls.c:644): every column as wide as the longest name plus two (plus what -i and -s
 * print before it), as many columns as fit the width, rows rounded up; names go down the columns
 * (across with -x), padded with spaces to the next column, nothing after the last one of a row.
 * `shown` are the names as printed (colours included), `lengths` what calc_name_len counts.
 */
export function busyboxColumns(shown: string[], lengths: number[], printed: number[], width: number, across: boolean, extra: number): string {
  const n = shown.length;
  const columnWidth = Math.max(0, ...lengths) + 2 + extra;
  let ncols = columnWidth ? Math.floor(width / columnWidth) : 0;
  let nrows: number;
  if (ncols > 1) nrows = Math.ceil(n / ncols);
  else {
    nrows = n;
    ncols = 1;
  }
  let out = '';
  for (let row = 0; row < nrows; row++) {
    let column = 0;
    let nexttab = 0;
    for (let c = 0; c < ncols; c++) {
      const i = across ? row * ncols + c : c * nrows + row;
      if (i >= n) continue;
      if (column > 0) {
        // printf("%*s", nexttab - column, ""): past the tab (-s -h's prefix is wider than the five
        // columns it adds) the unsigned difference is a negative width, which pads as much again.
        out += ' '.repeat(Math.abs(nexttab - column));
        column = nexttab;
      }
      nexttab = column + columnWidth;
      out += shown[i];
      column += printed[i];
    }
    out += '\n';
  }
  return out;
}

/** The -s column: `%6u ` KiB, or with -h `%7s ` of make_human_readable_str(bytes, 1, 0) (ls.c:500–508). */
export function busyboxBlocks(kib: number, human: boolean): string {
  return human ? `${busyboxHumanSize(kib * 1024, 1).padStart(7)} ` : `${String(kib).padStart(6)} `;
}

/** The total line of -l and -s (ls.c:1026–1035): KiB, or with -h a whole number and unit left-aligned in seven. */
export function busyboxTotal(kib: number, human: boolean): string {
  return `total ${human ? busyboxHumanSize(kib * 1024, 0).padEnd(7) : kib}\n`;
}

/**
 * print_name (ls.c:446): the name with control characters as '?' (printable_string2; UTF-8 passes),
 * with -Q in double quotes with `"` and `\\` escaped.
 */
export function busyboxQuoted(name: string, quote: boolean): string {
  // eslint-disable-next-line no-control-regex
  const printable = name.replace(/[\x00-\x1f\x7f]/g, '?');
  return quote ? `"${printable.replace(/["\\]/g, '\\$&')}"` : printable;
}

/** append_char (ls.c:399): -p marks directories; -F also executables `*` and links `@` (a broken link's target, of no type, nothing). */
export function busyboxAppendChar(st: FileStat | null, classifyAll: boolean, dirsOnly: boolean): string {
  if (!st || !(classifyAll || dirsOnly)) return '';
  if (st.type === 'dir') return '/';
  if (!classifyAll) return '';
  if (st.type === 'file') return st.mode & 0o111 ? '*' : '';
  return st.type === 'symlink' ? '@' : '';
}

/** busybox's long-format columns before the name (display_single, coreutils/ls.c). */
export function busyboxLongLine(st: FileStat, owner: string, group: string, groupOnly: boolean, human: boolean, now: number): string {
  let line = `${modeString(st).padEnd(10)} ${String(st.nlink).padStart(4)} `;
  line += groupOnly ? `${group.slice(0, 8).padEnd(8)} ` : `${owner.slice(0, 8).padEnd(8)} ${group.slice(0, 8).padEnd(8)} `;
  if (st.type === 'chardev') line += `${String((st.rdev ?? [1, 3])[0]).padStart(4)}, ${String((st.rdev ?? [1, 3])[1]).padStart(3)} `;
  else line += human ? `${busyboxHumanSize(st.size, 1).padStart(7)} ` : `${String(st.size).padStart(9)} `;
  return line + busyboxDate(st.mtimeMs, now);
}

/** ctime's "Mmm dd hh:mm " for the last six months (365/2 days, and up to 15 minutes ahead), else "Mmm dd  yyyy ". */
function busyboxDate(ms: number, now: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const age = Math.floor(now / 1000) - Math.floor(ms / 1000);
  const head = `${MONTH_NAMES[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} `;
  return age < (3600 * 24 * 365) / 2 && age > -15 * 60 ? `${head}${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ` : `${head}${`${d.getUTCFullYear()} `.padStart(6)}`;
}

/**
 * make_human_readable_str(size, blockSize, 0) (libbb/human_readable.c): bytes below 1024 as they
 * are, else one decimal and a unit ("4.0K"); with blockSize 0 no decimal, rounded ("16K").
 */
function busyboxHumanSize(size: number, blockSize: 0 | 1): string {
  if (size === 0) return '0';
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let val = size;
  let frac = 0;
  let u = 0;
  while (val >= 1024) {
    u++;
    frac = Math.floor(((val % 1024) * 10 + 512) / 1024);
    val = Math.floor(val / 1024);
  }
  if (frac >= 10) {
    val++;
    frac = 0;
  }
  if (blockSize === 0) return `${frac >= 5 ? val + 1 : val}${units[u]}`;
  return u ? `${val}.${frac}${units[u]}` : String(val);
}
