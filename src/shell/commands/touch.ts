/** touch: create files or update their modification time (to the simulated clock). */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText } from './lib/io';

export const touch: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('c', 'no-create'), flag('a', undefined, 'a'), flag('m', undefined, 'm'), withArg('d', 'date'), withArg('t', undefined, 't'), withArg('r', 'reference'), flag('h', 'no-dereference')]);
  if (typeof args === 'number') return args;
  if (!args.operands.length) {
    ctx.stderr.write(`touch: missing file operand\nTry 'touch --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  for (const p of args.operands) {
    try {
      const st = ctx.fs.stat(p);
      if (!st && args.has('c')) continue;
      if (st?.type === 'dir') {
        // Directories: rewrite nothing; the contract has no utime, so only files get a new mtime.
        continue;
      }
      ctx.fs.writeFile(p, '', { append: true });
    } catch (e) {
      ctx.stderr.write(`touch: cannot touch '${p}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};
