/** mkdir: create directories (-p parents, -m mode, -v). */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText, lq } from './lib/io';
import { applyMode } from './lib/mode';
import { FsError } from '../command';

export const mkdir: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('p', 'parents'), withArg('m', 'mode'), flag('v', 'verbose')]);
  if (typeof args === 'number') return args;
  if (!args.operands.length) {
    ctx.stderr.write(`mkdir: missing operand\nTry 'mkdir --help' for more information.\n`);
    return 1;
  }
  let mode: number | undefined;
  const m = args.last('m');
  if (m !== undefined) {
    const v = applyMode(m, 0o777, true, 0o022);
    if (v === null) {
      ctx.stderr.write(`mkdir: invalid mode ${lq(m)}\n`);
      return 1;
    }
    mode = v;
  }
  let status = 0;
  for (const p of args.operands) {
    try {
      if (args.has('p')) {
        const existing = ctx.fs.stat(p);
        if (existing?.type === 'dir') continue;
        if (existing) throw new FsError('EEXIST', p);
        const parts = ctx.fs.resolve(p).split('/').filter(Boolean);
        let cur = '';
        for (const part of parts) {
          cur += '/' + part;
          const st = ctx.fs.stat(cur);
          if (st?.type === 'dir') continue;
          if (st) throw new FsError('ENOTDIR', p);
          ctx.fs.mkdir(cur, { mode: cur === ctx.fs.resolve(p) ? (mode ?? 0o755) : 0o755 });
          if (args.has('v')) ctx.stdout.write(`mkdir: created directory '${cur === ctx.fs.resolve(p) ? p : cur}'\n`);
        }
        if (mode !== undefined) ctx.fs.chmod(p, mode);
      } else {
        ctx.fs.mkdir(p, { mode: mode ?? 0o755 });
        if (mode !== undefined) ctx.fs.chmod(p, mode);
        if (args.has('v')) ctx.stdout.write(`mkdir: created directory '${p}'\n`);
      }
    } catch (e) {
      ctx.stderr.write(`mkdir: cannot create directory ${lq(p)}: ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};
