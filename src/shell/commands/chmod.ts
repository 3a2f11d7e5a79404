/** chmod: octal or symbolic modes (u+x,go-w,a=r), or another file's (--reference), -R, -v, -c. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText, lq } from './lib/io';
import { applyMode, modeString } from './lib/mode';
import { walk } from './lib/walk';

export const chmod: Program = async (ctx) => {
  // Modes like -w or -x look like options: take them as the mode when they are not chmod options.
  const argv = ctx.argv.slice(1);
  let modeArg: string | undefined;
  const rest: string[] = [];
  for (const a of argv) {
    if (modeArg === undefined && /^-[rwxXst]+$/.test(a) && !/^-[Rvcf]+$/.test(a)) modeArg = a;
    else rest.push(a);
  }
  const args = parseArgs({ ...ctx, argv: [ctx.argv[0], ...rest] }, [
    flag('c', 'changes'), flag('R', 'recursive'), flag(undefined, 'no-preserve-root'), flag(undefined, 'preserve-root'), flag(undefined, 'quiet', 'f'),
    withArg(undefined, 'reference'), flag('f', 'silent'), flag('v', 'verbose'),
  ]);
  if (typeof args === 'number') return args;
  const ops = [...args.operands];
  const usage = (msg: string) => {
    ctx.stderr.write(`chmod: ${msg}\nTry 'chmod --help' for more information.\n`);
    return 1;
  };
  const reference = args.last('reference');
  if (reference !== undefined) {
    // The reference file's permission bits replace the mode operand (chmod.c).
    const st = ctx.fs.stat(reference);
    if (!st) {
      ctx.stderr.write(`chmod: failed to get attributes of '${reference}': No such file or directory\n`);
      return 1;
    }
    if (modeArg !== undefined) ops.unshift(modeArg);
    if (!ops.length) return usage('missing operand');
    modeArg = (st.mode & 0o7777).toString(8).padStart(4, '0');
  }
  if (modeArg === undefined) modeArg = ops.shift();
  if (modeArg === undefined) return usage('missing operand');
  if (!ops.length) return usage(`missing operand after ${lq(modeArg)}`);
  if (applyMode(modeArg, 0o644, false) === null || /^[0-7]{5,}$/.test(modeArg) || /^[0-9]+$/.test(modeArg) && /[89]/.test(modeArg)) return usage(`invalid mode: ${lq(modeArg)}`);
  let status = 0;
  const apply = (path: string) => {
    const st = ctx.fs.stat(path);
    if (!st) return;
    const next = applyMode(modeArg!, st.mode, st.type === 'dir')!;
    ctx.fs.chmod(path, next);
    if (args.has('v') || (args.has('c') && next !== st.mode)) {
      const o = (m: number) => m.toString(8).padStart(4, '0');
      const s = (m: number) => modeString({ ...st, mode: m }).slice(1);
      ctx.stdout.write(next === st.mode ? `mode of '${path}' retained as ${o(next)} (${s(next)})\n` : `mode of '${path}' changed from ${o(st.mode)} (${s(st.mode)}) to ${o(next)} (${s(next)})\n`);
    }
  };
  for (const p of ops) {
    if (!ctx.fs.lstat(p)) {
      if (!args.has('f')) ctx.stderr.write(`chmod: cannot access '${p}': No such file or directory\n`);
      status = 1;
      continue;
    }
    try {
      if (args.has('R')) {
        for (const e of walk(ctx.fs, p, { followRoot: true })) if (e.stat.type !== 'symlink') apply(e.path);
      } else apply(p);
    } catch (e) {
      ctx.stderr.write(`chmod: changing permissions of '${p}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};
