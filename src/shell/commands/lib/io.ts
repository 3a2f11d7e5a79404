/**
 * Small I/O helpers shared by the programs: errno texts, reading operands ("-" is stdin),
 * splitting text into lines the way line-oriented tools see it.
 */
import { FsError, type CommandContext, type FsErrorCode } from '../../command';

const ERRNO_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
};

export function errnoText(code: FsErrorCode): string {
  return ERRNO_TEXT[code] ?? code;
}

/** The text of any error a file operation may throw. */
export function errorText(e: unknown): string {
  if (e instanceof FsError) return errnoText(e.code);
  if (e instanceof Error) return e.message;
  return String(e);
}

export function progName(ctx: CommandContext): string {
  return ctx.argv[0] ?? '';
}

/** `prog: msg\n` to stderr. */
export function warn(ctx: CommandContext, msg: string): void {
  ctx.stderr.write(`${progName(ctx)}: ${msg}\n`);
}

/**
 * Read a named input ("-" means stdin). Returns the text, or null after printing
 * `prog: NAME: error` (the coreutils wording).
 */
export async function readInput(ctx: CommandContext, name: string, label: string = name): Promise<string | null> {
  if (name === '-') return ctx.stdin.readAll();
  try {
    const st = ctx.fs.stat(name);
    if (st && st.type === 'dir') throw new FsError('EISDIR', name);
    return ctx.fs.readFile(name);
  } catch (e) {
    warn(ctx, `${label}: ${errorText(e)}`);
    return null;
  }
}

/** Split into lines; a missing final newline still ends a line. Returns the lines and whether the last ended with \n. */
export function splitLines(text: string, sep = '\n'): { lines: string[]; trailing: boolean } {
  if (text === '') return { lines: [], trailing: true };
  const trailing = text.endsWith(sep);
  const lines = text.split(sep);
  if (trailing) lines.pop();
  return { lines, trailing };
}

/** Quote a file name as coreutils does in messages ('x' with shell quoting when needed). */
export function quoteName(name: string): string {
  if (name.includes("'")) return `"${name}"`;
  return `'${name}'`;
}

export function isAborted(ctx: CommandContext): boolean {
  return ctx.signal.aborted;
}

/** coreutils' quote() in a UTF-8 locale: ‘x’. */
export function lq(s: string): string {
  return `‘${s}’`;
}

/** Byte length of a string as UTF-8. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A byte that is no UTF-8 travels as U+DC80+byte (see byte-text): one byte.
    if (c < 0x80 || (c >= 0xdc80 && c <= 0xdcff)) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Read one operand for programs that say `cannot open 'x' for reading` (head, tail). */
export async function readForReading(ctx: CommandContext, name: string): Promise<string | null> {
  if (name === '-') return ctx.stdin.readAll();
  try {
    const st = ctx.fs.stat(name);
    if (st && st.type === 'dir') {
      warn(ctx, `error reading ${quoteName(name)}: Is a directory`);
      return null;
    }
    return ctx.fs.readFile(name);
  } catch (e) {
    warn(ctx, `cannot open ${quoteName(name)} for reading: ${errorText(e)}`);
    return null;
  }
}
