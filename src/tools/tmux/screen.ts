/**
 * A pane's screen: a VT emulator that the pane's shell writes into, read back cell by cell when
 * tmux composes the window. It is @xterm/headless — the same parser as the page's terminal, with
 * cursor movement, erase, scroll regions, SGR colours, wrapping, wide characters, the alternate
 * screen and scrollback — so vim, nano, less or `watch` in a pane look as they do full screen.
 * It needs no DOM and runs in Node and in the worker.
 */
type TerminalClass = typeof import('@xterm/headless').Terminal;
type HeadlessTerminal = InstanceType<TerminalClass>;

let Terminal: TerminalClass | undefined;

/**
 * Loads the emulator before the first pane. Outside Node its module asks once, as it loads,
 * whether `window` has requestIdleCallback; a worker has no `window`, so one stands in for that
 * moment (answering no: the emulator then parses on timers) and is removed again.
 */
export async function loadEmulator(): Promise<void> {
  if (Terminal) return;
  const g = globalThis as { window?: unknown };
  const standIn = g.window === undefined;
  if (standIn) g.window = {};
  try {
    ({ Terminal } = await import('@xterm/headless/lib-headless/xterm-headless.mjs'));
  } finally {
    if (standIn) delete g.window;
  }
}
type BufferCell = NonNullable<ReturnType<NonNullable<ReturnType<HeadlessTerminal['buffer']['active']['getLine']>>['getCell']>>;

/** One cell as the compositor needs it: its text ('' for the right half of a wide character) and SGR parameters. */
export interface Cell {
  text: string;
  /** SGR parameters without ESC [ and m, '' for default attributes. */
  sgr: string;
  width: number;
}

export const HISTORY_LIMIT = 2000;

export class PaneScreen {
  private readonly term: HeadlessTerminal;
  private readonly listeners = new Set<() => void>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private scratch: BufferCell | undefined;

  constructor(cols: number, rows: number) {
    if (!Terminal) throw new Error('the terminal emulator is not loaded (loadEmulator)');
    this.term = new Terminal({ cols: Math.max(1, cols), rows: Math.max(1, rows), scrollback: HISTORY_LIMIT, allowProposedApi: true });
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Feed output; listeners hear of it once the emulator has parsed it. */
  write(data: string): void {
    if (!data) return;
    this.pending++;
    this.term.write(data, () => {
      this.pending--;
      for (const l of this.listeners) l();
      if (!this.pending) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    });
  }

  /** Resolves once everything written so far is on the screen. */
  settled(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  onChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  resize(cols: number, rows: number): void {
    cols = Math.max(1, cols);
    rows = Math.max(1, rows);
    if (cols !== this.term.cols || rows !== this.term.rows) this.term.resize(cols, rows);
  }

  get cursor(): { x: number; y: number } {
    const b = this.term.buffer.active;
    return { x: Math.min(b.cursorX, this.term.cols - 1), y: b.cursorY };
  }

  /** Lines above the visible screen (copy mode scrolls through them); none on the alternate screen. */
  get historySize(): number {
    const b = this.term.buffer.active;
    return b.type === 'alternate' ? 0 : b.baseY;
  }

  /**
   * history_bytes as tmux counts its grid: a 32-byte line record per line (history and screen),
   * plus 5 bytes per allocated cell, where a line's cells grow to a quarter, a half or the whole
   * width as it is written (grid_expand_line).
   */
  get historyBytes(): number {
    const b = this.term.buffer.active;
    const cols = this.term.cols;
    const lines = this.historySize + this.term.rows;
    let bytes = lines * 32;
    for (let i = b.baseY - this.historySize; i < b.baseY + this.term.rows; i++) {
      const used = b.getLine(i)?.translateToString(true).length ?? 0;
      if (!used) continue;
      const size = used < Math.floor(cols / 4) ? Math.floor(cols / 4) : used < Math.floor(cols / 2) ? Math.floor(cols / 2) : cols;
      bytes += Math.max(size, used) * 5;
    }
    return bytes;
  }

  /** The cells of visible row y, `scrolledBack` lines up into the history. */
  cells(y: number, scrolledBack = 0): Cell[] {
    const b = this.term.buffer.active;
    const line = b.getLine(b.baseY - scrolledBack + y);
    const out: Cell[] = [];
    for (let x = 0; x < this.term.cols; x++) {
      const cell = line?.getCell(x, this.scratch);
      if (!cell) {
        out.push({ text: ' ', sgr: '', width: 1 });
        continue;
      }
      this.scratch = cell;
      const width = cell.getWidth();
      out.push({ text: width === 0 ? '' : cell.getChars() || ' ', sgr: sgrOf(cell), width });
    }
    return out;
  }

  /** A line of the buffer counted from the top of the history, as text. */
  lineText(line: number): string {
    const b = this.term.buffer.active;
    return b.getLine(b.baseY - this.historySize + line)?.translateToString(true) ?? '';
  }

  /** The application asked for bracketed paste (bash's readline does at its prompt). */
  get bracketedPaste(): boolean {
    return this.term.modes.bracketedPasteMode;
  }

  /** Visible row y as plain text (tests, capture-pane). */
  text(y: number, scrolledBack = 0): string {
    const b = this.term.buffer.active;
    return b.getLine(b.baseY - scrolledBack + y)?.translateToString(true) ?? '';
  }

  dispose(): void {
    this.listeners.clear();
    this.term.dispose();
  }
}

function colour(mode: 'fg' | 'bg', cell: BufferCell): string | undefined {
  const fg = mode === 'fg';
  if (fg ? cell.isFgDefault() : cell.isBgDefault()) return undefined;
  const c = fg ? cell.getFgColor() : cell.getBgColor();
  if (fg ? cell.isFgRGB() : cell.isBgRGB()) return `${fg ? 38 : 48};2;${(c >> 16) & 255};${(c >> 8) & 255};${c & 255}`;
  if (c < 8) return String((fg ? 30 : 40) + c);
  if (c < 16) return String((fg ? 90 : 100) + c - 8);
  return `${fg ? 38 : 48};5;${c}`;
}

function sgrOf(cell: BufferCell): string {
  if (cell.isAttributeDefault()) return '';
  const p: string[] = [];
  if (cell.isBold()) p.push('1');
  if (cell.isDim()) p.push('2');
  if (cell.isItalic()) p.push('3');
  if (cell.isUnderline()) p.push('4');
  if (cell.isBlink()) p.push('5');
  if (cell.isInverse()) p.push('7');
  if (cell.isInvisible()) p.push('8');
  if (cell.isStrikethrough()) p.push('9');
  const fg = colour('fg', cell);
  const bg = colour('bg', cell);
  if (fg) p.push(fg);
  if (bg) p.push(bg);
  return p.join(';');
}
