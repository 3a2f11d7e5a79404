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

/** Keys of copy mode's selection (copy-mode and copy-mode-vi tables). */
const SELECTION_EMACS: Record<string, 'begin' | 'clear' | 'copy'> = { '\x00': 'begin', '\x07': 'clear', '\x1bw': 'copy', '\x17': 'copy' };
const SELECTION_VI: Record<string, 'begin' | 'clear' | 'copy'> = { ' ': 'begin', '\x1b': 'clear', '\r': 'copy', '\n': 'copy' };
const MODE_SGR = '30;43';

export class CopyMode extends ScrollMode {
  /** Where the selection began: a line of the pane's buffer (history first) and a column. */
  private selectionStart: { line: number; x: number } | undefined;
  /** Lines scrolled back from the bottom, as of `anchor` lines of history. */
  private scrolled = 0;
  /** The history size when `scrolled` was set: output arriving later must not move the view. */
  private anchor: number;
  cursor: { x: number; y: number };
  readonly pane: number;

  constructor(
    private readonly target: Pane,
    private readonly viKeys: boolean,
    /** Receives the selection copied (copy-pipe-and-cancel), for the paste buffers. */
    private readonly onCopy: (text: string) => void = () => {},
  ) {
    super(viKeys);
    this.pane = target.id;
    this.cursor = { ...target.screen.cursor };
    this.anchor = target.screen.historySize;
  }

  override key(key: string): boolean {
    const table = this.viKeys ? SELECTION_VI : SELECTION_EMACS;
    const action = Object.hasOwn(table, key) ? table[key] : undefined;
    if (action === 'begin') this.selectionStart = { line: this.lineAt(this.cursor.y), x: this.cursor.x };
    else if (action === 'clear') this.selectionStart = undefined;
    else if (action === 'copy') {
      if (!this.selectionStart) return !this.viKeys;
      this.onCopy(this.selectedText());
      return false;
    } else return super.key(key);
    return true;
  }

  /** The buffer line shown on row y. */
  private lineAt(y: number): number {
    return this.history - this.offset + y;
  }

  /** The selection's bounds, start before end, each end inclusive. */
  private selection(): { from: { line: number; x: number }; to: { line: number; x: number } } | undefined {
    if (!this.selectionStart) return undefined;
    const here = { line: this.lineAt(this.cursor.y), x: this.cursor.x };
    const a = this.selectionStart;
    const first = a.line < here.line || (a.line === here.line && a.x <= here.x);
    return first ? { from: a, to: here } : { from: here, to: a };
  }

  /** The selected text, a line per line with trailing spaces trimmed, as tmux copies it. */
  selectedText(): string {
    const sel = this.selection();
    if (!sel) return '';
    const lines: string[] = [];
    for (let line = sel.from.line; line <= sel.to.line; line++) {
      const text = this.target.screen.lineText(line);
      const start = line === sel.from.line ? sel.from.x : 0;
      const end = line === sel.to.line ? sel.to.x + 1 : text.length;
      lines.push([...text].slice(start, end).join('').replace(/ +$/, ''));
    }
    return lines.join('\n');
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
    const cells = this.target.screen.cells(y, this.offset);
    const sel = this.selection();
    const line = this.lineAt(y);
    if (!sel || line < sel.from.line || line > sel.to.line) return cells;
    const start = line === sel.from.line ? sel.from.x : 0;
    const end = line === sel.to.line ? sel.to.x : cells.length - 1;
    return cells.map((c, x) => (x >= start && x <= end ? { ...c, sgr: MODE_SGR } : c));
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
