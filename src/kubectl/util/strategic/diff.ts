/**
 * The diff half of strategicpatch (diffMaps and the list diffs): the patch that turns one object
 * into another, with the strategic directives — `$patch: delete` items and `$setElementOrder/` for
 * lists merged by key, `$deleteFromPrimitiveList/` for merging lists of scalars, `$retainKeys` for
 * retainKeys fields — where a JSON merge patch would replace lists whole.
 */
import { type LookupPatchMeta, type PatchMeta, retainKeysAndStrategy } from './meta';
import { deduplicateScalars, deepEqual, goType, goV, isMap, type JsonMap, sliceElementType, sortScalars } from './values';
import { noMergeKey, normalizeSliceOrder } from './order';

export interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

export function diffMaps(original: JsonMap, modified: JsonMap, schema: LookupPatchMeta, options: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: unknown[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === '$patch') {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw new Error('invalid value for special key: $patch');
      if (originalValue !== modifiedValue) patch[key] = modifiedValue;
      continue;
    }
    if (goType(originalValue) !== goType(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isMap(originalValue)) mapDiff(key, originalValue, modifiedValue as JsonMap, patch, schema, options);
    else if (Array.isArray(originalValue)) sliceDiff(key, originalValue, modifiedValue as unknown[], patch, schema, options);
    else replaceIfNotEqual(key, originalValue, modifiedValue, patch, options);
  }
  if (!options.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  // $retainKeys only when something changes, or a field the other side lacks must be cleared.
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalField(original, modified))) patch.$retainKeys = sortScalars(retainKeys);
  return patch;
}

function hasAdditionalField(original: JsonMap, modified: JsonMap): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
}

function replaceIfNotEqual(key: string, original: unknown, modified: unknown, patch: JsonMap, options: DiffOptions): void {
  if (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = modified;
}

/** A field's metadata; undefined when there is none but the values are equal (no patch needed), an error when they differ. */
function metadataOf(lookup: () => [LookupPatchMeta, PatchMeta], original: unknown, modified: unknown): [LookupPatchMeta, PatchMeta] | undefined {
  try {
    return lookup();
  } catch (e) {
    if (deepEqual(original, modified)) return undefined;
    throw e;
  }
}

function mapDiff(key: string, original: JsonMap, modified: JsonMap, patch: JsonMap, schema: LookupPatchMeta, options: DiffOptions): void {
  const lookedUp = metadataOf(() => schema.forStruct(key), original, modified);
  if (!lookedUp) return;
  const [subschema, meta] = lookedUp;
  const [retainKeys, strategy] = retainKeysAndStrategy(meta.strategies);
  const sub = { ...options, buildRetainKeysDirective: retainKeys };
  if (strategy === 'replace') {
    if (!options.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, subschema, sub);
  if (Object.keys(value).length > 0) patch[key] = value;
}

function sliceDiff(key: string, original: unknown[], modified: unknown[], patch: JsonMap, schema: LookupPatchMeta, options: DiffOptions): void {
  const lookedUp = metadataOf(() => schema.forSlice(key), original, modified);
  if (!lookedUp) return;
  const [subschema, meta] = lookedUp;
  const [retainKeys, strategy] = retainKeysAndStrategy(meta.strategies);
  if (strategy !== 'merge') {
    replaceIfNotEqual(key, original, modified, patch, options);
    return;
  }
  const [add, deletions, setOrder] = diffLists(original, modified, subschema, meta.mergeKey, { ...options, buildRetainKeysDirective: retainKeys });
  if (add.length > 0) patch[key] = add;
  if (deletions.length > 0) patch[`$deleteFromPrimitiveList/${key}`] = deletions;
  if (setOrder.length > 0) patch[`$setElementOrder/${key}`] = setOrder;
}

/** The patch list, the parallel deletion list (scalars) and the $setElementOrder list. */
function diffLists(original: unknown[], modified: unknown[], schema: LookupPatchMeta, mergeKey: string, options: DiffOptions): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementType(original, modified);
  if (kind === 'slice') throw new Error('lists of lists are not supported');
  if (kind === 'map') {
    const [changes, deletions] = diffListsOfMaps(original, modified, schema, mergeKey, options);
    const patchList = [...normalizeSliceOrder(changes, modified, mergeKey, kind), ...deletions];
    const orderSame = isOrderSame(original, modified, mergeKey);
    const wantOrder = (!options.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!options.ignoreDeletions && patchList.length > 0);
    const setOrder = options.setElementOrder && wantOrder ? modified.map((v) => ({ [mergeKey]: (v as JsonMap)[mergeKey] })) : [];
    return [patchList, [], setOrder];
  }
  const [additions, deletions] = diffListsOfScalars(original, modified, options);
  const patchList = normalizeSliceOrder(additions, modified, mergeKey, kind);
  // `original` was sorted in place above, so a reordered list counts as changed.
  const wantOrder = (!options.ignoreDeletions && deletions.length > 0) || (!options.ignoreChangesAndAdditions && !deepEqual(original, modified));
  return [patchList, deletions, options.setElementOrder && wantOrder ? modified : []];
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyValue(original[i], mergeKey) === mergeKeyValue(m, mergeKey));
}

