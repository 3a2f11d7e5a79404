/** tee: copy standard input to standard output and to files (-a appends). */
import type { Program } from '../command';
import { flag, parseArgs } from './lib/args';
import { errorText, warn } from './lib/io';

const SPECS = [flag('a', 'append'), flag('i', 'ignore-interrupts'), flag('p', undefined, 'p'), { long: 'output-error', key: 'output-error', arg: 'optional' as const }];

export const tee: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  const append = args.has('a');
  let status = 0;
  const targets: string[] = [];
  for (const f of args.operands) {
    try {
      if (f === '-') {
        targets.push(f);
        continue;
      }
      ctx.fs.writeFile(f, '', { append });
      targets.push(f);
    } catch (e) {
      warn(ctx, `${f}: ${errorText(e)}`);
      status = 1;
    }
  }
  while (true) {
    const chunk = await ctx.stdin.read();
    if (chunk === null) break;
    ctx.stdout.write(chunk);
    const full = ctx.stdout.drain?.();
    if (full) await full;
    for (const f of targets) {
      if (f === '-') ctx.stdout.write(chunk);
      else {
        try {
          ctx.fs.writeFile(f, chunk, { append: true });
        } catch {
          /* reported at open */
        }
      }
    }
    if (ctx.signal.aborted && !args.has('i')) return 130;
  }
  return status;
};
