/**
 * /openapi/v3 as kube-apiserver serves it, built from the v1.33 swagger of openapi/: the index of
 * group-versions, then one document per group-version with its paths and every schema. The real
 * kubectl reads it before writing: whether PATCH of a kind takes ?fieldValidation (then the server
 * validates, and kubectl does not download /openapi/v2 to validate itself), and the patch merge
 * keys client-side apply computes its strategic merge patch with.
 */
import { readFileSync } from 'node:fs';

interface V2Parameter {
  name: string;
  in: string;
  schema?: unknown;
  [key: string]: unknown;
}
type V2Operation = { parameters?: V2Parameter[]; consumes?: string[]; produces?: string[]; responses?: Record<string, { description?: string; schema?: unknown }>; [key: string]: unknown };
type V2PathItem = { parameters?: V2Parameter[] } & Record<string, V2Operation | V2Parameter[] | undefined>;

interface Swagger {
  paths: Record<string, V2PathItem>;
  definitions: Record<string, unknown>;
  /** Shared parameters that operations name by $ref (the body of a PATCH among them). */
  parameters: Record<string, V2Parameter>;
}

/** The API specification of FIDELITY.md (reference 3). */
export const SWAGGER = '/work/shared/openapi/kubernetes-v1.33-swagger.json';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

let swagger: Swagger | undefined;
const load = () => (swagger ??= JSON.parse(readFileSync(SWAGGER, 'utf8')) as Swagger);

/** "apis/apps/v1" or "api/v1" for a path of the swagger; undefined for the others. */
function groupVersionOf(path: string): string | undefined {
  const m = /^\/(api\/v1|apis\/[^/]+\/[^/]+)\//.exec(path);
  return m?.[1];
}

/** `$ref`s of v2 (#/definitions/…) as v3 writes them (#/components/schemas/…). */
const refsToV3 = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replace(/"#\/definitions\//g, '"#/components/schemas/'));

function parameter(p: V2Parameter): unknown {
  const { name, in: where, description, required, uniqueItems, type } = p;
  return { name, in: where, description, required, schema: { type, uniqueItems } };
}

/** A parameter as written, or the shared one its $ref names. */
function resolved(p: V2Parameter): V2Parameter {
  const ref = (p as { $ref?: string }).$ref;
  return ref ? load().parameters[ref.replace('#/parameters/', '')] : p;
}

function operation(op: V2Operation): unknown {
  const { consumes = [], produces = [], responses = {}, ...rest } = op;
  const parameters = (op.parameters ?? []).map(resolved);
  const body = parameters.find((p) => p.in === 'body');
  const out: Record<string, unknown> = { ...rest, parameters: parameters.filter((p) => p.in !== 'body').map(parameter) };
  if (body) out.requestBody = { content: Object.fromEntries(consumes.map((c) => [c, { schema: body.schema }])), required: body.required };
  out.responses = Object.fromEntries(
    Object.entries(responses).map(([code, r]) => [code, { description: r.description, content: r.schema ? Object.fromEntries(produces.map((c) => [c, { schema: r.schema }])) : undefined }]),
  );
  return out;
}

function gvDocument(gv: string): unknown {
  const { paths, definitions } = load();
  const v3Paths: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(paths)) {
    if (groupVersionOf(path) !== gv) continue;
    const out: Record<string, unknown> = {};
    if (item.parameters) out.parameters = item.parameters.map(resolved).map(parameter);
    for (const m of METHODS) if (item[m]) out[m] = operation(item[m] as V2Operation);
    v3Paths[path] = out;
  }
  return refsToV3({ openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.33.1' }, paths: v3Paths, components: { schemas: definitions } });
}

/** The answer to a GET of /openapi/v3 or one of its documents; undefined for other paths. */
export function openapiV3(url: string): { code: number; body: unknown } | undefined {
  const path = url.split('?')[0];
  if (path === '/openapi/v3' || path === '/openapi/v3/') {
    const gvs = [...new Set(Object.keys(load().paths).map(groupVersionOf).filter((g): g is string => !!g))];
    return { code: 200, body: { paths: Object.fromEntries(gvs.map((gv) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${hashOf(gv)}` }])) } };
  }
  if (!path.startsWith('/openapi/v3/')) return undefined;
  const gv = path.slice('/openapi/v3/'.length);
  const known = Object.keys(load().paths).some((p) => groupVersionOf(p) === gv);
  return known ? { code: 200, body: gvDocument(gv) } : { code: 404, body: '404 page not found\n' };
}

/** A stable stand-in for the document's hash (the client only passes it back). */
const hashOf = (gv: string) => Buffer.from(gv).toString('hex').toUpperCase().padEnd(128, '0').slice(0, 128);
