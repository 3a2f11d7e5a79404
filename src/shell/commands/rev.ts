/** rev (util-linux): reverse the characters of each line. */
import type { Program } from '../command';
import { errorText } from './lib/io';

export const rev: Program = async (ctx) => {
  const files = ctx.argv.slice(1);
  let status = 0;
  for (const f of files.length ? files : ['-']) {
    let text: string;
    try {
      text = f === '-' ? await ctx.stdin.readAll() : ctx.fs.readFile(f);
    } catch (e) {
      ctx.stderr.write(`rev: cannot open ${f}: ${errorText(e)}\n`);
      status = 1;
      continue;
    }
    ctx.stdout.write(text.split('\n').map((l) => [...l].reverse().join('')).join('\n'));
  }
  return status;
};
