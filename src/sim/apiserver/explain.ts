/**
 * The data behind `kubectl explain`: a field's type as kubectl prints it (<string>, <integer>,
 * <Object>, <[]Container>, <map[string]string>, <IntOrString>…), its description, and its
 * children with -required- marks. Descriptions live in generated/explain.json, loaded lazily
 * (about 130 kB gzip) the first time someone explains.
 */
import { definition, definitionFor, fieldType, type FieldSpec } from './schema';

type ExplainData = Record<string, { d?: string; p?: Record<string, string> }>;

let data: ExplainData | undefined;

/** Load the descriptions (once). */
export async function loadExplainData(): Promise<void> {
  if (data) return;
  const mod = (await import('./generated/explain.json')) as { default?: ExplainData } & ExplainData;
  data = (mod.default ?? mod) as ExplainData;
}

export interface ExplainField {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface ExplainResult {
  group: string;
  version: string;
  kind: string;
  /** The last path segment when a field was asked for. */
  field?: string;
  /** The type of that field (<[]Container>), or of the kind itself (<Object>). */
  type: string;
  description: string;
  fields: ExplainField[];
}

const SCALAR_NAMES: Record<string, string> = {
  'api.resource.Quantity': 'Quantity',
  'util.intstr.IntOrString': 'IntOrString',
  'meta.v1.Time': 'string',
  'meta.v1.MicroTime': 'string',
  'meta.v1.FieldsV1': 'Object',
  'pkg.runtime.RawExtension': 'Object',
};

/** kubectl's type name of a field type. */
export function typeName(t: string): string {
  if (t.startsWith('[]')) return `[]${typeName(t.slice(2))}`;
  if (t.startsWith('{}')) return `map[string]${typeName(t.slice(2))}`;
  if (t.startsWith('#')) {
    const name = t.slice(1);
    if (SCALAR_NAMES[name]) return SCALAR_NAMES[name];
    const def = definition(name);
    if (def && !def.p) return def.t === 'object' ? 'Object' : (def.t ?? 'Object');
    return name.split('.').pop()!;
  }
  return { int32: 'integer', int64: 'integer', float64: 'number', object: 'Object' }[t] ?? t;
}

/**
 * Explain a kind or a dotted field path below it (['spec', 'template', 'spec', 'containers']).
 * Requires loadExplainData() first for descriptions (without it descriptions are empty).
 */
export function explain(group: string, version: string, kind: string, path: string[] = []): ExplainResult | { error: string } {
  let defName = definitionFor(group, version, kind);
  if (!defName) return { error: `couldn't find resource for "${group ? group + '/' : ''}${version}, Kind=${kind}"` };
  let type = 'Object';
  let description = data?.[defName]?.d ?? '';
  let field: string | undefined;
  for (const part of path) {
    const def = definition(defName!);
    const spec: FieldSpec | undefined = def?.p && Object.prototype.hasOwnProperty.call(def.p, part) ? def.p[part] : undefined;
    if (!spec) return { error: `field "${part}" does not exist` };
    const t = fieldType(spec);
    type = typeName(t);
    description = data?.[defName!]?.p?.[part] ?? '';
    field = part;
    let inner = t;
    while (inner.startsWith('[]') || inner.startsWith('{}')) inner = inner.slice(2);
    defName = inner.startsWith('#') && definition(inner.slice(1))?.p ? inner.slice(1) : undefined;
    if (!defName && part !== path[path.length - 1]) return { error: `field "${path[path.indexOf(part) + 1]}" does not exist` };
  }
  const def = defName ? definition(defName) : undefined;
  const required = new Set(def?.r ?? []);
  const fields: ExplainField[] = Object.entries(def?.p ?? {})
    .map(([name, spec]) => ({ name, type: typeName(fieldType(spec)), required: required.has(name), description: data?.[defName!]?.p?.[name] ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { group, version, kind, field, type, description, fields };
}

interface CrdSchema {
  type?: string;
  description?: string;
  properties?: Record<string, CrdSchema>;
  items?: CrdSchema;
  additionalProperties?: CrdSchema | boolean;
  required?: string[];
  'x-kubernetes-int-or-string'?: boolean;
}

function crdTypeName(s: CrdSchema | undefined): string {
  if (!s) return 'Object';
  if (s['x-kubernetes-int-or-string']) return 'IntOrString';
  if (s.type === 'array') return `[]${crdTypeName(s.items)}`;
  if (s.type === 'object' && typeof s.additionalProperties === 'object' && !s.properties) return `map[string]${crdTypeName(s.additionalProperties)}`;
  if (!s.type || s.type === 'object') return 'Object';
  return s.type;
}

/**
 * `kubectl explain` for a custom resource: the served version's openAPIV3Schema of its CRD
 * (pass the CRD object, e.g. from a get of customresourcedefinitions).
 */
export function explainCustom(crd: { spec?: unknown }, version: string, path: string[] = []): ExplainResult | { error: string } {
  const spec = (crd.spec ?? {}) as { group?: string; names?: { kind?: string }; versions?: { name: string; schema?: { openAPIV3Schema?: CrdSchema } }[] };
  const v = spec.versions?.find((x) => x.name === version);
  let schema = v?.schema?.openAPIV3Schema;
  const kind = spec.names?.kind ?? '';
  if (!v) return { error: `couldn't find resource for "${spec.group}/${version}, Kind=${kind}"` };
  let type = 'Object';
  let field: string | undefined;
  for (const part of path) {
    let node = schema;
    while (node && node.type === 'array') node = node.items;
    const next = node?.properties && Object.prototype.hasOwnProperty.call(node.properties, part) ? node.properties[part] : undefined;
    if (!next) return { error: `field "${part}" does not exist` };
    schema = next;
    type = crdTypeName(next);
    field = part;
  }
  let holder = schema;
  while (holder && holder.type === 'array') holder = holder.items;
  const required = new Set(holder?.required ?? []);
  const fields: ExplainField[] = Object.entries(holder?.properties ?? {})
    .map(([name, s]) => ({ name, type: crdTypeName(s), required: required.has(name), description: s.description ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { group: spec.group ?? '', version, kind, field, type, description: schema?.description ?? '', fields };
}
