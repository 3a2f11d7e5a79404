/** Structural equality of JSON values, key order ignored, undefined members ignored. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  return objectsEqual(a as Record<string, unknown>, b as Record<string, unknown>);
}

/** deepEqual of two objects, the keys in `skip` left out (at this level only). */
export function objectsEqual(ao: Record<string, unknown>, bo: Record<string, unknown>, skip?: ReadonlySet<string>): boolean {
  let na = 0;
  for (const k in ao) {
    if (ao[k] === undefined || skip?.has(k)) continue;
    na++;
    if (!deepEqual(ao[k], bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined && !skip?.has(k)) nb++;
  return na === nb;
}
