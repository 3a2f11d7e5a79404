/**
 * A Vim session as a pure state machine: keys in (Vim notation tokens), a frame out. It knows
 * nothing of terminals or files beyond the VimHost it is given, so it runs the same headless in
 * tests and behind a tty in the shell.
 */
import { tokenize, type Token, type VKey } from '../keys';
import type { Frame } from '../screen';
import { runEx } from './ex';
import { vimPatternToRegExp } from './regex';
import { renderVim, rowsForLine } from './render';
import { defaultOptions, type Message, type Mode, type Register, type Snapshot, type VimHost, type VimOptions } from './state';
import { chars, firstNonBlank, len, wordBackward, wordEnd, wordForward, type Pos } from './text';

const SCROLLOFF = 5;
/** What Ctrl-V blocks support; other operators act on the block's lines. */
const BLOCK_OPERATIONS = new Set(['I', 'A', 'd', 'x', '<Del>', 'c', 's', 'y']);

interface Motion {
  row: number;
  col: number;
  linewise: boolean;
  inclusive: boolean;
  /** Keep the wanted column (j, k) instead of setting it from col. */
  keepWant?: boolean;
}

type MotionResult = Motion | 'incomplete' | 'invalid';

export interface VimInit {
  fileName?: string;
  /** File content, or null for a file that does not exist yet. */
  text: string | null;
  cols: number;
  rows: number;
  host: VimHost;
  /** The first message (Vim prints file info, or a warning). */
  message?: Message;
}

export class VimEditor {
  lines: string[];
  row = 0;
  col = 0;
  top = 0;
  mode: Mode = 'normal';
  options: VimOptions;
  fileName: string | undefined;
  message: Message | undefined;
  cmdline: { prefix: string; text: string; cursor: number } | undefined;
  modified = false;
  cols: number;
  rows: number;
  /** Set when Vim has quit; the program then leaves the alternate screen. */
  quit = false;
  readonly host: VimHost;
  register: Register = { lines: [''], linewise: false };
  lastSearch: { pattern: string; forward: boolean } | undefined;
  visualAnchor: Pos = { row: 0, col: 0 };
  lastVisual: { start: Pos; end: Pos } | undefined;

  private want = 0;
  private pending: VKey[] = [];
  private undoStack: Snapshot[] = [];
  private redoStack: Snapshot[] = [];
  private seq = 0;
  private lastChange: Token[] = [];
  private recording: Token[] | undefined;
  private insertSnapshot: Snapshot | undefined;
  private lastFind: { cmd: string; ch: string } | undefined;
  private replaying = false;
  private noEol = false;
  private readonly originalText: string | null;

  constructor(init: VimInit) {
    this.host = init.host;
    this.fileName = init.fileName;
    this.cols = init.cols;
    this.rows = init.rows;
    this.options = defaultOptions(init.fileName);
    this.originalText = init.text;
    this.lines = this.splitText(init.text);
    this.message = init.message ?? this.openMessage(init.text);
  }

  // ---- public -------------------------------------------------------------------------------

  feed(data: string): void {
    for (const token of tokenize(data)) this.handle(token);
  }

  handle(token: Token): void {
    if (this.quit) return;
    if (this.recording && !this.replaying) this.recording.push(token);
    const linesBefore = this.lines.length;
    const messageBefore = this.message;
    switch (this.mode) {
      case 'insert':
      case 'replace':
        this.insertKey(token);
        break;
      case 'cmdline':
        this.cmdlineKey(token);
        break;
      default:
        this.normalKey(token);
    }
    // Inserting or deleting lines redraws the screen, which wipes an old message (as in Vim).
    if (this.lines.length !== linesBefore && this.message === messageBefore) this.message = undefined;
    this.scrollToCursor();
  }

  frame(): Frame {
    return renderVim(this);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.scrollToCursor();
  }

  pendingKeys(): string {
    if (this.isVisual() && !this.pending.length) {
      const lines = Math.abs(this.row - this.visualAnchor.row) + 1;
      if (this.mode === 'visual-block') return `${lines}x${Math.abs(this.col - this.visualAnchor.col) + 1}`;
      if (this.mode === 'visual-line' || lines > 1) return String(lines);
      return String(Math.abs(this.col - this.visualAnchor.col) + 1);
    }
    return this.pending.map((k) => (k.length > 1 ? (k === '<Esc>' ? '^[' : k.replace(/^<C-(.)>$/, (_, c: string) => '^' + c.toUpperCase())) : k)).join('');
  }

  modeText(): string {
    const paste = this.options.paste ? ' (paste)' : '';
    switch (this.mode) {
      case 'insert':
        return `-- INSERT${paste} --`;
      case 'replace':
        return `-- REPLACE${paste} --`;
      case 'visual':
        return '-- VISUAL --';
      case 'visual-line':
        return '-- VISUAL LINE --';
      case 'visual-block':
        return '-- VISUAL BLOCK --';
      default:
        return '';
    }
  }

  /** The selected characters of a line in Visual mode (inclusive indexes), if any. */
  isVisual(): boolean {
    return this.mode === 'visual' || this.mode === 'visual-line' || this.mode === 'visual-block';
  }

  selectionOn(lineNo: number): [number, number] | undefined {
    if (!this.isVisual()) return undefined;
    const [start, end] = this.orderedVisual();
    if (lineNo < start.row || lineNo > end.row) return undefined;
    if (this.mode === 'visual-block') {
      const left = Math.min(this.col, this.visualAnchor.col);
      const right = Math.max(this.col, this.visualAnchor.col);
      return left < len(this.lines[lineNo]) ? [left, right] : undefined;
    }
    const length = len(this.lines[lineNo]);
    if (this.mode === 'visual-line') return [0, Math.max(0, length - 1)];
    const from = lineNo === start.row ? start.col : 0;
    const to = lineNo === end.row ? end.col : length;
    return [from, to];
  }

  /** The file's text as Vim writes it (a final newline, nothing for an empty buffer). */
  text(): string {
    if (this.lines.length === 1 && this.lines[0] === '') return '';
    return this.lines.join('\n') + (this.noEol ? '' : '\n');
  }

  /** Last buffer line shown entirely on the screen. */
  bottomLine(): number {
    let used = 0;
    let line = this.top;
    while (line < this.lines.length) {
      used += rowsForLine(this, this.lines[line]);
      if (used > this.rows - 1) return line - 1;
      line++;
    }
    return this.lines.length - 1;
  }

  setMessage(text: string, kind: Message['kind'] = 'info'): void {
    this.message = { text, kind };
  }

  /** An empty buffer (no lines at all, as Vim counts them). */
  get empty(): boolean {
    return this.lines.length === 1 && this.lines[0] === '';
  }

