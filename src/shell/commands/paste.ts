/** paste: merge lines of files side by side (-d list, -s serial). */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { readInput, splitLines } from './lib/io';

export const paste: Program = async (ctx) => {
  const args = parseArgs(ctx, [withArg('d', 'delimiters'), flag('s', 'serial'), flag('z', 'zero-terminated')]);
  if (typeof args === 'number') return args;
  const rawDelims = args.last('d') ?? '\t';
  const delims = [...rawDelims.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === '0' ? '\u0000' : c))].map((c) => (c === '\u0000' ? '' : c));
  if (!delims.length) delims.push('');
  const files = args.operands.length ? args.operands : ['-'];
  const contents: string[][] = [];
  let stdinLines: string[] | null = null;
  // Several "-" operands take turns reading standard input: `paste - - -` makes three columns.
  const dashes = files.filter((f) => f === '-').length;
  let dashIndex = 0;
  for (const f of files) {
    if (f === '-') {
      stdinLines ??= splitLines(await ctx.stdin.readAll()).lines;
      const j = dashIndex++;
      contents.push(args.has('s') ? (j === 0 ? stdinLines : []) : stdinLines.filter((_, i) => i % dashes === j));
      continue;
    }
    const t = await readInput(ctx, f);
    if (t === null) return 1;
    contents.push(splitLines(t).lines);
  }
  let out = '';
  if (args.has('s')) {
    for (const lines of contents) {
      out += lines.map((l, i) => (i === 0 ? l : delims[(i - 1) % delims.length] + l)).join('') + '\n';
    }
  } else {
    const rows = Math.max(0, ...contents.map((c) => c.length));
    for (let r = 0; r < rows; r++) {
      out += contents.map((c, i) => (i === 0 ? '' : delims[(i - 1) % delims.length]) + (c[r] ?? '')).join('') + '\n';
    }
  }
  ctx.stdout.write(out);
  return 0;
};
