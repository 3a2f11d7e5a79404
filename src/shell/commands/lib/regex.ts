/**
 * POSIX regular expressions (BRE and ERE, with the GNU extensions grep and sed accept) translated
 * to JavaScript RegExp source. Errors carry glibc's message text (`Unmatched ( or \(`…) so each
 * program can prefix it its own way.
 *
 * Differences we accept: JS alternation is leftmost-first where POSIX is leftmost-longest.
 */

export class RegexError extends Error {}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
  word: '0-9a-zA-Z_',
};

export interface RegexOptions {
  extended: boolean;
  /** sed: `\n` and `\t` inside the pattern mean newline and tab. */
  sedEscapes?: boolean;
}

export interface Translated {
  source: string;
  groups: number;
}

function escapeJs(ch: string): string {
  return /[\\^$.*+?()[\]{}|\/-]/.test(ch) ? '\\' + ch : ch;
}

function escapeInClass(ch: string): string {
  return /[\\\]\[^-]/.test(ch) ? '\\' + ch : ch;
}

/**
 * A collating symbol `[.x.]` or equivalence class `[=x=]` at p[i] === '['. glibc knows only single
 * characters here. A missing closer is reported before anything else, as glibc does, and `next`
 * always lies past the symbol, so the bracket scan keeps moving forward.
 */
