/** fold: wrap lines at -w columns (default 80), -s at spaces, -b counting bytes. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { forEachInput } from './lib/lineprogram';

export const fold: Program = async (ctx) => {
  const args = parseArgs(ctx, [withArg('w', 'width'), flag('s', 'spaces'), flag('b', 'bytes')], { digitsKey: 'w' });
  if (typeof args === 'number') return args;
  const width = Number(args.last('w') ?? 80);
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
