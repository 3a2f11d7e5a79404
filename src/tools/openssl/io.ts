/** Reading inputs (files or stdin) and writing outputs (-out or stdout), with OpenSSL 3's errors. */
import { FsError, type CommandContext } from '../../shell/command';

/** The thread-id-like prefix OpenSSL puts on error-queue lines (fixed: outputs stay repeatable). */
export const ERR_PREFIX = '40F7D8C1F07F0000';

/** The text of a file (or stdin when path is undefined or '-'), or undefined after the open error. */
export async function loadInput(ctx: CommandContext, path: string | undefined, what: string): Promise<{ text: string; name: string } | undefined> {
  if (path === undefined || path === '-') return { text: await ctx.stdin.readAll(), name: '<stdin>' };
  try {
    return { text: ctx.fs.readFile(path), name: path };
  } catch (e) {
    const code = e instanceof FsError ? e.code : 'ENOENT';
    // A directory opens as a store that holds nothing to read.
    if (code === 'EISDIR') return { text: '', name: path };
    const unregistered = `${ERR_PREFIX}:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n`;
    // stat() succeeds on an unreadable file: the failure comes from fopen.
    const cause =
      code === 'EACCES'
        ? `${ERR_PREFIX}:error:8000000D:system library:BIO_new_file:Permission denied:../crypto/bio/bss_file.c:67:calling fopen(${path}, rb)\n` +
          `${ERR_PREFIX}:error:10080002:BIO routines:BIO_new_file:system lib:../crypto/bio/bss_file.c:77:\n`
        : `${ERR_PREFIX}:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:267:calling stat(${path})\n`;
    ctx.stderr.write(`Could not open file or uri for loading ${what} from ${path}\n${unregistered}${cause}`);
    return undefined;
  }
}

/** A plain BIO read (dgst, rand -in …): `nosuch: No such file or directory` and the BIO lines. */
export function readPlainFile(ctx: CommandContext, path: string): string | undefined {
  try {
    return ctx.fs.readFile(path);
  } catch {
    ctx.stderr.write(
      `${path}: No such file or directory\n` +
        `${ERR_PREFIX}:error:80000002:system library:file_ctrl:No such file or directory:../crypto/bio/bss_file.c:297:calling fopen(${path}, r)\n` +
        `${ERR_PREFIX}:error:10080002:BIO routines:file_ctrl:system lib:../crypto/bio/bss_file.c:300:\n`,
    );
    return undefined;
  }
}

/** Write to -out FILE or stdout; false after printing the error. */
export function writeOutput(ctx: CommandContext, path: string | undefined, text: string, mode?: number): boolean {
  if (path === undefined || path === '-') {
    ctx.stdout.write(text);
    return true;
  }
  try {
    ctx.fs.writeFile(path, text, mode === undefined ? undefined : { mode });
    return true;
  } catch (e) {
    const reason = e instanceof FsError && e.code === 'EACCES' ? 'Permission denied' : e instanceof FsError && e.code === 'EISDIR' ? 'Is a directory' : 'No such file or directory';
    ctx.stderr.write(
      `${ERR_PREFIX}:error:80000002:system library:BIO_new_file:${reason}:../crypto/bio/bss_file.c:67:calling fopen(${path}, w)\n` +
        `${ERR_PREFIX}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n`,
    );
    return false;
  }
}
