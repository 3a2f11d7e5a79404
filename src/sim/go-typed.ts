/**
 * An object as kubectl writes it after decoding it into its Go type and encoding it again with
 * encoding/json: struct fields in declaration order, unknown fields gone, an omitempty field at its
 * empty value gone, a field without omitempty (or a struct held by value) present at its zero value
 * when absent (`"creationTimestamp":null`, `"resources":{}`), map keys sorted. The rollbacker sends
 * a pod template this way, so the bytes of its patch depend on it; the API server's patch handler
 * shows a patched object this way, and the DaemonSet and StatefulSet controllers write their
 * revisions' data this way (so kubectl and the controllers share it).
 */
import { definition, fieldType, SCALAR_DEFS } from './apiserver/schema';
import goZero from './apiserver/generated/go-zero.json';
import goFieldOrder from './apiserver/generated/go-field-order.json';
import { goJson } from './go-json';
import type { KubeObject } from './apiserver/types';

const ORDER = goFieldOrder as Record<string, string[]>;
const ZERO = goZero as Record<string, Record<string, unknown>>;

type Obj = Record<string, unknown>;

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as Obj).length === 0;
}

/** A value of schema type `type` ('#core.v1.Container', '[]#…', '{}string', 'string'…) re-encoded. */
function encodeAs(value: unknown, type: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (type.startsWith('[]')) return Array.isArray(value) ? value.map((v) => encodeAs(v, type.slice(2))) : value;
  if (type.startsWith('{}')) {
    const out: Obj = {};
    for (const k of Object.keys(value as Obj).sort()) out[k] = encodeAs((value as Obj)[k], type.slice(2));
    return out;
  }
  if (type.startsWith('#')) return goTyped(value, type.slice(1));
  return value;
}

/** The zero value of a field as go-zero.json writes it ('#Definition': that struct's zero object). */
function zeroValue(z: unknown): unknown {
  return typeof z === 'string' && z.startsWith('#') ? goTyped({}, z.slice(1)) : z;
}

/** `value` re-encoded as the Go type of definition `def` (a free-form or unknown type is kept as it is). */
export function goTyped(value: unknown, def: string): unknown {
  const order = ORDER[def];
  const props = definition(def)?.p;
  if (!order || !props || SCALAR_DEFS[def] || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const obj = value as Obj;
  const zero = ZERO[def] ?? {};
  const out: Obj = {};
  for (const entry of order) {
    const dropsEmpty = entry.endsWith('?');
    const name = dropsEmpty ? entry.slice(0, -1) : entry;
    const v = obj[name];
    if (v !== undefined && v !== null && !(dropsEmpty && isEmpty(v))) out[name] = encodeAs(v, fieldType(props[name]));
    else if (Object.prototype.hasOwnProperty.call(zero, name)) out[name] = zeroValue(zero[name]);
  }
  return out;
}

/**
 * A revision's data (getPatch in daemon/update.go and statefulset/stateful_set_utils.go): the owner
 * encoded as its Go type (`def`), then as a map, its spec.template with "$patch": "replace", written
 * by encoding/json (every map's keys sorted). kubectl's rollbackers build the same bytes from the
 * workload they read and skip a rollback whose revision is byte for byte theirs.
 */
export function restorePatch(owner: KubeObject, def: string): Obj {
  const template = ((goTyped(owner, def) as Obj).spec as Obj | undefined)?.template as Obj | undefined;
  return JSON.parse(goJson({ spec: { template: { ...template, $patch: 'replace' } } })) as Obj;
}
