/**
 * The patch kubectl apply sends for kinds without patch metadata (custom resources):
 * k8s.io/apimachinery/pkg/util/jsonmergepatch CreateThreeWayJSONMergePatch — the additions and
 * changes of a JSON merge patch from the live object to the file, and the deletions (nulls) of one
 * from the last applied configuration to the file. Lists are replaced whole.
 */
import { clone, deepEqual, goType, isMap, type JsonMap, marshalOrder } from './strategic/values';

/** evanphx/json-patch CreateMergePatch of two objects. */
function mergePatchOf(from: JsonMap, to: JsonMap): JsonMap {
  const out: JsonMap = {};
  for (const [key, value] of Object.entries(to)) {
    const before = from[key];
    if (!(key in from) || goType(before) !== goType(value)) out[key] = value;
    else if (isMap(before)) {
      const sub = mergePatchOf(before, value as JsonMap);
      if (Object.keys(sub).length > 0) out[key] = sub;
    } else if (!deepEqual(before, value)) out[key] = value;
  }
  for (const key of Object.keys(from)) if (!(key in to)) out[key] = null;
  return out;
}

/** keepOrDeleteNullInObj: only the nulls (deletions), or all but the nulls (additions and changes). */
function keepOrDeleteNulls(m: JsonMap, keepNull: boolean): JsonMap {
  const out: JsonMap = {};
  for (const [key, value] of Object.entries(m)) {
    if (value === null) {
      if (keepNull) out[key] = null;
    } else if (isMap(value)) {
      // An explicitly empty map is a value, not an empty patch.
      if (Object.keys(value).length === 0) {
        if (!keepNull) out[key] = value;
        continue;
      }
      const sub = keepOrDeleteNulls(value, keepNull);
      if (Object.keys(sub).length > 0) out[key] = sub;
    } else if (!keepNull) out[key] = value;
  }
  return out;
}

/** json-patch MergePatch of two patches: the second's members over the first's. */
function applyMergePatch(doc: JsonMap, patch: JsonMap): JsonMap {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete doc[key];
    else if (isMap(value) && isMap(doc[key])) doc[key] = applyMergePatch(doc[key] as JsonMap, value);
    else doc[key] = isMap(value) ? applyMergePatch({}, value) : value;
  }
  return doc;
}

export function createThreeWayJsonMergePatch(original: unknown, modified: unknown, current: unknown): JsonMap {
  const asMap = (v: unknown): JsonMap => (isMap(v) ? clone(v) : {});
  const changes = keepOrDeleteNulls(mergePatchOf(asMap(current), asMap(modified)), false);
  const deletions = keepOrDeleteNulls(mergePatchOf(asMap(original), asMap(modified)), true);
  return marshalOrder(applyMergePatch(deletions, changes)) as JsonMap;
}
