/** expand: convert tabs to spaces (-t N). */
import type { Program } from '../command';
import { parseArgs, withArg, flag } from './lib/args';
import { forEachInput } from './lib/lineprogram';

export const expand: Program = async (ctx) => {
  const args = parseArgs(ctx, [withArg('t', 'tabs'), flag('i', 'initial')]);
  if (typeof args === 'number') return args;
  const tab = Number(args.last('t') ?? 8);
  return forEachInput(ctx, args.operands, (text) => {
    let out = '';
    let col = 0;
    for (const ch of text) {
      if (ch === '\t') {
        const n = tab - (col % tab);
        out += ' '.repeat(n);
        col += n;
      } else if (ch === '\n') {
        out += ch;
        col = 0;
      } else {
        out += ch;
        col++;
      }
    }
    ctx.stdout.write(out);
  });
};
