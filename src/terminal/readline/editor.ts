/**
 * The line editor: bash's readline for one line of input. It receives parsed keys, keeps the
 * text, cursor, kill ring, history position and incremental search, asks for completions, and
 * writes what the screen must show. It knows nothing of shells: accepting a line, Ctrl-C and
 * Ctrl-D are reported to its owner as events.
 */
import type { CompletionResult } from '../backend';
import { commonPrefix, formatColumns, formatDescriptions } from '../completion/columns';
import * as buf from './buffer';
import type { History } from './history';
import type { Key, KeyName } from './keys';
import { LineRenderer } from './render';

export type EditorEvent = { type: 'accept'; text: string } | { type: 'interrupt' } | { type: 'eof' };

export interface EditorDeps {
  write(data: string): void;
  /** Height of the terminal, for readline's `--More--` pager. */
  rows?(): number;
  history(): History;
  complete(line: string, cursor: number): CompletionResult;
}

/** readline's completion-query-items: ask before listing this many candidates or more. */
export const COMPLETION_QUERY_ITEMS = 100;

interface SearchState {
  query: string;
  /** History index of the current match, or history.length for none yet. */
  index: number;
  position: number;
  failed: boolean;
  original: buf.LineState;
}

type Handler = (ed: LineEditor) => EditorEvent | void;

export class LineEditor {
  private line: buf.LineState = buf.lineOf('');
  private prompt = '';
  private readonly renderer: LineRenderer;
  private readonly killRing = new buf.KillRing();
  private lastCommand = '';
  private lastYank: { from: number; to: number } | undefined;
  private histIndex = 0;
  private savedLine: buf.LineState | undefined;
  private search: SearchState | undefined;
  private lastSearchQuery = '';
  private query: { values: string[] } | undefined;
  /** Rows of a completion list still to show after `--More--`. */
  private more: string[] | undefined;

  constructor(
    private readonly deps: EditorDeps,
    cols: number,
  ) {
    this.renderer = new LineRenderer(cols);
  }

  /** Show a prompt and start a new empty line; the cursor is at column startCol. */
  start(prompt: string, startCol = 0): void {
    this.prompt = prompt;
    this.line = buf.lineOf('');
    this.histIndex = this.deps.history().length;
    this.savedLine = undefined;
    this.search = undefined;
    this.query = undefined;
    this.lastCommand = '';
    this.renderer.begin(startCol);
    this.redraw();
  }

  get text(): string {
    return buf.textOf(this.line);
  }

  get cursor(): number {
    return this.line.cursor;
  }

  get searching(): boolean {
    return this.search !== undefined;
  }

  resize(cols: number): void {
    this.renderer.resize(cols);
    this.redraw();
  }

  /** Replace the whole line (used to type a command on the learner's behalf). */
  setLine(text: string): void {
    this.line = buf.lineOf(text);
    this.redraw();
  }

  /** Handle one key. Returns an event when the owner must act. */
  feed(key: Key): EditorEvent | undefined {
    if (this.more) return this.answerMore(key);
    if (this.query) return this.answerQuery(key);
    if (this.search) {
      const handled = this.feedSearch(key);
      if (handled !== 'pass') return handled;
    }
    const name = key.kind === 'key' ? key.name : 'self-insert';
    let event: EditorEvent | void = undefined;
    if (key.kind === 'text' || key.kind === 'paste') {
      this.insertText(key.text);
    } else {
      const handler = KEYMAP[key.name];
      if (handler) event = handler(this);
    }
    if (name !== 'tab') this.tabCount = 0;
    this.lastCommand = name;
    return event ?? undefined;
  }

  // ---- operations used by the key map -------------------------------------------------------

  private tabCount = 0;

  insertText(text: string): void {
    this.line = buf.insert(this.line, text);
    this.redraw();
  }

  move(to: number): void {
    this.line = buf.moveTo(this.line, to);
    this.redraw();
  }

  get length(): number {
    return this.line.chars.length;
  }

  wordForward(): number {
    return buf.forwardWord(this.line);
  }

  wordBackward(): number {
    return buf.backwardWord(this.line);
  }

  blankWordBackward(): number {
    return buf.backwardBlankWord(this.line);
  }

  kill(from: number, to: number): void {
    const { state, removed } = buf.cut(this.line, from, to);
    const direction = to >= this.line.cursor && from >= this.line.cursor ? 'forward' : 'backward';
    this.killRing.kill(removed, direction, KILL_COMMANDS.has(this.lastCommand));
    this.line = state;
    this.redraw();
  }

