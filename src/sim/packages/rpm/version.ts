/** RPM version ordering (rpmvercmp) and the name-[epoch:]version-release forms yum accepts. */

function segments(s: string): string[] {
  return s.match(/[0-9]+|[A-Za-z]+|~|\^/g) ?? [];
}

/** rpmvercmp: compare alternating numeric and alphabetic segments; numeric beats alpha, '~' sorts first. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  const x = segments(a);
  const y = segments(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === '~' || q === '~') {
      if (p !== q) return p === '~' ? -1 : 1;
      continue;
    }
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d/.test(p);
    const qn = /^\d/.test(q);
    if (pn && !qn) return 1;
    if (!pn && qn) return -1;
    if (pn) {
      const d = BigInt(p) - BigInt(q);
      if (d !== 0n) return d > 0n ? 1 : -1;
    } else if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

export interface Evr {
  epoch: number;
  version: string;
  release: string;
}

/** '3:19.03.15-3.el7' → { epoch 3, version 19.03.15, release 3.el7 }. */
export function parseEvr(text: string): Evr {
  const colon = text.indexOf(':');
  const epoch = colon > 0 ? Number(text.slice(0, colon)) || 0 : 0;
  const rest = colon > 0 ? text.slice(colon + 1) : text;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) } : { epoch, version: rest, release: '' };
}

export function compareEvr(a: string, b: string): number {
  const x = parseEvr(a);
  const y = parseEvr(b);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  const v = rpmvercmp(x.version, y.version);
  if (v) return v;
  if (!x.release || !y.release) return 0;
  return rpmvercmp(x.release, y.release);
}

/** 'version-release' without the epoch (what rpm -q and file names show). */
export function withoutEpoch(evr: string): string {
  const colon = evr.indexOf(':');
  return colon > 0 ? evr.slice(colon + 1) : evr;
}

/** Does `evr` satisfy a relation such as '>= 1.13.0' (a Requires: line)? */
export function rpmSatisfies(evr: string, relation?: string): boolean {
  if (!relation) return true;
  const m = /^(>=|<=|=|>|<)\s*(\S+)$/.exec(relation.trim());
  if (!m) return true;
  const c = compareEvr(evr, m[2]);
  return m[1] === '>=' ? c >= 0 : m[1] === '<=' ? c <= 0 : m[1] === '>' ? c > 0 : m[1] === '<' ? c < 0 : c === 0;
}
