/** The state of a Vim session that commands read and change. */
export type Mode = 'normal' | 'insert' | 'replace' | 'visual' | 'visual-line' | 'visual-block' | 'cmdline';

export interface VimOptions {
  number: boolean;
  paste: boolean;
  expandtab: boolean;
  shiftwidth: number;
  tabstop: number;
  softtabstop: number;
  autoindent: boolean;
  ignorecase: boolean;
  hlsearch: boolean;
  list: boolean;
}

export interface Message {
  text: string;
  kind: 'info' | 'error' | 'warning';
}

export interface Register {
  lines: string[];
  linewise: boolean;
}

export interface Snapshot {
  lines: string[];
  row: number;
  col: number;
  seq: number;
  at: number;
}

/** What the program around the editor provides: files and time. */
export interface VimHost {
  /** Write the file; returns an error message (E212…) or undefined on success. */
  writeFile(path: string, content: string): string | undefined;
  /** Does the file exist (for the [New] marker and `:w` of a new file)? */
  exists(path: string): boolean;
  now(): number;
}

/** Options as Vim 9 starts with defaults.vim and, for YAML, the yaml filetype plugin. */
export function defaultOptions(fileName: string | undefined): VimOptions {
  const yaml = !!fileName && /\.ya?ml$/i.test(fileName);
  return {
    number: false,
    paste: false,
    expandtab: yaml,
    shiftwidth: yaml ? 2 : 8,
    tabstop: 8,
    softtabstop: yaml ? 2 : 0,
    autoindent: yaml,
    ignorecase: false,
    hlsearch: false,
    list: false,
  };
}

export const OPTION_ALIASES: Record<string, keyof VimOptions> = {
  nu: 'number', number: 'number', paste: 'paste', et: 'expandtab', expandtab: 'expandtab',
  sw: 'shiftwidth', shiftwidth: 'shiftwidth', ts: 'tabstop', tabstop: 'tabstop',
  sts: 'softtabstop', softtabstop: 'softtabstop', ai: 'autoindent', autoindent: 'autoindent',
  ic: 'ignorecase', ignorecase: 'ignorecase', hls: 'hlsearch', hlsearch: 'hlsearch', list: 'list',
};