  /** Mark a change: the undo state before it is `before`. */
  pushUndo(before: Snapshot): void {
    this.undoStack.push(before);
    this.redoStack = [];
    this.modified = true;
  }

  snapshot(): Snapshot {
    return { lines: [...this.lines], row: this.row, col: this.col, seq: this.seq, at: this.host.now() };
  }

  /** Replace the buffer with the file as it was opened (`:e!`). */
  revert(): void {
    this.lines = this.splitText(this.originalText);
    this.row = Math.min(this.row, this.lines.length - 1);
    this.col = 0;
    this.modified = false;
  }

  writeTo(name: string | undefined, force: boolean): boolean {
    const target = name ?? this.fileName;
    if (!target) {
      this.setMessage('E32: No file name', 'error');
      return false;
    }
    const isNew = !this.host.exists(target);
    if (name && name !== this.fileName && !isNew && !force) {
      this.setMessage('E13: File exists (add ! to override)', 'error');
      return false;
    }
    const content = this.text();
    const error = this.host.writeFile(target, content);
    if (error) {
      this.setMessage(`"${target}" ${error}`, 'error');
      return false;
    }
    if (!this.fileName) this.fileName = target;
    if (target === this.fileName) this.modified = false;
    const lineCount = content ? this.lines.length : 0;
    const bytes = new TextEncoder().encode(content).length;
    this.setMessage(`"${target}" ${isNew ? '[New] ' : ''}${lineCount}L, ${bytes}B written`);
    return true;
  }

  clampCursor(): void {
    this.row = Math.max(0, Math.min(this.row, this.lines.length - 1));
    const max = Math.max(0, len(this.lines[this.row]) - (this.mode === 'insert' ? 0 : 1));
    this.col = Math.max(0, Math.min(this.col, max));
  }

  gotoLine(n: number): void {
    this.row = Math.max(0, Math.min(n, this.lines.length - 1));
    this.col = firstNonBlank(this.lines[this.row]);
    this.want = this.col;
  }

  // ---- normal and visual mode ----------------------------------------------------------------

  private normalKey(token: Token): void {
    if (typeof token !== 'string') {
      this.startChange([]);
      this.insertSnapshot = this.snapshot();
      this.insertText(token.paste);
      this.finishInsert();
      return;
    }
    this.pending.push(token);
    const keys = this.pending;
    let i = 0;
    let count1 = '';
    while (i < keys.length && /^[0-9]$/.test(keys[i]) && !(keys[i] === '0' && !count1)) count1 += keys[i++];
    if (i >= keys.length) return;
    if (keys[i] === '"' ) {
      // Registers other than the unnamed one are not kept apart: `"ayy` works like `yy`.
      if (i + 1 >= keys.length) return;
      i += 2;
      if (i >= keys.length) return;
    }
    const count = count1 ? parseInt(count1, 10) : 0;
    const cmd = keys[i];
    const rest = keys.slice(i + 1);
    const visual = this.isVisual();
    const outcome = visual ? this.visualCommand(cmd, rest, count) : this.normalCommand(cmd, rest, count);
    if (outcome === 'incomplete') return;
    if (outcome === 'invalid') this.bell();
    this.pending = [];
  }

  private bell(): void {
    // A terminal bell would be written by the program; the state only forgets the keys.
  }

  private normalCommand(cmd: VKey, rest: VKey[], count: number): 'done' | 'incomplete' | 'invalid' {
    const n = Math.max(1, count);
    const keys = [cmd, ...rest];
    const startChange = () => this.startChange(this.pendingTokens());
    switch (cmd) {
      case 'i':
      case '<Insert>':
        startChange();
        this.enterInsert();
        return 'done';
      case 'a':
        startChange();
        if (this.lines[this.row]) this.col++;
        this.enterInsert();
        return 'done';
      case 'I':
        startChange();
        this.col = firstNonBlank(this.lines[this.row]);
        if (this.lines[this.row].trim() === '') this.col = len(this.lines[this.row]);
        this.enterInsert();
        return 'done';
      case 'A':
        startChange();
        this.col = len(this.lines[this.row]);
        this.enterInsert();
        return 'done';
      case 'o':
      case 'O': {
        startChange();
        const before = this.snapshot();
        const indent = this.autoIndentFor(this.row, cmd === 'o');
        const at = cmd === 'o' ? this.row + 1 : this.row;
        this.lines.splice(at, 0, indent);
        this.row = at;
        this.col = len(indent);
        this.enterInsert(before);
        return 'done';
      }
      case 'v':
      case 'V':
      case '<C-v>':
        this.mode = cmd === 'v' ? 'visual' : cmd === 'V' ? 'visual-line' : 'visual-block';
        this.visualAnchor = { row: this.row, col: this.col };
        this.message = undefined;
        return 'done';
      case ':':
        this.mode = 'cmdline';
        this.cmdline = { prefix: ':', text: count ? `.,.+${count - 1}` : '', cursor: count ? `.,.+${count - 1}`.length : 0 };
        return 'done';
      case '/':
      case '?':
        this.mode = 'cmdline';
        this.cmdline = { prefix: cmd, text: '', cursor: 0 };
        return 'done';
      case 'n':
      case 'N': {
        if (!this.lastSearch) {
          this.setMessage('E35: No previous regular expression', 'error');
          return 'done';
        }
        for (let k = 0; k < n; k++) this.searchNext(cmd === 'n' ? this.lastSearch.forward : !this.lastSearch.forward, true);
        return 'done';
      }
      case 'u':
        for (let k = 0; k < n; k++) this.undo();
        return 'done';
      case '<C-r>':
        for (let k = 0; k < n; k++) this.redo();
        return 'done';
      case '.':
        this.repeatLastChange();
        return 'done';
      case 'x':
      case '<Del>':
      case 'X':
      case 's':
      case 'S':
      case 'D':
      case 'C':
      case 'Y': {
        const map: Record<string, VKey[]> = { x: ['d', 'l'], '<Del>': ['d', 'l'], X: ['d', 'h'], s: ['c', 'l'], S: ['c', 'c'], D: ['d', '$'], C: ['c', '$'], Y: ['y', 'y'] };
        if ((cmd === 'x' || cmd === '<Del>' || cmd === 's') && !this.lines[this.row]) return cmd === 's' ? this.normalCommand('c', ['l'], count) : 'invalid';
        const [op, m] = map[cmd];
        return this.normalCommand(op, [m], count);
      }
      case 'd':
      case 'c':
      case 'y':
      case '>':
      case '<':
        return this.operator(cmd, rest, count);
      case 'p':
      case 'P':
        startChange();
        this.put(cmd === 'p', n);
        this.commitChange();
        return 'done';
      case 'J': {
        if (this.row + 1 >= this.lines.length) return 'invalid';
        startChange();
        const before = this.snapshot();
        const joins = Math.max(1, n - 1);
        for (let k = 0; k < joins && this.row + 1 < this.lines.length; k++) this.joinLine(this.row);
        this.pushUndo(before);
        this.commitChange();
        return 'done';
      }
      case 'r': {
        if (!rest.length) return 'incomplete';
        const ch = rest[0];
        const line = chars(this.lines[this.row]);
        if (ch === '<Esc>' || this.col + n > line.length) return 'invalid';
        startChange();
        const before = this.snapshot();
        if (ch === '<CR>') {
          this.lines.splice(this.row, 1, line.slice(0, this.col).join(''), line.slice(this.col + n).join(''));
          this.row++;
          this.col = 0;
        } else if (ch.length === 1 || [...ch].length === 1) {
          for (let k = 0; k < n; k++) line[this.col + k] = ch;
          this.lines[this.row] = line.join('');
          this.col += n - 1;
        } else return 'invalid';
        this.pushUndo(before);
        this.commitChange();
        return 'done';
      }
      case '~': {
        const line = chars(this.lines[this.row]);
        if (!line.length) return 'invalid';
        startChange();
        const before = this.snapshot();
        for (let k = 0; k < n && this.col < line.length; k++) {
          const c = line[this.col];
          line[this.col] = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
          this.col++;
        }
        this.lines[this.row] = line.join('');
        this.col = Math.min(this.col, line.length - 1);
        this.pushUndo(before);
        this.commitChange();
        return 'done';
      }
      case 'Z': {
        if (!rest.length) return 'incomplete';
        if (rest[0] === 'Z') runEx(this, 'x');
        else if (rest[0] === 'Q') runEx(this, 'q!');
        else return 'invalid';
        return 'done';
      }
      case '<C-f>':
      case '<PageDown>':
        this.scrollBy(n * Math.max(1, this.rows - 3));
        return 'done';
      case '<C-b>':
      case '<PageUp>':
        this.scrollBy(-n * Math.max(1, this.rows - 3));
        return 'done';
      case '<C-d>':
        this.scrollBy(Math.floor((this.rows - 1) / 2));
        return 'done';
      case '<C-u>':
        this.scrollBy(-Math.floor((this.rows - 1) / 2));
        return 'done';
      case '<C-g>':
        this.fileInfo();
        return 'done';
      case '<C-l>':
      case '<Esc>':
        return 'done';
      case '<C-c>':
        this.setMessage('Type  :qa!  and press <Enter> to abandon all changes and exit Vim');
        return 'done';
    }
    const motion = this.motion(keys, count);
    if (motion === 'incomplete' || motion === 'invalid') return motion;
    this.row = motion.row;
    this.col = motion.col;
    this.clampCursor();
    if (!motion.keepWant) this.want = motion.col === Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : this.col;
    return 'done';
  }

