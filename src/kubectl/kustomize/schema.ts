/**
 * The fields of a Kustomization (sigs.k8s.io/kustomize/api/types) as a small schema, so that a
 * misspelt field fails with Go's `json: unknown field "x"` and a wrong type with its unmarshal text.
 */
import { isObj } from './types';

type Shape = 'string' | 'bool' | 'int' | 'strings' | 'stringMap' | 'any' | { struct: string; fields: Record<string, Shape> } | { list: Shape };

const target: Shape = { struct: 'Selector', fields: { group: 'string', version: 'string', kind: 'string', name: 'string', namespace: 'string', labelSelector: 'string', annotationSelector: 'string' } };
const genOptions: Shape = { struct: 'GeneratorOptions', fields: { labels: 'stringMap', annotations: 'stringMap', disableNameSuffixHash: 'bool', immutable: 'bool' } };
const generator = (struct: string, extra: Record<string, Shape>): Shape => ({
  list: { struct, fields: { name: 'string', namespace: 'string', behavior: 'string', literals: 'strings', files: 'strings', envs: 'strings', env: 'string', options: genOptions, ...extra } },
});

const IMAGES: Shape = { list: { struct: 'Image', fields: { name: 'string', newName: 'string', newTag: 'string', digest: 'string', tagSuffix: 'string' } } };

const KUSTOMIZATION: Record<string, Shape> = {
  apiVersion: 'string',
  kind: 'string',
  metadata: 'any',
  openapi: 'any',
  namePrefix: 'string',
  nameSuffix: 'string',
  namespace: 'string',
  commonLabels: 'stringMap',
  labels: { list: { struct: 'Label', fields: { pairs: 'stringMap', includeSelectors: 'bool', includeTemplates: 'bool', fields: 'any' } } },
  commonAnnotations: 'stringMap',
  patchesStrategicMerge: 'strings',
  patchesJson6902: { list: { struct: 'Patch', fields: { target, path: 'string', patch: 'string', options: 'any' } } },
  patches: { list: { struct: 'Patch', fields: { target, path: 'string', patch: 'string', options: { struct: 'map', fields: { allowNameChange: 'bool', allowKindChange: 'bool' } } } } },
  images: IMAGES,
  imageTags: IMAGES,
  replacements: 'any',
  replicas: { list: { struct: 'Replica', fields: { name: 'string', count: 'int' } } },
  vars: 'any',
  sortOptions: 'any',
  resources: 'strings',
  components: 'strings',
  crds: 'strings',
  bases: 'strings',
  configMapGenerator: generator('ConfigMapArgs', {}),
  secretGenerator: generator('SecretArgs', { type: 'string' }),
  helmGlobals: 'any',
  helmCharts: 'any',
  helmChartInflationGenerator: 'any',
  generatorOptions: genOptions,
  configurations: 'strings',
  generators: 'strings',
  transformers: 'strings',
  validators: 'strings',
  buildMetadata: 'strings',
};

function goType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (isObj(v)) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

const GO_NAMES: Record<string, string> = { string: 'string', bool: 'bool', int: 'int', strings: '[]string', stringMap: 'map[string]string' };

/** The first problem in a kustomization's fields, in Go's words, or undefined. */
export function checkFields(value: Record<string, unknown>): string | undefined {
  return checkObject(value, KUSTOMIZATION, 'Kustomization', '');
}

/** `path` is the JSON path from the top; Go names a field by its innermost struct and that path. */
function checkObject(value: Record<string, unknown>, fields: Record<string, Shape>, struct: string, path: string): string | undefined {
  for (const [key, v] of Object.entries(value)) {
    const shape = fields[key];
    if (!shape) return `json: unknown field "${key}"`;
    const p = checkValue(v, shape, struct, path ? `${path}.${key}` : key);
    if (p) return p;
  }
  return undefined;
}

function checkValue(v: unknown, shape: Shape, struct: string, path: string): string | undefined {
  const mismatch = (bad: unknown, want: string, _p: string) => `json: cannot unmarshal ${goType(bad)} into Go struct field ${struct}.${path} of type ${want}`;
  if (v === null || v === undefined || shape === 'any') return undefined;
  if (shape === 'string') return typeof v === 'string' ? undefined : mismatch(v, 'string', path);
  if (shape === 'bool') return typeof v === 'boolean' ? undefined : mismatch(v, 'bool', path);
  if (shape === 'int') return typeof v === 'number' && Number.isInteger(v) ? undefined : mismatch(v, 'int', path);
  if (shape === 'strings') {
    if (!Array.isArray(v)) return mismatch(v, GO_NAMES.strings, path);
    const bad = v.find((x) => typeof x !== 'string');
    return bad === undefined ? undefined : mismatch(bad, 'string', path);
  }
  if (shape === 'stringMap') {
    if (!isObj(v)) return mismatch(v, GO_NAMES.stringMap, path);
    const bad = Object.values(v).find((x) => typeof x !== 'string');
    return bad === undefined ? undefined : mismatch(bad, 'string', path);
  }
  if ('list' in shape) {
    if (!Array.isArray(v)) return mismatch(v, 'array', path);
    for (const item of v) {
      const p = checkValue(item, shape.list, struct, path);
      if (p) return p;
    }
    return undefined;
  }
  if (!isObj(v)) return mismatch(v, 'object', path);
  return checkObject(v, shape.fields, shape.struct, path);
}
