/** Helper for filters that read every operand (or stdin) and transform the text. */
import type { CommandContext } from '../../command';
import { readInput } from './io';
import { TimeSlice } from '../../exec/time-slice';

export async function forEachInput(ctx: CommandContext, operands: string[], fn: (text: string, name: string) => void): Promise<number> {
  let status = 0;
  for (const f of operands.length ? operands : ['-']) {
    const text = await readInput(ctx, f);
    if (text === null) status = 1;
    else fn(text, f);
  }
  return status;
}

/**
 * Standard input in blocks of whole lines as they arrive (the last block may lack its separator),
 * for filters that work line by line (cut, nl, uniq): a huge or endless input streams through
 * (`yes | cut -c1 | head -3`). What `fn` returns is written at the reader's pace. True when
 * interrupted (Ctrl-C).
 */
export async function forEachLineBlock(ctx: CommandContext, sep: string, fn: (block: string) => string): Promise<boolean> {
  const slice = new TimeSlice(ctx.signal, { checkEvery: 16 });
  let rest = '';
  for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) {
    const text = rest + chunk;
    const end = text.lastIndexOf(sep);
    if (end < 0) {
      rest = text;
      continue;
    }
    rest = text.slice(end + 1);
    const out = fn(text.slice(0, end + 1));
    if (out) ctx.stdout.write(out);
    const full = ctx.stdout.drain?.();
    if (full) await full;
    const turn = slice.step();
    if (turn && (await turn)) return true;
  }
  if (rest) {
    const out = fn(rest);
    if (out) ctx.stdout.write(out);
  }
  return false;
}