  private visualCommand(cmd: VKey, rest: VKey[], count: number): 'done' | 'incomplete' | 'invalid' {
    if (this.mode === 'visual-block' && BLOCK_OPERATIONS.has(cmd)) {
      return this.blockCommand(cmd);
    }
    const linewise = this.mode === 'visual-line' || this.mode === 'visual-block';
    const [start, end] = this.orderedVisual();
    const endCol = Math.min(end.col, Math.max(0, len(this.lines[end.row]) - 1));
    switch (cmd) {
      case '<Esc>':
      case '<C-c>':
        this.leaveVisual();
        return 'done';
      case 'v':
      case 'V':
      case '<C-v>': {
        const target = cmd === 'v' ? 'visual' : cmd === 'V' ? 'visual-line' : 'visual-block';
        if (this.mode === target) this.leaveVisual();
        else this.mode = target;
        return 'done';
      }
      case 'o': {
        const anchor = this.visualAnchor;
        this.visualAnchor = { row: this.row, col: this.col };
        this.row = anchor.row;
        this.col = anchor.col;
        return 'done';
      }
      case ':':
        this.leaveVisual();
        this.mode = 'cmdline';
        this.cmdline = { prefix: ':', text: "'<,'>", cursor: 5 };
        return 'done';
      case 'd':
      case 'x':
      case '<Del>':
      case 'y':
      case 'c':
      case 's':
      case '>':
      case '<':
      case 'X':
      case 'D':
      case 'Y':
      case 'J':
      case '~':
      case 'u':
      case 'U': {
        this.leaveVisual();
        const lw = linewise || cmd === 'X' || cmd === 'D' || cmd === 'Y';
        const motion: Motion = lw ? { row: end.row, col: 0, linewise: true, inclusive: true } : { row: end.row, col: endCol, linewise: false, inclusive: true };
        this.row = start.row;
        this.col = lw ? 0 : start.col;
        const op = ({ x: 'd', '<Del>': 'd', X: 'd', D: 'd', s: 'c', Y: 'y' } as Record<string, string>)[cmd] ?? cmd;
        if (op === 'J') {
          this.startChange([]);
          const before = this.snapshot();
          for (let k = start.row; k < Math.max(end.row, start.row + 1) && this.row + 1 < this.lines.length; k++) this.joinLine(this.row);
          this.pushUndo(before);
          this.commitChange();
          return 'done';
        }
        if (op === '~' || op === 'u' || op === 'U') {
          this.startChange([]);
          this.applyCase(op, { row: start.row, col: this.col }, motion);
          this.commitChange();
          return 'done';
        }
        this.startChange([]);
        this.applyOperator(op, { row: start.row, col: this.col }, motion, Math.max(1, count));
        if (this.mode !== 'insert') this.commitChange();
        return 'done';
      }
    }
    const motion = this.motion([cmd, ...rest], count);
    if (motion === 'incomplete' || motion === 'invalid') return motion;
    this.row = motion.row;
    this.col = motion.col;
    this.clampCursor();
    if (!motion.keepWant) this.want = this.col;
    return 'done';
  }

