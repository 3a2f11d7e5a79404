/**
 * GNU nano 6.2 as a pure state machine: title bar, text, status line and the two shortcut rows;
 * typing, arrows, Ctrl-K/Ctrl-U cut and paste, Ctrl-W search, Ctrl-O write with the file name
 * prompt, Ctrl-X exit with `Save modified buffer?`. The last line of the buffer is nano's empty
 * "magic line", so a file always ends with a newline when written.
 */
import { charWidth, stringWidth } from '../../width';
import { tokenize, type Token } from '../keys';
import { fit, SGR, type Frame } from '../screen';

export const NANO_VERSION = '6.2';

export interface NanoHost {
  /** Returns an error text (`Permission denied`…) or undefined. */
  writeFile(path: string, content: string): string | undefined;
}

type Prompt =
  | { kind: 'save-on-exit' }
  | { kind: 'filename'; text: string; cursor: number; exitAfter: boolean }
  | { kind: 'search'; text: string; cursor: number }
  | { kind: 'goto'; text: string; cursor: number };

const MAIN_SHORTCUTS: [string, string][] = [
  ['^G', 'Help'], ['^X', 'Exit'], ['^O', 'Write Out'], ['^R', 'Read File'], ['^W', 'Where Is'], ['^\\', 'Replace'],
  ['^K', 'Cut'], ['^U', 'Paste'], ['^T', 'Execute'], ['^J', 'Justify'], ['^C', 'Location'], ['^/', 'Go To Line'],
  ['M-U', 'Undo'], ['M-E', 'Redo'], ['M-A', 'Set Mark'], ['M-6', 'Copy'],
];
const WRITE_SHORTCUTS: [string, string][] = [
  ['^G', 'Help'], ['^C', 'Cancel'], ['M-D', 'DOS Format'], ['M-M', 'Mac Format'], ['M-A', 'Append'], ['M-P', 'Prepend'], ['M-B', 'Backup File'], ['^T', 'Browse'],
];
const SEARCH_SHORTCUTS: [string, string][] = [
  ['^G', 'Help'], ['^C', 'Cancel'], ['M-C', 'Case Sens'], ['M-B', 'Backwards'], ['M-R', 'Reg.exp.'], ['^R', 'Replace'], ['^Y', 'Older'], ['^V', 'Newer'],
];

export class NanoEditor {
  lines: string[];
  row = 0;
  col = 0;
  top = 0;
  modified = false;
  quit = false;
  fileName: string;
  status: string | undefined;
  prompt: Prompt | undefined;
  private cutBuffer: string[] = [];
  private lastWasCut = false;
  private lastSearch = '';
  private want = 0;

  constructor(
    init: { fileName: string; text: string | null; cols: number; rows: number; host: NanoHost; message?: string },
    public cols = init.cols,
    public rows = init.rows,
    private readonly host = init.host,
  ) {
    this.fileName = init.fileName;
    this.lines = init.text === null ? [''] : init.text.split('\n');
    if (this.lines[this.lines.length - 1] !== '') this.lines.push('');
    const count = this.lines.length - 1;
    this.status = init.message ?? (init.text === null ? 'New File' : `Read ${count} line${count === 1 ? '' : 's'}`);
  }

  feed(data: string): void {
    for (const t of tokenize(data)) this.handle(t);
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.scroll();
  }

  text(): string {
    return this.lines.join('\n');
  }

