/**
 * awk, as Ubuntu's default mawk 1.3.4: `awk [-F fs] [-v var=value] [-f progfile | 'prog'] [file ...]`.
 * Syntax errors: `awk: line N: syntax error at or near X` (status 2); run-time errors add
 * FILENAME/FNR/NR and exit 2.
 */
import type { Program } from '../command';
import { errorText, progName } from './lib/io';
import { AwkSyntaxError } from './awk/lexer';
import { parseProgram } from './awk/parser';
import { AwkInterpreter, AwkInterrupted, AwkRuntimeError, type OutputAction } from './awk/interp';
import { TimeSlice } from '../exec/time-slice';
import type { AwkProgram } from './awk/ast';
import { StringInput } from './lib/streams';

const USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

export const awk: Program = async (ctx) => {
  const name = progName(ctx);
  const argv = ctx.argv.slice(1);
  const assigns: [string, string][] = [];
  const progFiles: string[] = [];
  let fs: string | undefined;
  let i = 0;
  const fail = (msg: string) => {
    ctx.stderr.write(`${name}: ${msg}\n`);
    return 2;
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const opt = a[1];
    const attached = a.slice(2);
    const value = () => (attached !== '' ? attached : argv[++i]);
    if (opt === 'F') {
      const v = value();
      if (v === undefined) return fail('option requires an argument -- F');
      fs = v;
    } else if (opt === 'v') {
      const v = value();
      if (v === undefined) return fail('option requires an argument -- v');
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
      if (!m) return fail(`improper assignment: -v ${v}`);
      assigns.push([m[1], m[2]]);
    } else if (opt === 'f') {
      const v = value();
      if (v === undefined) return fail('option requires an argument -- f');
      progFiles.push(v);
    } else if (opt === 'W') {
      const v = value() ?? '';
      if (v.startsWith('v')) {
        ctx.stdout.write('mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\nrandom-funcs:       srandom/random\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647\n');
        return 0;
      }
      if (v.startsWith('h') || v.startsWith('u')) {
        ctx.stdout.write(USAGE);
        return 0;
      }
    } else if (a === '--version') {
      ctx.stdout.write('mawk 1.3.4 20200120\n');
      return 0;
    } else {
      return fail(`not an option: ${a}`);
    }
  }
  let source: string;
  if (progFiles.length) {
    const parts: string[] = [];
    for (const f of progFiles) {
      try {
        parts.push(f === '-' ? await ctx.stdin.readAll() : ctx.fs.readFile(f));
      } catch (e) {
        return fail(`cannot open ${f} (${errorText(e)})`);
      }
    }
    source = parts.join('\n');
  } else {
    if (i >= argv.length) {
      ctx.stderr.write(USAGE);
      return 2;
    }
    source = argv[i++];
  }
  const operands = argv.slice(i);

  let program: AwkProgram;
  try {
    program = parseProgram(source);
  } catch (e) {
    if (e instanceof AwkSyntaxError) {
      ctx.stderr.write(`${name}: line ${e.line}: ${e.message}\n` + e.more.map((m) => `${name}: ${m}\n`).join(''));
      return 2;
    }
    throw e;
  }

  const actions: OutputAction[] = [];
  /** Carry out the queued output in order (text, stderr writes, commands). */
  const drain = async () => {
    let pending = '';
    const queue = actions.splice(0);
    for (const a of queue) {
      if (a.kind === 'text') pending += a.text;
      else {
        ctx.stdout.write(pending);
        pending = '';
        if (a.kind === 'file') ctx.stderr.write(a.text);
        else if (ctx.spawn) await ctx.spawn(a.cmd, a.stdin !== undefined ? { stdin: new StringInput(a.stdin) } : {});
      }
    }
    if (pending) ctx.stdout.write(pending);
    const full = ctx.stdout.drain?.();
    if (full) await full;
  };
  // A loop that runs on (`BEGIN{while(1);}`) lets Ctrl-C in now and then, and passes on its output.
  const slice = new TimeSlice(ctx.signal);
  const checkpoint = () => {
    const turn = slice.step();
    // Queued output goes on at a turn, or once much of it waits (then at the reader's pace).
    if (!turn && actions.length < 1024) return undefined;
    return drain().then(() => turn ?? false);
  };
  let writeFailed: string | null = null;
  const writeNow = (path: string, text: string, append: boolean) => {
    try {
      ctx.fs.writeFile(path, text, { append });
    } catch {
      writeFailed ??= path;
    }
  };
  let stdinText: string | null = null;
  // Read standard input only when the program can consume it (a BEGIN-only program never does).
  const readsInput = program.rules.some((r) => r.pattern.k !== 'begin') || /getline/.test(source);
  const fileOperands = operands.filter((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(o));
  const wantsStdin = readsInput && (fileOperands.length === 0 || fileOperands.includes('-') || fileOperands.includes('/dev/stdin'));
  // A plain newline-separated main input streams from a pipe; anything fancier reads it whole.
  const streaming = wantsStdin && !/getline|RS/.test(source) && !assigns.some(([k]) => k === 'RS');
  const stdinAll = wantsStdin && !streaming ? await ctx.stdin.readAll() : '';
  const interp = new AwkInterpreter(
    program,
    {
      readFile: (p) => {
        try {
          return ctx.fs.readFile(p);
        } catch {
          return null;
        }
      },
      readStdin: () => {
        if (stdinText === null) {
          stdinText = stdinAll;
          return stdinText;
        }
        return '';
      },
      env: ctx.env,
      readStdinChunk: streaming ? () => ctx.stdin.read() : undefined,
      flush: () => drain(),
      checkpoint,
      emit: (a) => {
        if (a.kind === 'file' && a.path !== '/dev/stderr') writeNow(a.path, a.text, a.append);
        else actions.push(a);
      },
    },
    ['awk', ...operands],
    fs !== undefined ? [['FS', fs === 't' ? '\t' : fs], ...assigns] : assigns,
  );
  let status: number;
  let runtimeError: string | null = null;
  try {
    status = await interp.run();
  } catch (e) {
    if (e instanceof AwkInterrupted) return 130;
    if (e instanceof AwkRuntimeError) {
      runtimeError = e.message.startsWith('cannot open') ? `${name}: ${e.message}\n` : `${name}: run time error: ${e.message}\n${interp.where()}\n`;
      status = 2;
    } else if (e instanceof RangeError) {
      runtimeError = `${name}: run time error: function call nesting too deep\n${interp.where()}\n`;
      status = 2;
    } else throw e;
  }
  await drain();
  if (writeFailed !== null) {
    ctx.stderr.write(`${name}: cannot open "${writeFailed}" for output\n`);
    status = 2;
  }
  if (runtimeError) ctx.stderr.write(runtimeError);
  return status;
};