  /** Ctrl-V block operations: I and A insert on every line, d/x delete, c changes, y yanks. */
  private blockCommand(cmd: VKey): 'done' {
    const top = Math.min(this.row, this.visualAnchor.row);
    const bottom = Math.max(this.row, this.visualAnchor.row);
    const left = Math.min(this.col, this.visualAnchor.col);
    const right = Math.max(this.col, this.visualAnchor.col);
    this.lastVisual = { start: { row: top, col: left }, end: { row: bottom, col: right } };
    this.mode = 'normal';
    const cut = (r: number) => {
      const cs = chars(this.lines[r]);
      const taken = cs.slice(left, right + 1).join('');
      this.lines[r] = [...cs.slice(0, left), ...cs.slice(right + 1)].join('');
      return taken;
    };
    if (cmd === 'y') {
      this.register = { lines: this.lines.slice(top, bottom + 1).map((l) => chars(l).slice(left, right + 1).join('')), linewise: false };
      this.row = top;
      this.col = left;
      return 'done';
    }
    this.startChange([]);
    const before = this.snapshot();
    if (cmd === 'I' || cmd === 'A') {
      const col = cmd === 'I' ? left : right + 1;
      this.row = top;
      this.col = Math.min(col, len(this.lines[top]));
      this.blockInsert = { rows: [top + 1, bottom], col, append: cmd === 'A', startCol: this.col, left };
      this.enterInsert(before);
      return 'done';
    }
    const taken: string[] = [];
    for (let r = top; r <= bottom; r++) taken.push(cut(r));
    this.register = { lines: taken, linewise: false };
    this.row = top;
    this.col = left;
    if (cmd === 'c' || cmd === 's') {
      this.blockInsert = { rows: [top + 1, bottom], col: left, append: false, startCol: left, left };
      this.enterInsert(before);
      return 'done';
    }
    this.pushUndo(before);
    this.clampCursor();
    this.commitChange();
    return 'done';
  }

  /** After a block I/A/c: the text typed on the first line goes on the other lines of the block,
   *  and the cursor returns to the block's top-left corner. Returns false for a plain insert. */
  private finishBlockInsert(): boolean {
    const block = this.blockInsert;
    this.blockInsert = undefined;
    if (!block) return false;
    if (this.row !== block.rows[0] - 1) return false;
    const typed = chars(this.lines[this.row]).slice(block.startCol, this.col).join('');
    this.col = block.left;
    if (!typed) return true;
    for (let r = block.rows[0]; r <= block.rows[1]; r++) {
      const cs = chars(this.lines[r]);
      if (cs.length < block.col) {
        if (!block.append) continue;
        while (cs.length < block.col) cs.push(' ');
      }
      cs.splice(block.col, 0, ...chars(typed));
      this.lines[r] = cs.join('');
    }
    return true;
  }

  private blockInsert: { rows: [number, number]; col: number; append: boolean; startCol: number; left: number } | undefined;

  private orderedVisual(): [Pos, Pos] {
    const a = this.visualAnchor;
    const b = { row: this.row, col: this.col };
    return a.row < b.row || (a.row === b.row && a.col <= b.col) ? [a, b] : [b, a];
  }

  private leaveVisual(): void {
    const [start, end] = this.orderedVisual();
    this.lastVisual = { start, end };
    this.mode = 'normal';
    this.clampCursor();
  }

  private operator(op: VKey, rest: VKey[], count: number): 'done' | 'incomplete' | 'invalid' {
    if (!rest.length) return 'incomplete';
    let i = 0;
    let count2 = '';
    while (i < rest.length && /^[0-9]$/.test(rest[i]) && !(rest[i] === '0' && !count2)) count2 += rest[i++];
    if (i >= rest.length) return 'incomplete';
    const total = Math.max(1, count) * Math.max(1, count2 ? parseInt(count2, 10) : 1);
    const mkeys = rest.slice(i);
    if (mkeys[0] === '<Esc>') return 'done';
    let motion: MotionResult;
    if (mkeys[0] === op || (op === 'c' && mkeys[0] === 'c')) {
      const last = this.row + total - 1;
      if (last >= this.lines.length) return 'invalid';
      motion = { row: last, col: 0, linewise: true, inclusive: true };
    } else if ((mkeys[0] === 'i' || mkeys[0] === 'a') && mkeys.length >= 1) {
      if (mkeys.length < 2) return 'incomplete';
      const obj = this.textObject(mkeys[0], mkeys[1]);
      if (!obj) return 'invalid';
      this.col = obj.from;
      motion = { row: this.row, col: obj.to, linewise: false, inclusive: true };
    } else {
      if (op === 'c' && (mkeys[0] === 'w' || mkeys[0] === 'W') && this.currentCharClass() !== 0) {
        // `cw` on a word changes to the end of that word only (Vim's special case, like `ce`
        // but without jumping to the next word when the cursor is on the word's last character).
        motion = this.changeWordEnd(mkeys[0] === 'W', total);
      } else {
        motion = this.motion(mkeys, count || count2 ? total : 0, op);
        if (motion === 'incomplete' || motion === 'invalid') return motion;
        if (mkeys[0] === 'e' || mkeys[0] === 'E') motion.inclusive = true;
      }
    }
    this.startChange(this.pendingTokens());
    this.applyOperator(op, { row: this.row, col: this.col }, motion, total);
    if (this.mode !== 'insert') this.commitChange();
    return 'done';
  }

  private changeWordEnd(big: boolean, count: number): Motion {
    const line = chars(this.lines[this.row]);
    const cls = (c: string | undefined) => (c === undefined || c === ' ' || c === '\t' ? 0 : big || /[\p{L}\p{N}_]/u.test(c) ? 2 : 1);
    let end = this.col;
    while (end + 1 < line.length && cls(line[end + 1]) === cls(line[this.col])) end++;
    let p: Pos = { row: this.row, col: end };
    for (let k = 1; k < count; k++) p = wordEnd(this.lines, p, big);
    return { row: p.row, col: p.col, linewise: false, inclusive: true };
  }

  private currentCharClass(): number {
    const ch = chars(this.lines[this.row])[this.col];
    return ch === undefined || ch === ' ' || ch === '\t' ? 0 : 1;
  }

  private textObject(kind: string, obj: string): { from: number; to: number } | undefined {
    if (obj !== 'w' && obj !== 'W') return undefined;
    const line = chars(this.lines[this.row]);
    if (!line.length) return undefined;
    const isWord = (c: string | undefined) => (obj === 'W' ? !!c && !/\s/.test(c) : !!c && /[\p{L}\p{N}_]/u.test(c));
    const isBlank = (c: string | undefined) => !!c && /\s/.test(c);
    const cls = (c: string | undefined) => (isBlank(c) ? 0 : isWord(c) ? 2 : 1);
    const here = cls(line[this.col]);
    let from = this.col;
    let to = this.col;
    while (from > 0 && cls(line[from - 1]) === here) from--;
    while (to + 1 < line.length && cls(line[to + 1]) === here) to++;
    if (kind === 'a') while (to + 1 < line.length && isBlank(line[to + 1])) to++;
    return { from, to };
  }

