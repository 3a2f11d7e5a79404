/** rm: remove files (-f), directories (-r/-R, -d), verbosely (-v); refuses '/', '.' and '..'. */
import type { Program } from '../command';
import { flag, parseArgs } from './lib/args';
import { errorText } from './lib/io';

const SPECS = [flag('f', 'force'), flag('r', 'recursive'), flag('R', undefined, 'r'), flag('d', 'dir'), flag('i', undefined, 'i'), flag('I', undefined, 'I'), flag('v', 'verbose'), flag(undefined, 'no-preserve-root'), flag(undefined, 'preserve-root'), flag(undefined, 'one-file-system'), flag(undefined, '-presume-input-tty')];

export const rm: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  const force = args.has('f');
  if (!args.operands.length) {
    if (force) return 0;
    ctx.stderr.write(`rm: missing operand\nTry 'rm --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  for (const p of args.operands) {
    const base = p.replace(/\/+$/, '').split('/').pop();
    if (base === '.' || base === '..') {
      ctx.stderr.write(`rm: refusing to remove '.' or '..' directory: skipping '${p}'\n`);
      status = 1;
      continue;
    }
    if (ctx.fs.resolve(p) === '/' && args.has('r') && !args.has('no-preserve-root')) {
      ctx.stderr.write(`rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`);
      status = 1;
      continue;
    }
    const st = ctx.fs.lstat(p);
    if (!st) {
      if (!force) {
        ctx.stderr.write(`rm: cannot remove '${p}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (st.type === 'dir') {
      if (!args.has('r') && !args.has('d')) {
        ctx.stderr.write(`rm: cannot remove '${p}': Is a directory\n`);
        status = 1;
        continue;
      }
      if (!args.has('r') && ctx.fs.readdir(p).length) {
        ctx.stderr.write(`rm: cannot remove '${p}': Directory not empty\n`);
        status = 1;
        continue;
      }
    }
    try {
      if (args.has('v') && st.type === 'dir' && args.has('r')) {
        for (const line of verboseTree(ctx.fs, p)) ctx.stdout.write(line);
      }
      ctx.fs.remove(p, { recursive: args.has('r') });
      if (args.has('v')) ctx.stdout.write(st.type === 'dir' ? `removed directory '${p}'\n` : `removed '${p}'\n`);
    } catch (e) {
      ctx.stderr.write(`rm: cannot remove '${p}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

function verboseTree(fs: import('../command').FileAccess, dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdir(dir)) {
    const p = `${dir.replace(/\/$/, '')}/${name}`;
    const st = fs.lstat(p);
    if (st?.type === 'dir') {
      out.push(...verboseTree(fs, p));
      out.push(`removed directory '${p}'\n`);
    } else out.push(`removed '${p}'\n`);
  }
  return out;
}