  private handle(token: Token): void {
    if (this.quit) return;
    if (this.prompt) return this.promptKey(token);
    const wasCut = this.lastWasCut;
    this.lastWasCut = false;
    if (typeof token !== 'string') {
      this.insert(token.paste);
      return;
    }
    const line = Array.from(this.lines[this.row]);
    switch (token) {
      case '<Left>':
      case '<C-b>':
        if (this.col > 0) this.col--;
        else if (this.row > 0) {
          this.row--;
          this.col = Array.from(this.lines[this.row]).length;
        }
        break;
      case '<Right>':
      case '<C-f>':
        if (this.col < line.length) this.col++;
        else if (this.row + 1 < this.lines.length) {
          this.row++;
          this.col = 0;
        }
        break;
      case '<Up>':
      case '<C-p>':
        if (this.row > 0) this.row--;
        this.col = Math.min(this.want, Array.from(this.lines[this.row]).length);
        this.scroll();
        return;
      case '<Down>':
      case '<C-n>':
        if (this.row + 1 < this.lines.length) this.row++;
        this.col = Math.min(this.want, Array.from(this.lines[this.row]).length);
        this.scroll();
        return;
      case '<Home>':
      case '<C-a>':
        this.col = 0;
        break;
      case '<End>':
      case '<C-e>':
        this.col = line.length;
        break;
      case '<PageDown>':
      case '<C-v>':
        this.row = Math.min(this.lines.length - 1, this.row + this.textRows() - 2);
        this.top = Math.min(this.row, this.top + this.textRows() - 2);
        this.col = 0;
        break;
      case '<PageUp>':
      case '<C-y>':
        this.row = Math.max(0, this.row - (this.textRows() - 2));
        this.top = Math.max(0, this.top - (this.textRows() - 2));
        this.col = 0;
        break;
      case '<CR>':
        this.insert('\n');
        break;
      case '<Tab>':
        this.insert('\t');
        break;
      case '<BS>':
        if (this.col > 0) {
          line.splice(this.col - 1, 1);
          this.lines[this.row] = line.join('');
          this.col--;
          this.modified = true;
        } else if (this.row > 0) {
          const prev = Array.from(this.lines[this.row - 1]).length;
          this.lines.splice(this.row - 1, 2, this.lines[this.row - 1] + this.lines[this.row]);
          this.row--;
          this.col = prev;
          this.modified = true;
        }
        break;
      case '<Del>':
      case '<C-d>':
        if (this.col < line.length) {
          line.splice(this.col, 1);
          this.lines[this.row] = line.join('');
          this.modified = true;
        } else if (this.row + 1 < this.lines.length) {
          this.lines.splice(this.row, 2, this.lines[this.row] + this.lines[this.row + 1]);
          this.modified = true;
        }
        break;
      case '<C-k>':
        this.status = undefined;
        this.cutLine(wasCut);
        break;
      case '<C-u>':
        this.status = undefined;
        this.paste();
        break;
      case '<C-o>':
        this.prompt = { kind: 'filename', text: this.fileName, cursor: this.fileName.length, exitAfter: false };
        break;
      case '<C-x>':
        if (this.modified) this.prompt = { kind: 'save-on-exit' };
        else this.quit = true;
        break;
      case '<C-w>':
        this.prompt = { kind: 'search', text: '', cursor: 0 };
        break;
      case '<C-_>':
        this.prompt = { kind: 'goto', text: '', cursor: 0 };
        break;
      case '<C-c>':
        this.status = this.location();
        break;
      case '<C-g>':
        this.status = 'Help is not available';
        break;
      default:
        if (token.length === 1 || Array.from(token).length === 1) this.insert(token);
    }
    this.want = this.col;
    this.scroll();
  }

  private insert(text: string): void {
    const pieces = text.split('\n');
    const line = Array.from(this.lines[this.row]);
    const head = line.slice(0, this.col).join('');
    const tail = line.slice(this.col).join('');
    if (pieces.length === 1) {
      this.lines[this.row] = head + text + tail;
      this.col += Array.from(text).length;
    } else {
      this.lines.splice(this.row, 1, head + pieces[0], ...pieces.slice(1, -1), pieces[pieces.length - 1] + tail);
      this.row += pieces.length - 1;
      this.col = Array.from(pieces[pieces.length - 1]).length;
    }
    if (this.lines[this.lines.length - 1] !== '') this.lines.push('');
    this.modified = true;
  }

  private cutLine(append: boolean): void {
    if (this.row === this.lines.length - 1 && this.lines[this.row] === '' ) {
      // Cutting on the magic line cuts nothing.
      this.lastWasCut = true;
      return;
    }
    const [cut] = this.lines.splice(this.row, 1);
    this.cutBuffer = append ? [...this.cutBuffer, cut] : [cut];
    if (!this.lines.length || this.lines[this.lines.length - 1] !== '') this.lines.push('');
    this.col = 0;
    this.modified = true;
    this.lastWasCut = true;
  }

  private paste(): void {
    if (!this.cutBuffer.length) {
      this.status = 'Cutbuffer is empty';
      return;
    }
    this.lines.splice(this.row, 0, ...this.cutBuffer);
    this.row += this.cutBuffer.length;
    this.col = 0;
    this.modified = true;
  }

  private location(): string {
    const total = this.lines.length;
    const line = Array.from(this.lines[this.row]);
    let chars = 0;
    for (let r = 0; r < this.row; r++) chars += Array.from(this.lines[r]).length + 1;
    chars += this.col;
    const all = this.text().length;
    const pct = (a: number, b: number) => Math.floor((a * 100) / Math.max(1, b));
    return `line ${this.row + 1}/${total} (${pct(this.row + 1, total)}%), col ${this.col + 1}/${line.length + 1} (${pct(this.col + 1, line.length + 1)}%), char ${chars}/${all} (${pct(chars, all)}%)`;
  }

