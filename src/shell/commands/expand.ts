/** expand: convert tabs to spaces (-t N); -i only those before the line's first non-blank. */
import type { Program } from '../command';
import { parseArgs, withArg, flag } from './lib/args';
import { forEachInput } from './lib/lineprogram';
import { lq } from './lib/io';

export const expand: Program = async (ctx) => {
  const args = parseArgs(ctx, [withArg('t', 'tabs'), flag('i', 'initial')]);
  if (typeof args === 'number') return args;
  const stops = args.last('t') ?? '8';
  // parse_tab_stops: characters other than digits, blanks, commas, '/' and '+' are refused, and a size of 0.
  if (/[^0-9 \t,/+]/.test(stops)) {
    ctx.stderr.write(`expand: tab size contains invalid character(s): ${lq(stops.replace(/^[0-9 \t,/+]*/, ''))}\n`);
    return 1;
  }
  const tab = Number(stops);
  if (tab === 0) {
    ctx.stderr.write('expand: tab size cannot be 0\n');
    return 1;
  }
  const initial = args.has('i');
  return forEachInput(ctx, args.operands, (text) => {
    let out = '';
    let col = 0;
    let leading = true;
    for (const ch of text) {
      if (ch === '\t') {
        const n = tab - (col % tab);
        out += initial && !leading ? ch : ' '.repeat(n);
        col += n;
      } else if (ch === '\n') {
        out += ch;
        col = 0;
        leading = true;
      } else {
        out += ch;
        col++;
        if (ch !== ' ') leading = false;
      }
    }
    ctx.stdout.write(out);
  });
};
