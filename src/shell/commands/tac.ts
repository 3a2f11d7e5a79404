/** tac: print records (lines) in reverse order; a final record without newline is glued to the next. */
import type { Program } from '../command';
import { parseArgs, flag, withArg } from './lib/args';
import { forEachInput } from './lib/lineprogram';

export const tac: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('b', 'before'), flag('r', 'regex'), withArg('s', 'separator')]);
  if (typeof args === 'number') return args;
  const sep = args.last('s') ?? '\n';
  return forEachInput(ctx, args.operands, (text) => {
    const records: string[] = [];
    let start = 0;
    for (let i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, i + sep.length)) {
      records.push(text.slice(start, i + sep.length));
      start = i + sep.length;
    }
    if (start < text.length) records.push(text.slice(start));
    ctx.stdout.write(records.reverse().join(''));
  });
};
