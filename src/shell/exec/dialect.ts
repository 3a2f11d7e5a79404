/**
 * The three shells a learner meets, and the words each has for the failures they share:
 *
 * - bash (the hosts' login shell): `bash: /x/y: No such file or directory`, status 1;
 * - dash (/bin/sh on Ubuntu and Debian, and in every Debian-based image: nginx, httpd, redis…):
 *   `sh: 1: cannot create /x/y: Directory nonexistent`, status 2 (dash's redir.c openredirect
 *   and error.c errmsg: ENOENT and ENOTDIR have words of their own, "No such file" when opening
 *   and "Directory nonexistent" when creating);
 * - ash (busybox's sh, in the busybox, alpine and curl images): `sh: can't create /x/y:
 *   nonexistent directory`, status 1 (shell/ash.c openredirect and errmsg at 1_36_1).
 *
 * In dash and ash a redirection that fails on a special builtin (`:`, `exec`…) ends a shell that
 * is not interactive, with that status. Observed on dash 0.5.12 and a build of busybox 1_36_1.
 * ash runs our bash interpreter's grammar (busybox ash has most of bash's extensions) and speaks
 * with these words.
 */
import { FsError } from '../command';
import { errnoText } from '../commands/lib/io';

export type ShellDialect = 'bash' | 'dash' | 'ash';

/** A redirection whose file could not be opened: for reading (`<`) or for writing. */
export interface RedirectFailure {
  kind: 'open' | 'create';
  path: string;
  error: FsError;
}

/** ENOENT and ENOTDIR: the errors dash and ash name in their own words. */
function missing(e: FsError): boolean {
  return e.code === 'ENOENT' || e.code === 'ENOTDIR';
}

/** The message of a failed redirection, without the shell's prefix. */
export function redirectFailureText(dialect: ShellDialect, f: RedirectFailure): string {
  const e = f.error;
  switch (dialect) {
    case 'dash':
      return `cannot ${f.kind} ${f.path}: ${missing(e) ? (f.kind === 'open' ? 'No such file' : 'Directory nonexistent') : errnoText(e.code)}`;
    case 'ash':
      return `can't ${f.kind} ${f.path}: ${missing(e) ? (f.kind === 'open' ? 'no such file' : 'nonexistent directory') : errnoText(e.code)}`;
    default:
      return `${f.path}: ${errnoText(e.code)}`;
  }
}

/** The status of a command whose redirection failed (and of the shell it ends). */
export const REDIRECT_FAILURE_STATUS: Record<ShellDialect, number> = { bash: 1, dash: 2, ash: 1 };

/** Does a failed redirection on a special builtin end a non-interactive shell? (POSIX 2.8.1; bash only in posix mode.) */
export function redirectEndsShell(dialect: ShellDialect): boolean {
  return dialect !== 'bash';
}

/**
 * cd's message when the directory cannot be entered (`dir` as the user wrote it), after the
 * shell's `cd: `: bash names the error, dash does not (cd.c: "can't cd to %s"), ash does after it.
 */
export function cdFailureText(dialect: ShellDialect, dir: string, error: string): string {
  if (dialect === 'dash') return `can't cd to ${dir}`;
  if (dialect === 'ash') return `can't cd to ${dir}: ${error}`;
  return `${dir}: ${error}`;
}

/** The status of that failure: dash and ash raise an error (2), bash returns 1. */
export const CD_FAILURE_STATUS: Record<ShellDialect, number> = { bash: 1, dash: 2, ash: 2 };
