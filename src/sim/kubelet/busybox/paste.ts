/**
 * busybox paste (coreutils/paste.c at 1_36_1), whose line joining is not GNU's: a file that has
 * ended gives nothing, not even its delimiter, so lines go short instead of padded, and when the
 * last file has ended a line closes with the delimiter of the one before it. Every file is opened
 * first; one that cannot be opened ends paste before any output. -s is as GNU's.
 */
import type { Program } from '../../../shell/command';
import { errorText } from '../../../shell/commands/lib/io';
import { getopt } from './getopt';

/** strcpy_and_process_escape_sequences: C escapes and octal; an unknown one stays as it is. */
function unescape(text: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v' };
  return text.replace(/\\([0-7]{1,3}|.)/g, (all, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : simple[e] ?? all));
}

export function busyboxPaste(gnuPaste: Program): Program {
  return async (p) => {
    const { seen, operands } = getopt(p.argv.slice(1), 's', 'd', true);
    if (seen.has('s')) return gnuPaste(p);
    const list = seen.get('d')?.at(-1);
    if (list === '') {
      p.stderr.write("paste: -d '' is not supported\n");
      return 1;
    }
    const delims = unescape(list ?? '\t');
    const names = operands.length ? operands : ['-'];
    let stdin: string[] | undefined;
    const files: string[][] = [];
    const cursors: number[] = [];
    for (const name of names) {
      try {
        if (name === '-') stdin ??= lines(await p.stdin.readAll());
        files.push(name === '-' ? stdin! : lines(p.fs.readFile(name)));
      } catch (e) {
        p.stderr.write(`paste: ${name}: ${errorText(e)}\n`);
        return 1;
      }
      cursors.push(0);
    }
    // '-' named twice reads one stream: each takes the next line of it.
    const stdinAt = { n: 0 };
    const next = (i: number): string | undefined => (names[i] === '-' ? files[i][stdinAt.n++] : files[i][cursors[i]++]);
    const done = new Set<number>();
    let out = '';
    while (done.size < files.length) {
      let d = 0;
      for (let i = 0; i < files.length; i++) {
        if (done.has(i)) continue;
        const line = next(i);
        if (line === undefined) {
          done.add(i);
          continue;
        }
        let delim = '\n';
        if (i !== files.length - 1) {
          delim = delims[d++];
          if (d === delims.length) d = 0;
        }
        out += line + (delim === '\0' ? '' : delim);
      }
    }
    p.stdout.write(out);
    return 0;
  };
}

/** xmalloc_fgetline's lines: without their newline, a last one without it too. */
function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}