  /** Apply d, c, y, >, < to the text from `start` to the motion's end. */
  private applyOperator(op: VKey, start: Pos, motion: Motion, count: number): void {
    let a: Pos = { ...start };
    let b: Pos = { row: motion.row, col: motion.col };
    if (b.row < a.row || (b.row === a.row && b.col < a.col)) [a, b] = [b, a];
    let linewise = motion.linewise;
    let inclusive = motion.inclusive;
    // An exclusive motion that ends at the start of a later line stops at the end of the line before.
    if (!linewise && !inclusive && b.col === 0 && b.row > a.row) {
      b = { row: b.row - 1, col: len(this.lines[b.row - 1]) };
      if (a.col <= firstNonBlank(this.lines[a.row]) && op !== 'y') linewise = true;
    }
    if (op === '>' || op === '<') {
      const before = this.snapshot();
      for (let r = a.row; r <= b.row; r++) this.shiftLine(r, op === '>' ? 1 : -1);
      this.pushUndo(before);
      this.row = a.row;
      this.col = firstNonBlank(this.lines[a.row]);
      const lines = b.row - a.row + 1;
      if (lines > 2) this.setMessage(`${lines} lines ${op}ed 1 time`);
      void count;
      return;
    }
    if (linewise) {
      const taken = this.lines.slice(a.row, b.row + 1);
      this.register = { lines: taken, linewise: true };
      if (op === 'y') {
        if (taken.length > 2) this.setMessage(`${taken.length} lines yanked`);
        this.row = Math.min(this.row, a.row);
        return;
      }
      const before = this.snapshot();
      if (op === 'c') {
        const indent = this.options.autoindent && !this.options.paste ? /^[ \t]*/.exec(taken[0])![0] : '';
        this.lines.splice(a.row, taken.length, indent);
        this.row = a.row;
        this.col = len(indent);
        this.enterInsert(before);
        return;
      }
      this.lines.splice(a.row, taken.length);
      const emptied = !this.lines.length;
      if (emptied) this.lines = [''];
      this.pushUndo(before);
      this.row = Math.min(a.row, this.lines.length - 1);
      this.col = firstNonBlank(this.lines[this.row]);
      if (emptied) this.setMessage('--No lines in buffer--');
      else if (taken.length > 2) this.setMessage(`${taken.length} fewer lines`);
      return;
    }
    const endCol = inclusive ? b.col + 1 : b.col;
    const first = chars(this.lines[a.row]);
    const last = chars(this.lines[b.row]);
    const taken: string[] = [];
    if (a.row === b.row) taken.push(first.slice(a.col, endCol).join(''));
    else {
      taken.push(first.slice(a.col).join(''));
      for (let r = a.row + 1; r < b.row; r++) taken.push(this.lines[r]);
      taken.push(last.slice(0, endCol).join(''));
    }
    this.register = { lines: taken, linewise: false };
    if (op === 'y') {
      this.row = a.row;
      this.col = a.col;
      return;
    }
    const before = this.snapshot();
    const joined = first.slice(0, a.col).join('') + last.slice(endCol).join('');
    this.lines.splice(a.row, b.row - a.row + 1, joined);
    this.row = a.row;
    this.col = a.col;
    if (op === 'c') {
      this.enterInsert(before);
      return;
    }
    this.pushUndo(before);
    this.clampCursor();
  }

  private applyCase(op: string, start: Pos, motion: Motion): void {
    const before = this.snapshot();
    for (let r = start.row; r <= motion.row; r++) {
      const cs = chars(this.lines[r]);
      const from = motion.linewise || r > start.row ? 0 : start.col;
      const to = motion.linewise || r < motion.row ? cs.length : motion.col + 1;
      for (let c = from; c < to && c < cs.length; c++) {
        const ch = cs[c];
        cs[c] = op === 'u' ? ch.toLowerCase() : op === 'U' ? ch.toUpperCase() : ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase();
      }
      this.lines[r] = cs.join('');
    }
    this.pushUndo(before);
    this.row = start.row;
    this.col = motion.linewise ? 0 : start.col;
  }

  private shiftLine(r: number, dir: 1 | -1): void {
    const line = this.lines[r];
    if (!line && dir > 0) return;
    const m = /^[ \t]*/.exec(line)!;
    let width = 0;
    for (const ch of m[0]) width += ch === '\t' ? this.options.tabstop - (width % this.options.tabstop) : 1;
    const sw = this.options.shiftwidth || this.options.tabstop;
    const target = dir > 0 ? (Math.floor(width / sw) + 1) * sw : Math.max(0, Math.ceil(width / sw) - 1) * sw;
    this.lines[r] = this.makeIndent(target) + line.slice(m[0].length);
  }

  makeIndent(width: number): string {
    if (this.options.expandtab) return ' '.repeat(width);
    const ts = this.options.tabstop;
    return '\t'.repeat(Math.floor(width / ts)) + ' '.repeat(width % ts);
  }

  private joinLine(r: number): void {
    const a = this.lines[r].replace(/[ \t]+$/, '');
    const b = this.lines[r + 1].replace(/^[ \t]+/, '');
    const sep = a === '' || b === '' || b.startsWith(')') ? '' : ' ';
    this.lines.splice(r, 2, a + sep + b);
    this.col = len(a);
  }

  private put(after: boolean, n: number): void {
    const reg = this.register;
    const before = this.snapshot();
    if (reg.linewise) {
      const block: string[] = [];
      for (let k = 0; k < n; k++) block.push(...reg.lines);
      const at = after ? this.row + 1 : this.row;
      this.lines.splice(at, 0, ...block);
      this.row = at;
      this.col = firstNonBlank(this.lines[at]);
      if (block.length > 2) this.setMessage(`${block.length} more lines`);
    } else {
      const line = chars(this.lines[this.row]);
      const at = after && line.length ? this.col + 1 : this.col;
      const head = line.slice(0, at).join('');
      const tail = line.slice(at).join('');
      const text: string[] = [];
      for (let k = 0; k < n; k++) text.push(reg.lines.join('\n'));
      const pieces = text.join('').split('\n');
      if (pieces.length === 1) {
        this.lines[this.row] = head + pieces[0] + tail;
        this.col = at + len(pieces[0]) - 1;
      } else {
        const newLines = [head + pieces[0], ...pieces.slice(1, -1), pieces[pieces.length - 1] + tail];
        this.lines.splice(this.row, 1, ...newLines);
        this.col = at;
      }
    }
    this.pushUndo(before);
    this.clampCursor();
  }

  // ---- motions ------------------------------------------------------------------------------

