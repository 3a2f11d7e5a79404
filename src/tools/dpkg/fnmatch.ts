/**
 * fnmatch(3) with no flags, as dpkg matches package and path patterns: `*` and `?` match any
 * character including `/` and a leading dot, `[...]` is a bracket expression (`!` or `^` negates,
 * ranges, `]` first is literal), and a backslash quotes the next character.
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
    let lo = p[i];
    if (lo === '\\' && i + 1 < p.length) lo = p[++i];
    i++;
    if (p[i] === '-' && i + 1 < p.length && p[i + 1] !== ']') {
      let hi = p[i + 1];
      i += 2;
      if (hi === '\\' && i < p.length) hi = p[i++];
      if (lo <= ch && ch <= hi) matched = true;
    } else if (lo === ch) matched = true;
  }
  if (i >= p.length) return undefined;
  return { matched: matched !== negate, next: i + 1 };
}
