/** File modes: `-rwxr-xr-x` strings, and chmod's octal and symbolic mode parsing. */
import type { FileStat } from '../../command';

export function typeChar(st: FileStat): string {
  return st.type === 'dir' ? 'd' : st.type === 'symlink' ? 'l' : st.type === 'chardev' ? 'c' : '-';
}

export function modeString(st: FileStat): string {
  const m = st.mode;
  const bit = (b: number, c: string) => (m & b ? c : '-');
  let s = typeChar(st);
  s += bit(0o400, 'r') + bit(0o200, 'w');
  s += m & 0o4000 ? (m & 0o100 ? 's' : 'S') : bit(0o100, 'x');
  s += bit(0o40, 'r') + bit(0o20, 'w');
  s += m & 0o2000 ? (m & 0o10 ? 's' : 'S') : bit(0o10, 'x');
  s += bit(0o4, 'r') + bit(0o2, 'w');
  s += m & 0o1000 ? (m & 0o1 ? 't' : 'T') : bit(0o1, 'x');
  return s;
}

/**
 * Apply a chmod mode ("755", "u+x,go-w", "a=r", "+x") to an existing mode. Returns null when
 * the mode is invalid. `umask` applies to who-less symbolic clauses as in chmod.
 */
export function applyMode(spec: string, current: number, isDir: boolean, umask = 0o022): number | null {
  if (/^[0-7]{1,4}$/.test(spec)) {
    const v = parseInt(spec, 8);
    // chmod keeps a directory's setuid/setgid bits when given fewer than 5 octal digits.
    return isDir && spec.length <= 4 ? v | (current & 0o6000 & (spec.length === 4 ? 0 : 0o6000)) : v;
  }
  let mode = current & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return null;
    const who = m[1];
    let mask = 0;
    if (who === '' || who.includes('a')) mask = 0o7777;
    else {
      if (who.includes('u')) mask |= 0o4700;
      if (who.includes('g')) mask |= 0o2070;
      if (who.includes('o')) mask |= 0o1007;
    }
    const ops = m[2].match(/[-+=][rwxXstugo]*/g) ?? [];
    for (const op of ops) {
      const kind = op[0];
      const perms = op.slice(1);
      let bits = 0;
      if (/^[ugo]$/.test(perms)) {
        const src = perms === 'u' ? (mode >> 6) & 7 : perms === 'g' ? (mode >> 3) & 7 : mode & 7;
        bits = (src << 6) | (src << 3) | src;
      } else {
        for (const p of perms) {
          if (p === 'r') bits |= 0o444;
          else if (p === 'w') bits |= 0o222;
          else if (p === 'x') bits |= 0o111;
          else if (p === 'X') {
            if (isDir || mode & 0o111) bits |= 0o111;
          } else if (p === 's') bits |= 0o6000;
          else if (p === 't') bits |= 0o1000;
        }
      }
      let effective = bits & mask;
      if (who === '') effective &= ~umask | 0o7000;
      if (kind === '+') mode |= effective;
      else if (kind === '-') mode &= ~effective;
      else {
        const clearMask = who === '' ? 0o777 : mask & 0o777;
        mode = (mode & ~clearMask & ~(mask & 0o7000 & ~(isDir ? 0o6000 : 0))) | effective;
      }
    }
  }
  return mode;
}
