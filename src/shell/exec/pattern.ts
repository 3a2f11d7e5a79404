/**
 * Shell patterns (globs) for pathname expansion, case, [[ == ]] and ${x#pat}. A pattern is a
 * sequence of pieces, each literal (quoted: never special) or active; it becomes a RegExp.
 */

export interface PatPiece {
  text: string;
  /** Quoted text matches itself only. */
  quoted: boolean;
}

const cache = new Map<string, RegExp>();

function escapeRe(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** RegExp source for a pattern; `anchored` wraps it in ^…$. */
export function patternSource(pieces: PatPiece[], opts: { extglob?: boolean } = {}): string {
  let re = '';
  for (const piece of pieces) {
    if (piece.quoted) {
      re += escapeRe(piece.text);
      continue;
    }
    const s = piece.text;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') {
        i++;
        re += i < s.length ? escapeRe(s[i]) : '\\\\';
      } else if (c === '*') re += '[\\s\\S]*';
      else if (c === '?') re += '[\\s\\S]';
      else if (c === '[') {
        const cls = readBracket(s, i);
        if (cls) {
          re += cls.re;
          i = cls.end;
        } else re += '\\[';
      } else if (opts.extglob !== false && '@!+?*'.includes(c) && s[i + 1] === '(') {
        const close = matchParen(s, i + 1);
        if (close < 0) {
          re += escapeRe(c);
          continue;
        }
        const alts = splitTop(s.slice(i + 2, close)).map((a) => patternSource([{ text: a, quoted: false }], opts));
        const group = `(?:${alts.join('|')})`;
        if (c === '@') re += group;
        else if (c === '?') re += `${group}?`;
        else if (c === '*') re += `${group}*`;
        else if (c === '+') re += `${group}+`;
        else re += `(?:(?!${group}$)[\\s\\S])*`;
        i = close;
      } else re += escapeRe(c);
    }
  }
  return re;
}

function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === '|' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e', word: '\\w',
};

function readBracket(s: string, start: number): { re: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (s[i] === '!' || s[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === ']' && !first) return { re: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && s[i + 1] === ':') {
      const close = s.indexOf(':]', i + 2);
      if (close > 0) {
        body += CLASSES[s.slice(i + 2, close)] ?? '';
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < s.length) {
      body += '\\' + s[++i];
      continue;
    }
    body += c === ']' || c === '\\' || c === '^' ? '\\' + c : c;
  }
  return null;
}

export function patternRegExp(pieces: PatPiece[], flags = ''): RegExp {
  const key = JSON.stringify(pieces) + flags;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^(?:${patternSource(pieces)})$`, flags);
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re;
}

export function matchPattern(pieces: PatPiece[], text: string, nocase = false): boolean {
  return patternRegExp(pieces, nocase ? 'i' : '').test(text);
}

/** Does the pattern contain an active glob character? */
export function hasGlob(pieces: PatPiece[]): boolean {
  return pieces.some((p) => !p.quoted && /[*?[]/.test(p.text));
}

/**
 * Remove the shortest/longest prefix or suffix matching the pattern (${x#p} ${x##p} ${x%p} ${x%%p}).
 */
export function trimPattern(value: string, pieces: PatPiece[], op: '#' | '##' | '%' | '%%'): string {
  const src = patternSource(pieces);
  const re = new RegExp(`^(?:${src})$`);
  if (op === '#') {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '##') {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '%') {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

/** ${x/pat/rep} and friends. */
export function replacePattern(value: string, pieces: PatPiece[], rep: string, mode: '/' | '//' | '/#' | '/%'): string {
  const src = patternSource(pieces);
  if (!src) return value;
  const re = new RegExp(`^(?:${src})$`);
  if (mode === '/#') {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(0, i))) return rep + value.slice(i);
    return value;
  }
  if (mode === '/%') {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(i))) return value.slice(0, i) + rep;
    return value;
  }
  let out = '';
  let i = 0;
  let replaced = false;
  while (i <= value.length) {
    let matched = -1;
    if (!(replaced && mode === '/')) {
      for (let j = value.length; j > i; j--) {
        if (re.test(value.slice(i, j))) {
          matched = j;
          break;
        }
      }
    }
    if (matched > i) {
      out += rep;
      i = matched;
      replaced = true;
      continue;
    }
    if (i < value.length) out += value[i];
    i++;
  }
  return out;
}
