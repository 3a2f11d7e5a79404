/**
 * Strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch), driven by the OpenAPI
 * patch metadata: lists with x-kubernetes-patch-strategy "merge" merge their items by
 * x-kubernetes-patch-merge-key (containers by name, ports by containerPort, env by name,
 * volumeMounts by mountPath…); other lists are replaced. Directives: `$patch: delete|replace|merge`,
 * `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>` (order applied).
 * Never throws: malformed input yields an error text.
 */
import { fieldAt, fieldType, type FieldSpec } from '../schema';
import { goValueString } from '../../go-json';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export class PatchError extends Error {}

/** Apply a strategic merge patch to `original` using the definition `defName` ('apps.v1.Deployment'). */
export function applyStrategicPatch(
  original: unknown,
  patch: unknown,
  defName: string | undefined,
  options: { inPlace?: boolean } = {},
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!isObj(patch)) return { ok: false, error: 'json: cannot unmarshal array into Go value of type map[string]interface {}' };
  try {
    const base = isObj(original) ? (options.inPlace ? original : clone(original)) : {};
    return { ok: true, value: mergeObject(base, patch, defName) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function childDef(defName: string | undefined, key: string): { spec?: FieldSpec; def?: string } {
  if (!defName) return {};
  const f = fieldAt(defName, [key]);
  return f ? { spec: f.spec, def: f.def } : {};
}

function mergeObject(orig: Obj, patch: Obj, defName: string | undefined): Obj | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return clone(rest);
  }
  if (directive !== undefined && directive !== 'merge') throw new PatchError(`unknown patch type: ${goValueString(directive)} in map: ${goValueString(patch)}`);
  const out = orig;
  const retain = patch.$retainKeys;
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (k.startsWith('$setElementOrder/')) continue; // applied after the lists merge
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field]) && Array.isArray(v)) out[field] = (out[field] as unknown[]).filter((x) => !v.includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const { spec, def } = childDef(defName, k);
    const type = spec ? fieldType(spec) : '';
    if (Array.isArray(v)) {
      out[k] = mergeList(Array.isArray(out[k]) ? (out[k] as unknown[]) : [], v, spec, def);
    } else if (isObj(v)) {
      const isMap = type.startsWith('{}');
      const valueDef = isMap ? (type.slice(2).startsWith('#') ? type.slice(3) : undefined) : def;
      if (isMap) {
        const base = isObj(out[k]) ? (out[k] as Obj) : {};
        if (v.$patch === 'replace') {
          const { $patch: _p, ...rest } = v;
          out[k] = clone(rest);
          continue;
        }
        for (const [mk, mv] of Object.entries(v)) {
          if (mk === '$patch') continue;
          if (mv === null) delete base[mk];
          else if (isObj(mv) && valueDef) base[mk] = mergeObject(isObj(base[mk]) ? (base[mk] as Obj) : {}, mv, valueDef);
          else base[mk] = clone(mv);
        }
        out[k] = base;
      } else {
        const merged = mergeObject(isObj(out[k]) ? (out[k] as Obj) : {}, v, def ?? (spec ? undefined : undefined));
        if (merged === undefined) delete out[k];
        else out[k] = merged;
      }
    } else {
      out[k] = v;
    }
  }
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/') || !Array.isArray(order)) continue;
    const field = k.slice('$setElementOrder/'.length);
    const { spec } = childDef(defName, field);
    const key = spec && typeof spec !== 'string' ? spec.k : undefined;
    if (Array.isArray(out[field])) out[field] = reorder(out[field] as unknown[], order, key);
  }
  if (Array.isArray(retain)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}

function mergeList(orig: unknown[], patch: unknown[], spec: FieldSpec | undefined, def: string | undefined): unknown[] {
  const strategy = spec && typeof spec !== 'string' ? (spec.s ?? '') : '';
  const key = spec && typeof spec !== 'string' ? spec.k : undefined;
  const strategies = strategy.split(',');
  if (!strategies.includes('merge')) {
    // Replace, but honour a lone {$patch: replace} marker and drop directives.
    return clone(patch.filter((p) => !(isObj(p) && p.$patch !== undefined && Object.keys(p).length === 1)));
  }
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) {
    return clone(patch.filter((p) => !(isObj(p) && p.$patch === 'replace')));
  }
  if (!key) {
    // A merging list of primitives (finalizers): the union, ordered as mergeSlice orders it.
    const out = [...orig];
    for (const p of patch) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(p))) out.push(clone(p));
    return orderAsMerged(out, orig, patch, (x) => JSON.stringify(x));
  }
  const out = clone(orig) as unknown[];
  for (const p of patch) {
    if (!isObj(p)) throw new PatchError(`map: ${JSON.stringify(p)} does not contain declared merge key: ${key}`);
    if (!(key in p)) throw new PatchError(`map: map[${Object.entries(p).map(([a, b]) => `${a}:${String(b)}`).join(' ')}] does not contain declared merge key: ${key}`);
    const idx = out.findIndex((o) => isObj(o) && o[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      const merged = mergeObject(out[idx] as Obj, p, def);
      if (merged === undefined) out.splice(idx, 1);
      else out[idx] = merged;
    } else {
      const { $patch: _p, ...rest } = p;
      out.push(clone(rest));
    }
  }
  const id = (x: unknown) => JSON.stringify(isObj(x) ? x[key] : x);
  return orderAsMerged(out, orig, patch.filter((p) => !(isObj(p) && p.$patch !== undefined)), id);
}

/**
 * mergeSlice's order (normalizeElementOrder, mergeSortedSlice): the items the patch names in the
 * patch's order and the others in the original's, merged so that two items the original both
 * holds keep its order, and an item new to the original comes before the original's next one.
 */
function orderAsMerged(merged: unknown[], original: unknown[], patch: unknown[], id: (x: unknown) => string): unknown[] {
  const patchIds = patch.map(id);
  const serverIds = original.map(id);
  const byIndexIn = (ids: string[]) => (a: unknown, b: unknown) => {
    const ia = ids.indexOf(id(a));
    const ib = ids.indexOf(id(b));
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
  };
  const fromPatch = merged.filter((x) => patchIds.includes(id(x))).sort(byIndexIn(patchIds));
  const serverOnly = merged.filter((x) => !patchIds.includes(id(x))).sort(byIndexIn(serverIds));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < fromPatch.length) {
    if (j >= fromPatch.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(fromPatch[j++]);
    else {
      const li = serverIds.indexOf(id(serverOnly[i]));
      const ri = serverIds.indexOf(id(fromPatch[j]));
      out.push(li >= 0 && ri >= 0 && li < ri ? serverOnly[i++] : fromPatch[j++]);
    }
  }
  return out;
}

function reorder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const id = (x: unknown) => JSON.stringify(key && isObj(x) ? x[key] : x);
  const wanted = order.map((o) => JSON.stringify(key && isObj(o) ? o[key] : o));
  const listed = list.filter((x) => wanted.includes(id(x))).sort((a, b) => wanted.indexOf(id(a)) - wanted.indexOf(id(b)));
  const others = list.filter((x) => !wanted.includes(id(x)));
  return [...listed, ...others];
}
