/**
 * How strategicpatch orders list items: by a wanted order ($setElementOrder, the patch), keeping
 * the relative order of items the order does not name, and interleaving server-only items by their
 * place in the live list.
 */
import { goType, goV, isMap, type JsonMap } from './values';

export const noMergeKey = (m: unknown, key: string) => new Error(`map: ${goV(m)} does not contain declared merge key: ${key}`);

/** index(): where an item (by merge key for maps, by value otherwise) is in a list, or -1. */
function indexOf(list: unknown[], item: unknown, mergeKey: string, kind: string): number {
  const valueOf = kind === 'map' ? (x: unknown) => (isMap(x) ? (x[mergeKey] ?? null) : null) : (x: unknown) => x;
  const wanted = valueOf(item);
  return list.findIndex((x) => valueOf(x) === wanted);
}

function validateMergeKeys(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item)) throw new Error(`expected a map[string]interface {}, but received a ${goType(item)}`);
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** sort.SliceStable (an insertion sort at these sizes) with normalizeSliceOrder's comparison. */
function stableSort(items: unknown[], less: (a: unknown, b: unknown) => boolean): unknown[] {
  const s = [...items];
  for (let i = 1; i < s.length; i++) {
    for (let j = i; j > 0 && less(s[j], s[j - 1]); j--) [s[j], s[j - 1]] = [s[j - 1], s[j]];
  }
  return s;
}

/** normalizeSliceOrder: `toSort` in the order of `order`, its `$patch: delete` items last. */
export function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: string): unknown[] {
  let keep = toSort;
  let deletions: unknown[] = [];
  if (kind === 'map') {
    validateMergeKeys(mergeKey, toSort, order);
    keep = toSort.filter((v) => (v as JsonMap).$patch !== 'delete');
    deletions = toSort.filter((v) => (v as JsonMap).$patch === 'delete');
  }
  const sorted = stableSort(keep, (a, b) => {
    const ia = indexOf(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexOf(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...sorted, ...deletions];
}

/** normalizeElementOrder: patch items in `patchOrder`, server-only items in `serverOrder`, then interleaved. */
export function normalizeElementOrder(patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: string): unknown[] {
  const patchSorted = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const serverSorted = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(serverSorted, patchSorted, serverOrder, mergeKey, kind);
}

/** mergeSortedSlice: a left item goes before a right one only when both are in serverOrder in that order. */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind);
      const ri = indexOf(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Items of `list` present in `by` (by merge key, or by value for scalars), and the others. */
export function partitionByPresence(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const present: unknown[] = [];
  const others: unknown[] = [];
  for (const v of list) {
    let found: boolean;
    if (!mergeKey) found = by.some((b) => b === v);
    else {
      if (!isMap(v)) throw new Error(`expected a map[string]interface {}, but received a ${goType(v)}`);
      if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
      found = findByMergeKey(by, mergeKey, v[mergeKey]) >= 0;
    }
    (found ? present : others).push(v);
  }
  return [present, others];
}

/** findMapInSliceBasedOnKeyValue: the index of the map whose merge key equals `value`, or -1. */
export function findByMergeKey(list: unknown[], mergeKey: string, value: unknown): number {
  for (const [i, v] of list.entries()) {
    if (!isMap(v)) throw new Error(`value for key ${i} is not a map`);
    if (mergeKey in v && v[mergeKey] === value) return i;
  }
  return -1;
}
