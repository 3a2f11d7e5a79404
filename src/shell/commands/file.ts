/** file: a basic guess of file types from content (text, scripts, ELF, gzip, tar, JSON, YAML-ish). */
import type { Program } from '../command';
import { flag, parseArgs } from './lib/args';
import { isGzip, TAR_MAGIC } from './lib/archive';

function describe(data: string): string {
  if (data === '') return 'empty';
  if (data.startsWith('\u007fELF')) return 'ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2, stripped';
  if (isGzip(data)) return 'gzip compressed data, from Unix';
  if (data.startsWith(TAR_MAGIC)) return 'POSIX tar archive (GNU)';
  const ascii = /^[\x09\x0a\x0d\x20-\x7e]*$/.test(data);
  const utf8 = !ascii && !/[\x00-\x08\x0e-\x1f]/.test(data);
  const kind = ascii ? 'ASCII text' : utf8 ? 'Unicode text, UTF-8 text' : 'data';
  if (kind === 'data') return 'data';
  const long = data.split('\n').some((l) => l.length > 300) ? ', with very long lines' : '';
  const noEol = data.endsWith('\n') ? '' : ', with no line terminators';
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(data);
  if (shebang) {
    const interp = (shebang[1].endsWith('/env') ? shebang[2] : shebang[1].split('/').pop()) ?? '';
    const name = interp === 'bash' ? 'Bourne-Again shell script' : interp === 'sh' ? 'POSIX shell script' : interp.startsWith('python') ? 'Python script' : `${interp} script`;
    return `${name}, ${kind} executable${long}${noEol}`;
  }
  if (/^\s*[{[]/.test(data)) {
    try {
      JSON.parse(data);
      return 'JSON text data';
    } catch {
      /* not JSON */
    }
  }
  return `${kind}${long}${noEol}`;
}

export const file: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('b', 'brief'), flag('L', 'dereference'), flag('i', 'mime'), flag('z', 'uncompress')]);
  if (typeof args === 'number') return args;
  if (!args.operands.length) {
    ctx.stderr.write(`Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]\n`);
    return 1;
  }
  let out = '';
  const width = Math.max(...args.operands.map((f) => f.length)) + 1;
  for (const f of args.operands) {
    const st = args.has('L') ? ctx.fs.stat(f) : ctx.fs.lstat(f);
    let desc: string;
    if (!st) desc = `cannot open \`${f}' (No such file or directory)`;
    else if (st.type === 'dir') desc = 'directory';
    else if (st.type === 'symlink') desc = `symbolic link to ${st.target}`;
    else if (st.type === 'chardev') desc = 'character special (1/3)';
    else desc = describe(ctx.fs.readFile(f));
    out += args.has('b') ? `${desc}\n` : `${(f + ':').padEnd(width)} ${desc}\n`;
  }
  ctx.stdout.write(out);
  return 0;
};
