/**
 * grep, egrep, fgrep (GNU grep 3.x): BRE/ERE/fixed/Perl-ish patterns, context, counting, file
 * listing, recursion. Exit 0 when a line was selected, 1 when none, 2 on trouble (0 with -q and a match).
 */
import { FsError, type CommandContext, type Program } from '../command';
import { flag, optArg, parseArgs, versionOption, withArg } from './lib/args';
import { errorText, progName, splitLines } from './lib/io';
import { compileRegex, RegexError } from './lib/regex';
import { globToRegExp, walk } from './lib/walk';

const SPECS = [
  flag('E', 'extended-regexp'),
  flag('F', 'fixed-strings'),
  flag('G', 'basic-regexp'),
  flag('P', 'perl-regexp'),
  withArg('e', 'regexp'),
  withArg('f', 'file'),
  flag('i', 'ignore-case'),
  flag('y', undefined, 'i'),
  flag(undefined, 'no-ignore-case'),
  flag('v', 'invert-match'),
  flag('w', 'word-regexp'),
  flag('x', 'line-regexp'),
  flag('c', 'count'),
  optArg(undefined, 'color'),
  optArg(undefined, 'colour', 'color'),
  flag('L', 'files-without-match'),
  flag('l', 'files-with-matches'),
  withArg('m', 'max-count'),
  flag('o', 'only-matching'),
  flag('q', 'quiet'),
  flag(undefined, 'silent', 'q'),
  flag('s', 'no-messages'),
  flag('b', 'byte-offset'),
  flag('H', 'with-filename'),
  flag('h', 'no-filename'),
  withArg(undefined, 'label'),
  flag('n', 'line-number'),
  flag('T', 'initial-tab'),
  flag('Z', 'null'),
  withArg('A', 'after-context'),
  withArg('B', 'before-context'),
  withArg('C', 'context'),
  flag('a', 'text'),
  flag('I', undefined, 'I'),
  flag('r', 'recursive'),
  flag('R', 'dereference-recursive'),
  withArg(undefined, 'include'),
  withArg(undefined, 'exclude'),
  withArg(undefined, 'exclude-dir'),
  flag(undefined, 'fixed-regexp', 'F'),
  // Output is written as each file is searched; there is no buffer to flush line by line.
  flag(undefined, 'line-buffered'),
  flag('z', 'null-data'),
  versionOption('V'),
];

interface Matcher {
  /** Does the line match (before -v)? */
  test(line: string): boolean;
  /** Every non-empty match in the line, for -o. */
  matches(line: string): string[];
  /** Where those matches are, as [start, end) pairs. */
  ranges(line: string): [number, number][];
}

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|\/]/g, '\\$&');
}

function buildMatcher(patterns: string[], mode: 'G' | 'E' | 'F' | 'P', opts: { i: boolean; w: boolean; x: boolean }): Matcher {
  const regexes = patterns.map((p) => {
    let src: string;
    if (mode === 'F') src = escapeLiteral(p);
    else if (mode === 'P') {
      try {
        new RegExp(p);
      } catch {
        throw new RegexError('unmatched parentheses or invalid Perl expression');
      }
      src = p;
    } else src = compileRegex(p, { extended: mode === 'E' }).source;
    if (opts.x) src = `^(?:${src})$`;
    else if (opts.w) src = `(?<![0-9A-Za-z_])(?:${src})(?![0-9A-Za-z_])`;
    return new RegExp(src, 'gs' + (opts.i ? 'i' : ''));
  });
  return {
    test(line) {
      return regexes.some((r) => {
        r.lastIndex = 0;
        return r.test(line);
      });
    },
    matches(line) {
      return this.ranges(line).map(([a, b]) => line.slice(a, b));
    },
    ranges(line) {
      // Leftmost match across all patterns, repeatedly, as GNU grep -o does.
      const out: [number, number][] = [];
      let pos = 0;
      while (pos <= line.length) {
        let best: RegExpExecArray | null = null;
        for (const r of regexes) {
          r.lastIndex = pos;
          const m = r.exec(line);
          if (m && (!best || m.index < best.index || (m.index === best.index && m[0].length > best[0].length))) best = m;
        }
        if (!best) break;
        if (best[0].length === 0) {
          pos = best.index + 1;
          continue;
        }
        out.push([best.index, best.index + best[0].length]);
        pos = best.index + best[0].length;
      }
      return out;
    },
  };
}

