/** touch: create files or update their modification time (to the simulated clock). */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { argmatch } from './lib/argmatch';
import { errorText } from './lib/io';

const TIME_WORDS = [['atime', 'a'], ['access', 'a'], ['use', 'a'], ['mtime', 'm'], ['modify', 'm']] as const;

export const touch: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('c', 'no-create'), flag('a', undefined, 'a'), flag('m', undefined, 'm'), withArg('d', 'date'), withArg('t', undefined, 't'), withArg('r', 'reference'), flag('h', 'no-dereference'), withArg(undefined, 'time')]);
  if (typeof args === 'number') return args;
  // --time=WORD is -a or -m (touch.c time_args); the simulated files keep one time, so only the word is checked.
  for (const word of args.all('time')) {
    const matched = argmatch(word, TIME_WORDS, '--time');
    if (typeof matched === 'string') {
      ctx.stderr.write(`touch: ${matched}Try 'touch --help' for more information.\n`);
      return 1;
    }
  }
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