  private motion(keys: VKey[], count: number, op?: string): MotionResult {
    const n = Math.max(1, count);
    const key = keys[0];
    const line = this.lines[this.row];
    const lineLen = len(line);
    const here: Pos = { row: this.row, col: this.col };
    const at = (row: number, col: number, linewise = false, inclusive = false): Motion => ({ row, col, linewise, inclusive });
    switch (key) {
      case 'h':
      case '<Left>':
      case '<BS>':
      case '<C-h>':
        if (this.col === 0) return op ? 'invalid' : at(this.row, 0);
        return at(this.row, Math.max(0, this.col - n));
      case 'l':
      case '<Right>':
      case ' ':
        if (!lineLen || (!op && this.col >= lineLen - 1)) return op ? 'invalid' : at(this.row, this.col);
        return at(this.row, Math.min(op ? lineLen : lineLen - 1, this.col + n));
      case 'j':
      case '<Down>':
      case '<C-n>':
      case '<C-j>':
        if (this.row + 1 >= this.lines.length) return 'invalid';
        return { ...at(Math.min(this.lines.length - 1, this.row + n), this.want, true), keepWant: true };
      case 'k':
      case '<Up>':
      case '<C-p>':
        if (this.row === 0) return 'invalid';
        return { ...at(Math.max(0, this.row - n), this.want, true), keepWant: true };
      case '0':
      case '<Home>':
        return at(this.row, 0);
      case '^':
        return at(this.row, firstNonBlank(line));
      case '$':
      case '<End>': {
        const r = Math.min(this.lines.length - 1, this.row + n - 1);
        const m = at(r, Math.max(0, len(this.lines[r]) - 1), false, true);
        if (!op) this.want = Number.MAX_SAFE_INTEGER;
        return { ...m, keepWant: !op };
      }
      case '<CR>':
      case '+':
      case '-': {
        const r = key === '-' ? this.row - n : this.row + n;
        if (r < 0 || r >= this.lines.length) return 'invalid';
        return at(r, firstNonBlank(this.lines[r]), true);
      }
      case 'G': {
        const r = count ? Math.min(count, this.lines.length) - 1 : this.lines.length - 1;
        return at(r, firstNonBlank(this.lines[r]), true);
      }
      case 'g': {
        if (keys.length < 2) return 'incomplete';
        if (keys[1] === 'g') {
          const r = count ? Math.min(count, this.lines.length) - 1 : 0;
          return at(r, firstNonBlank(this.lines[r]), true);
        }
        if (keys[1] === '_') return at(this.row, Math.max(0, lineLen - 1), false, true);
        return 'invalid';
      }
      case 'w':
      case 'W': {
        let p = here;
        for (let k = 0; k < n; k++) {
          const last = k === n - 1;
          p = wordForward(this.lines, p, key === 'W', !!op && last);
        }
        if (!op && p.row === this.lines.length - 1 && p.col >= len(this.lines[p.row])) p = { row: p.row, col: Math.max(0, len(this.lines[p.row]) - 1) };
        return at(p.row, p.col);
      }
      case 'e':
      case 'E': {
        let p = here;
        for (let k = 0; k < n; k++) p = wordEnd(this.lines, p, key === 'E');
        return at(p.row, p.col, false, true);
      }
      case 'b':
      case 'B': {
        let p = here;
        for (let k = 0; k < n; k++) p = wordBackward(this.lines, p, key === 'B');
        return at(p.row, p.col);
      }
      case 'f':
      case 't':
      case 'F':
      case 'T': {
        if (keys.length < 2) return 'incomplete';
        this.lastFind = { cmd: key, ch: keys[1] };
        return this.findChar(key, keys[1], n);
      }
      case ';':
      case ',': {
        if (!this.lastFind) return 'invalid';
        const flip: Record<string, string> = { f: 'F', F: 'f', t: 'T', T: 't' };
        const cmd = key === ';' ? this.lastFind.cmd : flip[this.lastFind.cmd];
        return this.findChar(cmd, this.lastFind.ch, n);
      }
      case 'H':
        return at(this.top, firstNonBlank(this.lines[this.top]), true);
      case 'L': {
        const r = this.bottomLine();
        return at(r, firstNonBlank(this.lines[r]), true);
      }
      case 'M': {
        const r = Math.floor((this.top + this.bottomLine()) / 2);
        return at(r, firstNonBlank(this.lines[r]), true);
      }
      case 'n':
      case 'N': {
        if (!this.lastSearch) return 'invalid';
        const save = { row: this.row, col: this.col };
        const found = this.searchNext(key === 'n' ? this.lastSearch.forward : !this.lastSearch.forward, false);
        const target = { row: this.row, col: this.col };
        this.row = save.row;
        this.col = save.col;
        return found ? at(target.row, target.col) : 'invalid';
      }
    }
    return 'invalid';
  }

  private findChar(cmd: string, ch: string, n: number): MotionResult {
    const line = chars(this.lines[this.row]);
    let col = this.col;
    for (let k = 0; k < n; k++) {
      let c = col;
      if (cmd === 'f' || cmd === 't') {
        c = col + (cmd === 't' && k === 0 ? 2 : 1);
        while (c < line.length && line[c] !== ch) c++;
        if (c >= line.length) return 'invalid';
      } else {
        c = col - (cmd === 'T' && k === 0 ? 2 : 1);
        while (c >= 0 && line[c] !== ch) c--;
        if (c < 0) return 'invalid';
      }
      col = c;
    }
    if (cmd === 't') col--;
    if (cmd === 'T') col++;
    return { row: this.row, col, linewise: false, inclusive: cmd === 'f' || cmd === 't' };
  }

  // ---- search -------------------------------------------------------------------------------

