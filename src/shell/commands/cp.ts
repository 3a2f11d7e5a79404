/** cp: copy files and directories (-r/-R, -a, -p, -f, -n, -v, -t, -T, -b/-S backups). */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText } from './lib/io';
import { baseName, copyTree } from './lib/copy';
import { joinPath } from './lib/walk';
import { BACKUP_SPECS, backUp, backupPlan } from './lib/backup';

const SPECS = [
  flag('r', 'recursive'),
  flag('R', undefined, 'r'),
  flag('a', 'archive'),
  flag('p', undefined, 'p'),
  flag('f', 'force'),
  flag('i', 'interactive'),
  flag('n', 'no-clobber'),
  flag('v', 'verbose'),
  flag('u', 'update'),
  flag('P', 'no-dereference'),
  flag('L', 'dereference'),
  withArg('t', 'target-directory'),
  flag('T', 'no-target-directory'),
  { long: 'preserve', key: 'p', arg: 'optional' as const },
  ...BACKUP_SPECS,
];

export const cp: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  const fs = ctx.fs;
  const ops = [...args.operands];
  const usage = (msg: string) => {
    ctx.stderr.write(`cp: ${msg}\nTry 'cp --help' for more information.\n`);
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
  } else if (ops.length === 0) return usage('missing file operand');
  const recursive = args.has('r') || args.has('a');
  const opts = { recursive, preserve: args.has('a') || args.has('p'), noDereference: args.has('a') || args.has('P') };
  const tst = fs.stat(target);
  const intoDir = !args.has('T') && tst?.type === 'dir';
  if (ops.length > 1 && !intoDir) {
    ctx.stderr.write(`cp: target '${target}'${tst ? ' is not a directory' : ': No such file or directory'}\n`);
    return 1;
  }
  let status = 0;
  for (const src of ops) {
    const sst = opts.noDereference ? fs.lstat(src) : (fs.stat(src) ?? fs.lstat(src));
    if (!sst) {
      const why = src.endsWith('/') && fs.lstat(src.replace(/\/+$/, '')) ? 'Not a directory' : 'No such file or directory';
      ctx.stderr.write(`cp: cannot stat '${src}': ${why}\n`);
      status = 1;
      continue;
    }
    if (sst.type === 'dir' && !recursive) {
      ctx.stderr.write(`cp: -r not specified; omitting directory '${src}'\n`);
      status = 1;
      continue;
    }
    const dst = intoDir ? joinPath(target, baseName(src)) : target;
    if (target.endsWith('/') && !tst && sst.type !== 'dir') {
      ctx.stderr.write(`cp: cannot create regular file '${target}': Not a directory\n`);
      status = 1;
      continue;
    }
    if (fs.resolve(src) === fs.resolve(dst)) {
      ctx.stderr.write(`cp: '${src}' and '${dst}' are the same file\n`);
      status = 1;
      continue;
    }
    if (sst.type === 'dir' && (fs.resolve(dst) + '/').startsWith(fs.resolve(src) + '/')) {
      ctx.stderr.write(`cp: cannot copy a directory, '${src}', into itself, '${dst}'\n`);
      status = 1;
      continue;
    }
    const dstSt = fs.stat(dst);
    if (dstSt && args.has('n')) continue;
    if (dstSt?.type === 'dir' && sst.type !== 'dir') {
      ctx.stderr.write(`cp: cannot overwrite directory '${dst}' with non-directory\n`);
      status = 1;
      continue;
    }
    if (dstSt && dstSt.type !== 'dir' && sst.type === 'dir') {
      ctx.stderr.write(`cp: cannot overwrite non-directory '${dst}' with directory '${src}'\n`);
      status = 1;
      continue;
    }
    try {
      const backupName = dstSt && dstSt.type !== 'dir' ? backUp(ctx, dst, backup) : undefined;
      copyTree(fs, src, dst, opts);
      if (args.has('v')) ctx.stdout.write(`'${src}' -> '${dst}'${backupName ? ` (backup: '${backupName}')` : ''}\n`);
    } catch (e) {
      ctx.stderr.write(`cp: cannot create ${sst.type === 'dir' ? 'directory' : 'regular file'} '${dst}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};