  private write(name: string): boolean {
    const content = this.text();
    const error = this.host.writeFile(name, content);
    if (error) {
      this.status = `Error writing ${name}: ${error}`;
      return false;
    }
    this.fileName = name;
    this.modified = false;
    const n = this.lines.length - 1;
    this.status = `Wrote ${n} line${n === 1 ? '' : 's'}`;
    return true;
  }

  private promptKey(token: Token): void {
    const p = this.prompt!;
    const key = typeof token === 'string' ? token : token.paste.replace(/\n/g, '');
    if (p.kind === 'save-on-exit') {
      if (key === 'y' || key === 'Y') this.prompt = { kind: 'filename', text: this.fileName, cursor: this.fileName.length, exitAfter: true };
      else if (key === 'n' || key === 'N') {
        this.prompt = undefined;
        this.quit = true;
      } else if (key === '<C-c>') {
        this.prompt = undefined;
        this.status = 'Cancelled';
      }
      return;
    }
    switch (key) {
      case '<C-c>':
        this.prompt = undefined;
        this.status = 'Cancelled';
        return;
      case '<CR>': {
        this.prompt = undefined;
        if (p.kind === 'filename') {
          if (!p.text) {
            this.status = 'Cancelled';
            return;
          }
          if (this.write(p.text) && p.exitAfter) this.quit = true;
        } else if (p.kind === 'search') this.search(p.text || this.lastSearch);
        else if (p.kind === 'goto') {
          const [l, c] = p.text.split(/[,\s]+/).map((v) => parseInt(v, 10));
          if (Number.isNaN(l)) {
            this.status = 'Invalid line or column number';
            return;
          }
          this.row = Math.max(0, Math.min(this.lines.length - 1, l - 1));
          this.col = Math.max(0, Math.min(Array.from(this.lines[this.row]).length, (c || 1) - 1));
          this.scroll();
        }
        return;
      }
      case '<BS>':
        if (p.cursor > 0) {
          p.text = p.text.slice(0, p.cursor - 1) + p.text.slice(p.cursor);
          p.cursor--;
        }
        return;
      case '<Left>':
        p.cursor = Math.max(0, p.cursor - 1);
        return;
      case '<Right>':
        p.cursor = Math.min(p.text.length, p.cursor + 1);
        return;
    }
    if (key.startsWith('<') && key.length > 1) return;
    p.text = p.text.slice(0, p.cursor) + key + p.text.slice(p.cursor);
    p.cursor += key.length;
  }

  private search(needle: string): void {
    if (!needle) {
      this.status = 'Cancelled';
      return;
    }
    this.lastSearch = needle;
    const matches: { row: number; col: number }[] = [];
    this.lines.forEach((line, row) => {
      for (let idx = line.indexOf(needle); idx >= 0; idx = line.indexOf(needle, idx + 1)) matches.push({ row, col: Array.from(line.slice(0, idx)).length });
    });
    if (!matches.length) {
      this.status = `"${needle}" not found`;
      return;
    }
    const after = matches.find((m) => m.row > this.row || (m.row === this.row && m.col > this.col));
    const next = after ?? matches[0];
    if (next.row === this.row && next.col === this.col) {
      this.status = 'This is the only occurrence';
      return;
    }
    this.status = after ? undefined : 'Search Wrapped';
    this.row = next.row;
    this.col = next.col;
    this.want = next.col;
    this.scroll();
  }

  private textRows(): number {
    return Math.max(1, this.rows - 4);
  }

  private scroll(): void {
    const n = this.textRows();
    if (this.row < this.top) this.top = this.row;
    if (this.row >= this.top + n) this.top = this.row - n + 1;
  }

  // ---- drawing ------------------------------------------------------------------------------

  frame(): Frame {
    const rows: string[] = [this.titleBar()];
    const n = this.textRows();
    let cursor = { row: 1, col: 0 };
    for (let i = 0; i < n; i++) {
      const r = this.top + i;
      if (r >= this.lines.length) {
        rows.push('');
        continue;
      }
      const { text, cursorCol } = this.visibleLine(this.lines[r], r === this.row ? this.col : -1);
      rows.push(text);
      if (r === this.row) cursor = { row: i + 1, col: cursorCol };
    }
    rows.push(this.statusRow());
    const [a, b] = this.shortcutRows();
    rows.push(a, b);
    if (this.prompt && this.prompt.kind !== 'save-on-exit') {
      const label = this.promptLabel();
      cursor = { row: this.rows - 3, col: Math.min(this.cols - 1, stringWidth(label) + stringWidth(this.prompt.text.slice(0, this.prompt.cursor))) };
    } else if (this.prompt) cursor = { row: this.rows - 3, col: 22 };
    return { rows, cursor };
  }

