/**
 * The OpenAPI-derived schemas (generated/schemas.json): field types, required fields, patch
 * strategies and list types for every served kind.
 */
import schemasJson from './generated/schemas.json';

export type FieldSpec = string | { t: string; k?: string; s?: string; lt?: string; lk?: string[]; mt?: string; e?: string[] };

export interface Definition {
  t?: string;
  f?: string;
  p?: Record<string, FieldSpec>;
  r?: string[];
  gvk?: string[];
  /** 1: a struct managed as one value (x-kubernetes-map-type: atomic). */
  a?: 1;
}

const DEFS = schemasJson as Record<string, Definition>;

const byGvk = new Map<string, string>();
for (const [name, def] of Object.entries(DEFS)) for (const g of def.gvk ?? []) byGvk.set(g, name);

/** The definition name of a kind: ('apps', 'v1', 'Deployment') → 'apps.v1.Deployment'. */
export function definitionFor(group: string, version: string, kind: string): string | undefined {
  return byGvk.get(`${group ? group + '/' : ''}${version}/${kind}`);
}

export function definition(name: string): Definition | undefined {
  return Object.prototype.hasOwnProperty.call(DEFS, name) ? DEFS[name] : undefined;
}

export function fieldType(spec: FieldSpec): string {
  return typeof spec === 'string' ? spec : spec.t;
}

/** Resolve the field spec of a path of field names below a definition ('spec', 'template', 'spec'). */
export function fieldAt(defName: string, path: string[]): { spec: FieldSpec; def?: string } | undefined {
  let def = defName;
  let spec: FieldSpec | undefined;
  for (const part of path) {
    const d = DEFS[def];
    spec = d?.p && Object.prototype.hasOwnProperty.call(d.p, part) ? d.p[part] : undefined;
    if (!spec) return undefined;
    let t = fieldType(spec);
    while (t.startsWith('[]') || t.startsWith('{}')) t = t.slice(2);
    def = t.startsWith('#') ? t.slice(1) : '';
  }
  return spec ? { spec, def: def || undefined } : undefined;
}

/** Scalar definitions that are written as strings or numbers on the wire. */
export const SCALAR_DEFS: Record<string, string> = {
  'api.resource.Quantity': 'Quantity',
  'util.intstr.IntOrString': 'IntOrString',
  'meta.v1.Time': 'Time',
  'meta.v1.MicroTime': 'MicroTime',
};
