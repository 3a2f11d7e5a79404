/** install (coreutils): copy files setting mode (-m, default 0755), owner (-o), group (-g); -d makes directories, -D parents. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText, lq } from './lib/io';
import { applyMode } from './lib/mode';
import { lookupGroup, lookupUser } from './lib/users';
import { baseName } from './lib/copy';
import { joinPath } from './lib/walk';

export const install: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('d', 'directory'), flag('D', undefined, 'D'), withArg('m', 'mode'), withArg('o', 'owner'), withArg('g', 'group'), flag('v', 'verbose'), flag('p', 'preserve-timestamps'), flag('s', 'strip'), flag('c', undefined, 'c'), withArg('t', 'target-directory'), flag('T', 'no-target-directory')]);
  if (typeof args === 'number') return args;
  const usage = (msg: string) => {
    ctx.stderr.write(`install: ${msg}\nTry 'install --help' for more information.\n`);
    return 1;
  };
  let mode = 0o755;
  const m = args.last('m');
  if (m !== undefined) {
    const v = applyMode(m, 0, false, 0);
    if (v === null) {
      ctx.stderr.write(`install: invalid mode ${lq(m)}\n`);
      return 1;
    }
    mode = v;
  }
  let uid = -1;
  let gid = -1;
  const o = args.last('o');
  if (o !== undefined) {
    const u = lookupUser(ctx, o);
    if (!u) {
      ctx.stderr.write(`install: invalid user ${lq(o)}\n`);
      return 1;
    }
    uid = u.uid;
  }
  const g = args.last('g');
  if (g !== undefined) {
    const id = lookupGroup(ctx, g);
    if (id === undefined) {
      ctx.stderr.write(`install: invalid group ${lq(g)}\n`);
      return 1;
    }
    gid = id;
  }
  const ops = [...args.operands];
  const finish = (path: string) => {
    ctx.fs.chmod(path, mode);
    if (uid >= 0 || gid >= 0) ctx.fs.chown(path, uid, gid);
  };
  if (args.has('d')) {
    if (!ops.length) return usage('missing file operand');
    let status = 0;
    for (const d of ops) {
      try {
        ctx.fs.mkdir(d, { recursive: true });
        finish(d);
        if (args.has('v')) ctx.stdout.write(`install: creating directory '${d}'\n`);
      } catch (e) {
        ctx.stderr.write(`install: cannot create directory ${lq(d)}: ${errorText(e)}\n`);
        status = 1;
      }
    }
    return status;
  }
  let target = args.last('t');
  if (target === undefined) {
    if (!ops.length) return usage('missing file operand');
    if (ops.length === 1) return usage(`missing destination file operand after '${ops[0]}'`);
    target = ops.pop()!;
  }
  const intoDir = !args.has('T') && ctx.fs.stat(target)?.type === 'dir';
  if (ops.length > 1 && !intoDir) {
    ctx.stderr.write(`install: target '${target}' is not a directory\n`);
    return 1;
  }
  let status = 0;
  for (const src of ops) {
    const dst = intoDir ? joinPath(target, baseName(src)) : target;
    try {
      const st = ctx.fs.stat(src);
      if (!st) {
        ctx.stderr.write(`install: cannot stat '${src}': No such file or directory\n`);
        status = 1;
        continue;
      }
      if (st.type === 'dir') {
        ctx.stderr.write(`install: omitting directory '${src}'\n`);
        status = 1;
        continue;
      }
      if (args.has('D')) {
        const parent = dst.slice(0, dst.lastIndexOf('/'));
        if (parent) ctx.fs.mkdir(parent, { recursive: true });
      }
      if (ctx.fs.lstat(dst)) ctx.fs.remove(dst);
      ctx.fs.writeFile(dst, ctx.fs.readFile(src), { mode });
      finish(dst);
      if (args.has('v')) ctx.stdout.write(`'${src}' -> '${dst}'\n`);
    } catch (e) {
      ctx.stderr.write(`install: cannot create regular file '${dst}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};
