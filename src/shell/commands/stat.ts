/** stat: GNU's default multi-line format, and -c/--format with the common % sequences. */
import type { CommandContext, FileStat, Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { modeString } from './lib/mode';
import { groupName, userName } from './lib/users';
import { inodeNumberFor } from '../../sim/machine/fs';

function fullTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000000 +0000`;
}

/** The file's inode number, as its filesystem numbers it (ls -i shows the same). */
function inodeOf(st: FileStat, path: string): number {
  return st.ino ?? inodeNumberFor(path);
}

function typeName(st: FileStat): string {
  if (st.type === 'dir') return 'directory';
  if (st.type === 'symlink') return 'symbolic link';
  if (st.type === 'chardev') return 'character special file';
  return st.size === 0 ? 'regular empty file' : 'regular file';
}

function blocks512(st: FileStat): number {
  if (st.type === 'dir') return 8;
  if (st.type !== 'file') return 0;
  return Math.ceil(st.size / 4096) * 8;
}

function format(ctx: CommandContext, fmt: string, name: string, st: FileStat): string {
  const abs = ctx.fs.resolve(name);
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'n':
        return name;
      case 'N':
        return st.type === 'symlink' ? `'${name}' -> '${st.target}'` : `'${name}'`;
      case 's':
        return String(st.size);
      case 'a':
        return (st.mode & 0o7777).toString(8);
      case 'A':
        return modeString(st);
      case 'f':
        return ((st.type === 'dir' ? 0o40000 : st.type === 'symlink' ? 0o120000 : 0o100000) | st.mode).toString(16);
      case 'F':
        return typeName(st);
      case 'u':
        return String(st.uid);
      case 'U':
        return userName(ctx, st.uid);
      case 'g':
        return String(st.gid);
      case 'G':
        return groupName(ctx, st.gid);
      case 'h':
        return String(st.nlink);
      case 'i':
        return String(inodeOf(st, abs));
      case 'b':
        return String(blocks512(st));
      case 'B':
        return '512';
      case 'o':
        return '4096';
      case 'y':
      case 'x':
      case 'z':
      case 'w':
        return fullTime(st.mtimeMs);
      case 'Y':
      case 'X':
      case 'Z':
      case 'W':
        return String(Math.floor(st.mtimeMs / 1000));
      case 'd':
        return '2049';
      case 'D':
        return '801';
      case 'm':
        return '/';
      case '%':
        return '%';
      default:
        return m;
    }
  });
}

export const stat: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('L', 'dereference'), withArg('c', 'format'), withArg(undefined, 'printf'), flag('t', 'terse'), flag('f', 'file-system')]);
  if (typeof args === 'number') return args;
  if (!args.operands.length) {
    ctx.stderr.write(`stat: missing operand\nTry 'stat --help' for more information.\n`);
    return 1;
  }
  let status = 0;
  let out = '';
  for (const name of args.operands) {
    const st = args.has('L') ? ctx.fs.stat(name) : ctx.fs.lstat(name);
    if (!st) {
      ctx.stderr.write(`stat: cannot statx '${name}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const fmt = args.last('c');
    if (fmt !== undefined) {
      out += format(ctx, fmt, name, st) + '\n';
      continue;
    }
    const pf = args.last('printf');
    if (pf !== undefined) {
      out += format(ctx, pf.replace(/\\n/g, '\n').replace(/\\t/g, '\t'), name, st);
      continue;
    }
    const t = fullTime(st.mtimeMs);
    const fileLine = st.type === 'symlink' ? `  File: ${name} -> ${st.target}` : `  File: ${name}`;
    out += `${fileLine}\n`;
    out += `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(blocks512(st)).padEnd(10)} IO Block: 4096   ${typeName(st)}\n`;
    out += `Device: 8,1\tInode: ${String(inodeOf(st, ctx.fs.resolve(name))).padEnd(11)} Links: ${st.nlink}\n`;
    const mode = `(${(st.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(st)})`;
    out += `Access: ${mode}  Uid: (${String(st.uid).padStart(5)}/${userName(ctx, st.uid).padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${groupName(ctx, st.gid).padStart(8)})\n`;
    out += `Access: ${t}\nModify: ${t}\nChange: ${t}\n Birth: -\n`;
  }
  ctx.stdout.write(out);
  return status;
};
