/** ln: make links; -s symbolic (the common case), -f replace, -n, -v, -r not required. Hard links copy content. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText } from './lib/io';
import { baseName } from './lib/copy';
import { joinPath } from './lib/walk';
import { BACKUP_SPECS, backUp, backupPlan } from './lib/backup';

export const ln: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('s', 'symbolic'), flag('f', 'force'), flag('n', 'no-dereference'), flag('v', 'verbose'), flag('T', 'no-target-directory'), withArg('t', 'target-directory'), flag('r', 'relative'), flag('i', 'interactive'), ...BACKUP_SPECS]);
  if (typeof args === 'number') return args;
  const backup = backupPlan(ctx, args);
  if (typeof backup === 'string') {
    ctx.stderr.write(`ln: ${backup}Try 'ln --help' for more information.\n`);
    return 1;
  }
  const ops = [...args.operands];
  if (!ops.length) {
    ctx.stderr.write(`ln: missing file operand\nTry 'ln --help' for more information.\n`);
    return 1;
  }
  let dir = args.last('t');
  let pairs: [string, string][];
  if (dir === undefined && ops.length === 1) pairs = [[ops[0], baseName(ops[0])]];
  else {
    if (dir === undefined) dir = ops.pop()!;
    const dst = ctx.fs.stat(dir);
    const isDir = !args.has('T') && dst?.type === 'dir' && !(args.has('n') && ctx.fs.lstat(dir)?.type === 'symlink');
    if (ops.length > 1 && !isDir) {
      ctx.stderr.write(`ln: target '${dir}' is not a directory\n`);
      return 1;
    }
    pairs = ops.map((o) => [o, isDir ? joinPath(dir!, baseName(o)) : dir!]);
  }
  let status = 0;
  const symbolic = args.has('s');
  for (const [target, link] of pairs) {
    try {
      if (!symbolic) {
        const st = ctx.fs.stat(target);
        if (!st) {
          ctx.stderr.write(`ln: failed to access '${target}': No such file or directory\n`);
          status = 1;
          continue;
        }
        if (st.type === 'dir') {
          ctx.stderr.write(`ln: ${target}: hard link not allowed for directory\n`);
          status = 1;
          continue;
        }
      }
      // With backups on, an existing link name is moved aside instead of refused (ln.c).
      const backupName = backUp(ctx, link, backup);
      if (ctx.fs.lstat(link)) {
        if (!args.has('f')) {
          ctx.stderr.write(`ln: failed to create ${symbolic ? 'symbolic' : 'hard'} link '${link}': File exists\n`);
          status = 1;
          continue;
        }
        ctx.fs.remove(link);
      }
      if (symbolic) ctx.fs.symlink(target, link);
      else ctx.fs.writeFile(link, ctx.fs.readFile(target), { mode: ctx.fs.stat(target)!.mode });
      if (args.has('v')) ctx.stdout.write(`${backupName ? `'${backupName}' ~ ` : ''}'${link}' ${symbolic ? '-' : '='}> '${target}'\n`);
    } catch (e) {
      ctx.stderr.write(`ln: failed to create ${symbolic ? 'symbolic' : 'hard'} link '${link}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};
