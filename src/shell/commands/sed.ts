/**
 * sed (GNU 4.x): -n -e -f -E/-r -i[SUFFIX] -s -z; the script language is in ./sed/.
 * Exit 1 for a bad script, 2 for an unreadable input, 4 for an I/O error, or the q/Q code.
 */
import { FsError, type CommandContext, type Program } from '../command';
import { flag, optArg, parseArgs, withArg } from './lib/args';
import { errorText } from './lib/io';
import { parseScript, SedError, SedLabelError, type Command } from './sed/script';
import { SedInterrupted, SedMachine, SedRuntimeError, type SedInput, type SedIO } from './sed/run';
import { TimeSlice } from '../exec/time-slice';
import { PIPE_CAPACITY } from '../exec/streams';
import { SED_USAGE } from './sed/usage';

const SPECS = [
  flag('n', 'quiet'),
  flag(undefined, 'silent', 'n'),
  withArg('e', 'expression'),
  withArg('f', 'file'),
  flag('E', 'regexp-extended'),
  flag('r', undefined, 'E'),
  optArg('i', 'in-place'),
  flag('s', 'separate'),
  flag('z', 'null-data'),
  flag(undefined, 'zero-terminated', 'z'),
  // -b (binary) only means something on systems that tell text from binary files.
  flag('b', 'binary'),
  flag('u', 'unbuffered'),
  withArg('l', 'line-length'),
  flag(undefined, 'posix'),
  flag(undefined, 'debug'),
  flag(undefined, 'sandbox'),
  flag(undefined, 'follow-symlinks'),
];

interface Stream {
  name: string;
  text: string;
}

/** Lines of several inputs as one stream, with look-ahead for `$`; standard input is read as it arrives. */
class LineStream implements SedInput {
  private lines: { line: string; newline: boolean; file: string }[] = [];
  private index = -1;
  private lineNo = 0;
  private pending: (Stream | { name: '-'; stdin: () => Promise<string | null> })[];
  private partial = '';
  constructor(
    streams: (Stream | { name: '-'; stdin: () => Promise<string | null> })[],
    private sep: string,
    private onWait: () => void = () => {},
  ) {
    this.pending = [...streams];
  }
  private push(text: string, file: string, final: boolean) {
    const all = this.partial + text;
    const parts = all.split(this.sep);
    this.partial = final ? '' : parts.pop()!;
    if (final) {
      const trailing = all.endsWith(this.sep) || all === '';
      if (trailing) parts.pop();
      parts.forEach((line, i) => this.lines.push({ line, newline: i < parts.length - 1 || trailing, file }));
    } else parts.forEach((line) => this.lines.push({ line, newline: true, file }));
  }
  /** Enough is known: the next line is complete, and whether anything follows it (GNU sed peeks one character). */
  private known(): boolean {
    const ahead = this.lines.length - this.index - 1;
    return ahead >= 2 || (ahead === 1 && this.partial !== '');
  }
  async fill() {
    while (!this.known() && this.pending.length) {
      const s = this.pending[0];
      if ('text' in s) {
        this.pending.shift();
        this.push(s.text, s.name, true);
        continue;
      }
      this.onWait();
      const chunk = await s.stdin();
      if (chunk === null) {
        this.pending.shift();
        this.push('', '-', true);
      } else this.push(chunk, '-', false);
    }
  }
  next() {
    if (this.index + 1 >= this.lines.length) return null;
    this.index++;
    this.lineNo++;
    const l = this.lines[this.index];
    // Forget consumed lines now and then: a live pipe may run for a long time.
    if (this.index > 4096) {
      this.lines = this.lines.slice(this.index);
      this.index = 0;
    }
    return { line: l.line, newline: l.newline };
  }
  isLast() {
    return this.index >= this.lines.length - 1 && this.pending.length === 0 && this.partial === '';
  }
  fileName() {
    return this.lines[this.index]?.file ?? '-';
  }
  lineNumber() {
    return this.lineNo;
  }
}

function scriptChunks(ctx: CommandContext, args: NonNullable<Exclude<ReturnType<typeof parseArgs>, number>>, operands: string[]) {
  const chunks: { text: string; where: (pos: number) => string }[] = [];
  let exprNo = 0;
  for (const o of args.order) {
    if (o.key === 'e') {
      const n = ++exprNo;
      chunks.push({ text: o.value, where: (pos) => `-e expression #${n}, char ${pos}` });
    } else if (o.key === 'f') {
      let text: string;
      try {
        text = o.value === '-' ? '' : ctx.fs.readFile(o.value);
      } catch (e) {
        throw new SedError(`couldn't open file ${o.value}: ${errorText(e)}`);
      }
      const t = text.endsWith('\n') ? text.slice(0, -1) : text;
      chunks.push({ text: t, where: (pos) => `file ${o.value} line ${t.slice(0, pos).split('\n').length}` });
    }
  }
  if (!chunks.length) {
    if (!operands.length) return null;
    const text = operands.shift()!;
    chunks.push({ text, where: (pos) => `-e expression #1, char ${pos}` });
  }
  return chunks;
}

