/**
 * The modes a pane can be in instead of showing its shell: copy mode (prefix [) scrolls back
 * through the pane's history; view mode shows a command's output (prefix ? lists the keys) the
 * same way. Cursor keys and Page Up/Down move, `[offset/history]` shows how far back; q (or
 * Escape with emacs keys, the default) leaves. Vi keys (j, k, C-u, C-d, g, G) when $EDITOR is vi.
 */
import type { Pane } from './pane';
import type { Cell } from './screen';

/** What the compositor and the client need of a pane's mode. */
export interface PaneMode {
  /** Handle a key; false when the mode ends. */
  key(key: string): boolean;
  /** Lines scrolled back from the bottom, and how many there are. */
  readonly offset: number;
  readonly history: number;
  cursor: { x: number; y: number };
  /** Row y of what the mode shows. */
  cells(y: number): Cell[];
}

type Move = (m: ScrollMode) => void;

const COMMON: Record<string, Move> = {
  '\x1b[A': (m) => m.up(),
  '\x1b[B': (m) => m.down(),
  '\x1b[C': (m) => m.right(),
  '\x1b[D': (m) => m.left(),
  '\x1bOA': (m) => m.up(),
  '\x1bOB': (m) => m.down(),
  '\x1bOC': (m) => m.right(),
  '\x1bOD': (m) => m.left(),
  '\x1b[5~': (m) => m.pageUp(),
  '\x1b[6~': (m) => m.pageDown(),
};

const EMACS: Record<string, Move> = {
  ...COMMON,
  '\x10': (m) => m.up(),
  '\x0e': (m) => m.down(),
  '\x02': (m) => m.left(),
  '\x06': (m) => m.right(),
  '\x1bv': (m) => m.pageUp(),
  '\x16': (m) => m.pageDown(),
  '\x1b<': (m) => m.top(),
  '\x1b>': (m) => m.bottom(),
};

const VI: Record<string, Move> = {
  ...COMMON,
  k: (m) => m.up(),
  j: (m) => m.down(),
  h: (m) => m.left(),
  l: (m) => m.right(),
  '\x02': (m) => m.pageUp(),
  '\x06': (m) => m.pageDown(),
  '\x15': (m) => m.halfPage(-1),
  '\x04': (m) => m.halfPage(1),
  g: (m) => m.top(),
  G: (m) => m.bottom(),
};

const LEAVE_EMACS = new Set(['q', '\x1b', '\x03']);
const LEAVE_VI = new Set(['q', '\x03']);

/** Movement over lines that scroll back from the bottom (window-copy.c's keys). */
abstract class ScrollMode implements PaneMode {
  abstract offset: number;
  abstract readonly history: number;
  abstract cursor: { x: number; y: number };
  protected abstract readonly rows: number;
  protected abstract readonly cols: number;
  abstract cells(y: number): Cell[];

  constructor(private readonly vi: boolean) {}

  key(key: string): boolean {
    if ((this.vi ? LEAVE_VI : LEAVE_EMACS).has(key)) return false;
    const table = this.vi ? VI : EMACS;
    if (Object.hasOwn(table, key)) table[key](this);
    return true;
  }

  up(): void {
    if (this.cursor.y > 0) this.cursor.y--;
    else this.offset = Math.min(this.history, this.offset + 1);
  }

  down(): void {
    if (this.cursor.y < this.rows - 1) this.cursor.y++;
    else this.offset = Math.max(0, this.offset - 1);
  }

  left(): void {
    this.cursor.x = Math.max(0, this.cursor.x - 1);
  }

  right(): void {
    this.cursor.x = Math.min(this.cols - 1, this.cursor.x + 1);
  }

  /** A page is the pane's height less two lines, as window-copy.c pages. */
  private get page(): number {
    return this.rows > 2 ? this.rows - 2 : 1;
  }

  pageUp(): void {
    this.offset = Math.min(this.history, this.offset + this.page);
  }

  pageDown(): void {
    this.offset = Math.max(0, this.offset - this.page);
  }

  halfPage(direction: 1 | -1): void {
    const step = Math.floor(this.rows / 2);
    this.offset = Math.max(0, Math.min(this.history, this.offset - direction * step));
  }

  top(): void {
    this.offset = this.history;
    this.cursor = { x: 0, y: 0 };
  }

  bottom(): void {
    this.offset = 0;
    this.cursor = { x: 0, y: this.rows - 1 };
  }
}

export class CopyMode extends ScrollMode {
  /** Lines scrolled back from the bottom, as of `anchor` lines of history. */
  private scrolled = 0;
  /** The history size when `scrolled` was set: output arriving later must not move the view. */
  private anchor: number;
  cursor: { x: number; y: number };
  readonly pane: number;

  constructor(
    private readonly target: Pane,
    vi: boolean,
  ) {
    super(vi);
    this.pane = target.id;
    this.cursor = { ...target.screen.cursor };
    this.anchor = target.screen.historySize;
  }

  /** How far back the view is now: what the pane printed since copy mode began is below it. */
  get offset(): number {
    return Math.min(this.history, this.scrolled + this.history - this.anchor);
  }

  set offset(value: number) {
    this.scrolled = value;
    this.anchor = this.history;
  }

  get history(): number {
    return this.target.screen.historySize;
  }

  protected get rows(): number {
    return this.target.screen.rows;
  }

  protected get cols(): number {
    return this.target.screen.cols;
  }

  cells(y: number): Cell[] {
    return this.target.screen.cells(y, this.offset);
  }
}

/** A command's output shown in the pane (window_copy_init_for_output), from its first line. */
export class ViewMode extends ScrollMode {
  offset: number;
  cursor = { x: 0, y: 0 };

  constructor(
    private readonly lines: string[],
    private readonly target: Pane,
    vi: boolean,
  ) {
    super(vi);
    this.offset = this.history;
  }

  get history(): number {
    return Math.max(0, this.lines.length - this.rows);
  }

  protected get rows(): number {
    return this.target.screen.rows;
  }

  protected get cols(): number {
    return this.target.screen.cols;
  }

  cells(y: number): Cell[] {
    const top = this.lines.length - this.rows - this.offset;
    const text = [...(this.lines[top + y] ?? '')];
    return Array.from({ length: this.cols }, (_, x): Cell => ({ text: text[x] ?? ' ', sgr: '', width: 1 }));
  }
}
