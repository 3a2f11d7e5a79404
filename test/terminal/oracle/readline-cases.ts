/**
 * Keystroke scripts that are played both into real bash (inside tmux, by record-bash.ts) and into
 * our terminal (readline-oracle.test.ts); the screens must match. Keys are written as xterm sends
 * them. History, when given, is loaded before the keys are typed.
 */
export interface ReadlineCase {
  name: string;
  cols?: number;
  rows?: number;
  history?: string[];
  /** Chunks of input, sent one after the other. */
  keys: string[];
  /** Files of the working directory (also $HOME): path → content, or null for a directory. */
  files?: Record<string, string | null>;
  /** Load kubectl 1.33's bash completion (`source <(kubectl completion bash)`). */
  kubectl?: boolean;
}

const ESC = '\x1b';
const ctrl = (c: string) => String.fromCharCode(c.toUpperCase().charCodeAt(0) - 64);
const alt = (c: string) => ESC + c;
const LEFT = `${ESC}[D`;
const RIGHT = `${ESC}[C`;
const UP = `${ESC}[A`;
const DOWN = `${ESC}[B`;
const HOME = `${ESC}[H`;
const END = `${ESC}[F`;
const DEL = `${ESC}[3~`;
const BS = '\x7f';
const CTRL_LEFT = `${ESC}[1;5D`;
const CTRL_RIGHT = `${ESC}[1;5C`;

const HISTORY = [
  'kubectl get nodes',
  'kubectl get pods -A',
  'echo hello',
  'kubectl describe node cka02',
  'systemctl status kubelet',
];

export const READLINE_CASES: ReadlineCase[] = [
  { name: 'insert-at-start', keys: ['ubectl get pods', ctrl('a'), 'k'] },
  { name: 'ctrl-e-append', keys: ['kubectl get', ctrl('a'), ctrl('e'), ' nodes'] },
  { name: 'char-motion-ctrl-b-f', keys: ['abcdef', ctrl('b'), ctrl('b'), ctrl('b'), ctrl('f'), 'X'] },
  { name: 'arrows-and-delete', keys: ['kubectl get podz', LEFT, DEL, 's', HOME, RIGHT, RIGHT, 'X', END, '!'] },
  { name: 'backspace-middle', keys: ['kubectl gget pods', LEFT, LEFT, LEFT, LEFT, LEFT, BS, 'X'] },
  { name: 'word-motion-alt', keys: ['kubectl get pods -n kube-system', alt('b'), alt('b'), 'X', alt('f'), 'Y'] },
  { name: 'word-motion-ctrl-arrows', keys: ['kubectl get pods -n kube-system', CTRL_LEFT, CTRL_LEFT, CTRL_LEFT, 'X', CTRL_RIGHT, 'Y'] },
  { name: 'ctrl-w-blank-word', keys: ['kubectl get pods -n kube-system', ctrl('w'), 'default'] },
  { name: 'ctrl-u-ctrl-y', keys: ['kubectl get pods', ctrl('b'), ctrl('b'), ctrl('u'), 'X', ctrl('e'), ' ', ctrl('y')] },
  { name: 'ctrl-k-ctrl-y', keys: ['one two three', alt('b'), alt('b'), ctrl('k'), ctrl('a'), ctrl('y'), ' '] },
  { name: 'kill-ring-append', keys: ['alpha beta gamma', ctrl('w'), ctrl('w'), ctrl('a'), ctrl('y')] },
  { name: 'yank-pop', keys: ['aaa bbb', ctrl('w'), 'ccc', ctrl('w'), ctrl('y'), alt('y')] },
  { name: 'alt-d-kill-word', keys: ['kubectl get pods', ctrl('a'), alt('d'), 'oc'] },
  { name: 'alt-backspace', keys: ['kubectl get kube-system', alt('\x7f'), alt('\x7f'), 'default'] },
  { name: 'ctrl-t-transpose', keys: ['kubcetl', LEFT, LEFT, LEFT, ctrl('t')] },
  { name: 'long-line-wraps', cols: 40, keys: ['echo ' + 'abcdefghij'.repeat(9)] },
  { name: 'long-line-edit-middle', cols: 40, keys: ['echo ' + '0123456789'.repeat(7), ctrl('a'), alt('f'), alt('f'), 'XYZ'] },
  { name: 'long-line-exact-fill', cols: 40, keys: ['echo ' + 'x'.repeat(21)] },
  { name: 'long-line-delete-back', cols: 40, keys: ['echo ' + 'y'.repeat(40), BS.repeat(10)] },
  { name: 'cjk-text', keys: ['echo 你好，世界', LEFT, LEFT, 'X'] },
  { name: 'cjk-wrap', cols: 30, keys: ['echo 中文字符换行测试中文字符换行测试中文字符', HOME, alt('f'), 'Z'] },
  { name: 'enter-runs', keys: ['echo hello\r'] },
  { name: 'ctrl-c-abandons', keys: ['echo abc', ctrl('c')] },
  { name: 'ctrl-c-middle', keys: ['kubectl get pods', ctrl('a'), alt('f'), ctrl('c')] },
  { name: 'ctrl-l-clears', keys: ['echo one\r', 'echo two\r', 'kubectl', ctrl('l')] },
  { name: 'history-up', history: HISTORY, keys: [UP, UP] },
  { name: 'history-up-down', history: HISTORY, keys: [UP, UP, UP, DOWN] },
  { name: 'history-keeps-current-line', history: HISTORY, keys: ['partial', UP, UP, DOWN, DOWN] },
  { name: 'history-ctrl-p-n', history: HISTORY, keys: [ctrl('p'), ctrl('p'), ctrl('n')] },
  { name: 'yank-last-arg', history: HISTORY, keys: ['cat ', alt('.')] },
  { name: 'yank-last-arg-again', history: HISTORY, keys: ['cat ', alt('.'), alt('.'), alt('.')] },
  { name: 'reverse-search', history: HISTORY, keys: [ctrl('r'), 'kub'] },
  { name: 'reverse-search-again', history: HISTORY, keys: [ctrl('r'), 'kub', ctrl('r')] },
  { name: 'reverse-search-failed', history: HISTORY, keys: [ctrl('r'), 'kubez'] },
  { name: 'reverse-search-accept-edit', history: HISTORY, keys: [ctrl('r'), 'get p', ESC, ctrl('e'), ' -o wide'] },
  { name: 'reverse-search-abort', history: HISTORY, keys: ['draft', ctrl('r'), 'kub', ctrl('g')] },
  { name: 'reverse-search-run', history: HISTORY, keys: [ctrl('r'), 'hello', '\r'] },
  { name: 'continuation-quote', keys: ["echo 'one\r", "two'\r"] },
  { name: 'continuation-backslash', keys: ['echo one \\\r', 'two\r'] },
  { name: 'heredoc-typed', keys: ['cat <<EOF\r', 'hello\r', 'world\r', 'EOF\r'] },
  { name: 'paste-heredoc-plain', keys: ['cat <<EOF\rline one\rline two\rEOF\recho done\r'] },
];