function parseCount(ctx: CommandContext, value: string, what: string): number | null {
  if (!/^\d+$/.test(value)) {
    ctx.stderr.write(`${progName(ctx)}: ${value}: invalid ${what} argument\n`);
    return null;
  }
  return Number(value);
}

export const grep: Program = async (invoked) => {
  // egrep and fgrep are scripts that exec `grep -E` (`grep -F`): grep's name, texts and messages answer.
  const base = progName(invoked).split('/').pop();
  const ctx = base === 'egrep' || base === 'fgrep' ? { ...invoked, argv: ['grep', ...invoked.argv.slice(1)] } : invoked;
  const args = parseArgs(ctx, SPECS, { usageStatus: 2, tryLine: `Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.` });
  if (typeof args === 'number') return args;
  let mode: 'G' | 'E' | 'F' | 'P' = base === 'egrep' ? 'E' : base === 'fgrep' ? 'F' : 'G';
  for (const o of args.order) if (['E', 'F', 'G', 'P'].includes(o.key)) mode = o.key as typeof mode;

  const operands = [...args.operands];
  let patterns: string[] = [];
  for (const e of args.all('e')) patterns.push(...e.split('\n'));
  for (const f of args.all('f')) {
    try {
      patterns.push(...splitLines(f === '-' ? await ctx.stdin.readAll() : ctx.fs.readFile(f)).lines);
    } catch (e) {
      ctx.stderr.write(`grep: ${f}: ${errorText(e)}\n`);
      return 2;
    }
  }
  if (!args.has('e') && !args.has('f')) {
    if (!operands.length) {
      ctx.stderr.write(`Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      return 2;
    }
    patterns = operands.shift()!.split('\n');
  }

  const numOpt = (key: string, what: string): number | null | undefined => {
    const v = args.last(key);
    return v === undefined ? undefined : parseCount(ctx, v, what);
  };
  const context = numOpt('C', 'context length');
  const afterOpt = numOpt('A', 'context length');
  const beforeOpt = numOpt('B', 'context length');
  if (afterOpt === null || beforeOpt === null) return 2;
  const after = afterOpt ?? context ?? 0;
  const before = beforeOpt ?? context ?? 0;
  const maxCount = args.has('m') ? Number(args.last('m')) : Infinity;
  if (after === null || before === null || context === null || Number.isNaN(maxCount)) {
    if (Number.isNaN(maxCount)) ctx.stderr.write(`grep: invalid max count\n`);
    return 2;
  }

  const ignoreCase = args.order.reduce((acc, o) => (o.key === 'i' ? true : o.key === 'no-ignore-case' ? false : acc), false);
  let matcher: Matcher;
  try {
    matcher = buildMatcher(patterns, mode, { i: ignoreCase, w: args.has('w'), x: args.has('x') });
  } catch (e) {
    ctx.stderr.write(`grep: ${e instanceof RegexError ? e.message : String(e)}\n`);
    return 2;
  }

  const recursive = args.has('r') || args.has('R');
  const invert = args.has('v');
  const quiet = args.has('q');
  const silent = args.has('s');
  const countOnly = args.has('c');
  const listMatch = args.has('l');
  const listNonMatch = args.has('L');
  const only = args.has('o');
  const lineNumbers = args.has('n');
  const byteOffset = args.has('b');
  const nul = args.has('Z');
  const includes = args.all('include').map((g) => globToRegExp(g));
  const excludes = args.all('exclude').map((g) => globToRegExp(g));
  const excludeDirs = args.all('exclude-dir').map((g) => globToRegExp(g));
  const implicitDot = recursive && operands.length === 0;
  const files = operands.length ? operands : [recursive ? '.' : '-'];
  let withName = recursive ? !(operands.length === 1 && ctx.fs.stat(operands[0])?.type === 'file') : files.length > 1;
  if (args.has('H')) withName = true;
  if (args.has('h')) withName = false;
  for (const o of args.order) if (o.key === 'H') withName = true;
  else if (o.key === 'h') withName = false;

  const colorOpt = args.last('color');
  const color = colorOpt !== undefined && ctx.env.TERM !== 'dumb' && (colorOpt === 'always' || colorOpt === 'yes' || colorOpt === 'force' || ((colorOpt === '' || colorOpt === 'auto' || colorOpt === 'tty' || colorOpt === 'if-tty') && ctx.isTTY));
  // GNU grep's default GREP_COLORS: ms=01;31 fn=35 ln=32 bn=32 se=36.
  const sgr = (code: string, text: string) => (color ? `\x1b[${code}m\x1b[K${text}\x1b[m\x1b[K` : text);
  const highlight = (line: string) => {
    if (!color) return line;
    let out = '';
    let at = 0;
    for (const [a, b] of matcher.ranges(line)) {
      out += line.slice(at, a) + sgr('01;31', line.slice(a, b));
      at = b;
    }
    return out + line.slice(at);
  };
  let selectedAny = false;
  let selectedCount = 0;
  const streamable = !args.has('A') && !args.has('B') && !args.has('C') && !args.has('c') && !args.has('l') && !args.has('L') && !args.has('z') && !args.has('b') && maxCount === Infinity;
  let trouble = false;
  const out = ctx.stdout;
  const sep = args.has('z') ? '\0' : '\n';

  const searchText = (label: string, text: string, lineBase = 0): boolean => {
    // NUL, or (in a UTF-8 locale) a byte that is no UTF-8: what grep calls a binary file.
    const binary = !args.has('a') && !args.has('z') && (text.includes('\0') || hasEncodingError(text));
    if (binary && args.has('I')) return false;
    const { lines } = splitLines(text, sep);
    let count = 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    let buf = '';
    const prefix = (i: number, mark: string, offset: number) => {
      let p = '';
      if (withName) p += sgr('35', label) + (nul ? '\0' : sgr('36', mark));
      if (lineNumbers) p += sgr('32', String(i + 1 + lineBase)) + sgr('36', mark);
      if (byteOffset) p += sgr('32', String(offset)) + sgr('36', mark);
      return p;
    };
    const offsets: number[] = [];
    if (byteOffset) {
      let o = 0;
      for (const l of lines) {
        offsets.push(o);
        o += new TextEncoder().encode(l).length + 1;
      }
    }
    const printLine = (i: number, mark: ':' | '-') => {
      if ((before > 0 || after > 0) && lastPrinted >= 0 && i > lastPrinted + 1) buf += sgr('36', '--') + '\n';
      buf += prefix(i, mark, offsets[i] ?? 0) + (mark === ':' && !invert ? highlight(lines[i]) : lines[i]) + sep;
      lastPrinted = i;
    };
    const listing = countOnly || listMatch || listNonMatch || quiet;
    for (let i = 0; i < lines.length; i++) {
      if (count >= maxCount) {
        if (afterLeft > 0 && !listing) {
          afterLeft--;
          if (!(matcher.test(lines[i]) !== invert)) printLine(i, '-');
          else break;
          continue;
        }
        break;
      }
      const selected = matcher.test(lines[i]) !== invert;
      if (!selected) {
        if (afterLeft > 0 && !listing && !binary) {
          printLine(i, '-');
          afterLeft--;
        }
        continue;
      }
      count++;
      selectedCount++;
      selectedAny = true;
      if (quiet) return true;
      if (listing || binary) continue;
      for (let j = Math.max(lastPrinted + 1, i - before); j < i; j++) printLine(j, '-');
      if (only) {
        if (!invert) {
          let off = offsets[i] ?? 0;
          for (const m of matcher.matches(lines[i])) {
            if (byteOffset) off = (offsets[i] ?? 0) + new TextEncoder().encode(lines[i].slice(0, lines[i].indexOf(m))).length;
            buf += prefix(i, ':', off) + sgr('01;31', m) + sep;
          }
        }
        lastPrinted = i;
      } else printLine(i, ':');
      afterLeft = after;
    }
    if (countOnly) buf += (withName ? sgr('35', label) + (nul ? '\0' : sgr('36', ':')) : '') + count + '\n';
    if (listMatch && count > 0) buf += sgr('35', label) + (nul ? '\0' : '\n');
    if (listNonMatch && count === 0) buf += sgr('35', label) + (nul ? '\0' : '\n');
    out.write(buf);
    // Since grep 3.5 this goes to standard error, after the file's other output.
    if (binary && count > 0 && !listing && !reportedBinary.has(label)) {
      reportedBinary.add(label);
      ctx.stderr.write(`grep: ${label}: binary file matches\n`);
    }
    return count > 0;
  };

  /** Files already said to be binary (a pipe is searched a chunk at a time, but said once). */
  const reportedBinary = new Set<string>();

  const fail = (path: string, e: unknown) => {
    trouble = true;
    if (!silent) ctx.stderr.write(`grep: ${path}: ${errorText(e)}\n`);
  };

  for (const f of files) {
    if (f === '-' && !recursive && streamable) {
      // Line by line from a pipe, so `tail -f log | grep x` shows matches as they arrive.
      const label = args.last('label') ?? '(standard input)';
      let pending = '';
      let lineBase = 0;
      for (;;) {
        const chunk = await ctx.stdin.read();
        if (chunk === null) break;
        pending += chunk;
        const cut = pending.lastIndexOf('\n');
        if (cut < 0) continue;
        const complete = pending.slice(0, cut + 1);
        pending = pending.slice(cut + 1);
        if (searchText(label, complete, lineBase) && quiet) return 0;
        if (maxCount !== Infinity && selectedCount >= maxCount) break;
        lineBase += splitLines(complete).lines.length;
      }
      if (pending && searchText(label, pending, lineBase) && quiet) return 0;
      continue;
    }
    if (f === '-' && !recursive) {
      const text = await ctx.stdin.readAll();
      if (searchText(args.last('label') ?? '(standard input)', text) && quiet) return 0;
      continue;
    }
    const st = ctx.fs.stat(f);
    if (!st) {
      fail(f, new FsError('ENOENT', f));
      continue;
    }
    if (st.type === 'dir') {
      if (!recursive) {
        fail(f, new Error('Is a directory'));
        continue;
      }
      for (const entry of walk(ctx.fs, f, { followRoot: true, follow: args.has('R'), onError: fail, prune: (e) => e.depth > 0 && excludeDirs.some((r) => r.test(e.path.split('/').pop()!)) })) {
        if (entry.stat.type !== 'file') continue;
        const base = entry.path.split('/').pop()!;
        if (includes.length && !includes.some((r) => r.test(base))) continue;
        if (excludes.some((r) => r.test(base))) continue;
        const label = implicitDot ? entry.path.replace(/^\.\//, '') : entry.path;
        let text: string;
        try {
          text = ctx.fs.readFile(entry.path);
        } catch (e) {
          fail(label, e);
          continue;
        }
        if (searchText(label, text) && quiet) return 0;
      }
      continue;
    }
    let text: string;
    try {
      text = ctx.fs.readFile(f);
    } catch (e) {
      fail(f, e);
      continue;
    }
    if (searchText(f, text) && quiet) return 0;
  }
  if (trouble && !(quiet && selectedAny)) return 2;
  return selectedAny ? 0 : 1;
};

/** A byte that was no UTF-8, as the shell carries it (byte-text.ts: U+DC80 + the byte). */
function hasEncodingError(text: string): boolean {
  return /[\udc80-\udcff]/.test(text);
}
