/**
 * Vim's command line (`:`): ranges (`%`, `N,M`, `.`, `$`, `'<,'>`), writing and quitting with
 * their real messages (E37, E32, E212…), `:set`, `:s`, `:d`, `:N` to jump, `:e!`.
 */
import type { VimEditor } from './editor';
import { vimPatternToRegExp, vimReplacement } from './regex';
import { OPTION_ALIASES, type VimOptions } from './state';
import { firstNonBlank } from './text';

interface Range {
  from: number;
  to: number;
  given: boolean;
}

type ExHandler = (ed: VimEditor, args: { bang: boolean; arg: string; range: Range }) => void;

function parseAddress(ed: VimEditor, text: string): { line: number; rest: string } | undefined {
  let m = /^(\d+|\.|\$|'<|'>)/.exec(text);
  let line: number;
  let rest = text;
  if (m) {
    const t = m[1];
    line = t === '.' ? ed.row : t === '$' ? ed.lines.length - 1 : t === "'<" ? (ed.lastVisual?.start.row ?? ed.row) : t === "'>" ? (ed.lastVisual?.end.row ?? ed.row) : parseInt(t, 10) - 1;
    rest = text.slice(t.length);
  } else if (/^[+-]/.test(text)) line = ed.row;
  else return undefined;
  while ((m = /^([+-])(\d*)/.exec(rest)) && m[0]) {
    const n = m[2] ? parseInt(m[2], 10) : 1;
    line += m[1] === '+' ? n : -n;
    rest = rest.slice(m[0].length);
  }
  return { line, rest };
}

function parseRange(ed: VimEditor, text: string): { range: Range; rest: string } {
  if (text.startsWith('%')) return { range: { from: 0, to: ed.lines.length - 1, given: true }, rest: text.slice(1) };
  const a = parseAddress(ed, text);
  if (!a) return { range: { from: ed.row, to: ed.row, given: false }, rest: text };
  if (a.rest.startsWith(',') || a.rest.startsWith(';')) {
    const b = parseAddress(ed, a.rest.slice(1));
    if (b) return { range: { from: a.line, to: b.line, given: true }, rest: b.rest };
  }
  return { range: { from: a.line, to: a.line, given: true }, rest: a.rest };
}

const quit: ExHandler = (ed, { bang }) => {
  if (ed.modified && !bang) {
    ed.setMessage('E37: No write since last change (add ! to override)', 'error');
    return;
  }
  ed.quit = true;
};

const write: ExHandler = (ed, { bang, arg }) => {
  ed.writeTo(arg || undefined, bang);
};

const writeQuit: ExHandler = (ed, { bang, arg }) => {
  if (ed.writeTo(arg || undefined, bang)) ed.quit = true;
};

const exit: ExHandler = (ed, args) => {
  if (!ed.modified && !args.arg) {
    ed.quit = true;
    return;
  }
  writeQuit(ed, args);
};

function setOption(ed: VimEditor, item: string): string | undefined {
  const m = /^(no|inv)?([a-z]+)(!|\?|&)?(?:([+^-]?=)(.*))?$/.exec(item);
  if (!m) return `E518: Unknown option: ${item}`;
  const [, prefix, nameRaw, suffix, op, value] = m;
  const name = OPTION_ALIASES[nameRaw];
  if (!name) return `E518: Unknown option: ${item}`;
  const current = ed.options[name];
  if (typeof current === 'boolean') {
    if (op) return `E474: Invalid argument: ${item}`;
    if (suffix === '?') {
      ed.setMessage(`  ${current ? '' : 'no'}${name}`);
      return undefined;
    }
    const next = prefix === 'no' ? false : prefix === 'inv' || suffix === '!' ? !current : true;
    (ed.options as unknown as Record<string, boolean>)[name] = next;
    return undefined;
  }
  if (prefix) return `E474: Invalid argument: ${item}`;
  if (!op) {
    ed.setMessage(`  ${name}=${current}`);
    return undefined;
  }
  if (!/^\d+$/.test(value)) return `E521: Number required after =: ${item}`;
  const n = parseInt(value, 10);
  const numeric = ed.options as unknown as Record<keyof VimOptions, number>;
  numeric[name] = op === '+=' ? (current as number) + n : op === '-=' ? (current as number) - n : op === '^=' ? (current as number) * n : n;
  if (name === 'tabstop' && numeric.tabstop <= 0) {
    numeric.tabstop = current as number;
    return `E487: Argument must be positive: ${item}`;
  }
  return undefined;
}

const set: ExHandler = (ed, { arg }) => {
  if (!arg) return;
  for (const item of arg.split(/\s+/)) {
    const error = setOption(ed, item);
    if (error) {
      ed.setMessage(error, 'error');
      return;
    }
  }
};

