/** rmdir: remove empty directories (-p parents too, -v). */
import type { Program } from '../command';
import { flag, parseArgs } from './lib/args';
import { errorText } from './lib/io';
import { FsError } from '../command';

export const rmdir: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('p', 'parents'), flag('v', 'verbose'), flag(undefined, 'ignore-fail-on-non-empty'), flag(undefined, 'path', 'p')]);
  if (typeof args === 'number') return args;
  if (!args.operands.length) {
    ctx.stderr.write(`rmdir: missing operand\nTry 'rmdir --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  // An operand's failure says 'failed to remove', a parent's under -p 'failed to remove directory' (rmdir.c).
  const removeOne = (p: string, parent = false): boolean => {
    try {
      const st = ctx.fs.lstat(p);
      if (!st) throw new FsError('ENOENT', p);
      if (st.type !== 'dir') throw new FsError('ENOTDIR', p);
      if (ctx.fs.readdir(p).length) throw new FsError('ENOTEMPTY', p);
      ctx.fs.remove(p);
      if (args.has('v')) ctx.stdout.write(`rmdir: removing directory, '${p}'\n`);
      return true;
    } catch (e) {
      if (e instanceof FsError && e.code === 'ENOTEMPTY' && args.has('ignore-fail-on-non-empty')) return false;
      ctx.stderr.write(`rmdir: failed to remove ${parent ? 'directory ' : ''}'${p}': ${errorText(e)}\n`);
      status = 1;
      return false;
    }
  };
  for (const p of args.operands) {
    if (!removeOne(p)) continue;
    if (args.has('p')) {
      let cur = p.replace(/\/+$/, '');
      while (cur.includes('/')) {
        cur = cur.slice(0, cur.lastIndexOf('/'));
        if (!cur || !removeOne(cur, true)) break;
      }
    }
  }
  return status;
};
