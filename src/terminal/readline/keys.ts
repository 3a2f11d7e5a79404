/**
 * Turns the raw data xterm.js sends (one keystroke, several typed quickly, or a paste) into key
 * events the line editor understands. Sequences follow xterm's defaults: arrows as CSI A-D (or SS3
 * in application cursor mode), Alt+key as ESC key, Ctrl+arrows as CSI 1;5 C/D, bracketed paste
 * between CSI 200~ and CSI 201~.
 */
export type Key =
  | { kind: 'text'; text: string }
  | { kind: 'paste'; text: string }
  | { kind: 'key'; name: KeyName };

export type KeyName =
  | 'enter' | 'tab' | 'backspace' | 'delete' | 'escape'
  | 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageup' | 'pagedown' | 'insert'
  | 'ctrl-left' | 'ctrl-right' | 'shift-tab'
  | `ctrl-${string}` | `alt-${string}` | 'alt-backspace' | 'unknown';

const CSI_FINAL: Record<string, KeyName> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'shift-tab',
};

const CSI_TILDE: Record<string, KeyName> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pageup', '6': 'pagedown', '7': 'home', '8': 'end',
};

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

function controlName(code: number): KeyName {
  switch (code) {
    case 0x0d: return 'enter';
    case 0x0a: return 'ctrl-j';
    case 0x09: return 'tab';
    case 0x7f: case 0x08: return 'backspace';
    case 0x1b: return 'escape';
    case 0x00: return 'ctrl-space';
    case 0x1f: return 'ctrl-_';
    case 0x1c: return 'ctrl-\\';
    case 0x1d: return 'ctrl-]';
    default: return `ctrl-${String.fromCharCode(code + 0x60)}`;
  }
}

function parseCsi(params: string, final: string): KeyName {
  if (final === '~') {
    const [first] = params.split(';');
    return CSI_TILDE[first] ?? 'unknown';
  }
  const base = CSI_FINAL[final];
  if (!base) return 'unknown';
  const mod = params.split(';')[1];
  // Modifier 5 = Ctrl, 3 = Alt: readline binds both to word motion for the arrows.
  if ((mod === '5' || mod === '3') && (base === 'left' || base === 'right')) return base === 'left' ? 'ctrl-left' : 'ctrl-right';
  return base;
}

/** Parse a chunk of terminal input into keys. Printable runs are merged into one text key. */
export function parseKeys(data: string): Key[] {
  return parseKeysWithRaw(data).map(({ key }) => key);
}

/** A key and the exact input it came from (what a program in raw mode would have read). */
export interface RawKey {
  key: Key;
  raw: string;
}

/** parseKeys, keeping for each key the input it was parsed from. */
export function parseKeysWithRaw(data: string): RawKey[] {
  const out: RawKey[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) out.push({ key: { kind: 'text', text }, raw: text });
    text = '';
  };
  /** A key made of the next `length` characters of input. */
  const emit = (key: Key, length: number) => {
    flush();
    out.push({ key, raw: data.slice(i, i + length) });
    i += length;
  };
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      const end = data.indexOf(PASTE_END, i + PASTE_START.length);
      const stop = end < 0 ? data.length : end;
      emit({ kind: 'paste', text: data.slice(i + PASTE_START.length, stop) }, (end < 0 ? data.length : end + PASTE_END.length) - i);
      continue;
    }
    const code = data.charCodeAt(i);
    if (code === 0x1b) {
      const next = data[i + 1];
      if (next === '[') {
        const m = /^\x1b\[([0-9;]*)([~A-Za-z])/.exec(data.slice(i));
        if (m) {
          emit({ kind: 'key', name: parseCsi(m[1], m[2]) }, m[0].length);
          continue;
        }
      } else if (next === 'O' && i + 2 < data.length) {
        emit({ kind: 'key', name: CSI_FINAL[data[i + 2]] ?? 'unknown' }, 3);
        continue;
      } else if (next === '\x7f' || next === '\b') {
        emit({ kind: 'key', name: 'alt-backspace' }, 2);
        continue;
      } else if (next !== undefined && next !== '\x1b') {
        emit({ kind: 'key', name: `alt-${next.toLowerCase()}` }, 2);
        continue;
      }
      emit({ kind: 'key', name: 'escape' }, 1);
      continue;
    }
    if (code < 0x20 || code === 0x7f) {
      emit({ kind: 'key', name: controlName(code) }, 1);
      continue;
    }
    text += data[i];
    i += 1;
  }
  flush();
  return out;
}
