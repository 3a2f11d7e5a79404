/** cut: select bytes (-b), characters (-c) or fields (-f with -d, -s, --complement, --output-delimiter). */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { lq, readInput, splitLines } from './lib/io';
import { forEachLineBlock } from './lib/lineprogram';

const SPECS = [
  withArg('b', 'bytes'),
  withArg('c', 'characters'),
  withArg('f', 'fields'),
  withArg('d', 'delimiter'),
  flag('n', undefined, 'n'),
  flag(undefined, 'complement'),
  flag('s', 'only-delimited'),
  withArg(undefined, 'output-delimiter'),
  flag('z', 'zero-terminated'),
];

type Range = [number, number];

/** Parse "1,3-5,7-" into sorted ranges; returns an error message on bad input. */
export function parseList(list: string, what: 'field' | 'byte/character'): Range[] | string {
  const ranges: Range[] = [];
  for (const part of list.split(/[ ,]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || part === '' || part === '-') {
      if (part === '-' ) return 'invalid range with no endpoint: -';
      return `invalid ${what === 'field' ? 'field' : 'byte/character position'} ${what === 'field' ? 'value ' : ''}${lq(part.replace(/^.*?([^\d-].*)$/, '$1') || part)}`;
    }
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] ? (m[3] === '' ? Infinity : Number(m[3])) : lo;
    if (lo === 0 || hi === 0) return what === 'field' ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (hi < lo) return 'invalid decreasing range';
    ranges.push([lo, hi]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

const inRanges = (ranges: Range[], n: number) => ranges.some(([lo, hi]) => n >= lo && n <= hi);

export const cut: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  const usage = (msg: string) => {
    ctx.stderr.write(`cut: ${msg}\nTry 'cut --help' for more information.\n`);
    return 1;
  };
  const modes = ['b', 'c', 'f'].filter((k) => args.has(k));
  if (modes.length === 0) return usage('you must specify a list of bytes, characters, or fields');
  if (modes.length > 1) return usage('only one list may be specified');
  const mode = modes[0];
  const delim = args.last('d') ?? '\t';
  if (args.has('d') && mode !== 'f') return usage('an input delimiter may be specified only when operating on fields');
  if (args.has('s') && mode !== 'f') return usage('suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  if ([...delim].length !== 1 && !(args.has('d') && delim === '')) return usage('the delimiter must be a single character');
  const ranges = parseList(args.last(mode)!, mode === 'f' ? 'field' : 'byte/character');
  if (typeof ranges === 'string') return usage(ranges);
  const complement = args.has('complement');
  const pick = (n: number) => inRanges(ranges, n) !== complement;
  const rs = args.has('z') ? '\0' : '\n';
  const files = args.operands.length ? args.operands : ['-'];
  let status = 0;
  const cutText = (text: string): string => {
    let out = '';
    for (const line of splitLines(text, rs).lines) {
      if (mode === 'f') {
        const d = delim === '' ? '\n' : delim;
        if (!line.includes(d)) {
          if (!args.has('s')) out += line + rs;
          continue;
        }
        const parts = line.split(d);
        const outDelim = args.last('output-delimiter') ?? d;
        out += parts.filter((_, i) => pick(i + 1)).join(outDelim) + rs;
      } else {
        // GNU cut -c counts bytes, like -b (no multibyte support).
        const chars = [...new TextEncoder().encode(line)];
        const outDelim = args.last('output-delimiter');
        let s = '';
        let prev = -2;
        const picked: (number | string)[] = [];
        chars.forEach((c, i) => {
          if (!pick(i + 1)) return;
          if (outDelim !== undefined && prev >= 0 && i !== prev + 1 && !complement) picked.push(outDelim);
          picked.push(c);
          prev = i;
        });
        {
          const bytes: number[] = [];
          for (const p of picked) {
            if (typeof p === 'string') bytes.push(...new TextEncoder().encode(p));
            else bytes.push(p);
          }
          s = new TextDecoder().decode(new Uint8Array(bytes));
        }
        out += s + rs;
      }
    }
    return out;
  };
  for (const f of files) {
    if (f === '-') {
      if (await forEachLineBlock(ctx, rs, cutText)) return 130;
      continue;
    }
    const text = await readInput(ctx, f);
    if (text === null) {
      status = 1;
      continue;
    }
    ctx.stdout.write(cutText(text));
  }
  return status;
};
