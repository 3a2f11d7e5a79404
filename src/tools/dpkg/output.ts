/** What an action writes and returns, kept apart from the shell so that the actions stay plain functions. */
export interface Io {
  out(text: string): void;
  /** `dpkg-query: TEXT` on stderr (dpkg's notice()). */
  notice(text: string): void;
  err(text: string): void;
  /** Output that dpkg-query sends through its pager on a terminal (the -l listing). */
  paged(text: string): void;
}

/** An error that ends the program: `PROG: error: MESSAGE` on stderr, exit 2 (dpkg's ohshit()). */
export class Fatal extends Error {}
