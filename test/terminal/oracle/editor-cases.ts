/**
 * Key scripts for vim and nano, played into the real programs (Vim 9 with defaults.vim, GNU
 * nano) by record-editors.ts and into ours by editors-oracle.test.ts. `exits` cases compare
 * the written file; the others compare the screen.
 */
export interface EditorCase {
  name: string;
  program: 'vim' | 'nano';
  /** File to open (in the case's directory); its starting content, null when it does not exist. */
  file: string;
  content: string | null;
  keys: string[];
  exits?: boolean;
  cols?: number;
  rows?: number;
}

const ESC = '\x1b';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n';
const LONG = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

export const VIM_CASES: EditorCase[] = [
  { name: 'vim-open', program: 'vim', file: 'pod.yaml', content: POD, keys: [] },
  { name: 'vim-open-new', program: 'vim', file: 'new.yaml', content: null, keys: [] },
  { name: 'vim-insert-yaml-indent', program: 'vim', file: 'pod.yaml', content: POD, keys: ['jjA', '\r', 'labels:', '\r', 'app: web'] },
  { name: 'vim-e37', program: 'vim', file: 'pod.yaml', content: POD, keys: ['x', ':q\r'] },
  { name: 'vim-e492', program: 'vim', file: 'pod.yaml', content: POD, keys: [':foo\r'] },
  { name: 'vim-dd-p', program: 'vim', file: 'pod.yaml', content: POD, keys: ['dd', 'jp'] },
  { name: 'vim-counts-motions', program: 'vim', file: 'pod.yaml', content: POD, keys: ['3G', 'w', '2x', '$', 'b'] },
  { name: 'vim-yy-P-dot', program: 'vim', file: 'pod.yaml', content: POD, keys: ['Gyy', 'P', '.'] },
  { name: 'vim-shift-right', program: 'vim', file: 'pod.yaml', content: POD, keys: ['4G', '>>', 'j', '3>>'] },
  { name: 'vim-shift-left', program: 'vim', file: 'pod.yaml', content: POD, keys: ['8G', '<<'] },
  { name: 'vim-search', program: 'vim', file: 'pod.yaml', content: POD, keys: ['/nginx\r'] },
  { name: 'vim-search-wrap', program: 'vim', file: 'pod.yaml', content: POD, keys: ['/nginx\r', 'n', 'n'] },
  { name: 'vim-search-missing', program: 'vim', file: 'pod.yaml', content: POD, keys: ['/nothere\r'] },
  { name: 'vim-substitute', program: 'vim', file: 'pod.yaml', content: POD, keys: [':%s/nginx/httpd/g\r'] },
  { name: 'vim-substitute-many', program: 'vim', file: 'pod.yaml', content: POD, keys: [':%s/e/E/g\r'] },
  { name: 'vim-set-number', program: 'vim', file: 'pod.yaml', content: POD, keys: [':set number\r'] },
  { name: 'vim-set-query', program: 'vim', file: 'pod.yaml', content: POD, keys: [':set sw?\r'] },
  { name: 'vim-set-unknown', program: 'vim', file: 'pod.yaml', content: POD, keys: [':set foo\r'] },
  { name: 'vim-jump-line', program: 'vim', file: 'pod.yaml', content: POD, keys: [':6\r'] },
  { name: 'vim-cw', program: 'vim', file: 'pod.yaml', content: POD, keys: ['2Gw', 'cwDeployment', ESC] },
  { name: 'vim-visual-line-delete', program: 'vim', file: 'pod.yaml', content: POD, keys: ['2G', 'Vj', 'd'] },
  { name: 'vim-visual-mode-line', program: 'vim', file: 'pod.yaml', content: POD, keys: ['2G', 'vll'] },
  { name: 'vim-undo-redo', program: 'vim', file: 'pod.yaml', content: POD, keys: ['dd', 'u', '\x12'] },
  { name: 'vim-undo-oldest', program: 'vim', file: 'pod.yaml', content: POD, keys: ['u'] },
  { name: 'vim-scroll-long', program: 'vim', file: 'long.txt', content: LONG, keys: ['40G'] },
  { name: 'vim-G-long', program: 'vim', file: 'long.txt', content: LONG, keys: ['G'] },
  { name: 'vim-paste-mode', program: 'vim', file: 'pod.yaml', content: POD, keys: [':set paste\r', 'Go', 'a:', '\r', 'b'] },
  { name: 'vim-visual-shift', program: 'vim', file: 'pod.yaml', content: POD, keys: ['6G', 'V2j', '>'] },
  { name: 'vim-ggdG', program: 'vim', file: 'pod.yaml', content: POD, keys: ['3G', 'dG'] },
  { name: 'vim-ciw', program: 'vim', file: 'pod.yaml', content: POD, keys: ['7G', 'fn', 'ciwhttpd', ESC] },
  { name: 'vim-count-dd-undo', program: 'vim', file: 'pod.yaml', content: POD, keys: ['2G', '3dd', 'u'] },
  { name: 'vim-A-o', program: 'vim', file: 'pod.yaml', content: POD, keys: ['4G', 'A-v2', ESC, 'o', 'namespace: default', ESC] },
  { name: 'vim-gg-dG-all', program: 'vim', file: 'pod.yaml', content: POD, keys: ['gg', 'dG'] },
  { name: 'vim-percent-d', program: 'vim', file: 'pod.yaml', content: POD, keys: [':%d\r'] },
  { name: 'vim-block-mode', program: 'vim', file: 'pod.yaml', content: POD, keys: ['2G', '\x16', 'jjl'] },
  // A plain-text file: in YAML, typing `#` at a line start re-indents it (yaml indentkeys `0#`).
  { name: 'vim-block-insert', program: 'vim', file: 'notes.txt', content: POD, keys: ['2G', '\x16', 'jj', 'I# ', ESC] },
  { name: 'vim-block-append', program: 'vim', file: 'pod.yaml', content: POD, keys: ['1G', '\x16', 'jj', 'A|', ESC] },
  { name: 'vim-block-delete', program: 'vim', file: 'pod.yaml', content: POD, keys: ['4G', '\x16', 'jjjl', 'd'] },
  { name: 'vim-wq-saves', program: 'vim', file: 'pod.yaml', content: POD, keys: [':set paste\r', 'Go', '  restartPolicy: Never', ESC, ':wq\r'], exits: true },
  { name: 'vim-w-message', program: 'vim', file: 'pod.yaml', content: POD, keys: ['x', ':w\r'] },
  { name: 'vim-w-new', program: 'vim', file: 'new.yaml', content: null, keys: ['ihello', ESC, ':w\r'] },
  { name: 'vim-new-file-saves', program: 'vim', file: 'svc.yaml', content: null, keys: ['iapiVersion: v1\rkind: Service\rmetadata:\rname: web', ESC, ':x\r'], exits: true },
  { name: 'vim-q-bang', program: 'vim', file: 'pod.yaml', content: POD, keys: ['dd', ':q!\r'], exits: true },
  { name: 'vim-ZZ', program: 'vim', file: 'pod.yaml', content: POD, keys: ['Gdd', 'ZZ'], exits: true },
  { name: 'vim-edit-sequence', program: 'vim', file: 'pod.yaml', content: POD, keys: ['/image\r', 'wcwhttpd:2.4', ESC, 'ggjcwDeployment', ESC, 'Gx', ':wq\r'], exits: true },
];

