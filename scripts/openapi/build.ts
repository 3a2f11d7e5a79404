/**
 * Build-time: turn the Kubernetes v1.33 OpenAPI (v2) document into the compact artefacts the
 * simulated API server loads (nobody types field lists by hand).
 *
 *   npx tsx scripts/openapi/build.ts [path/to/kubernetes-v1.33-swagger.json]
 *
 * Writes to src/sim/apiserver/generated/:
 *   resources.json  every served GA group/version: resources, kind, scope, verbs, subresources
 *                   (from the paths and their x-kubernetes-action / group-version-kind)
 *   schemas.json    per definition: field types, required fields, patch merge keys/strategies,
 *                   list types and map keys (validation, defaulting of types, strategic merge, apply)
 *   explain.json    descriptions for `kubectl explain` (a separate file so the browser can lazy-load it)
 * and prints the raw and gzip sizes of each.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface SwaggerSchema {
  type?: string;
  format?: string;
  description?: string;
  $ref?: string;
  items?: SwaggerSchema;
  additionalProperties?: SwaggerSchema | boolean;
  properties?: Record<string, SwaggerSchema>;
  required?: string[];
  enum?: string[];
  allOf?: SwaggerSchema[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
}

interface Operation {
  'x-kubernetes-action'?: string;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string };
}

interface Swagger {
  definitions: Record<string, SwaggerSchema>;
  paths: Record<string, Record<string, Operation | unknown>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const input = process.argv[2] ?? resolve(repo, '..', 'shared', 'openapi', 'kubernetes-v1.33-swagger.json');
const outDir = join(repo, 'src', 'sim', 'apiserver', 'generated');
const swagger = JSON.parse(readFileSync(input, 'utf8')) as Swagger;

/** Only GA versions are served by default on a v1.33 cluster (alpha and beta APIs are off). */
const isGA = (version: string) => /^v\d+$/.test(version);

// ------------------------------------------------------------------ definition names

/** 'io.k8s.api.core.v1.Pod' → 'core.v1.Pod'; 'io.k8s.apimachinery.pkg.apis.meta.v1.Time' → 'meta.v1.Time'. */
function shortName(full: string): string {
  const parts = full.split('.');
  return parts.slice(-3).join('.');
}
const names = new Map<string, string>();
for (const full of Object.keys(swagger.definitions)) {
  const s = shortName(full);
  if ([...names.values()].includes(s)) throw new Error(`definition name clash: ${s}`);
  names.set(full, s);
}
const refName = (ref: string) => names.get(ref.replace('#/definitions/', ''))!;

// ------------------------------------------------------------------ resources from the paths

interface SubresourceOut {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}
interface ResourceOut {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  subresources: SubresourceOut[];
}

const methodVerb: Record<string, string> = { get: 'get', post: 'create', put: 'update', patch: 'patch', delete: 'delete' };
const actionVerb: Record<string, string> = {
  get: 'get',
  list: 'list',
  watch: 'watch',
  watchlist: 'watch',
  post: 'create',
  put: 'update',
  patch: 'patch',
  delete: 'delete',
  deletecollection: 'deletecollection',
};

const byGV = new Map<string, Map<string, ResourceOut>>();
for (const [path, item] of Object.entries(swagger.paths)) {
  const m = path.match(/^\/api\/v1\/(.*)$/) ?? path.match(/^\/apis\/([^/]+)\/([^/]+)\/(.*)$/);
  if (!m) continue;
  const [group, version, rest] = m.length === 2 ? ['', 'v1', m[1]] : [m[1], m[2], m[3]];
  if (!isGA(version)) continue;
  let segs = rest.split('/');
  if (segs[0] === 'watch') segs = segs.slice(1);
  let namespaced = false;
  if (segs[0] === 'namespaces' && segs[1] === '{namespace}' && segs.length >= 3) {
    namespaced = true;
    segs = segs.slice(2);
  }
  const resource = segs[0];
  const sub = segs.length >= 3 && segs[1] === '{name}' ? segs[2] : undefined;
  if (segs.length > 3 || (segs.length >= 2 && segs[1] !== '{name}')) continue; // e.g. proxy/{path}
  const gv = group ? `${group}/${version}` : version;
  if (!byGV.has(gv)) byGV.set(gv, new Map());
  const resources = byGV.get(gv)!;
  for (const [method, opRaw] of Object.entries(item)) {
    if (method === 'parameters' || method === 'head' || method === 'options') continue;
    const op = opRaw as Operation;
    const action = op['x-kubernetes-action'] ?? '';
    const verb = action === 'connect' ? methodVerb[method] : actionVerb[action];
    const gvk = op['x-kubernetes-group-version-kind'];
    if (!verb || !gvk) continue;
    let r = resources.get(resource);
    if (!r) {
      r = { name: resource, kind: '', namespaced, verbs: [], subresources: [] };
      resources.set(resource, r);
    }
    if (namespaced) r.namespaced = true;
    if (!sub) {
      if (!r.kind) r.kind = gvk.kind;
      if (!r.verbs.includes(verb)) r.verbs.push(verb);
      continue;
    }
    let s = r.subresources.find((x) => x.name === sub);
    if (!s) {
      s = { name: sub, kind: gvk.kind, verbs: [] };
      if (gvk.group !== group || gvk.version !== version) {
        s.group = gvk.group;
        s.version = gvk.version;
      }
      r.subresources.push(s);
    }
    if (!s.verbs.includes(verb)) s.verbs.push(verb);
  }
}

