/**
 * dpkg -l on a terminal, against the real dpkg-query and less 590 in an 80x50 tmux pane
 * (test/golden/dpkg/pager, recorded by scripts/dpkg/record-pager.sh): a listing that fits is
 * printed, a wider one waits in the pager with cut lines and the -M prompt, and stays after `q`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext, Tty } from '../../src/shell/command';
import { bootWorld, runScript } from '../../src/runtime/session';
import { pageOut } from '../../src/tools/dpkg/pager';
import type { World } from '../../src/sim/world';

function golden(name: string): { command: string; screen: string[]; afterQ: string[] } {
  const text = readFileSync(join(__dirname, '..', 'golden', 'dpkg', 'pager', `${name}.txt`), 'utf8');
  const [head, rest] = text.split('--- screen\n');
  const [screen, after] = rest.split('--- after q\n');
  const trim = (s: string) => s.replace(/\n+$/, '').split('\n');
  return { command: head.replace(/^\$ /, '').trim(), screen: trim(screen), afterQ: trim(after) };
}

/** A screen that keeps the text written to it (CR, LF, erase to end of line; attributes dropped). */
class Screen {
  lines: string[] = [''];
  row = 0;
  write(data: string): void {
    for (const part of data.replace(/\x1b\[(7|27)m/g, '').split(/(\r\n|\r|\x1b\[K)/)) {
      if (part === '\r\n') this.lines[++this.row] ??= '';
      else if (part === '\r') this.lines[this.row] = this.lines[this.row];
      else if (part === '\x1b[K') this.lines[this.row] = '';
      else this.lines[this.row] += part;
    }
  }
}

function terminal(screen: Screen): { tty: Tty; type(key: string): void } {
  let receiver: ((d: string) => void) | undefined;
  const tty: Tty = {
    columns: 80,
    rows: 50,
    takeKeys: (cb) => ((receiver = cb), { release: () => (receiver = undefined) }),
    write: (d) => screen.write(d),
    onResize: () => ({ dispose() {} }),
  };
  return { tty, type: (key) => receiver?.(key) };
}

describe('dpkg -l through the pager', () => {
  let world: World;
  beforeAll(() => {
    world = bootWorld('cluster');
  });

  for (const name of ['kube', 'kubelet', 'all']) {
    it(`${name}: as less -FRSXMQ shows it`, async () => {
      const g = golden(name);
      const listing = (await runScript(world, 'cka01', g.command)).stdout;
      const screen = new Screen();
      const term = terminal(screen);
      const ctx = { isTTY: true, stdinIsTTY: true, tty: term.tty, env: {}, signal: new AbortController().signal, stdout: { write: (s: string) => screen.write(s.replace(/\n/g, '\r\n')) } } as unknown as CommandContext;
      const done = pageOut(ctx, listing, false);
      await Promise.resolve();
      const shown = screen.lines.join('\n').replace(/\n+$/, '').split('\n');
      // The shell's prompt follows when the listing fitted (less quit at once).
      expect(shown).toEqual(g.screen.at(-1) === '$' ? g.screen.slice(0, -1) : g.screen);
      term.type('q');
      await done;
      const after = screen.lines.join('\n').replace(/\n+$/, '').split('\n');
      expect(after).toEqual(g.afterQ.slice(0, -1));
    });
  }
});
