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
  return ctx.argv[0]?.split('/').pop() ?? '';
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
