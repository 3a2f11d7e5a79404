/**
 * strategicpatch's mergeMap as CreateThreeWayMergePatch calls it on the client (MergeOptions{}:
 * parallel lists are kept, not applied): the deletions patch and the changes patch joined into
 * one patch, directives included.
 */
import { type LookupPatchMeta, retainKeysAndStrategy } from './meta';
import { findByMergeKey, noMergeKey, normalizeElementOrder, partitionByPresence } from './order';
import { deduplicateScalars, deepEqual, goType, goV, isMap, type JsonMap, sliceElementType } from './values';

const BAD_SET_ORDER = 'invalid patch format of setElementOrder list';

export function mergePatches(original: JsonMap, patch: JsonMap, schema: LookupPatchMeta): JsonMap {
  if ('$patch' in patch) return mapDirective(patch.$patch, patch);
  if ('$retainKeys' in patch) {
    const retain = patch.$retainKeys;
    delete patch.$retainKeys;
    if (!('$retainKeys' in original)) original.$retainKeys = retain;
    else if (!deepEqual(original.$retainKeys, retain)) throw new Error(`${goV(original.$retainKeys)} and ${goV(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
  }
  mergeElementOrders(original, patch, schema);
  for (const [k, patchValue] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList')) {
      original[k] = patchValue;
      continue;
    }
    if (patchValue === null) delete original[k];
    if (!(k in original) || goType(original[k]) !== goType(patchValue)) {
      setWithoutDirectives(original, k, patchValue);
      continue;
    }
    if (isMap(patchValue)) {
      const [subschema, meta] = schema.forStruct(k);
      const [, strategy] = retainKeysAndStrategy(meta.strategies);
      original[k] = strategy === 'replace' ? patchValue : mergePatches(original[k] as JsonMap, patchValue, subschema);
    } else if (Array.isArray(patchValue)) {
      const [subschema, meta] = schema.forSlice(k);
      const [, strategy] = retainKeysAndStrategy(meta.strategies);
      original[k] = strategy === 'merge' ? mergeSlice(original[k] as unknown[], patchValue, subschema, meta.mergeKey) : patchValue;
    } else {
      setWithoutDirectives(original, k, patchValue);
    }
  }
  return original;
}

function mapDirective(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === 'replace') {
    delete patch.$patch;
    return patch;
  }
  if (directive === 'delete') return {};
  throw new Error(`unknown patch type: ${goV(directive)} in map: ${goV(patch)}`);
}

function setWithoutDirectives(target: JsonMap, key: string, value: unknown): void {
  const [clean, keep] = removeDirectives(value);
  if (keep) target[key] = clean;
  else delete target[key];
}

/** removeDirectives: a map holding `$patch` is dropped, the rest cleaned recursively (in place). */
function removeDirectives(obj: unknown): [unknown, boolean] {
  if (isMap(obj)) {
    if ('$patch' in obj) return [null, false];
    for (const [k, v] of Object.entries(obj)) {
      const [clean, keep] = removeDirectives(v);
      if (keep) obj[k] = clean;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) return [obj.map((v) => removeDirectives(v)).filter(([, keep]) => keep).map(([v]) => v), true];
  return [obj, true];
}

/** mergePatchIntoOriginal: each `$setElementOrder/` list of the patch, with the list it orders. */
function mergeElementOrders(original: JsonMap, patch: JsonMap, schema: LookupPatchMeta): void {
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith('$setElementOrder')) continue;
    if (!(key in original)) original[key] = order;
    else if (!deepEqual(original[key], order)) throw new Error(BAD_SET_ORDER);
    delete patch[key];
    if (!Array.isArray(order)) throw new Error(`expected a []interface {}, but received a ${goType(order)}`);
    const parts = key.split('/');
    if (parts.length < 2 || parts[0] !== '$setElementOrder') throw new Error(BAD_SET_ORDER);
    const field = key.slice(key.indexOf('/') + 1);
    const foundOriginal = field in original;
    const foundPatch = field in patch;
    const originalList = listAt(original, field);
    const patchList = listAt(patch, field);
    const [subschema, meta] = schema.forSlice(field);
    const [, strategy] = retainKeysAndStrategy(meta.strategies);
    validateOrder(patchList, order, meta.mergeKey);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0] as unknown[];
    else if (foundOriginal && foundPatch) merged = strategy === 'merge' ? mergeSlice(originalList, patchList, subschema, meta.mergeKey) : patchList;
    else continue;
    const [inOrder, serverOnly] = partitionByPresence(merged, order, meta.mergeKey);
    const kind = sliceElementType(originalList, patchList);
    original[field] = normalizeElementOrder(inOrder, serverOnly, order, originalList, meta.mergeKey, kind);
    delete patch[field];
  }
}

function listAt(m: JsonMap, key: string): unknown[] {
  const v = m[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Error(`expected a []interface {}, but received a ${goType(v)}`);
  return v;
}

/** validatePatchWithSetOrderList: the patch's items appear in the order of the $setElementOrder list. */
function validateOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => !(isMap(v) && v.$patch === 'delete')) : patchList;
  const keyOf = (v: unknown) => {
    if (!mergeKey) return v;
    if (!isMap(v) || !(mergeKey in v)) throw noMergeKey(v, mergeKey);
    return v[mergeKey];
  };
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isMap(items[p]) && '$patch' in (items[p] as JsonMap)) {
      p++;
      continue;
    }
    if (keyOf(items[p]) === keyOf(order[o])) p++;
    o++;
  }
  if (p < items.length && o >= order.length) throw new Error(`The order in patch list:\n${goV(patchList)}\n doesn't match $setElementOrder list:\n${goV(order)}\n`);
}

/** mergeSlice: scalars joined without duplicates; maps merged by key after `$patch` items are applied. */
function mergeSlice(original: unknown[], patch: unknown[], schema: LookupPatchMeta, mergeKey: string): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  let base = original;
  let items = patch;
  let merged: unknown[];
  if (kind !== 'map') merged = deduplicateScalars([...original, ...patch]);
  else {
    if (!mergeKey) throw new Error(`cannot merge lists without merge key for ${schema.name()}`);
    [base, items] = applySpecialElements(original, patch, mergeKey);
    merged = [...base];
    for (const item of items as JsonMap[]) {
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
      const at = findByMergeKey(merged, mergeKey, item[mergeKey]);
      if (at >= 0) merged[at] = mergePatches(merged[at] as JsonMap, item, schema);
      else merged.push(item);
    }
  }
  const [inPatch, serverOnly] = partitionByPresence(merged, items, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, items, base, mergeKey, kind);
}

/** mergeSliceWithSpecialElements: `$patch: delete` items remove theirs, `$patch: replace` keeps only the patch. */
function applySpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let base = original;
  let replace = false;
  for (const v of patch as JsonMap[]) {
    if (!('$patch' in v)) {
      plain.push(v);
      continue;
    }
    if (v.$patch === 'delete') {
      if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
      base = base.filter((o) => !(isMap(o) && mergeKey in o && o[mergeKey] === v[mergeKey]));
    } else if (v.$patch === 'replace') replace = true;
    else if (v.$patch === 'merge') throw new Error('merging lists cannot yet be specified in the patch');
    else throw new Error(`unknown patch type: ${goV(v.$patch)} in map: ${goV(v)}`);
  }
  return replace ? [plain, []] : [base, plain];
}
