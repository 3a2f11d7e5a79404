/** Debian version ordering (deb-version(7)): epoch, upstream version, revision; '~' sorts before all. */

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[0-9]/.test(c)) return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !/[0-9]/.test(a[i])) || (j < b.length && !/[0-9]/.test(b[j]))) {
      const ac = order(i < a.length && !/[0-9]/.test(a[i]) ? a[i] : undefined);
      const bc = order(j < b.length && !/[0-9]/.test(b[j]) ? b[j] : undefined);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (i < a.length && /[0-9]/.test(a[i]) && j < b.length && /[0-9]/.test(b[j])) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && /[0-9]/.test(a[i])) return 1;
    if (j < b.length && /[0-9]/.test(b[j])) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

export interface DebVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

export function parseDebVersion(v: string): DebVersion {
  const colon = v.indexOf(':');
  const epoch = colon > 0 ? Number(v.slice(0, colon)) || 0 : 0;
  const rest = colon > 0 ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) } : { epoch, upstream: rest, revision: '' };
}

/** Negative, zero or positive as dpkg --compare-versions orders a and b. */
export function compareDebVersions(a: string, b: string): number {
  const x = parseDebVersion(a);
  const y = parseDebVersion(b);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  const u = compareFragment(x.upstream, y.upstream);
  if (u) return u;
  return compareFragment(x.revision, y.revision);
}

/** Does `version` satisfy a relation such as `>= 1.28.0` (from a Depends field)? */
export function satisfies(version: string, relation: string | undefined): boolean {
  if (!relation) return true;
  const m = /^(>=|<=|>>|<<|=|>|<)\s*(\S+)$/.exec(relation.trim());
  if (!m) return true;
  const c = compareDebVersions(version, m[2]);
  switch (m[1]) {
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>>':
    case '>':
      return c > 0;
    case '<<':
    case '<':
      return c < 0;
    default:
      return c === 0;
  }
}
