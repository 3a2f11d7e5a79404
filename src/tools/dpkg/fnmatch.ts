/**
 * fnmatch(3) with no flags, as dpkg matches package and path patterns: `*` and `?` match any
 * character including `/` and a leading dot, `[...]` is a bracket expression (`!` or `^` negates,
 * ranges, `]` first is literal), and a backslash quotes the next character. An unclosed `[` is
 * an ordinary character, but a range cut short by the pattern's end matches nothing (glibc).
 */
export function fnmatch(pattern: string, text: string): boolean {
  return matchAt(pattern, 0, text, 0);
}

function matchAt(p: string, pi: number, t: string, ti: number): boolean {
  while (pi < p.length) {
    const c = p[pi];
    if (c === '*') {
      while (p[pi] === '*') pi++;
      if (pi === p.length) return true;
      for (let k = ti; k <= t.length; k++) if (matchAt(p, pi, t, k)) return true;
      return false;
    }
    if (ti >= t.length) return false;
    if (c === '?') {
      pi++;
      ti++;
      continue;
    }
    if (c === '[') {
      const r = bracket(p, pi + 1, t[ti]);
      if (r === undefined) {
        // No closing bracket: the `[` is an ordinary character.
        if (t[ti] !== '[') return false;
        pi++;
        ti++;
        continue;
      }
      if (!r.matched) return false;
      pi = r.next;
      ti++;
      continue;
    }
    if (c === '\\' && pi + 1 < p.length) {
      if (t[ti] !== p[pi + 1]) return false;
      pi += 2;
      ti++;
      continue;
    }
    if (t[ti] !== c) return false;
    pi++;
    ti++;
  }
  return ti === t.length;
}

const CLASSES: Record<string, RegExp> = {
  alpha: /[A-Za-z]/, digit: /[0-9]/, alnum: /[A-Za-z0-9]/, upper: /[A-Z]/, lower: /[a-z]/, space: /[ \t\n\v\f\r]/,
  blank: /[ \t]/, punct: /[!-/:-@[-`{-~]/, xdigit: /[0-9A-Fa-f]/, cntrl: /[\x00-\x1f\x7f]/, print: /[ -~]/, graph: /[!-~]/,
};

type Member = { char: string } | { test: (c: string) => boolean } | 'fail';

/** One member of a bracket expression at i: a character, `[:class:]`, `[.c.]` or `[=c=]`. */
function member(p: string, i: number): { m: Member; next: number } {
  if (p[i] === '[' && (p[i + 1] === ':' || p[i + 1] === '.' || p[i + 1] === '=')) {
    const kind = p[i + 1];
    const end = p.indexOf(kind + ']', i + 2);
    // An unterminated class or collating element makes the whole match fail (glibc).
    if (end < 0) return { m: 'fail', next: p.length };
    const body = p.slice(i + 2, end);
    if (kind === ':') {
      const re = CLASSES[body];
      return { m: re ? { test: (c) => re.test(c) } : 'fail', next: end + 2 };
    }
    return { m: body.length === 1 ? { char: body } : 'fail', next: end + 2 };
  }
  if (p[i] === '\\' && i + 1 < p.length) return { m: { char: p[i + 1] }, next: i + 2 };
  return { m: { char: p[i] }, next: i + 1 };
}

function bracket(p: string, i: number, ch: string): { matched: boolean; next: number } | undefined {
  let negate = false;
  if (p[i] === '!' || p[i] === '^') {
    negate = true;
    i++;
  }
  let matched = false;
  let first = true;
  while (i < p.length && (first || p[i] !== ']')) {
    first = false;
    const lo = member(p, i);
    if (lo.m === 'fail') return { matched: false, next: p.length };
    i = lo.next;
    // A range cut short by the end of the pattern fails the whole match (glibc).
    if (p[i] === '-' && i + 1 >= p.length) return { matched: false, next: p.length };
    if (p[i] === '-' && p[i + 1] !== ']' && 'char' in lo.m) {
      const hi = member(p, i + 1);
      if (hi.m === 'fail') return { matched: false, next: p.length };
      i = hi.next;
      if ('char' in hi.m && lo.m.char <= ch && ch <= hi.m.char) matched = true;
    } else if ('char' in lo.m ? lo.m.char === ch : lo.m.test(ch)) matched = true;
  }
  if (i >= p.length) return undefined;
  return { matched: matched !== negate, next: i + 1 };
}
