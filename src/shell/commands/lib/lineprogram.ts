/** Helper for filters that read every operand (or stdin) and transform the text. */
import type { CommandContext } from '../../command';
import { readInput } from './io';

export async function forEachInput(ctx: CommandContext, operands: string[], fn: (text: string, name: string) => void): Promise<number> {
  let status = 0;
  for (const f of operands.length ? operands : ['-']) {
    const text = await readInput(ctx, f);
    if (text === null) status = 1;
    else fn(text, f);
  }
  return status;
}
