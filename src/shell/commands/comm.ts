/** comm: compare two sorted files line by line; -1 -2 -3 hide columns. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { lq, readInput, splitLines } from './lib/io';

export const comm: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('1', undefined, '1'), flag('2', undefined, '2'), flag('3', undefined, '3'), withArg(undefined, 'output-delimiter'), flag(undefined, 'check-order'), flag(undefined, 'nocheck-order')]);
  if (typeof args === 'number') return args;
  const ops = args.operands;
  if (ops.length < 2) {
    ctx.stderr.write(`comm: missing operand${ops.length ? ` after ${lq(ops[0])}` : ''}\nTry 'comm --help' for more information.\n`);
    return 1;
  }
  const a = await readInput(ctx, ops[0]);
  const b = await readInput(ctx, ops[1]);
  if (a === null || b === null) return 1;
  const la = splitLines(a).lines;
  const lb = splitLines(b).lines;
  const sep = args.last('output-delimiter') ?? '\t';
  const show = [!args.has('1'), !args.has('2'), !args.has('3')];
  const prefix = (col: number) => {
    let p = '';
    for (let i = 0; i < col; i++) if (show[i]) p += sep;
    return p;
  };
  let out = '';
  let i = 0;
  let j = 0;
  while (i < la.length || j < lb.length) {
    if (j >= lb.length || (i < la.length && la[i] < lb[j])) {
      if (show[0]) out += la[i] + '\n';
      i++;
    } else if (i >= la.length || lb[j] < la[i]) {
      if (show[1]) out += prefix(1) + lb[j] + '\n';
      j++;
    } else {
      if (show[2]) out += prefix(2) + la[i] + '\n';
      i++;
      j++;
    }
  }
  ctx.stdout.write(out);
  return 0;
};