const substitute: ExHandler = (ed, { arg, range }) => {
  const delim = arg[0];
  if (!delim || /[\w\s\\"|]/.test(delim)) {
    ed.setMessage('E486: Pattern not found: ', 'error');
    return;
  }
  const parts: string[] = [];
  let cur = '';
  for (let i = 1; i < arg.length; i++) {
    if (arg[i] === '\\' && arg[i + 1] === delim) {
      cur += delim;
      i++;
    } else if (arg[i] === delim && parts.length < 2) {
      parts.push(cur);
      cur = '';
    } else cur += arg[i];
  }
  parts.push(cur);
  const [pattern, replacement = '', flags = ''] = parts;
  const search = pattern || ed.lastSearch?.pattern;
  if (!search) {
    ed.setMessage('E35: No previous regular expression', 'error');
    return;
  }
  ed.lastSearch = { pattern: search, forward: true };
  const global = flags.includes('g');
  const re = vimPatternToRegExp(search, (global ? 'g' : '') + (flags.includes('i') || (ed.options.ignorecase && !flags.includes('I')) ? 'i' : ''));
  if (!re) {
    ed.setMessage(`E486: Pattern not found: ${search}`, 'error');
    return;
  }
  const before = ed.snapshot();
  let subs = 0;
  let linesChanged = 0;
  let lastLine = -1;
  const rep = vimReplacement(replacement);
  const out: string[] = [];
  for (let r = 0; r < ed.lines.length; r++) {
    const line = ed.lines[r];
    if (r < range.from || r > range.to) {
      out.push(line);
      continue;
    }
    let count = 0;
    const replaced = line.replace(re, (...m: unknown[]) => {
      count++;
      const groups = m.slice(0, -2) as string[];
      return rep.replace(/\$(\$|&|\d)/g, (_, g: string) => (g === '$' ? '$' : g === '&' ? groups[0] : (groups[Number(g)] ?? '')));
    });
    if (count) {
      subs += count;
      linesChanged++;
      lastLine = r;
    }
    out.push(...replaced.split('\n'));
  }
  if (!subs) {
    ed.setMessage(`E486: Pattern not found: ${search}`, 'error');
    return;
  }
  ed.lines = out;
  ed.pushUndo(before);
  ed.row = lastLine;
  ed.col = firstNonBlank(ed.lines[lastLine]);
  if (subs > 2 || linesChanged > 2) ed.setMessage(`${subs} substitution${subs === 1 ? '' : 's'} on ${linesChanged} line${linesChanged === 1 ? '' : 's'}`);
};

const deleteLines: ExHandler = (ed, { range }) => {
  const before = ed.snapshot();
  const taken = ed.lines.splice(range.from, range.to - range.from + 1);
  const emptied = !ed.lines.length;
  if (emptied) ed.lines = [''];
  ed.register = { lines: taken, linewise: true };
  ed.pushUndo(before);
  ed.gotoLine(Math.min(range.from, ed.lines.length - 1));
  if (emptied) ed.setMessage('--No lines in buffer--');
  else if (taken.length > 2) ed.setMessage(`${taken.length} fewer lines`);
};

const edit: ExHandler = (ed, { bang, arg }) => {
  if (arg) {
    ed.setMessage('E37: No write since last change (add ! to override)', 'error');
    return;
  }
  if (ed.modified && !bang) {
    ed.setMessage('E37: No write since last change (add ! to override)', 'error');
    return;
  }
  ed.revert();
};

const ignore: ExHandler = () => undefined;

/** Command names with the shortest abbreviation Vim accepts. */
const COMMANDS: [full: string, min: number, handler: ExHandler][] = [
  ['write', 1, write],
  ['wq', 2, writeQuit],
  ['wall', 2, write],
  ['quit', 1, quit],
  ['qall', 2, quit],
  ['quitall', 5, quit],
  ['xit', 1, exit],
  ['exit', 3, exit],
  ['wqall', 3, writeQuit],
  ['xall', 2, exit],
  ['update', 2, (ed, a) => (ed.modified ? write(ed, a) : undefined)],
  ['set', 2, set],
  ['setlocal', 4, set],
  ['substitute', 1, substitute],
  ['delete', 1, deleteLines],
  ['edit', 1, edit],
  ['nohlsearch', 3, ignore],
  ['syntax', 2, ignore],
  ['filetype', 5, ignore],
];

function lookup(name: string): ExHandler | undefined {
  for (const [full, min, handler] of COMMANDS) {
    if (name.length >= min && full.startsWith(name)) return handler;
  }
  return undefined;
}

export function runEx(ed: VimEditor, input: string): void {
  const line = input.replace(/^[\s:]+/, '');
  if (!line) return;
  const { range, rest } = parseRange(ed, line);
  const trimmed = rest.trim();
  if (!trimmed) {
    // `:12` jumps to line 12 (clamped, like Vim).
    ed.gotoLine(Math.max(0, Math.min(range.to, ed.lines.length - 1)));
    return;
  }
  const m = /^([a-zA-Z]+|&&?|[<>]+)(!?)\s*(.*)$/.exec(trimmed) ?? /^(s)()(\W.*)$/.exec(trimmed);
  if (!m) {
    ed.setMessage(`E492: Not an editor command: ${line}`, 'error');
    return;
  }
  let [, name, bang, arg] = m;
  // `:s/a/b/` is written without a space: the pattern starts right after the name.
  const sub = /^(s|su|sub|subs|subst|substi|substit|substitu|substitut|substitute)([^a-zA-Z\s].*)$/.exec(trimmed);
  if (sub) {
    name = 'substitute';
    bang = '';
    arg = sub[2];
  }
  if (/^[<>]+$/.test(name)) {
    const before = ed.snapshot();
    for (let r = range.from; r <= range.to; r++) {
      for (const ch of name) {
        const l = ed.lines[r];
        const indent = /^[ \t]*/.exec(l)![0].length;
        const sw = ed.options.shiftwidth;
        const target = ch === '>' ? (Math.floor(indent / sw) + 1) * sw : Math.max(0, Math.ceil(indent / sw) - 1) * sw;
        ed.lines[r] = l && (ch === '>' || indent) ? ed.makeIndent(target) + l.replace(/^[ \t]*/, '') : l;
      }
    }
    ed.pushUndo(before);
    return;
  }
  const handler = lookup(name);
  if (!handler) {
    ed.setMessage(`E492: Not an editor command: ${line}`, 'error');
    return;
  }
  if (range.given && (range.from < 0 || range.to >= ed.lines.length || range.from > range.to)) {
    ed.setMessage('E16: Invalid range', 'error');
    return;
  }
  handler(ed, { bang: bang === '!', arg: arg.trim(), range });
}
