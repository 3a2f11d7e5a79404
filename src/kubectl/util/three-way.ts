/**
 * The patch `kubectl apply` sends: from the last applied configuration (original), the file
 * (modified) and the live object (current). Fields the file sets that differ from live are set;
 * fields the last apply set that the file no longer has are removed (null). Lists are compared
 * as "the file's items are contained in the live items" and replaced as a whole when not.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isMap(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Is `want` contained in `have` (maps: every key of want matches; lists: same length, itemwise)? */
export function contained(want: unknown, have: unknown): boolean {
  if (isMap(want)) return isMap(have) && Object.keys(want).every((k) => contained(want[k], have[k]));
  if (Array.isArray(want)) return Array.isArray(have) && want.length === have.length && want.every((w, i) => contained(w, have[i]));
  return want === have;
}

export function threeWayPatch(original: unknown, modified: unknown, current: unknown): Record<string, Json> | undefined {
  if (!isMap(modified)) return undefined;
  const patch: Record<string, Json> = {};
  const cur = isMap(current) ? current : {};
  const orig = isMap(original) ? original : {};
  for (const k of Object.keys(modified)) {
    const m = modified[k];
    if (isMap(m) && isMap(cur[k])) {
      const sub = threeWayPatch(orig[k], m, cur[k]);
      if (sub && Object.keys(sub).length) patch[k] = sub;
    } else if (!contained(m, cur[k])) {
      patch[k] = m;
    }
  }
  for (const k of Object.keys(orig)) {
    if (!(k in modified) && k in cur) patch[k] = null;
  }
  return patch;
}