const resourcesOut: Record<string, ResourceOut[]> = {};
for (const gv of [...byGV.keys()].sort()) {
  const list = [...byGV.get(gv)!.values()].filter((r) => r.kind).sort((a, b) => a.name.localeCompare(b.name));
  for (const r of list) {
    r.verbs.sort();
    r.subresources.sort((a, b) => a.name.localeCompare(b.name));
    for (const s of r.subresources) s.verbs.sort();
  }
  if (list.length) resourcesOut[gv] = list;
}

// ------------------------------------------------------------------ schemas

/** A field's type: 'string' | 'int32' | 'int64' | 'integer' | 'number' | 'float64' | 'boolean' | 'object' (free form) | '#Def' | '[]T' | '{}T'. */
type FieldSpec =
  | string
  | { t: string; k?: string; s?: string; lt?: string; lk?: string[]; mt?: string; e?: string[] };

interface DefOut {
  /** scalar definitions (Quantity, Time, IntOrString): their wire type and format */
  t?: string;
  f?: string;
  p?: Record<string, FieldSpec>;
  r?: string[];
  gvk?: string[];
  /** 1 for a struct managed as one value (x-kubernetes-map-type: atomic): LabelSelector, ObjectReference… */
  a?: 1;
}

function typeOf(s: SwaggerSchema): string {
  if (s.$ref) return '#' + refName(s.$ref);
  if (s.allOf?.length === 1) return typeOf(s.allOf[0]);
  if (s.type === 'array') return '[]' + (s.items ? typeOf(s.items) : 'object');
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object')
    return '{}' + typeOf(s.additionalProperties);
  // Keep the Go width of numbers: validation messages name it ("of type int32").
  if (s.type === 'integer') return s.format === 'int64' ? 'int64' : s.format === 'int32' ? 'int32' : 'integer';
  if (s.type === 'number') return s.format === 'double' ? 'float64' : 'number';
  return s.type ?? 'object';
}

/** Enum values the v1.33 descriptions list as "Possible enum values: - `"Always"` …". */
function enumsFromDescription(desc: string | undefined): string[] | undefined {
  if (!desc || !desc.includes('Possible enum values:')) return undefined;
  const tail = desc.slice(desc.indexOf('Possible enum values:'));
  const values = [...tail.matchAll(/\n - `"([^"]*)"`/g)].map((m) => m[1]);
  return values.length ? values : undefined;
}

const schemasOut: Record<string, DefOut> = {};
const explainOut: Record<string, { d?: string; p?: Record<string, string> }> = {};

// Reachability from every GA top-level kind, so the artefacts hold only what is served.
const queue: string[] = [];
for (const [full, def] of Object.entries(swagger.definitions)) {
  const gvks = def['x-kubernetes-group-version-kind'] ?? [];
  if (gvks.some((g) => isGA(g.version) && !full.includes('alpha') && !full.includes('beta'))) queue.push(full);
}
const seen = new Set<string>();
while (queue.length) {
  const full = queue.shift()!;
  if (seen.has(full)) continue;
  seen.add(full);
  const def = swagger.definitions[full];
  const out: DefOut = {};
  const name = names.get(full)!;
  if (!def.properties) {
    out.t = def.type ?? 'object';
    if (def.format) out.f = def.format;
  } else {
    out.p = {};
    const descs: Record<string, string> = {};
    for (const [field, fs] of Object.entries(def.properties)) {
      const t = typeOf(fs);
      const extra: Exclude<FieldSpec, string> = { t };
      if (fs['x-kubernetes-patch-merge-key']) extra.k = fs['x-kubernetes-patch-merge-key'];
      if (fs['x-kubernetes-patch-strategy']) extra.s = fs['x-kubernetes-patch-strategy'];
      if (fs['x-kubernetes-list-type']) extra.lt = fs['x-kubernetes-list-type'];
      if (fs['x-kubernetes-list-map-keys']) extra.lk = fs['x-kubernetes-list-map-keys'];
      if (fs['x-kubernetes-map-type']) extra.mt = fs['x-kubernetes-map-type'];
      const e = fs.enum ?? enumsFromDescription(fs.description);
      if (e) extra.e = e;
      out.p[field] = Object.keys(extra).length === 1 ? t : extra;
      if (fs.description) descs[field] = fs.description;
      for (const m of t.matchAll(/#([\w.-]+)/g)) {
        const target = [...names.entries()].find(([, v]) => v === m[1])![0];
        if (!seen.has(target)) queue.push(target);
      }
    }
    if (def.required?.length) out.r = def.required;
    if (def['x-kubernetes-map-type'] === 'atomic') out.a = 1;
    explainOut[name] = { d: def.description, p: descs };
  }
  if (!def.properties && def.description) explainOut[name] = { d: def.description };
  const gvks = def['x-kubernetes-group-version-kind'];
  if (gvks) out.gvk = gvks.map((g) => `${g.group ? g.group + '/' : ''}${g.version}/${g.kind}`);
  schemasOut[name] = out;
}
const sortedSchemas = Object.fromEntries(Object.keys(schemasOut).sort().map((k) => [k, schemasOut[k]]));
const sortedExplain = Object.fromEntries(Object.keys(explainOut).sort().map((k) => [k, explainOut[k]]));

// ------------------------------------------------------------------ write

mkdirSync(outDir, { recursive: true });
const files: [string, unknown][] = [
  ['resources.json', resourcesOut],
  ['schemas.json', sortedSchemas],
  ['explain.json', sortedExplain],
];
for (const [file, data] of files) {
  const text = JSON.stringify(data);
  writeFileSync(join(outDir, file), text + '\n');
  const gz = gzipSync(text).length;
  console.log(`${file}: ${text.length} bytes raw, ${gz} bytes gzip`);
}