export const sed: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS, { tryLine: SED_USAGE.replace(/\n$/, '') });
  if (typeof args === 'number') return args;
  const operands = [...args.operands];
  let cmds: Command[];
  try {
    const chunks = scriptChunks(ctx, args, operands);
    if (!chunks) {
      ctx.stderr.write(SED_USAGE);
      return 1;
    }
    cmds = parseScript(chunks, args.has('E'));
  } catch (e) {
    if (e instanceof SedError) {
      ctx.stderr.write(`sed: ${e.message}\n`);
      return e instanceof SedLabelError ? 4 : 1;
    }
    throw e;
  }
  const sep = args.has('z') ? '\0' : '\n';
  const inPlace = args.has('i');
  const suffix = args.last('i') ?? '';
  const separate = inPlace || args.has('s');
  const files = operands.length ? operands : ['-'];
  let status = 0;

  const wFiles = new Map<string, string>();
  const rFileLines = new Map<string, string[]>();
  let out = '';
  const io: SedIO = {
    out: (t) => {
      out += t;
    },
    readFile: (p) => {
      try {
        return p === '/dev/stdin' ? null : ctx.fs.readFile(p);
      } catch {
        return null;
      }
    },
    writeFile: (p, t) => {
      if (p === '/dev/stdout') out += t;
      else if (p === '/dev/stderr') ctx.stderr.write(t);
      else wFiles.set(p, (wFiles.get(p) ?? '') + t);
    },
    readLineOf: (p) => {
      if (!rFileLines.has(p)) {
        let lines: string[] = [];
        try {
          lines = ctx.fs.readFile(p).split('\n');
          if (lines[lines.length - 1] === '') lines.pop();
        } catch {
          /* a missing R file reads as empty */
        }
        rFileLines.set(p, lines);
      }
      return rFileLines.get(p)!.shift() ?? null;
    },
  };
  for (const c of cmds) {
    if (c.file && (c.name === 'w' || c.name === 'W' || c.name === 's') && c.file !== '/dev/stdout' && c.file !== '/dev/stderr') wFiles.set(c.file, '');
  }

  const readStream = async (name: string): Promise<Stream | null> => {
    if (name === '-') return inPlace ? null : { name: '-', text: await ctx.stdin.readAll() };
    try {
      const st = ctx.fs.stat(name);
      if (!st) throw new FsError('ENOENT', name);
      if (st.type === 'dir') {
        ctx.stderr.write(inPlace ? `sed: couldn't edit ${name}: not a regular file\n` : `sed: read error on ${name}: Is a directory\n`);
        status = inPlace ? 4 : 2;
        return null;
      }
      return { name, text: ctx.fs.readFile(name) };
    } catch (e) {
      ctx.stderr.write(`sed: can't read ${name}: ${errorText(e)}\n`);
      status = 2;
      return null;
    }
  };

  // A script that loops on (`:a;ba`, `:a;p;ba`) lets Ctrl-C in now and then, and passes on what it printed.
  const slice = new TimeSlice(ctx.signal);
  const checkpoint = () => {
    const turn = slice.step();
    // Output goes on at a turn, or once a pipe's worth is waiting (then at the reader's pace).
    if (inPlace || !out || (!turn && out.length < PIPE_CAPACITY)) return turn;
    const text = out;
    out = '';
    ctx.stdout.write(text);
    const full = ctx.stdout.drain?.();
    return full ? full.then(() => turn ?? false) : turn;
  };
  const machine = new SedMachine(cmds, io, { quiet: args.has('n'), separator: sep, lineWrap: Number(args.last('l') ?? 70), checkpoint });
  let exitCode: number | undefined;
  try {
    if (separate) {
      for (const f of files) {
        const s = await readStream(f);
        if (!s) continue;
        out = '';
        const code = await machine.run(new LineStream([s], sep));
        if (inPlace) {
          if (suffix) {
            const backup = suffix.includes('*') ? suffix.replace(/\*/g, f.split('/').pop()!) : f + suffix;
            ctx.fs.writeFile(backup, s.text);
          }
          ctx.fs.writeFile(f, out);
        } else ctx.stdout.write(out);
        out = '';
        if (code !== 0 || machine.quit) {
          exitCode = code;
          break;
        }
      }
    } else {
      const streams: (Stream | { name: '-'; stdin: () => Promise<string | null> })[] = [];
      for (const f of files) {
        if (f === '-') {
          streams.push({ name: '-', stdin: () => ctx.stdin.read() });
          continue;
        }
        const s = await readStream(f);
        if (s) streams.push(s);
      }
      // Flush what is done before waiting for more input, so a live pipe shows results as they come.
      const flush = () => {
        if (out) ctx.stdout.write(out);
        out = '';
      };
      exitCode = await machine.run(new LineStream(streams, sep, flush));
      flush();
    }
  } catch (e) {
    if (e instanceof SedInterrupted) return 130;
    ctx.stdout.write(out);
    if (e instanceof SedRuntimeError) {
      ctx.stderr.write(`sed: ${e.message}\n`);
      return 4;
    }
    throw e;
  }
  for (const [p, t] of wFiles) {
    try {
      ctx.fs.writeFile(p, t);
    } catch (e) {
      ctx.stderr.write(`sed: couldn't open file ${p}: ${errorText(e)}\n`);
      return 4;
    }
  }
  return exitCode ? exitCode : status;
};
