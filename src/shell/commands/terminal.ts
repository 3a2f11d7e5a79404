/** clear, yes, less/more: small programs about the terminal. */
import type { CommandContext, Program } from '../command';
import { errorText } from './lib/io';
import { TimeSlice } from '../exec/time-slice';
import { parseArgs } from './lib/args';

export const clear: Program = async (ctx) => {
  const seq = ctx.argv.includes('-x') ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J';
  if (ctx.tty) ctx.tty.write(seq);
  else ctx.stdout.write(seq);
  return 0;
};

/**
 * yes: repeat a line until Ctrl-C or until the reader of the pipe goes away (the write throws).
 * Into a stream that says when its reader is behind (a pipe, the page's terminal) it writes at the
 * reader's pace; elsewhere (a file) one chunk per turn of the simulated clock.
 */
export const yes: Program = async (ctx) => {
  // yes reads only --help and --version, up to its first operand (parse_gnu_standard_options_only).
  const args = parseArgs(ctx, [], { stopAtOperand: true });
  if (typeof args === 'number') return args;
  const line = (args.operands.length ? args.operands.join(' ') : 'y') + '\n';
  const chunk = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  const slice = new TimeSlice(ctx.signal, { checkEvery: 16 });
  const paced = !!ctx.stdout.drain;
  while (!ctx.signal.aborted) {
    ctx.stdout.write(chunk);
    if (paced) {
      const full = ctx.stdout.drain!();
      if (full) await full;
      // The reader and Ctrl-C get their turns: the first by promise, the second as an event.
      const turn = slice.step();
      if (turn && (await turn)) break;
      continue;
    }
    await ctx.clock.sleep(0, ctx.signal);
    await Promise.resolve();
    // On a manual clock (the CLI) the sleep does not wait: Ctrl-C still needs its turn.
    const turn = slice.step();
    if (turn && (await turn)) break;
  }
  return 130;
};

async function pagerInput(ctx: CommandContext, name: string): Promise<string | null> {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  if (!files.length) return ctx.stdin.readAll();
  let text = '';
  for (const f of files) {
    try {
      const st = ctx.fs.stat(f);
      if (st?.type === 'dir') {
        ctx.stderr.write(`${f} is a directory\n`);
        continue;
      }
      text += f === '-' ? await ctx.stdin.readAll() : ctx.fs.readFile(f);
    } catch (e) {
      ctx.stderr.write(name === 'more' ? `more: cannot open ${f}: ${errorText(e)}\n` : `${f}: ${errorText(e)}\n`);
      return null;
    }
  }
  return text;
}

function makePager(name: 'less' | 'more'): Program {
  return async (ctx) => {
    const text = await pagerInput(ctx, name);
    if (text === null) return 1;
    const tty = ctx.tty;
    if (!tty || !ctx.isTTY) {
      ctx.stdout.write(text);
      return 0;
    }
    const lines = text.replace(/\n$/, '').split('\n');
    const page = () => Math.max(1, tty.rows - 1);
    let top = 0;
    if (name === 'more' && lines.length <= page()) {
      tty.write(lines.join('\r\n') + '\r\n');
      return 0;
    }
    if (name === 'less') tty.write('\x1b[?1049h');
    const draw = () => {
      const shown = lines.slice(top, top + page());
      const atEnd = top + page() >= lines.length;
      let screen = name === 'less' ? '\x1b[H\x1b[2J' : '';
      screen += shown.map((l) => l.slice(0, tty.columns)).join('\r\n');
      if (name === 'less') {
        for (let i = shown.length; i < page(); i++) screen += '\r\n~';
        screen += `\r\n\x1b[7m${atEnd ? '(END)' : ':'}\x1b[0m`;
      } else {
        screen += `\r\n\x1b[7m--More--(${Math.floor((Math.min(lines.length, top + page()) * 100) / lines.length)}%)\x1b[0m`;
      }
      tty.write(screen);
    };
    draw();
    await new Promise<void>((resolve) => {
      const done = () => {
        keys.release();
        resolve();
      };
      const keys = tty.takeKeys((data) => {
        const max = Math.max(0, lines.length - page());
        if (data === 'q' || data === 'Q' || data === '\x03') return done();
        if (data === ' ' || data === 'f' || data === '\x1b[6~') top = Math.min(max, top + page());
        else if (data === 'b' || data === '\x1b[5~') top = Math.max(0, top - page());
        else if (data === 'j' || data === '\r' || data === '\x1b[B' || data === 'e') top = Math.min(max, top + 1);
        else if (data === 'k' || data === '\x1b[A' || data === 'y') top = Math.max(0, top - 1);
        else if (data === 'g' || data === '<') top = 0;
        else if (data === 'G' || data === '>') top = max;
        if (name === 'more' && top >= max && (data === ' ' || data === '\r')) {
          tty.write('\r\x1b[K' + lines.slice(top + page() - 1).join('\r\n') + '\r\n');
          return done();
        }
        if (name === 'more') tty.write('\r\x1b[K');
        draw();
      });
      ctx.signal.addEventListener('abort', done, { once: true });
    });
    if (name === 'less') tty.write('\x1b[?1049l');
    else tty.write('\r\x1b[K');
    return 0;
  };
}

export const less = makePager('less');
export const more = makePager('more');
