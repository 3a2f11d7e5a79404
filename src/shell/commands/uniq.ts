/** uniq: collapse adjacent equal lines; -c -d -u -i -f -s -w, optional INPUT and OUTPUT files. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText, readInput, splitLines, warn, lq } from './lib/io';

const SPECS = [
  flag('c', 'count'),
  flag('d', 'repeated'),
  flag('D', 'all-repeated'),
  flag('u', 'unique'),
  flag('i', 'ignore-case'),
  withArg('f', 'skip-fields'),
  withArg('s', 'skip-chars'),
  withArg('w', 'check-chars'),
  flag('z', 'zero-terminated'),
];

export const uniq: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  if (args.operands.length > 2) {
    ctx.stderr.write(`uniq: extra operand ${lq(args.operands[2])}\nTry 'uniq --help' for more information.\n`);
    return 1;
  }
  const num = (k: string, what: string): number | null => {
    const v = args.last(k);
    if (v === undefined) return 0;
    if (!/^\d+$/.test(v)) {
      warn(ctx, `${lq(v)}: invalid number of ${what}`);
      return null;
    }
    return Number(v);
  };
  const skipFields = num('f', 'fields to skip');
  const skipChars = num('s', 'bytes to skip');
  const check = args.has('w') ? num('w', 'bytes to compare') : Infinity;
  if (skipFields === null || skipChars === null || check === null) return 1;
  const text = await readInput(ctx, args.operands[0] ?? '-');
  if (text === null) return 1;
  const sep = args.has('z') ? '\0' : '\n';
  const { lines } = splitLines(text, sep);
  const key = (line: string) => {
    let s = line;
    for (let f = 0; f < skipFields; f++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipChars).slice(0, check);
    return args.has('i') ? s.toLowerCase() : s;
  };
  let out = '';
  const emit = (group: string[]) => {
    const n = group.length;
    if (args.has('D')) {
      if (n > 1) for (const l of group) out += l + sep;
      return;
    }
    if (args.has('d') && n < 2) return;
    if (args.has('u') && n > 1) return;
    out += (args.has('c') ? String(n).padStart(7) + ' ' : '') + group[0] + sep;
  };
  let group: string[] = [];
  for (const line of lines) {
    if (group.length && key(group[0]) === key(line)) group.push(line);
    else {
      if (group.length) emit(group);
      group = [line];
    }
  }
  if (group.length) emit(group);
  const target = args.operands[1];
  if (target && target !== '-') {
    try {
      ctx.fs.writeFile(target, out);
    } catch (e) {
      warn(ctx, `${target}: ${errorText(e)}`);
      return 1;
    }
  } else ctx.stdout.write(out);
  return 0;
};
