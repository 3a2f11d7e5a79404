/** `nano` as a program of the shell: GNU nano 6.2 on the tty, files through the process's view. */
import { FsError, type CommandContext, type Program } from '../../../shell/command';
import { runFullScreen } from '../run';
import { NanoEditor } from './editor';

function readFile(ctx: CommandContext, path: string): { text: string | null; message?: string } {
  try {
    const st = ctx.fs.stat(path);
    if (st?.type === 'dir') return { text: null, message: `"${path}" is a directory` };
    return { text: ctx.fs.readFile(path) };
  } catch (err) {
    if (err instanceof FsError && err.code === 'EACCES') return { text: '', message: `Error reading ${path}: Permission denied` };
    return { text: null };
  }
}

export const nanoProgram: Program = async (ctx) => {
  const file = ctx.argv.slice(1).find((a) => !a.startsWith('-') && !a.startsWith('+')) ?? '';
  if (!ctx.tty) {
    ctx.stderr.write('Too many errors from stdin\n');
    return 1;
  }
  const opened = file ? readFile(ctx, file) : { text: null as string | null, message: undefined };
  const editor = new NanoEditor({
    fileName: file,
    text: opened.text,
    cols: ctx.tty.columns,
    rows: ctx.tty.rows,
    message: opened.message ?? (file ? undefined : ''),
    host: {
      writeFile: (path, content) => {
        try {
          ctx.fs.writeFile(path, content);
          return undefined;
        } catch (err) {
          if (err instanceof FsError) return err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EISDIR' ? 'Is a directory' : 'Permission denied';
          return 'Permission denied';
        }
      },
    },
  });
  if (!file) editor.status = undefined;
  await runFullScreen(ctx.tty, editor);
  return 0;
};
