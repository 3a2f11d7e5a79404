/**
 * The text being edited and the cursor in it, with readline's editing commands as pure
 * functions of that state. Text is held as code points so that a CJK character or an emoji is
 * one step of the cursor, as in bash.
 */
export interface LineState {
  chars: string[];
  /** Index in chars: 0 … chars.length. */
  cursor: number;
}

export function lineOf(text: string, cursor?: number): LineState {
  const chars = Array.from(text);
  return { chars, cursor: cursor ?? chars.length };
}

export function textOf(state: LineState): string {
  return state.chars.join('');
}

/** readline's idea of a word character (forward-word, backward-word, kill-word): letters and digits. */
function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

export function insert(state: LineState, text: string): LineState {
  const add = Array.from(text);
  const chars = [...state.chars.slice(0, state.cursor), ...add, ...state.chars.slice(state.cursor)];
  return { chars, cursor: state.cursor + add.length };
}

export function moveTo(state: LineState, cursor: number): LineState {
  return { chars: state.chars, cursor: Math.max(0, Math.min(state.chars.length, cursor)) };
}

/** Position after the end of the next word (Alt-F / Ctrl-Right). */
export function forwardWord(state: LineState): number {
  let i = state.cursor;
  const c = state.chars;
  while (i < c.length && !isWordChar(c[i])) i++;
  while (i < c.length && isWordChar(c[i])) i++;
  return i;
}

/** Position of the start of the previous word (Alt-B / Ctrl-Left). */
export function backwardWord(state: LineState): number {
  let i = state.cursor;
  const c = state.chars;
  while (i > 0 && !isWordChar(c[i - 1])) i--;
  while (i > 0 && isWordChar(c[i - 1])) i--;
  return i;
}

/** Start of the whitespace-delimited word before the cursor (Ctrl-W, unix-word-rubout). */
export function backwardBlankWord(state: LineState): number {
  let i = state.cursor;
  const c = state.chars;
  while (i > 0 && /\s/.test(c[i - 1])) i--;
  while (i > 0 && !/\s/.test(c[i - 1])) i--;
  return i;
}

/** Remove chars[from, to) and return the new state and the removed text. */
export function cut(state: LineState, from: number, to: number): { state: LineState; removed: string } {
  const a = Math.max(0, Math.min(from, to));
  const b = Math.min(state.chars.length, Math.max(from, to));
  const removed = state.chars.slice(a, b).join('');
  const chars = [...state.chars.slice(0, a), ...state.chars.slice(b)];
  const cursor = state.cursor <= a ? state.cursor : state.cursor >= b ? state.cursor - (b - a) : a;
  return { state: { chars, cursor }, removed };
}

/** Ctrl-T: swap the two characters before the cursor (or around it), moving the cursor on. */
export function transpose(state: LineState): LineState {
  const c = [...state.chars];
  if (c.length < 2 || state.cursor === 0) return state;
  const at = state.cursor === c.length ? state.cursor - 1 : state.cursor;
  [c[at - 1], c[at]] = [c[at], c[at - 1]];
  return { chars: c, cursor: Math.min(c.length, at + 1) };
}

/**
 * The kill ring: consecutive kills join into one entry (Ctrl-K Ctrl-K, Ctrl-W Ctrl-W), Ctrl-Y
 * yanks the newest entry and Alt-Y replaces the yanked text with the one before it.
 */
export class KillRing {
  private ring: string[] = [];
  private index = 0;

  kill(text: string, direction: 'forward' | 'backward', appendToLast: boolean): void {
    if (!text) return;
    if (appendToLast && this.ring.length) {
      const top = this.ring[this.ring.length - 1];
      this.ring[this.ring.length - 1] = direction === 'forward' ? top + text : text + top;
    } else {
      this.ring.push(text);
      if (this.ring.length > 60) this.ring.shift();
    }
    this.index = this.ring.length - 1;
  }

  yank(): string | undefined {
    this.index = this.ring.length - 1;
    return this.ring[this.index];
  }

  /** The entry before the last one yanked, cycling. */
  rotate(): string | undefined {
    if (!this.ring.length) return undefined;
    this.index = (this.index - 1 + this.ring.length) % this.ring.length;
    return this.ring[this.index];
  }
}
