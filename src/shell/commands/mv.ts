/** mv: rename or move files and directories (-f, -n, -v, -t, -T, -b/-S backups). */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText } from './lib/io';
import { baseName } from './lib/copy';
import { joinPath } from './lib/walk';
import { BACKUP_SPECS, backUp, backupPlan } from './lib/backup';

const SPECS = [flag('f', 'force'), flag('i', 'interactive'), flag('n', 'no-clobber'), flag('v', 'verbose'), flag('u', 'update'), withArg('t', 'target-directory'), flag('T', 'no-target-directory'), ...BACKUP_SPECS];

export const mv: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  const fs = ctx.fs;
  const ops = [...args.operands];
  const usage = (msg: string) => {
    ctx.stderr.write(`mv: ${msg}\nTry 'mv --help' for more information.\n`);
    return 1;
  };
  const backup = backupPlan(ctx, args);
  if (typeof backup === 'string') return usage(backup.trimEnd());
  if (backup.type !== 'none' && args.has('n')) return usage('options --backup and --no-clobber are mutually exclusive');
  let target = args.last('t');
  if (target === undefined) {
    if (ops.length === 0) return usage('missing file operand');
    if (ops.length === 1) return usage(`missing destination file operand after '${ops[0]}'`);
    target = ops.pop()!;
  }
  const tst = fs.stat(target);
  const intoDir = !args.has('T') && tst?.type === 'dir';
  if (ops.length > 1 && !intoDir) {
    ctx.stderr.write(`mv: target '${target}' is not a directory\n`);
    return 1;
  }
  let status = 0;
  for (const src of ops) {
    const sst = fs.lstat(src.replace(/(.)\/+$/, '$1'));
    if (!sst || (src.endsWith('/') && sst.type !== 'dir' && fs.stat(src)?.type !== 'dir')) {
      ctx.stderr.write(`mv: cannot stat '${src}': ${sst ? 'Not a directory' : 'No such file or directory'}\n`);
      status = 1;
      continue;
    }
    const dst = intoDir ? joinPath(target, baseName(src)) : target;
    const dstSt = fs.lstat(dst);
    if (dstSt && args.has('n')) continue;
    if (fs.resolve(src) === fs.resolve(dst)) {
      ctx.stderr.write(`mv: '${src}' and '${dst}' are the same file\n`);
      status = 1;
      continue;
    }
    if (sst.type === 'dir' && (fs.resolve(dst) + '/').startsWith(fs.resolve(src) + '/')) {
      ctx.stderr.write(`mv: cannot move '${src}' to a subdirectory of itself, '${dst}'\n`);
      status = 1;
      continue;
    }
    if (dstSt?.type === 'dir' && sst.type !== 'dir') {
      ctx.stderr.write(`mv: cannot overwrite directory '${dst}' with non-directory\n`);
      status = 1;
      continue;
    }
    if (dstSt && dstSt.type !== 'dir' && sst.type === 'dir') {
      ctx.stderr.write(`mv: cannot overwrite non-directory '${dst}' with directory '${src}'\n`);
      status = 1;
      continue;
    }
    try {
      const backupName = dstSt && dstSt.type !== 'dir' ? backUp(ctx, dst, backup) : undefined;
      fs.rename(src, dst);
      if (args.has('v')) ctx.stdout.write(`renamed '${src}' -> '${dst}'${backupName ? ` (backup: '${backupName}')` : ''}\n`);
    } catch (e) {
      ctx.stderr.write(`mv: cannot move '${src}' to '${dst}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};
