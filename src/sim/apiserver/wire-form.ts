/**
 * An answer of the API server as it goes on the wire: encoded from its Go type, so every field in
 * the type's declaration order (`{"kind":"Pod","apiVersion":"v1","metadata":{"name":…,"uid":…`),
 * and a typed list's items without kind or apiVersion — the server does not set them, which is why
 * client-go's unstructured decoding fills them in from the list's kind (unstructured.go,
 * "For typed lists, e.g., a PodList, API server doesn't set each item's APIVersion and Kind").
 * In-process clients get the objects whole, as a typed client holds them; what shows the bytes
 * (`kubectl get --raw`, a -v=8 body, curl) shows this form. Statuses, tables and objects of types
 * the schema does not know (custom resources) pass as they are.
 */
import { definitionFor } from './schema';
import { goTyped } from '../go-typed';

type Obj = Record<string, unknown>;

export function wireForm(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const obj = body as Obj;
  if (typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string' || obj.kind === 'Status') return body;
  const slash = obj.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : obj.apiVersion.slice(0, slash);
  const version = slash < 0 ? obj.apiVersion : obj.apiVersion.slice(slash + 1);
  const def = definitionFor(group, version, obj.kind);
  if (!def) return body;
  const typed = obj.kind.endsWith('List') && Array.isArray(obj.items) ? { ...obj, items: (obj.items as Obj[]).map(withoutTypeMeta) } : obj;
  return goTyped(typed, def);
}

function withoutTypeMeta(item: Obj): Obj {
  if (!item || typeof item !== 'object') return item;
  const { kind: _k, apiVersion: _a, ...rest } = item;
  return rest;
}
