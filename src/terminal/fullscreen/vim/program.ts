/**
 * `vim` / `vi` as a program of the shell: opens the file through the process's filesystem view,
 * runs the editor on the tty, writes through the same view (so permissions apply). Without a
 * terminal it warns like Vim and reads its keys from stdin, so `vim -c`-less scripts still work.
 */
import { FsError, type CommandContext, type Program } from '../../../shell/command';
import { runFullScreen } from '../run';
import { VimEditor } from './editor';
import type { VimHost } from './state';

function hostFor(ctx: CommandContext): VimHost {
  return {
    now: () => ctx.clock.now(),
    exists: (path) => {
      try {
        return ctx.fs.stat(path) !== null;
      } catch {
        return false;
      }
    },
    writeFile: (path, content) => {
      try {
        const st = ctx.fs.stat(path);
        if (st?.type === 'dir') return 'E502: is a directory';
        ctx.fs.writeFile(path, content);
        return undefined;
      } catch (err) {
        if (err instanceof FsError) return "E212: Can't open file for writing";
        return "E212: Can't open file for writing";
      }
    },
  };
}

interface OpenResult {
  text: string | null;
  message?: { text: string; kind: 'info' | 'error' | 'warning' };
}

function open(ctx: CommandContext, path: string | undefined): OpenResult {
  if (!path) return { text: '' };
  try {
    const st = ctx.fs.stat(path);
    if (st?.type === 'dir') return { text: '', message: { text: `"${path}" is a directory`, kind: 'info' } };
    return { text: ctx.fs.readFile(path) };
  } catch (err) {
    if (err instanceof FsError && err.code === 'EACCES') return { text: '', message: { text: `"${path}" [Permission Denied]`, kind: 'info' } };
    return { text: null };
  }
}

export const vimProgram: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let file: string | undefined;
  let startLine: string | undefined;
  for (const a of args) {
    if (/^\+/.test(a)) startLine = a.slice(1) || '$';
    else if (a === '--') continue;
    else if (a.startsWith('-') && a !== '-') continue;
    else if (!file) file = a;
  }
  const opened = open(ctx, file);
  const tty = ctx.tty;
  const editor = new VimEditor({
    fileName: file,
    text: opened.text,
    cols: tty?.columns ?? 80,
    rows: tty?.rows ?? 24,
    host: hostFor(ctx),
    message: opened.message,
  });
  if (startLine) {
    // `vim +N file` jumps like `:N` but keeps the file's message on the command line.
    const message = editor.message;
    editor.feed(`:${startLine}\r`);
    editor.message = message;
  }
  if (!tty) {
    // As Vim with stdout and stdin not on a terminal: both warnings, then keys from stdin.
    ctx.stderr.write('Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n');
    const input = await ctx.stdin.readAll();
    if (input) editor.feed(input.replace(/\n/g, '\r'));
    if (!editor.quit) {
      ctx.stdout.write('Vim: Error reading input, exiting...\nVim: Finished.\n');
      return 1;
    }
    return 0;
  }
  await runFullScreen(tty, editor);
  return 0;
};
