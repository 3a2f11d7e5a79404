/**
 * The keys of FieldsV1 sets: f:name for a field, k:{"name":"web"} for an item of a keyed list,
 * v:"x" for a member of a set. Built for every field of every write, so the common ones are kept.
 */
type Obj = Record<string, unknown>;

/** Bound of the caches of keys and paths (label and annotation keys land in them too). */
export const MAX_CACHED_PATHS = 20_000;

/**
 * 'name' → 'f:name', remembered: every write builds the keys of its whole set, and a key made by
 * concatenation must be flattened and internalised again each time it names a property.
 */
const fieldKeys = new Map<string, string>();

export function fieldKey(name: string): string {
  let key = fieldKeys.get(name);
  if (key === undefined) {
    // Label and annotation keys land here too: keep the memory bounded.
    if (fieldKeys.size >= MAX_CACHED_PATHS) fieldKeys.clear();
    fieldKeys.set(name, (key = `f:${name}`));
  }
  return key;
}

/** k:{"name":"web"} keys of items with one string key (most keyed lists), remembered per key field. */
const singleItemKeys = new Map<string, Map<string, string>>();

/** The FieldsV1 key of a keyed list's item: k: and its key fields as JSON. */
export function itemKey(keys: readonly string[], item: Obj): string {
  if (keys.length === 1 && typeof item[keys[0]] === 'string') {
    const field = keys[0];
    const value = item[field] as string;
    let byValue = singleItemKeys.get(field);
    if (!byValue) singleItemKeys.set(field, (byValue = new Map()));
    let key = byValue.get(value);
    if (key === undefined) {
      if (byValue.size >= MAX_CACHED_PATHS) byValue.clear();
      byValue.set(value, (key = `k:${JSON.stringify({ [field]: value })}`));
    }
    return key;
  }
  const id: Obj = {};
  for (const k of keys) if (item[k] !== undefined) id[k] = item[k];
  return `k:${JSON.stringify(id)}`;
}