  private titleBar(): string {
    const left = `  GNU nano ${NANO_VERSION}`;
    const name = this.fileName || 'New Buffer';
    const state = this.modified ? 'Modified' : '';
    const cells = Array.from(fit('', this.cols));
    const put = (at: number, s: string) => {
      let x = at;
      for (const ch of s) {
        if (x >= 0 && x < cells.length) cells[x] = ch;
        x += Math.max(1, charWidth(ch.codePointAt(0)!));
        if (charWidth(ch.codePointAt(0)!) === 2 && x - 1 < cells.length) cells[x - 1] = '';
      }
    };
    put(0, left);
    put(Math.max(left.length + 1, Math.floor((this.cols - stringWidth(name)) / 2) + 2), name);
    if (state) put(this.cols - state.length - 2, state);
    return SGR.reverse + cells.join('') + SGR.reset;
  }

  private visibleLine(line: string, cursor: number): { text: string; cursorCol: number } {
    // Expand tabs to 8 columns; scroll the cursor's line horizontally when it does not fit.
    const cells: string[] = [];
    let cursorCol = 0;
    Array.from(line).forEach((ch, i) => {
      if (i === cursor) cursorCol = cells.length;
      if (ch === '\t') do cells.push(' '); while (cells.length % 8);
      else {
        cells.push(ch);
        if (charWidth(ch.codePointAt(0)!) === 2) cells.push('');
      }
    });
    if (cursor >= Array.from(line).length) cursorCol = cells.length;
    const width = this.cols;
    if (cells.length <= width) return { text: cells.join(''), cursorCol };
    const page = width - 1;
    const start = cursor >= 0 ? Math.floor(cursorCol / page) * page : 0;
    let visible = cells.slice(start, start + width - 1);
    if (start > 0) visible = ['<', ...visible.slice(1)];
    const more = start + width - 1 < cells.length;
    return { text: visible.join('') + (more ? '>' : ''), cursorCol: cursorCol - start };
  }

  private promptLabel(): string {
    const p = this.prompt!;
    switch (p.kind) {
      case 'filename':
        return 'File Name to Write: ';
      case 'search':
        return this.lastSearch ? `Search [${this.lastSearch}]: ` : 'Search: ';
      case 'goto':
        return 'Enter line number, column number: ';
      default:
        return 'Save modified buffer? ';
    }
  }

  private statusRow(): string {
    if (this.prompt) {
      const text = this.prompt.kind === 'save-on-exit' ? 'Save modified buffer? ' : this.promptLabel() + this.prompt.text;
      return SGR.reverse + fit(text, this.cols) + SGR.reset;
    }
    if (!this.status) return '';
    const msg = `[ ${this.status} ]`;
    const w = stringWidth(msg);
    const start = Math.max(0, Math.floor((this.cols - w) / 2));
    return ' '.repeat(start) + SGR.reverse + msg + SGR.reset;
  }

  private shortcutRows(): [string, string] {
    if (this.prompt?.kind === 'save-on-exit') {
      return [` ${SGR.reverse}Y${SGR.reset} Yes`, ` ${SGR.reverse}N${SGR.reset} No           ${SGR.reverse}^C${SGR.reset} Cancel`];
    }
    const list = this.prompt?.kind === 'filename' ? WRITE_SHORTCUTS : this.prompt?.kind === 'search' ? SEARCH_SHORTCUTS : MAIN_SHORTCUTS;
    const perRow = Math.ceil(list.length / 2);
    const fitCount = Math.max(1, Math.min(perRow, Math.floor(this.cols / (this.prompt ? 20 : 13))));
    const width = Math.floor(this.cols / fitCount);
    const row = (offset: number) => {
      let out = '';
      for (let i = 0; i < fitCount; i++) {
        const item = list[i * 2 + offset];
        if (!item) break;
        const [key, label] = item;
        const cell = fit(`${key} ${label}`, i === fitCount - 1 ? Math.min(width, this.cols - i * width) : width);
        out += SGR.reverse + key + SGR.reset + cell.slice(key.length);
      }
      return out;
    };
    return [row(0), row(1)];
  }
}
