/** fold: wrap lines at -w columns (default 80), -s at spaces, -b counting bytes. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { forEachInput } from './lib/lineprogram';
import { lq } from './lib/io';

/**
 * The column count as GNU fold reads it (a decimal from 1 to SIZE_MAX - TAB_WIDTH - 1, leading
 * blanks and `+` allowed), or its error text. Below 1 no line could ever get shorter.
 */
function parseWidth(text: string): number | string {
  const invalid = `fold: invalid number of columns: ${lq(text)}`;
  const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(text);
  if (!m) return invalid;
  const n = BigInt(m[1]);
  if (n < 1n) return `${invalid}: Numerical result out of range`;
  if (n > 18446744073709551606n) return `${invalid}: Value too large for defined data type`;
  return Number(n);
}

export const fold: Program = async (ctx) => {
  const args = parseArgs(ctx, [withArg('w', 'width'), flag('s', 'spaces'), flag('b', 'bytes')], { digitsKey: 'w' });
  if (typeof args === 'number') return args;
  const width = parseWidth(args.last('w') ?? '80');
  if (typeof width === 'string') {
    ctx.stderr.write(width + '\n');
    return 1;
  }
  const spaces = args.has('s');
  return forEachInput(ctx, args.operands, (text) => {
    const out = text
      .split('\n')
      .map((line) => {
        const pieces: string[] = [];
        let rest = line;
        while (rest.length > width) {
          let cut = width;
          if (spaces) {
            const sp = rest.lastIndexOf(' ', width - 1);
            if (sp >= 0) cut = sp + 1;
          }
          pieces.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        pieces.push(rest);
        return pieces.join('\n');
      })
      .join('\n');
    ctx.stdout.write(out);
  });
};
