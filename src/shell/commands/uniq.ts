/** uniq: collapse adjacent equal lines; -c -d -u -i -f -s -w, optional INPUT and OUTPUT files. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText, readInput, splitLines, warn, lq } from './lib/io';
import { forEachLineBlock } from './lib/lineprogram';

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
  const sep = args.has('z') ? '\0' : '\n';
  const key = (line: string) => {
    let s = line;
    for (let f = 0; f < skipFields; f++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipChars).slice(0, check);
    return args.has('i') ? s.toLowerCase() : s;
  };
  // One group of equal lines at a time: its first line and size (its lines only for -D), so an
  // endless input (`yes | uniq -c`) holds one line, as uniq does.
  let first: string | undefined;
  let firstKey = '';
  let count = 0;
  let repeats: string[] = [];
  const groupText = (): string => {
    if (first === undefined) return '';
    if (args.has('D')) return count > 1 ? repeats.map((l) => l + sep).join('') : '';
    if (args.has('d') && count < 2) return '';
    if (args.has('u') && count > 1) return '';
    return (args.has('c') ? String(count).padStart(7) + ' ' : '') + first + sep;
  };
  const feed = (text: string): string => {
    let out = '';
    for (const line of splitLines(text, sep).lines) {
      const k = key(line);
      if (first !== undefined && k === firstKey) {
        count++;
        if (args.has('D')) repeats.push(line);
        continue;
      }
      out += groupText();
      first = line;
      firstKey = k;
      count = 1;
      repeats = args.has('D') ? [line] : [];
    }
    return out;
  };
  const input = args.operands[0] ?? '-';
  const target = args.operands[1];
  const toFile = !!target && target !== '-';
  let out = '';
  if (input === '-') {
    // Standard input streams; into an OUTPUT file, the text is written at the end.
    const interrupted = await forEachLineBlock(ctx, sep, (block) => {
      const text = feed(block);
      if (!toFile) return text;
      out += text;
      return '';
    });
    if (interrupted) return 130;
  } else {
    const text = await readInput(ctx, input);
    if (text === null) return 1;
    out += feed(text);
  }
  out += groupText();
  if (toFile) {
    try {
      ctx.fs.writeFile(target, out);
    } catch (e) {
      warn(ctx, `${target}: ${errorText(e)}`);
      return 1;
    }
  } else ctx.stdout.write(out);
  return 0;
};