function mergeKeyValue(item: unknown, mergeKey: string): unknown {
  if (!isMap(item)) throw new Error(`expected a map[string]interface {}, but received a ${goType(item)}`);
  if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
  return item[mergeKey];
}

/** Additions and deletions of two lists of scalars, walked in %v order. */
function diffListsOfScalars(original: unknown[], modified: unknown[], options: DiffOptions): [unknown[], unknown[]] {
  const originalSorted = sortScalars(original);
  const modifiedSorted = sortScalars([...modified]);
  const additions: unknown[] = [];
  const deletions: unknown[] = [];
  walkSorted(originalSorted, modifiedSorted, goV, {
    both: () => undefined,
    added: (m) => void (options.ignoreChangesAndAdditions || additions.push(m)),
    removed: (o) => void (options.ignoreDeletions || deletions.push(o)),
  });
  return [additions, deduplicateScalars(deletions)];
}

/** Changed or added items (a diff of each pair with the same merge key) and `$patch: delete` items, in merge-key order. */
function diffListsOfMaps(original: unknown[], modified: unknown[], schema: LookupPatchMeta, mergeKey: string, options: DiffOptions): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  const originalSorted = sortByMergeKey(original, mergeKey);
  const modifiedSorted = sortByMergeKey(modified, mergeKey);
  walkSorted(originalSorted, modifiedSorted, (item) => goV(mergeKeyValue(item, mergeKey)), {
    both: (o, m) => {
      const value = diffMaps(o as JsonMap, m as JsonMap, schema, options);
      if (Object.keys(value).length === 0) return;
      value[mergeKey] = (m as JsonMap)[mergeKey];
      patch.push(value);
    },
    added: (m) => void (options.ignoreChangesAndAdditions || patch.push(m)),
    removed: (o) => void (options.ignoreDeletions || deletions.push({ [mergeKey]: (o as JsonMap)[mergeKey], $patch: 'delete' })),
  });
  return [patch, deletions];
}

/**
 * Two lists sorted by the same string key, walked side by side: items on both sides, items only
 * the second has (added), items only the first has (removed).
 */
function walkSorted(
  first: unknown[],
  second: unknown[],
  keyOf: (item: unknown) => string,
  on: { both(a: unknown, b: unknown): void; added(b: unknown): void; removed(a: unknown): void },
): void {
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    const a = i < first.length ? keyOf(first[i]) : undefined;
    const b = j < second.length ? keyOf(second[j]) : undefined;
    if (a !== undefined && b !== undefined && a === b) on.both(first[i++], second[j++]);
    else if (a === undefined || (b !== undefined && a > b)) on.added(second[j++]);
    else on.removed(first[i++]);
  }
}

/** sortMergeListsByNameArray without recursion: items ordered by the %v of their merge key. */
function sortByMergeKey(list: unknown[], mergeKey: string): unknown[] {
  if (list.length === 0) return list;
  const kind = sliceElementType(list);
  if (kind !== 'map') return sortScalars(deduplicateScalars([...list]));
  const keyed = list.map((item) => [goV((item as JsonMap)[mergeKey]), item] as const);
  return keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, item]) => item);
}
