/**
 * Key sequences played into real tmux (by record.ts) and into ours (by golden.test.ts), on an
 * 80x24 terminal whose panes run bash with PS1='$ '. Each chunk is typed after the previous one
 * has been drawn.
 */
export interface TmuxCase {
  name: string;
  keys: string[];
  /** Capture right after the last key (what shows only briefly: display-panes). */
  quick?: boolean;
}

const P = '\x02';
const LEFT = '\x1b[D';
const UP = '\x1b[A';

export const TMUX_CASES: TmuxCase[] = [
  { name: 'start', keys: [] },
  { name: 'split-left-right', keys: [`${P}%`] },
  { name: 'split-left-right-left-active', keys: [`${P}%`, `${P}o`] },
  { name: 'split-top-bottom', keys: [`${P}"`] },
  { name: 'split-top-bottom-top-active', keys: [`${P}"`, `${P}${UP}`] },
  { name: 'three-panes', keys: [`${P}%`, `${P}"`] },
  { name: 'three-panes-left-active', keys: [`${P}%`, `${P}"`, `${P}${LEFT}`] },
  { name: 'four-panes', keys: [`${P}%`, `${P}"`, `${P}${LEFT}`, `${P}"`] },
  { name: 'commands-in-two-panes', keys: ['echo hello\r', `${P}%`, 'echo world\r'] },
  { name: 'kill-pane-prompt', keys: [`${P}%`, `${P}x`] },
  { name: 'kill-pane-yes', keys: [`${P}%`, 'echo right\r', `${P}o`, `${P}x`, 'y'] },
  { name: 'rename-window-prompt', keys: [`${P},`] },
  { name: 'rename-window', keys: [`${P},`, '\x15web\r'] },
  { name: 'new-window', keys: [`${P}c`] },
  { name: 'previous-window', keys: ['echo one\r', `${P}c`, `${P}p`] },
  { name: 'zoom', keys: [`${P}%`, `${P}z`] },
  { name: 'copy-mode', keys: ['seq 50\r', `${P}[`] },
  { name: 'copy-mode-page-up', keys: ['seq 50\r', `${P}[`, '\x1b[5~'] },
  { name: 'wrapped-output-in-pane', keys: [`${P}%`, 'echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r'] },
  { name: 'exit-pane', keys: [`${P}%`, 'exit\r'] },
  { name: 'display-panes', keys: [`${P}%`, `${P}"`, `${P}q`], quick: true },
  { name: 'display-panes-select', keys: [`${P}%`, `${P}"`, `${P}q`, '0', 'echo zero\r'] },
  { name: 'list-keys', keys: [`${P}?`] },
  { name: 'kill-window-prompt', keys: [`${P}c`, `${P}&`] },
  { name: 'kill-window-yes', keys: ['echo first\r', `${P}c`, `${P}&`, 'y'] },
  { name: 'rename-session', keys: [`${P}$`, '\x15exam\r'] },
  { name: 'command-prompt', keys: [`${P}:`, 'split-window -h'] },
  { name: 'command-prompt-run', keys: [`${P}:`, 'split-window -h\r'] },
  { name: 'command-prompt-error', keys: [`${P}:`, 'select-window -t 7\r'], quick: true },
  { name: 'select-missing-window', keys: [`${P}5`], quick: true },
  { name: 'list-keys-page-down', keys: [`${P}?`, '\x1b[6~'] },
  { name: 'resize-right-pane-left', keys: [`${P}%`, `${P}\x1b[1;5D`] },
  { name: 'resize-left-pane-left-by-five', keys: [`${P}%`, `${P}o`, `${P}\x1b[1;3D`] },
  { name: 'resize-bottom-pane-up-twice', keys: [`${P}"`, `${P}\x1b[1;5A`, '\x1b[1;5A'] },
];