  deleteRange(from: number, to: number): void {
    this.line = buf.cut(this.line, from, to).state;
    this.redraw();
  }

  yank(): void {
    const text = this.killRing.yank();
    if (text === undefined) return;
    const from = this.line.cursor;
    this.line = buf.insert(this.line, text);
    this.lastYank = { from, to: this.line.cursor };
    this.redraw();
  }

  yankPop(): void {
    if (!this.lastYank || (this.lastCommand !== 'ctrl-y' && this.lastCommand !== 'alt-y')) return this.bell();
    const text = this.killRing.rotate();
    if (text === undefined) return;
    const { state } = buf.cut(this.line, this.lastYank.from, this.lastYank.to);
    this.line = buf.insert(buf.moveTo(state, this.lastYank.from), text);
    this.lastYank = { from: this.lastYank.from, to: this.line.cursor };
    this.redraw();
  }

  /** Alt-. (yank-last-arg): the last word of the previous command; again, of the one before. */
  yankLastArg(): void {
    const history = this.deps.history();
    const repeat = this.lastCommand === 'alt-.' && this.lastArg;
    const index = repeat ? this.lastArg!.index - 1 : history.length - 1;
    const entry = history.at(index);
    if (entry === undefined) return this.bell();
    const words = entry.trim().split(/\s+/);
    const word = words[words.length - 1] ?? '';
    let line = this.line;
    if (repeat) line = buf.cut(line, this.lastArg!.from, this.lastArg!.to).state;
    const from = line.cursor;
    this.line = buf.insert(line, word);
    this.lastArg = { index, from, to: this.line.cursor };
    this.redraw();
  }

  private lastArg: { index: number; from: number; to: number } | undefined;

  transpose(): void {
    this.line = buf.transpose(this.line);
    this.redraw();
  }

  clearScreen(): void {
    this.deps.write('\x1b[H\x1b[2J');
    this.renderer.begin(0);
    this.redraw();
  }

  bell(): void {
    this.deps.write('\x07');
  }

  /** Enter: the cursor goes past the end of the input and to the next row. */
  accept(): EditorEvent {
    const text = this.text;
    this.deps.write(this.renderer.toEnd() + '\r\n');
    return { type: 'accept', text };
  }

  /** Ctrl-C: `^C` where the cursor is, the line is abandoned. */
  interrupt(): EditorEvent {
    this.deps.write('^C' + this.renderer.toEnd() + '\r\n');
    return { type: 'interrupt' };
  }

  historyMove(delta: number): void {
    const history = this.deps.history();
    const target = this.histIndex + delta;
    if (target < 0 || target > history.length) return this.bell();
    if (this.histIndex === history.length) this.savedLine = this.line;
    this.histIndex = target;
    this.line = target === history.length ? (this.savedLine ?? buf.lineOf('')) : buf.lineOf(history.at(target)!);
    this.redraw();
  }

  historyEdge(first: boolean): void {
    const history = this.deps.history();
    this.historyMove((first ? 0 : history.length) - this.histIndex);
  }

  startSearch(): void {
    this.search = { query: '', index: this.deps.history().length, position: 0, failed: false, original: this.line };
    this.redraw();
  }

  complete(): void {
    this.tabCount++;
    const line = this.text;
    const cursor16 = this.line.chars.slice(0, this.line.cursor).join('').length;
    let result: CompletionResult;
    try {
      result = this.deps.complete(line, cursor16);
    } catch {
      return this.bell();
    }
    const values = [...new Set(result.candidates.map((c) => c.value))];
    const word = line.slice(result.start, result.end);
    if (!values.length) return this.bell();
    if (values.length === 1) {
      const only = result.candidates.find((c) => c.value === values[0])!;
      this.replaceWord(line, result.start, result.end, only.value + (only.suffix ?? ' '));
      this.tabCount = 0;
      return;
    }
    const prefix = commonPrefix(values);
    if (prefix.length > word.length && prefix.startsWith(word)) {
      this.replaceWord(line, result.start, result.end, prefix);
      this.tabCount = 0;
      return;
    }
    if (this.tabCount < 2) return this.bell();
    const shown = result.candidates.some((c) => c.description)
      ? [...new Set(formatDescriptions(result.candidates, this.renderer.columns))].sort()
      : [...new Set(result.candidates.map((c) => c.display ?? c.value))];
    if (shown.length >= COMPLETION_QUERY_ITEMS) {
      this.deps.write(this.renderer.toEnd() + `\r\nDisplay all ${shown.length} possibilities? (y or n)`);
      this.query = { values: shown };
      return;
    }
    this.listCandidates(shown);
  }

