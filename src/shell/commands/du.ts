/** du: disk usage in 1K blocks (4K per started block), -s -h -a -c -d/--max-depth. */
import type { Program, FileStat } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { humanSize } from './lib/human';
import { joinPath } from './lib/walk';

function ownBlocks(st: FileStat): number {
  if (st.type === 'dir') return 4;
  if (st.type === 'file') return Math.ceil(st.size / 4096) * 4;
  return 0;
}

export const du: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('s', 'summarize'), flag('h', 'human-readable'), flag('a', 'all'), flag('c', 'total'), withArg('d', 'max-depth'), flag('k', undefined, 'k'), flag('m', undefined, 'm'), flag('b', 'bytes'), flag('x', 'one-file-system'), flag('0', 'null')]);
  if (typeof args === 'number') return args;
  // -0 ends each line with NUL instead of newline.
  const eol = args.has('0') ? '\0' : '\n';
  const maxDepth = args.has('s') ? 0 : args.has('d') ? Number(args.last('d')) : Infinity;
  const fmt = (kb: number) => (args.has('h') ? humanSize(kb * 1024) : args.has('m') ? String(Math.ceil(kb / 1024)) : String(kb));
  let out = '';
  let status = 0;
  let total = 0;
  const visit = (path: string, depth: number): number => {
    const st = ctx.fs.lstat(path);
    if (!st) return 0;
    let size = ownBlocks(st);
    if (st.type === 'dir') {
      for (const n of ctx.fs.readdir(path)) size += visit(joinPath(path, n), depth + 1);
      if (depth <= maxDepth) out += `${fmt(size)}\t${path}${eol}`;
    } else if ((args.has('a') && depth <= maxDepth) || depth === 0) out += `${fmt(size)}\t${path}${eol}`;
    return size;
  };
  for (const p of args.operands.length ? args.operands : ['.']) {
    if (!ctx.fs.lstat(p)) {
      ctx.stdout.write(out);
      out = '';
      ctx.stderr.write(`du: cannot access '${p}': No such file or directory\n`);
      status = 1;
      continue;
    }
    total += visit(p, 0);
  }
  if (args.has('c')) out += `${fmt(total)}\ttotal${eol}`;
  ctx.stdout.write(out);
  return status;
};
