/**
 * dpkg-query -l on a terminal goes through a pager (lib/dpkg/pager.c): `$DPKG_PAGER`, `$PAGER` or
 * `pager` (less on Ubuntu) with LESS=-FRSXMQ. What that less 590 shows: a listing whose lines all
 * fit the width and the screen is printed and less quits (-F); otherwise less stays, long lines
 * cut at the width with `>` in the last column (-S), the prompt `lines 1-9/9 (END)` (-M), and on
 * `q` the page stays on the screen (-X).
 */
import type { CommandContext, Tty } from '../../shell/command';

/** The pager dpkg would run, or undefined when the output goes straight to stdout. */
function pagerCommand(ctx: CommandContext, noPager: boolean): string | undefined {
  if (noPager || !ctx.isTTY || !ctx.stdinIsTTY || !ctx.tty) return undefined;
  const pager = ctx.env.DPKG_PAGER || ctx.env.PAGER || 'pager';
  return pager === 'cat' ? undefined : pager;
}

/** Write `text` as dpkg-query -l does: through the pager when stdin and stdout are the terminal. */
export async function pageOut(ctx: CommandContext, text: string, noPager: boolean): Promise<void> {
  const tty = ctx.tty;
  if (!text || !pagerCommand(ctx, noPager) || !tty) {
    if (text) ctx.stdout.write(text);
    return;
  }
  const lines = text.replace(/\n$/, '').split('\n');
  const page = Math.max(1, tty.rows - 1);
  if (lines.length <= page && lines.every((l) => l.length <= tty.columns)) {
    ctx.stdout.write(text);
    return;
  }
  await interactive(ctx, tty, lines, page);
}

function cut(line: string, columns: number): string {
  return line.length > columns ? line.slice(0, columns - 1) + '>' : line;
}

function prompt(lines: string[], top: number, page: number): string {
  const bottom = Math.min(lines.length, top + page);
  const range = `lines ${top + 1}-${bottom}/${lines.length}`;
  if (bottom >= lines.length) return `${range} (END)`;
  const bytes = (n: number) => lines.slice(0, n).reduce((sum, l) => sum + l.length + 1, 0);
  return `${range} ${Math.floor((bytes(bottom) * 100) / bytes(lines.length))}%`;
}

async function interactive(ctx: CommandContext, tty: Tty, lines: string[], page: number): Promise<void> {
  let top = 0;
  const max = Math.max(0, lines.length - page);
  const draw = (first: boolean) => {
    const shown = lines.slice(top, top + page).map((l) => cut(l, tty.columns));
    tty.write((first ? '' : '\r\x1b[K\x1b[H\x1b[2J') + shown.join('\r\n') + `\r\n\x1b[7m${prompt(lines, top, page)}\x1b[27m`);
  };
  draw(true);
  await new Promise<void>((resolve) => {
    const done = () => {
      keys.release();
      tty.write('\r\x1b[K');
      resolve();
    };
    const moves: Record<string, () => number> = {
      ' ': () => top + page, f: () => top + page, '\x06': () => top + page, '\x1b[6~': () => top + page,
      b: () => top - page, '\x02': () => top - page, '\x1b[5~': () => top - page,
      '\r': () => top + 1, j: () => top + 1, e: () => top + 1, '\x0e': () => top + 1, '\x1b[B': () => top + 1,
      k: () => top - 1, y: () => top - 1, '\x10': () => top - 1, '\x1b[A': () => top - 1,
      g: () => 0, '<': () => 0, G: () => max, '>': () => max,
    };
    const keys = tty.takeKeys((data) => {
      if (data === 'q' || data === 'Q') return done();
      const move = moves[data];
      if (!move) return;
      top = Math.min(max, Math.max(0, move()));
      draw(false);
    });
    ctx.signal.addEventListener('abort', done, { once: true });
  });
}
