/** nl: number lines; -b a|t|n, -w width, -s separator, -n ln|rn|rz, -v start, -i increment. */
import type { Program } from '../command';
import { parseArgs, withArg } from './lib/args';
import { forEachLineBlock } from './lib/lineprogram';
import { readInput } from './lib/io';

const SPECS = [withArg('b', 'body-numbering'), withArg('w', 'number-width'), withArg('s', 'number-separator'), withArg('n', 'number-format'), withArg('v', 'starting-line-number'), withArg('i', 'line-increment')];

export const nl: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  const style = args.last('b') ?? 't';
  const width = Number(args.last('w') ?? 6);
  const sep = args.last('s') ?? '\t';
  const format = args.last('n') ?? 'rn';
  let n = Number(args.last('v') ?? 1);
  const inc = Number(args.last('i') ?? 1);
  const numberText = (text: string): string => {
    if (!text) return '';
    const lines = text.split('\n');
    if (text.endsWith('\n')) lines.pop();
    let out = '';
    lines.forEach((line, i) => {
      const numbered = style === 'a' || (style === 't' && line !== '') || (style.startsWith('p') && new RegExp(style.slice(1)).test(line));
      if (numbered) {
        const s = String(n);
        const num = format === 'ln' ? s.padEnd(width) : format === 'rz' ? s.padStart(width, '0') : s.padStart(width);
        out += num + sep + line;
        n += inc;
      } else out += ' '.repeat(width + sep.length) + line;
      // GNU nl ends every line it prints, the last one too.
      out += '\n';
    });
    return out;
  };
  let status = 0;
  for (const f of args.operands.length ? args.operands : ['-']) {
    // Standard input is numbered as it arrives (`yes | nl | head`).
    if (f === '-') {
      if (await forEachLineBlock(ctx, '\n', numberText)) return 130;
      continue;
    }
    const text = await readInput(ctx, f);
    if (text === null) status = 1;
    else ctx.stdout.write(numberText(text));
  }
  return status;
};