export const NANO_CASES: EditorCase[] = [
  { name: 'nano-open', program: 'nano', file: 'pod.yaml', content: POD, keys: [] },
  { name: 'nano-open-new', program: 'nano', file: 'new.txt', content: null, keys: [] },
  { name: 'nano-type', program: 'nano', file: 'pod.yaml', content: POD, keys: ['\x1b[B\x1b[B', 'hello '] },
  { name: 'nano-exit-prompt', program: 'nano', file: 'pod.yaml', content: POD, keys: ['x', '\x18'] },
  { name: 'nano-write-prompt', program: 'nano', file: 'pod.yaml', content: POD, keys: ['x', '\x0f'] },
  { name: 'nano-wrote', program: 'nano', file: 'pod.yaml', content: POD, keys: ['x', '\x0f', '\r'] },
  { name: 'nano-cut-paste', program: 'nano', file: 'pod.yaml', content: POD, keys: ['\x0b\x0b', '\x1b[B', '\x15'] },
  { name: 'nano-search', program: 'nano', file: 'pod.yaml', content: POD, keys: ['\x17', 'nginx\r'] },
  { name: 'nano-search-missing', program: 'nano', file: 'pod.yaml', content: POD, keys: ['\x17', 'zzz\r'] },
  { name: 'nano-save-exit', program: 'nano', file: 'pod.yaml', content: POD, keys: ['\x1b[B', '# ', '\x18', 'y', '\r'], exits: true },
  { name: 'nano-discard-exit', program: 'nano', file: 'pod.yaml', content: POD, keys: ['junk', '\x18', 'n'], exits: true },
];