function collatingElement(p: string, i: number): { ch: string; next: number } {
  const kind = p[i + 1];
  const end = p.indexOf(kind + ']', i + 2);
  if (end < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
  const ch = p.slice(i + 2, end);
  if ([...ch].length !== 1) throw new RegexError('Invalid collation character');
  return { ch, next: end + 2 };
}

/** Parse a bracket expression starting at pattern[i] === '['. Returns the JS class and next index. */
function bracket(p: string, start: number, sedEscapes: boolean): { text: string; next: number } {
  let i = start + 1;
  let negate = false;
  if (p[i] === '^') {
    negate = true;
    i++;
  }
  if (i >= p.length) throw new RegexError('Invalid regular expression');
  const items: string[] = [];
  let first = true;
  let prevChar: string | null = null;
  while (true) {
    if (i >= p.length) throw new RegexError('Unmatched [, [^, [:, [., or [=');
    const c = p[i];
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    if (c === '[' && (p[i + 1] === ':' || p[i + 1] === '.' || p[i + 1] === '=')) {
      if (p[i + 1] === ':') {
        const end = p.indexOf(':]', i + 2);
        if (end < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
        const cls = CLASSES[p.slice(i + 2, end)];
        if (cls === undefined) throw new RegexError('Invalid character class name');
        items.push(cls);
        prevChar = null;
        i = end + 2;
      } else {
        const el = collatingElement(p, i);
        items.push(escapeInClass(el.ch));
        prevChar = el.ch;
        i = el.next;
      }
      continue;
    }
    if (c === '-' && prevChar !== null && p[i + 1] !== ']' && i + 1 < p.length) {
      let hi = p[i + 1];
      let next = i + 2;
      if (hi === '[' && (p[i + 2] === ':' || p[i + 2] === '=')) throw new RegexError('Invalid range end');
      if (hi === '[' && p[i + 2] === '.') {
        const el = collatingElement(p, i + 1);
        hi = el.ch;
        next = el.next;
      }
      if (hi < prevChar) throw new RegexError('Invalid range end');
      items.push('-' + escapeInClass(hi));
      prevChar = null;
      i = next;
      continue;
    }
    let ch = c;
    if (sedEscapes && c === '\\' && (p[i + 1] === 'n' || p[i + 1] === 't' || p[i + 1] === '\\' || p[i + 1] === ']')) {
      ch = p[i + 1] === 'n' ? '\n' : p[i + 1] === 't' ? '\t' : p[i + 1];
      i++;
    }
    items.push(escapeInClass(ch));
    prevChar = ch;
    i++;
  }
  const body = items.join('');
  if (!body) return { text: negate ? '[^]' : '[]', next: i };
  return { text: `[${negate ? '^' : ''}${body}]`, next: i };
}

/** Translate a POSIX pattern. Throws RegexError with glibc's wording. */
export function translateRegex(p: string, opts: RegexOptions): Translated {
  const ere = opts.extended;
  let out = '';
  let groups = 0;
  const open: number[] = [];
  /** True where a quantifier would have nothing to repeat (start, after ( or |). */
  let atStart = true;
  /** Whether the last emitted item can take a quantifier, and where it starts in `out`. */
  let lastAtom = -1;
  let lastWasQuantified = false;

  const emitAtom = (s: string) => {
    lastAtom = out.length;
    out += s;
    atStart = false;
    lastWasQuantified = false;
  };
  const emitQuant = (q: string) => {
    if (lastAtom < 0) {
      emitAtom(escapeJs(q[0]) + q.slice(1));
      return;
    }
    if (lastWasQuantified) out = out.slice(0, lastAtom) + '(?:' + out.slice(lastAtom) + ')';
    out += q;
    lastWasQuantified = true;
  };
  /** Anchors and word boundaries cannot be repeated: a quantifier after one is a literal. */
  const emitAnchor = (s: string) => {
    out += s;
    lastAtom = -1;
  };
  const openGroup = () => {
    open.push(out.length);
    groups++;
    out += '(';
    atStart = true;
    lastAtom = -1;
  };
  const closeGroup = () => {
    const start = open.pop()!;
    out += ')';
    lastAtom = start;
    atStart = false;
    lastWasQuantified = false;
  };
  const alternate = () => {
    out += '|';
    atStart = true;
    lastAtom = -1;
  };
  const interval = (i: number, closer: string): { q: string; next: number } | null => {
    const end = p.indexOf(closer, i);
    if (end < 0) {
      if (ere) return null;
      throw new RegexError('Unmatched \\{');
    }
    const body = p.slice(i, end);
    const m = /^(\d*)(,(\d*))?$/.exec(body);
    if (!m || (m[1] === '' && !m[2])) {
      if (ere) return null;
      throw new RegexError('Invalid content of \\{\\}');
    }
    const lo = m[1] === '' ? 0 : Number(m[1]);
    const hi = m[3] === undefined || m[3] === '' ? undefined : Number(m[3]);
    if (hi !== undefined && hi < lo) throw new RegexError('Invalid content of \\{\\}');
    if (lo > 32767 || (hi ?? 0) > 32767) throw new RegexError('Regular expression too big');
    const q = m[2] ? `{${lo},${hi ?? ''}}` : `{${lo}}`;
    return { q, next: end + closer.length };
  };

  for (let i = 0; i < p.length; ) {
    const c = p[i];
    if (c === '[') {
      const b = bracket(p, i, !!opts.sedEscapes);
      const inner = p.slice(i + 1, b.next - 1);
      if (/^:[a-z]+:$/.test(inner)) throw new RegexError(`character class syntax is [[:space:]], not [${inner}]`);
      emitAtom(b.text);
      i = b.next;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= p.length) throw new RegexError('Trailing backslash');
      const n = p[i + 1];
      i += 2;
      if (!ere && n === '(') openGroup();
      else if (!ere && n === ')') {
        if (!open.length) throw new RegexError('Unmatched ) or \\)');
        closeGroup();
      } else if (!ere && n === '|') alternate();
      else if (!ere && n === '{') {
        if (atStart) {
          emitAtom('\\{');
          continue;
        }
        const r = interval(i, '\\}');
        emitQuant(r!.q);
        i = r!.next;
      } else if (!ere && (n === '+' || n === '?')) {
        if (atStart) emitAtom('\\' + n);
        else emitQuant(n);
      } else if (n >= '1' && n <= '9') {
        if (Number(n) > groups - open.length + (open.length ? 0 : 0) || Number(n) > groups) throw new RegexError('Invalid back reference');
        emitAtom('\\' + n);
      } else if (n === '<') {
        emitAnchor('\\b(?=\\w)');
      } else if (n === '>') {
        emitAnchor('\\b(?<=\\w)');
      } else if (n === 'b' || n === 'B') {
        emitAnchor('\\' + n);
      } else if (n === 'w' || n === 'W' || n === 's' || n === 'S') emitAtom('\\' + n);
      else if (n === '`') emitAnchor('(?<![^])');
      else if (n === "'") emitAnchor('(?![^])');
      else if (opts.sedEscapes && n === 'n') emitAtom('\\n');
      else if (opts.sedEscapes && n === 't') emitAtom('\\t');
      else emitAtom(escapeJs(n));
      continue;
    }
    i++;
    if (c === '*') {
      if (atStart) emitAtom('\\*');
      else emitQuant('*');
    } else if (ere && (c === '+' || c === '?')) {
      if (atStart) emitAtom('\\' + c);
      else emitQuant(c);
    } else if (ere && c === '{') {
      const r = atStart ? null : interval(i, '}');
      if (!r) emitAtom('\\{');
      else {
        emitQuant(r.q);
        i = r.next;
      }
    } else if (ere && c === '(') openGroup();
    else if (ere && c === ')') {
      if (!open.length) emitAtom('\\)');
      else closeGroup();
    } else if (ere && c === '|') alternate();
    else if (c === '^') {
      if (ere || atStart) emitAnchor('^');
      else emitAtom('\\^');
    } else if (c === '$') {
      const rest = p.slice(i);
      const atEnd = ere || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|');
      if (atEnd) emitAnchor('$');
      else emitAtom('\\$');
    } else if (c === '.') emitAtom('.');
    else emitAtom(escapeJs(c));
  }
  if (open.length) throw new RegexError('Unmatched ( or \\(');
  return { source: out, groups };
}

/** Compile a POSIX pattern to a RegExp (dotAll: POSIX `.` matches newline). */
export function compileRegex(p: string, opts: RegexOptions & { ignoreCase?: boolean; global?: boolean; multiline?: boolean }): RegExp {
  const t = translateRegex(p, opts);
  const flags = 's' + (opts.ignoreCase ? 'i' : '') + (opts.global ? 'g' : '') + (opts.multiline ? 'm' : '');
  try {
    return new RegExp(t.source, flags);
  } catch {
    throw new RegexError('Invalid regular expression');
  }
}