  // ---- internals ------------------------------------------------------------------------

  private replaceWord(line: string, start: number, end: number, replacement: string): void {
    const before = line.slice(0, start) + replacement;
    this.line = { chars: Array.from(before + line.slice(end)), cursor: Array.from(before).length };
    this.redraw();
  }

  private listCandidates(items: string[], alreadyBelow = false): void {
    const rows = formatColumns(items, this.renderer.columns);
    this.deps.write((alreadyBelow ? '' : this.renderer.toEnd()) + '\r\n');
    this.showRows(rows);
  }

  /** Print list rows a screenful at a time, as readline does with page-completions on. */
  private showRows(rows: string[]): void {
    const page = Math.max(1, (this.deps.rows?.() ?? Number.MAX_SAFE_INTEGER) - 1);
    const now = rows.slice(0, page);
    this.deps.write(now.map((r) => r + '\r\n').join(''));
    if (rows.length > page) {
      this.more = rows.slice(page);
      this.deps.write('--More--');
      return;
    }
    this.more = undefined;
    this.renderer.begin(0);
    this.redraw();
  }

  private answerMore(key: Key): undefined {
    const rest = this.more!;
    const ch = key.kind === 'text' ? key.text[0] : key.kind === 'key' ? key.name : '';
    const erase = '\r\x1b[K';
    if (ch === 'y' || ch === 'Y' || ch === ' ') {
      this.deps.write(erase);
      this.showRows(rest);
    } else if (ch === 'enter' || ch === 'ctrl-j') {
      this.deps.write(erase);
      this.more = undefined;
      const [first, ...others] = rest;
      this.deps.write(first + '\r\n');
      if (others.length) {
        this.more = others;
        this.deps.write('--More--');
      } else {
        this.renderer.begin(0);
        this.redraw();
      }
    } else if (ch === 'n' || ch === 'N' || ch === 'q' || ch === 'Q' || ch === 'backspace' || ch === 'ctrl-c' || ch === 'ctrl-g') {
      this.deps.write(erase);
      this.more = undefined;
      this.renderer.begin(0);
      this.redraw();
    } else this.bell();
    return undefined;
  }

  private answerQuery(key: Key): undefined {
    const values = this.query!.values;
    const ch = key.kind === 'text' ? key.text[0] : key.kind === 'key' ? key.name : '';
    if (ch === 'y' || ch === 'Y' || ch === ' ') {
      this.query = undefined;
      this.listCandidates(values, true);
    } else if (ch === 'n' || ch === 'N' || ch === 'backspace' || ch === 'ctrl-c' || ch === 'ctrl-g') {
      this.query = undefined;
      this.deps.write('\r\n');
      this.renderer.begin(0);
      this.redraw();
    }
    this.tabCount = 0;
    return undefined;
  }

  private feedSearch(key: Key): EditorEvent | undefined | 'pass' {
    const s = this.search!;
    const history = this.deps.history();
    if (key.kind !== 'key') {
      // One character at a time, as typed: a failing character keeps the last match shown.
      for (const ch of key.text.replace(/[\r\n]/g, '')) {
        s.query += ch;
        this.runSearch(s.index === history.length ? history.length - 1 : s.index);
      }
      return undefined;
    }
    switch (key.name) {
      case 'ctrl-r': {
        if (!s.query && this.lastSearchQuery) {
          s.query = this.lastSearchQuery;
          this.runSearch(s.index === history.length ? history.length - 1 : s.index);
        } else {
          this.runSearch(s.index - 1);
        }
        return undefined;
      }
      case 'backspace':
        s.query = Array.from(s.query).slice(0, -1).join('');
        s.failed = false;
        if (s.query) this.runSearch(history.length - 1);
        else this.showSearchResult(history.length, 0);
        return undefined;
      case 'ctrl-g':
        this.line = s.original;
        this.endSearch();
        return undefined;
      case 'ctrl-c':
        this.line = s.original;
        this.endSearch();
        return this.interrupt();
      case 'escape':
      case 'ctrl-j':
        this.endSearch();
        return undefined;
      case 'enter':
        this.endSearch();
        return this.accept();
      default:
        // Any other editing key ends the search with the match on the line, then acts as usual.
        this.endSearch();
        return 'pass';
    }
  }

