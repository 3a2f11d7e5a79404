/** basename, dirname, realpath, readlink: path-name utilities. */
import type { CommandContext, Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { errorText, lq } from './lib/io';
import { FsError } from '../command';

export function dirnameOf(p: string): string {
  const t = p.replace(/\/+$/, '');
  if (t === '') return p.startsWith('/') ? '/' : '.';
  const i = t.lastIndexOf('/');
  if (i < 0) return '.';
  const d = t.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

export function basenameOf(p: string, suffix = ''): string {
  const t = p.replace(/\/+$/, '');
  if (t === '') return p.startsWith('/') ? '/' : '';
  let b = t.slice(t.lastIndexOf('/') + 1);
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  return b;
}

export const basename: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('a', 'multiple'), withArg('s', 'suffix'), flag('z', 'zero')]);
  if (typeof args === 'number') return args;
  const ops = args.operands;
  if (!ops.length) {
    ctx.stderr.write(`basename: missing operand\nTry 'basename --help' for more information.\n`);
    return 1;
  }
  const multiple = args.has('a') || args.has('s');
  if (!multiple && ops.length > 2) {
    ctx.stderr.write(`basename: extra operand ${lq(ops[2])}\nTry 'basename --help' for more information.\n`);
    return 1;
  }
  const suffix = args.last('s') ?? (multiple ? '' : (ops[1] ?? ''));
  const names = multiple ? ops : [ops[0]];
  ctx.stdout.write(names.map((n) => basenameOf(n, suffix) + (args.has('z') ? '\0' : '\n')).join(''));
  return 0;
};

export const dirname: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('z', 'zero')]);
  if (typeof args === 'number') return args;
  if (!args.operands.length) {
    ctx.stderr.write(`dirname: missing operand\nTry 'dirname --help' for more information.\n`);
    return 1;
  }
  ctx.stdout.write(args.operands.map((n) => dirnameOf(n) + (args.has('z') ? '\0' : '\n')).join(''));
  return 0;
};

/** Resolve every symlink. mode 'e': all must exist; 'f': all but the last; 'm': none. */
export function canonicalize(ctx: CommandContext, path: string, mode: 'e' | 'f' | 'm'): string {
  const parts = ctx.fs.resolve(path).split('/').filter(Boolean);
  let cur = '';
  let hops = 0;
  for (let i = 0; i < parts.length; i++) {
    const next = `${cur}/${parts[i]}`;
    const st = ctx.fs.lstat(next);
    const last = i === parts.length - 1;
    if (!st) {
      if (mode === 'm' || (mode === 'f' && last)) {
        cur = next;
        continue;
      }
      throw new FsError('ENOENT', path);
    }
    if (st.type === 'symlink') {
      if (++hops > 40) throw new FsError('ELOOP', path);
      const target = st.target ?? '';
      const base = target.startsWith('/') ? target : `${cur}/${target}`;
      const rest = parts.slice(i + 1);
      const resolved = ctx.fs.resolve(base).split('/').filter(Boolean);
      parts.splice(0, parts.length, ...resolved, ...rest);
      cur = '';
      i = -1;
      continue;
    }
    if (!last && st.type !== 'dir') {
      if (mode === 'm') {
        cur = next;
        continue;
      }
      throw new FsError('ENOTDIR', path);
    }
    cur = next;
  }
  return cur || '/';
}

/** Whether `path` is `dir` or lies under it (realpath.c path_prefix). */
function underDir(dir: string, path: string): boolean {
  return dir === '/' || path === dir || path.startsWith(`${dir}/`);
}

/** `path` relative to the directory `from`, both canonical (realpath.c relpath): up to their common prefix, then down. */
function relativePath(path: string, from: string): string {
  const a = path.split('/').filter(Boolean);
  const b = from.split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const parts = [...b.slice(common).map(() => '..'), ...a.slice(common)];
  return parts.length ? parts.join('/') : '.';
}

const REALPATH_SPECS = [
  flag('e', 'canonicalize-existing'), flag('m', 'canonicalize-missing'), withArg(undefined, 'relative-to'), withArg(undefined, 'relative-base'),
  flag('q', 'quiet'), flag('s', 'strip'), flag(undefined, 'no-symlinks', 's'), flag('z', 'zero'), flag('L', 'logical'), flag('P', 'physical'),
];

export const realpath: Program = async (ctx) => {
  const args = parseArgs(ctx, REALPATH_SPECS);
  if (typeof args === 'number') return args;
  if (!args.operands.length) {
    ctx.stderr.write(`realpath: missing operand\nTry 'realpath --help' for more information.\n`);
    return 1;
  }
  const canon = (p: string) => (args.has('s') ? ctx.fs.resolve(p) : canonicalize(ctx, p, args.has('e') ? 'e' : args.has('m') ? 'm' : 'f'));
  // --relative-base alone is also the directory to be relative to; a --relative-to outside the base drops both.
  const baseArg = args.last('relative-base');
  const toArg = args.last('relative-to') ?? baseArg;
  let relativeTo: string | undefined;
  let relativeBase: string | undefined;
  try {
    if (toArg !== undefined) relativeTo = canon(toArg);
    if (baseArg !== undefined) relativeBase = canon(baseArg);
  } catch (e) {
    ctx.stderr.write(`realpath: ${baseArg !== undefined && relativeTo !== undefined ? baseArg : toArg}: ${errorText(e)}\n`);
    return 1;
  }
  if (relativeBase !== undefined && relativeTo !== undefined && !underDir(relativeBase, relativeTo)) relativeTo = relativeBase = undefined;
  const end = args.has('z') ? '\0' : '\n';
  let status = 0;
  for (const p of args.operands) {
    try {
      const full = canon(p);
      const r = relativeTo === undefined || (relativeBase !== undefined && !underDir(relativeBase, full)) ? full : relativePath(full, relativeTo);
      ctx.stdout.write(r + end);
    } catch (e) {
      if (!args.has('q')) ctx.stderr.write(`realpath: ${p}: ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

export const readlink: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('f', 'canonicalize'), flag('e', 'canonicalize-existing'), flag('m', 'canonicalize-missing'), flag('n', 'no-newline'), flag('q', 'quiet'), flag('s', 'silent'), flag('v', 'verbose'), flag('z', 'zero')]);
  if (typeof args === 'number') return args;
  if (!args.operands.length) {
    ctx.stderr.write(`readlink: missing operand\nTry 'readlink --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  const nl = args.has('n') ? '' : '\n';
  for (const p of args.operands) {
    const canon = args.has('f') ? 'f' : args.has('e') ? 'e' : args.has('m') ? 'm' : null;
    try {
      if (canon) ctx.stdout.write(canonicalize(ctx, p, canon) + nl);
      else {
        const st = ctx.fs.lstat(p);
        if (!st || st.type !== 'symlink') {
          if (args.has('v')) ctx.stderr.write(`readlink: ${p}: ${st ? 'Invalid argument' : 'No such file or directory'}\n`);
          status = 1;
          continue;
        }
        ctx.stdout.write((st.target ?? '') + nl);
      }
    } catch (e) {
      if (args.has('v')) ctx.stderr.write(`readlink: ${p}: ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};
