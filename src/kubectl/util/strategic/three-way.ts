/**
 * The patches kubectl computes for built-in kinds (k8s.io/apimachinery/pkg/util/strategicpatch):
 * apply's three-way patch (changes from the live object to the file, deletions from the last
 * applied configuration to the file) and edit's two-way patch. Keys come out in json.Marshal's order.
 */
import { diffMaps } from './diff';
import type { LookupPatchMeta } from './meta';
import { mergePatches } from './merge';
import { clone, isMap, type JsonMap, marshalOrder } from './values';

const asMap = (v: unknown): JsonMap => (isMap(v) ? clone(v) : {});

/** CreateThreeWayMergePatch with overwrite (kubectl apply's default): no conflict check. */
export function createThreeWayMergePatch(original: unknown, modified: unknown, current: unknown, schema: LookupPatchMeta): JsonMap {
  const modifiedMap = asMap(modified);
  const delta = diffMaps(asMap(current), modifiedMap, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(asMap(original), modifiedMap, schema, { setElementOrder: true, ignoreChangesAndAdditions: true });
  return marshalOrder(mergePatches(clone(deletions), clone(delta), schema)) as JsonMap;
}

/** CreateTwoWayMergePatch: what turns original into modified. */
export function createTwoWayMergePatch(original: unknown, modified: unknown, schema: LookupPatchMeta): JsonMap {
  return marshalOrder(diffMaps(asMap(original), asMap(modified), schema, { setElementOrder: true })) as JsonMap;
}
