/**
 * Keys as tmux reads them: the input split into single keys (escape sequences whole, a bracketed
 * paste whole), and the prefix table — what the key after Ctrl-B does (tmux's default bindings,
 * `tmux list-keys -T prefix`).
 */
import {
  cycleWindow,
  lastPane,
  lastWindow,
  newWindow,
  nextPane,
  renameSession,
  renameWindow,
  resizePane,
  selectPaneToward,
  selectWindow,
  splitWindow,
} from './actions';
import type { Client } from './client';
import type { Pane } from './pane';
import { CopyMode, ViewMode } from './copy-mode';
import KEY_BINDINGS from './key-bindings.json';
import { runCommandLine } from './commands';

export const PREFIX = '\x02';

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** Split input into keys: characters, escape sequences, bracketed pastes. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      const end = data.indexOf(PASTE_END, i);
      const stop = end < 0 ? data.length : end + PASTE_END.length;
      keys.push(data.slice(i, stop));
      i = stop;
      continue;
    }
    if (data[i] === '\x1b' && i + 1 < data.length) {
      const next = data[i + 1];
      if (next === '[') {
        let j = i + 2;
        while (j < data.length && !(data.charCodeAt(j) >= 0x40 && data.charCodeAt(j) <= 0x7e)) j++;
        keys.push(data.slice(i, j + 1));
        i = j + 1;
        continue;
      }
      if (next === 'O' && i + 2 < data.length) {
        keys.push(data.slice(i, i + 3));
        i += 3;
        continue;
      }
      keys.push(data.slice(i, i + 2));
      i += 2;
      continue;
    }
    const cp = data.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    keys.push(ch);
    i += ch.length;
  }
  return keys;
}

const ARROWS: Record<string, 'up' | 'down' | 'right' | 'left'> = {
  '\x1b[A': 'up',
  '\x1b[B': 'down',
  '\x1b[C': 'right',
  '\x1b[D': 'left',
  '\x1bOA': 'up',
  '\x1bOB': 'down',
  '\x1bOC': 'right',
  '\x1bOD': 'left',
};

type Binding = (client: Client) => void;

/** paste-buffer -p: lines end with a carriage return, bracketed when the program asked for it. */
export function pasteInto(pane: Pane, text: string): void {
  const data = text.replace(/\r?\n/g, '\r');
  pane.input(pane.screen.bracketedPaste ? `${PASTE_START}${data}${PASTE_END}` : data);
}

function enterCopyMode(c: Client): CopyMode {
  const pane = c.session.current.activePane;
  if (pane.mode instanceof CopyMode) return pane.mode;
  const mode = new CopyMode(pane, c.viKeys, (text) => c.server.addBuffer(text));
  pane.mode = mode;
  return mode;
}

/** Run an action that may fail: its error shows in the status line, as tmux shows it. */
function report(client: Client, error: string | undefined): void {
  if (error) client.showError(error);
}

const PREFIX_TABLE: Record<string, Binding> = {
  '%': (c) => report(c, splitWindow(c.server, c.session, c.session.current, 'lr')),
  '"': (c) => report(c, splitWindow(c.server, c.session, c.session.current, 'tb')),
  o: (c) => nextPane(c.session.current),
  ';': (c) => report(c, lastPane(c.session.current)),
  x: (c) => {
    const w = c.session.current;
    const pane = w.activePane;
    c.confirm(`kill-pane ${w.paneIndex(pane)}?`, () => c.server.killPane(pane));
  },
  '&': (c) => {
    const w = c.session.current;
    c.confirm(`kill-window ${w.name}?`, () => c.server.killWindow(c.session, w));
  },
  c: (c) => void newWindow(c.server, c.session),
  n: (c) => cycleWindow(c.session, 1),
  p: (c) => cycleWindow(c.session, -1),
  l: (c) => report(c, lastWindow(c.session)),
  ',': (c) => {
    const w = c.session.current;
    c.ask('(rename-window) ', w.name, (name) => renameWindow(c.server, w, name));
  },
  $: (c) => c.ask('(rename-session) ', c.session.name, (name) => report(c, renameSession(c.server, c.session, name))),
  d: (c) => c.detach(),
  z: (c) => c.session.current.toggleZoom(),
  q: (c) => c.displayPanes(),
  ']': (c) => {
    const buffer = c.server.buffers[0];
    if (buffer) pasteInto(c.session.current.activePane, buffer.data);
  },
  '?': (c) => {
    const pane = c.session.current.activePane;
    pane.mode = new ViewMode(KEY_BINDINGS.notes, pane, c.viKeys);
  },
  '[': (c) => void enterCopyMode(c),
  '\x1b[5~': (c) => enterCopyMode(c).pageUp(),
  ':': (c) => c.ask(':', '', (line) => report(c, line.trim() ? runCommandLine(c, line) : undefined)),
  [PREFIX]: (c) => c.session.current.activePane.input(PREFIX),
};

for (let i = 0; i <= 9; i++) PREFIX_TABLE[String(i)] = (c) => report(c, selectWindow(c.session, i));

/** Bindings with -r: within repeat-time of one, they work again without the prefix. */
const REPEATABLE = new Set<string>();

// Arrows select the pane that way; with Ctrl they resize it by one, with Alt by five.
const ARROW_FINAL: Record<string, 'up' | 'down' | 'right' | 'left'> = { A: 'up', B: 'down', C: 'right', D: 'left' };
for (const [seq, dir] of Object.entries(ARROWS)) {
  PREFIX_TABLE[seq] = (c) => selectPaneToward(c.session.current, dir);
  REPEATABLE.add(seq);
}
for (const [final, dir] of Object.entries(ARROW_FINAL)) {
  for (const [modifier, amount] of [['5', 1], ['3', 5]] as const) {
    const seq = `\x1b[1;${modifier}${final}`;
    PREFIX_TABLE[seq] = (c) => resizePane(c.session.current, dir, amount);
    REPEATABLE.add(seq);
  }
}

export function prefixCommand(key: string): Binding | undefined {
  return Object.hasOwn(PREFIX_TABLE, key) ? PREFIX_TABLE[key] : undefined;
}

export function isRepeatable(key: string): boolean {
  return REPEATABLE.has(key);
}
