/**
 * Screens of our tmux against real tmux's (test/tools/tmux/golden, recorded by oracle/record.ts):
 * the same keys on an 80x24 terminal whose panes run bash with PS1='$ ', compared as text, cursor
 * and colours (borders green next to the active pane, the status line, prompts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bootWorld } from '../../../src/runtime/session';
import { TMUX_CASES } from './oracle/cases';
import { colourCode, goldenText, type GoldenScreen } from './oracle/screen-text';
import { openTerminal, startTmux } from './rig';

const here = dirname(fileURLToPath(import.meta.url));

type Rig = Awaited<ReturnType<typeof openTerminal>>['rig'];

function ourScreen(rig: Rig): GoldenScreen {
  const b = rig.term.buffer.active;
  const screen: GoldenScreen = [];
  for (let y = 0; y < rig.term.rows; y++) {
    const line = b.getLine(b.viewportY + y)!;
    const row = [];
    for (let x = 0; x < rig.term.cols; x++) {
      const c = line.getCell(x)!;
      const colour = colourCode({
        fg: c.isFgPalette() ? c.getFgColor() : undefined,
        bg: c.isBgPalette() ? c.getBgColor() : undefined,
        reverse: !!c.isInverse(),
      });
      row.push({ ch: c.getChars() || ' ', colour });
    }
    screen.push(row);
  }
  return screen;
}

describe('tmux screens against real tmux', () => {
  for (const c of TMUX_CASES) {
    it(c.name, async () => {
      const world = bootWorld('machines', 1);
      const fs = world.resolveHost('cka01')!.rootFs;
      fs.writeFile('/root/.bashrc', `${fs.readFile('/root/.bashrc')}\nPS1='$ '\n`);
      const t = await openTerminal({ world });
      await startTmux(t);
      for (const chunk of c.keys) await t.type(chunk);
      await t.settle();
      const expected = readFileSync(join(here, 'golden', `${c.name}.txt`), 'utf8');
      expect(goldenText(ourScreen(t.rig), t.rig.cursor)).toBe(expected);
    });
  }
});