  /** Move to the next match; returns false (with E486) when there is none. */
  searchNext(forward: boolean, report: boolean): boolean {
    const search = this.lastSearch!;
    const re = vimPatternToRegExp(search.pattern, this.options.ignorecase ? 'gi' : 'g');
    if (!re) {
      this.setMessage(`E486: Pattern not found: ${search.pattern}`, 'error');
      return false;
    }
    const total = this.lines.length;
    const matchesIn = (r: number): number[] => {
      const out: number[] = [];
      const line = this.lines[r];
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line))) {
        out.push(len(line.slice(0, m.index)));
        if (m[0] === '') re.lastIndex++;
      }
      return out;
    };
    const prefix = forward ? '/' : '?';
    for (let step = 0; step <= total; step++) {
      const r = forward ? (this.row + step) % total : (this.row - step + total * 2) % total;
      const cols = matchesIn(r);
      const candidates = forward ? cols : [...cols].reverse();
      for (const c of candidates) {
        const wrapped = forward ? r < this.row || (r === this.row && step > 0) : r > this.row || (r === this.row && step > 0);
        if (step === 0 && (forward ? c <= this.col : c >= this.col)) continue;
        if (step === total && (forward ? c > this.col : c < this.col)) continue;
        this.row = r;
        this.col = c;
        this.want = c;
        if (report) {
          if (wrapped) this.setMessage(forward ? 'search hit BOTTOM, continuing at TOP' : 'search hit TOP, continuing at BOTTOM', 'warning');
          else this.setMessage(prefix + search.pattern);
        }
        return true;
      }
    }
    this.setMessage(`E486: Pattern not found: ${search.pattern}`, 'error');
    return false;
  }

  // ---- insert mode --------------------------------------------------------------------------

  private enterInsert(before?: Snapshot): void {
    this.mode = 'insert';
    this.message = undefined;
    this.insertSnapshot = before ?? this.snapshot();
  }

  private autoIndentFor(row: number, below: boolean): string {
    if (!this.options.autoindent || this.options.paste) return '';
    const line = this.lines[row] ?? '';
    const indent = /^[ \t]*/.exec(line)![0];
    // The yaml indent script indents one level more after `key:`, and below a list item's dash.
    if (below && /\.ya?ml$/i.test(this.fileName ?? '') && /:\s*$/.test(line)) return this.makeIndent(this.widthOf(indent) + this.options.shiftwidth);
    return indent;
  }

  private widthOf(indent: string): number {
    let w = 0;
    for (const ch of indent) w += ch === '\t' ? this.options.tabstop - (w % this.options.tabstop) : 1;
    return w;
  }

  insertText(text: string): void {
    const pieces = text.split('\n');
    const line = chars(this.lines[this.row]);
    const head = line.slice(0, this.col).join('');
    const tail = line.slice(this.col).join('');
    if (pieces.length === 1) {
      this.lines[this.row] = head + pieces[0] + tail;
      this.col += len(pieces[0]);
      return;
    }
    const newLines = [head + pieces[0], ...pieces.slice(1, -1), pieces[pieces.length - 1] + tail];
    this.lines.splice(this.row, 1, ...newLines);
    this.row += pieces.length - 1;
    this.col = len(pieces[pieces.length - 1]);
  }

  private insertKey(token: Token): void {
    if (typeof token !== 'string') {
      this.insertText(token.paste);
      return;
    }
    const line = chars(this.lines[this.row]);
    switch (token) {
      case '<Esc>':
      case '<C-c>':
      case '<C-[>':
        this.finishInsert();
        return;
      case '<CR>': {
        const head = line.slice(0, this.col).join('');
        const tail = line.slice(this.col).join('').replace(/^[ \t]+/, this.options.autoindent && !this.options.paste ? '' : '$&');
        this.lines[this.row] = this.options.autoindent && !this.options.paste && /^[ \t]+$/.test(head) ? '' : head;
        const indent = this.options.autoindent && !this.options.paste ? this.autoIndentForText(head) : '';
        this.lines.splice(this.row + 1, 0, indent + tail);
        this.row++;
        this.col = len(indent);
        return;
      }
      case '<BS>':
      case '<C-h>': {
        if (this.col > 0) {
          let from = this.col - 1;
          const sts = this.options.softtabstop || 0;
          if (sts > 0 && !this.options.paste && line[this.col - 1] === ' ') {
            const vcol = this.col;
            const target = Math.floor((vcol - 1) / sts) * sts;
            while (from > target && line[from - 1] === ' ') from--;
          }
          line.splice(from, this.col - from);
          this.lines[this.row] = line.join('');
          this.col = from;
        } else if (this.row > 0) {
          const prevLen = len(this.lines[this.row - 1]);
          this.lines.splice(this.row - 1, 2, this.lines[this.row - 1] + this.lines[this.row]);
          this.row--;
          this.col = prevLen;
        }
        return;
      }
      case '<Del>':
        if (this.col < line.length) {
          line.splice(this.col, 1);
          this.lines[this.row] = line.join('');
        } else if (this.row + 1 < this.lines.length) {
          this.lines.splice(this.row, 2, this.lines[this.row] + this.lines[this.row + 1]);
        }
        return;
      case '<Tab>': {
        if (!this.options.expandtab || this.options.paste) {
          this.insertText('\t');
          return;
        }
        const step = this.options.softtabstop || this.options.shiftwidth || this.options.tabstop;
        const w = this.widthOf(line.slice(0, this.col).join(''));
        this.insertText(' '.repeat(step - (w % step)));
        return;
      }
      case '<C-w>': {
        const p = wordBackward(this.lines, { row: this.row, col: this.col }, false);
        if (p.row === this.row) {
          line.splice(p.col, this.col - p.col);
          this.lines[this.row] = line.join('');
          this.col = p.col;
        }
        return;
      }
      case '<C-u>':
        this.lines[this.row] = line.slice(this.col).join('');
        this.col = 0;
        return;
      case '<Left>':
        this.col = Math.max(0, this.col - 1);
        return;
      case '<Right>':
        this.col = Math.min(line.length, this.col + 1);
        return;
      case '<Up>':
        if (this.row > 0) this.row--;
        this.col = Math.min(this.col, len(this.lines[this.row]));
        return;
      case '<Down>':
        if (this.row + 1 < this.lines.length) this.row++;
        this.col = Math.min(this.col, len(this.lines[this.row]));
        return;
      case '<Home>':
        this.col = 0;
        return;
      case '<End>':
        this.col = line.length;
        return;
      case '<Insert>':
        this.mode = this.mode === 'insert' ? 'replace' : 'insert';
        return;
    }
    if (token.startsWith('<') && token.length > 1) return;
    if (this.mode === 'replace' && this.col < line.length) {
      line[this.col] = token;
      this.lines[this.row] = line.join('');
      this.col++;
      return;
    }
    this.insertText(token);
  }

  private autoIndentForText(head: string): string {
    const indent = /^[ \t]*/.exec(head)![0];
    if (/\.ya?ml$/i.test(this.fileName ?? '') && /:\s*$/.test(head)) return this.makeIndent(this.widthOf(indent) + this.options.shiftwidth);
    return indent;
  }

  private finishInsert(): void {
    const block = this.finishBlockInsert();
    this.mode = 'normal';
    if (this.col > 0 && !block) this.col--;
    this.clampCursor();
    const before = this.insertSnapshot;
    this.insertSnapshot = undefined;
    if (before && before.lines.join('\n') !== this.lines.join('\n')) this.pushUndo(before);
    this.commitChange();
  }

  // ---- command line -------------------------------------------------------------------------

  private cmdlineKey(token: Token): void {
    const cl = this.cmdline!;
    const text = typeof token === 'string' ? token : token.paste.replace(/\n/g, ' ');
    switch (text) {
      case '<Esc>':
      case '<C-c>':
        this.mode = 'normal';
        this.cmdline = undefined;
        return;
      case '<CR>': {
        this.mode = 'normal';
        this.cmdline = undefined;
        this.message = undefined;
        if (cl.prefix === ':') {
          runEx(this, cl.text);
          // The command stays on the command line unless it printed something.
          if (!this.message && !this.quit) this.setMessage(':' + cl.text);
        } else this.startSearch(cl.text, cl.prefix === '/');
        this.clampCursor();
        return;
      }
      case '<BS>':
      case '<C-h>':
        if (!cl.text) {
          this.mode = 'normal';
          this.cmdline = undefined;
          return;
        }
        if (cl.cursor > 0) {
          cl.text = cl.text.slice(0, cl.cursor - 1) + cl.text.slice(cl.cursor);
          cl.cursor--;
        }
        return;
      case '<C-u>':
        cl.text = cl.text.slice(cl.cursor);
        cl.cursor = 0;
        return;
      case '<Left>':
        cl.cursor = Math.max(0, cl.cursor - 1);
        return;
      case '<Right>':
        cl.cursor = Math.min(cl.text.length, cl.cursor + 1);
        return;
      case '<Home>':
        cl.cursor = 0;
        return;
      case '<End>':
        cl.cursor = cl.text.length;
        return;
    }
    if (typeof token === 'string' && token.startsWith('<') && token.length > 1) return;
    cl.text = cl.text.slice(0, cl.cursor) + text + cl.text.slice(cl.cursor);
    cl.cursor += text.length;
  }

  private startSearch(pattern: string, forward: boolean): void {
    if (!pattern) {
      if (!this.lastSearch) {
        this.setMessage('E35: No previous regular expression', 'error');
        return;
      }
      this.lastSearch = { ...this.lastSearch, forward };
    } else this.lastSearch = { pattern, forward };
    this.searchNext(forward, true);
  }

  // ---- undo, redo, repeat -------------------------------------------------------------------

  private startChange(tokens: Token[]): void {
    if (this.replaying) return;
    this.recording = [...tokens];
  }

  private commitChange(): void {
    if (this.replaying || !this.recording) return;
    this.lastChange = this.recording;
    this.recording = undefined;
  }

  private pendingTokens(): Token[] {
    return [...this.pending];
  }

  private repeatLastChange(): void {
    if (!this.lastChange.length) return;
    this.replaying = true;
    this.pending = [];
    try {
      for (const t of this.lastChange) this.handle(t);
    } finally {
      this.replaying = false;
    }
  }

  private undo(): void {
    const snap = this.undoStack.pop();
    if (!snap) {
      this.setMessage('Already at oldest change');
      return;
    }
    const current = this.snapshot();
    this.redoStack.push(current);
    const delta = snap.lines.length - this.lines.length;
    this.restore(snap);
    this.seq = this.undoStack.length;
    this.modified = this.undoStack.length > 0 || this.savedDiffers();
    this.setMessage(`${this.changeText(delta)}; before #${this.undoStack.length + 1}  ${this.ago(snap.at)}`);
  }

  private redo(): void {
    const snap = this.redoStack.pop();
    if (!snap) {
      this.setMessage('Already at newest change');
      return;
    }
    this.undoStack.push(this.snapshot());
    const delta = snap.lines.length - this.lines.length;
    this.restore(snap);
    this.modified = true;
    this.setMessage(`${this.changeText(delta)}; after #${this.undoStack.length}  ${this.ago(snap.at)}`);
  }

  private savedDiffers(): boolean {
    return this.text() !== (this.originalText ?? '');
  }

  private changeText(delta: number): string {
    if (delta === 0) return '1 change';
    if (delta === 1) return '1 more line';
    if (delta === -1) return '1 line less';
    return delta > 0 ? `${delta} more lines` : `${-delta} fewer lines`;
  }

  private ago(at: number): string {
    const seconds = Math.max(0, Math.floor((this.host.now() - at) / 1000));
    if (seconds >= 100) {
      const d = new Date(at);
      return [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((v) => String(v).padStart(2, '0')).join(':');
    }
    return `${seconds} second${seconds === 1 ? '' : 's'} ago`;
  }

  private restore(snap: Snapshot): void {
    this.lines = [...snap.lines];
    this.row = snap.row;
    this.col = snap.col;
    this.clampCursor();
  }

  // ---- screen -------------------------------------------------------------------------------

  private scrollBy(delta: number): void {
    this.top = Math.max(0, Math.min(this.lines.length - 1, this.top + delta));
    this.row = Math.max(this.top, Math.min(this.row + delta, this.lines.length - 1));
    this.col = firstNonBlank(this.lines[this.row]);
  }

  private scrollToCursor(): void {
    if (this.mode !== 'insert' && this.mode !== 'replace' && this.want === Number.MAX_SAFE_INTEGER) this.col = Math.max(0, len(this.lines[this.row]) - 1);
    if (this.mode === 'normal' || this.isVisual()) {
      const l = len(this.lines[this.row]);
      if (this.want !== Number.MAX_SAFE_INTEGER && this.pending.length === 0) this.col = Math.min(this.col, Math.max(0, l - 1));
    }
    const textRows = this.rows - 1;
    const so = Math.min(SCROLLOFF, Math.floor((textRows - 1) / 2));
    // A jump far out of the window puts the cursor line in the middle, a short move scrolls just
    // enough (Vim's update_topline: scroll_cursor_halfway versus scroll_cursor_top/bot).
    const far = this.row - so < this.top ? this.top - (this.row - so) >= Math.floor(textRows / 2) : this.row - this.bottomLine() > Math.floor(textRows / 2);
    if (far) {
      const lastTop = Math.max(0, this.lines.length - textRows);
      this.top = Math.max(0, Math.min(lastTop, this.row - Math.floor((textRows - 1) / 2)));
      return;
    }
    if (this.row - so < this.top) this.top = Math.max(0, this.row - so);
    for (;;) {
      const lastNeeded = Math.min(this.lines.length - 1, this.row + so);
      let used = 0;
      for (let r = this.top; r <= lastNeeded; r++) used += rowsForLine(this, this.lines[r]);
      if (used <= textRows || this.top >= this.row) break;
      this.top++;
    }
  }

  private fileInfo(): void {
    const name = this.fileName ? `"${this.fileName}"` : '"[No Name]"';
    const pct = Math.floor(((this.row + 1) * 100) / this.lines.length);
    this.setMessage(`${name}${this.modified ? ' [Modified]' : ''} ${this.lines.length} line${this.lines.length === 1 ? '' : 's'} --${pct}%--`);
  }

  private splitText(text: string | null): string[] {
    if (!text) return [''];
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    this.noEol = !text.endsWith('\n');
    return body.split('\n');
  }

  private openMessage(text: string | null): Message | undefined {
    if (!this.fileName) return undefined;
    if (text === null) return { text: `"${this.fileName}" [New]`, kind: 'info' };
    const lines = text ? text.split('\n').length - (text.endsWith('\n') ? 1 : 0) : 0;
    const bytes = new TextEncoder().encode(text).length;
    return { text: `"${this.fileName}" ${this.noEol ? '[noeol] ' : ''}${lines}L, ${bytes}B`, kind: 'info' };
  }
}
