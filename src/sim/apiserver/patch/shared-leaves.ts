/**
 * The leaves of FieldsV1 sets, shared. A set is mostly leaves ({} under every field a manager
 * owns, { '.': {} } under a list item or map owned whole): a 10,000-pod cluster's managedFields
 * hold millions of them. Sets are never changed once built, so every leaf can be one frozen
 * object; builders give a fresh object to any node that gets members.
 */
type Obj = Record<string, unknown>;

export const LEAF: Obj = Object.freeze({});
export const ITEM_LEAF: Obj = Object.freeze({ '.': LEAF });

/**
 * Replace, in place, the leaves of the managedFields sets of a freshly decoded object (about to be
 * frozen) with the shared ones: what the API server builds itself already uses them.
 */
export function shareManagedFieldsLeaves(obj: { metadata?: { managedFields?: unknown } }): void {
  const entries = obj.metadata?.managedFields;
  if (!Array.isArray(entries)) return;
  for (const e of entries) {
    const set = e && typeof e === 'object' ? (e as Obj).fieldsV1 : undefined;
    if (isPlainObject(set)) shareLeaves(set);
  }
}

function shareLeaves(set: Obj): void {
  for (const k in set) {
    if (!Object.prototype.hasOwnProperty.call(set, k)) continue;
    const v = set[k];
    if (!isPlainObject(v) || Object.isFrozen(v)) continue;
    let count = 0;
    let onlyDot = true;
    for (const x in v) {
      if (!Object.prototype.hasOwnProperty.call(v, x)) continue;
      count++;
      if (x !== '.') onlyDot = false;
    }
    if (count === 0) set[k] = LEAF;
    else if (onlyDot && isEmptyPlain(v['.'])) set[k] = ITEM_LEAF;
    else shareLeaves(v);
  }
}

function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function isEmptyPlain(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  for (const x in v) if (Object.prototype.hasOwnProperty.call(v, x)) return false;
  return true;
}
