/** Copy mode over a pane's screen: paging, the view held still while output goes on, leaving. */
import { beforeAll, describe, expect, it } from 'vitest';
import { CopyMode } from '../../../src/tools/tmux/copy-mode';
import type { Pane } from '../../../src/tools/tmux/pane';
import { loadEmulator, PaneScreen } from '../../../src/tools/tmux/screen';

beforeAll(() => loadEmulator());

function paneWith(lines: number): { pane: Pane; screen: PaneScreen } {
  const screen = new PaneScreen(20, 10);
  for (let i = 1; i <= lines; i++) screen.write(`line ${i}\r\n`);
  return { pane: { id: 7, screen } as unknown as Pane, screen };
}

describe('tmux copy mode', () => {
  it('pages up by the height less two and down again, within the history', async () => {
    const { pane, screen } = paneWith(40);
    await screen.settled();
    expect(screen.historySize).toBe(31);
    const mode = new CopyMode(pane, false);
    mode.key('\x1b[5~');
    expect(mode.offset).toBe(8);
    expect(screen.text(0, mode.offset)).toBe('line 24');
    for (let i = 0; i < 5; i++) mode.key('\x1b[5~');
    expect(mode.offset).toBe(31);
    mode.key('\x1b[6~');
    expect(mode.offset).toBe(23);
    expect(mode.key('q')).toBe(false);
  });

  it('holds the view still while the pane prints on', async () => {
    const { pane, screen } = paneWith(40);
    await screen.settled();
    const mode = new CopyMode(pane, false);
    mode.key('\x1b[A'.repeat(1));
    const top = screen.text(0, mode.offset);
    for (let i = 41; i <= 45; i++) screen.write(`line ${i}\r\n`);
    await screen.settled();
    expect(screen.text(0, mode.offset)).toBe(top);
  });

  it('uses vi keys when asked: k and j move, g goes to the top', async () => {
    const { pane, screen } = paneWith(40);
    await screen.settled();
    const mode = new CopyMode(pane, true);
    mode.key('g');
    expect(mode.offset).toBe(31);
    expect(screen.text(0, mode.offset)).toBe('line 1');
    expect(mode.key('\x1b')).toBe(true);
    expect(mode.key('q')).toBe(false);
  });

  it('copies the selection from where it began to the cursor, inclusive', async () => {
    const { pane, screen } = paneWith(40);
    await screen.settled();
    const copied: string[] = [];
    const mode = new CopyMode(pane, false, (t) => copied.push(t));
    // The cursor sits on the empty last line: two lines up is "line 39".
    mode.key('\x1b[A');
    mode.key('\x1b[A');
    mode.key('\x00');
    mode.key('\x1b[B');
    mode.key('\x1b[C');
    mode.key('\x1b[C');
    expect(mode.cells(7).slice(0, 3).map((c) => c.sgr)).toEqual(['30;43', '30;43', '30;43']);
    expect(mode.key('\x1bw')).toBe(false);
    expect(copied).toEqual(['line 39\nlin']);
  });

  it('copies with vi keys: Space begins, Enter copies and leaves', async () => {
    const { pane, screen } = paneWith(40);
    await screen.settled();
    const copied: string[] = [];
    const mode = new CopyMode(pane, true, (t) => copied.push(t));
    mode.key('k');
    mode.key(' ');
    for (let i = 0; i < 6; i++) mode.key('l');
    expect(mode.key('\r')).toBe(false);
    expect(copied).toEqual(['line 40']);
  });
});