  private runSearch(from: number): void {
    const s = this.search!;
    const history = this.deps.history();
    const found = history.searchBackward(s.query, from);
    if (found) {
      s.failed = false;
      this.showSearchResult(found.index, found.position);
    } else {
      s.failed = true;
      this.bell();
      this.redraw();
    }
  }

  private showSearchResult(index: number, position: number): void {
    const s = this.search!;
    const history = this.deps.history();
    s.index = index;
    s.position = position;
    const text = index < history.length ? history.at(index)! : buf.textOf(s.original);
    this.line = { chars: Array.from(text), cursor: Array.from(text.slice(0, position)).length };
    if (index < history.length) this.histIndex = index;
    this.redraw();
  }

  private endSearch(): void {
    if (this.search?.query) this.lastSearchQuery = this.search.query;
    this.search = undefined;
    this.redraw();
  }

  private redraw(): void {
    const prompt = this.search
      ? `(${this.search.failed ? 'failed ' : ''}reverse-i-search)\`${this.search.query}': `
      : this.prompt;
    this.deps.write(this.renderer.draw(prompt, this.line.chars, this.line.cursor));
  }
}

const KILL_COMMANDS = new Set(['ctrl-k', 'ctrl-u', 'ctrl-w', 'alt-d', 'alt-backspace']);

/** readline's emacs key map: one entry per key, each a small command. */
const KEYMAP: Partial<Record<KeyName, Handler>> = {
  enter: (ed) => ed.accept(),
  'ctrl-j': (ed) => ed.accept(),
  'ctrl-m': (ed) => ed.accept(),
  'ctrl-c': (ed) => ed.interrupt(),
  'ctrl-d': (ed) => (ed.length === 0 ? { type: 'eof' } : ed.deleteRange(ed.cursor, ed.cursor + 1)),
  tab: (ed) => ed.complete(),
  left: (ed) => ed.move(ed.cursor - 1),
  'ctrl-b': (ed) => ed.move(ed.cursor - 1),
  right: (ed) => ed.move(ed.cursor + 1),
  'ctrl-f': (ed) => ed.move(ed.cursor + 1),
  home: (ed) => ed.move(0),
  'ctrl-a': (ed) => ed.move(0),
  end: (ed) => ed.move(ed.length),
  'ctrl-e': (ed) => ed.move(ed.length),
  'alt-b': (ed) => ed.move(ed.wordBackward()),
  'ctrl-left': (ed) => ed.move(ed.wordBackward()),
  'alt-f': (ed) => ed.move(ed.wordForward()),
  'ctrl-right': (ed) => ed.move(ed.wordForward()),
  backspace: (ed) => (ed.cursor > 0 ? ed.deleteRange(ed.cursor - 1, ed.cursor) : ed.bell()),
  delete: (ed) => (ed.cursor < ed.length ? ed.deleteRange(ed.cursor, ed.cursor + 1) : ed.bell()),
  'ctrl-k': (ed) => ed.kill(ed.cursor, ed.length),
  'ctrl-u': (ed) => ed.kill(0, ed.cursor),
  'ctrl-w': (ed) => ed.kill(ed.blankWordBackward(), ed.cursor),
  'alt-backspace': (ed) => ed.kill(ed.wordBackward(), ed.cursor),
  'alt-d': (ed) => ed.kill(ed.cursor, ed.wordForward()),
  'ctrl-y': (ed) => ed.yank(),
  'alt-y': (ed) => ed.yankPop(),
  'ctrl-t': (ed) => ed.transpose(),
  'alt-.': (ed) => ed.yankLastArg(),
  'alt-_': (ed) => ed.yankLastArg(),
  'ctrl-l': (ed) => ed.clearScreen(),
  up: (ed) => ed.historyMove(-1),
  'ctrl-p': (ed) => ed.historyMove(-1),
  down: (ed) => ed.historyMove(1),
  'ctrl-n': (ed) => ed.historyMove(1),
  'alt-<': (ed) => ed.historyEdge(true),
  'alt->': (ed) => ed.historyEdge(false),
  'ctrl-r': (ed) => ed.startSearch(),
  'ctrl-g': (ed) => ed.bell(),
};
