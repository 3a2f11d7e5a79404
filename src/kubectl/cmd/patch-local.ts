/**
 * kubectl patch --local: the objects of -f patched on the client, no server asked (RunPatch's
 * local branch). Each object is encoded as JSON, patched (a strategic merge patch needs the
 * kind's schema: one the client does not know is refused), decoded again and printed; an error
 * with one object is reported at the end and the others go on (the builder continues on error).
 */
import { applyMergePatch } from '../../sim/apiserver/patch/json-patch';
import { applyStrategicPatch } from '../../sim/apiserver/patch/strategic';
import { definitionFor } from '../../sim/apiserver/schema';
import { deepEqual } from '../../sim/apiserver/equal';
import type { KubeObject } from '../../sim/apiserver/types';
import { goJson } from '../../sim/go-json';
import { goJsonSyntaxError } from '../../sim/go-json-syntax';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { checkOutputFormat, printStructured, qualifiedName } from '../printers/output';
import { visitFilenameObjects } from '../resource/files';
import { VisitErrors } from '../client/visit-errors';
import { hasFileSource } from '../resource/kustomize-source';
import { NO_RESOURCES } from '../resource/targets';
import { applyJsonPatchV4 } from '../util/json-patch-v4';
import { type ValuePath, wholeFloatLiterals } from '../util/json-float-literals';

export type LocalPatchType = 'strategic' | 'merge' | 'json';

type Patched = { ok: true; value: unknown } | { ok: false; error: string };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Go's name of a JSON value's type in an UnmarshalTypeError ("object", "number"…). */
function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  return isObj(v) ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;
}

/** strategicpatch.StrategicMergePatch: both documents must decode into maps ("invalid JSON document"). */
function strategic(original: KubeObject, patch: string): Patched {
  const [group, version] = splitApiVersion(original.apiVersion ?? '');
  const def = definitionFor(group, version, original.kind ?? '');
  if (!def) return { ok: false, error: `strategic merge patch is not supported for ${group}/${version}, Kind=${original.kind} locally, try --type merge` };
  if (goJsonSyntaxError(patch) !== undefined) return { ok: false, error: 'invalid JSON document' };
  const value = JSON.parse(patch) as unknown;
  if (value !== null && !isObj(value)) return { ok: false, error: 'invalid JSON document' };
  return applyStrategicPatch(original, value ?? {}, def);
}

/** jsonpatch.MergePatch (v4): a patch that is not an object replaces the document when it is an array. */
function merge(original: KubeObject, patch: string): Patched {
  if (goJsonSyntaxError(patch) !== undefined) return { ok: false, error: 'Invalid JSON Patch' };
  const value = JSON.parse(patch) as unknown;
  if (Array.isArray(value)) return { ok: true, value: pruneNulls(value) };
  if (!isObj(value)) return { ok: false, error: 'Invalid JSON Patch' };
  return { ok: true, value: applyMergePatch(original, value) };
}

/** pruneAryNulls: an array patch loses the null members of its objects. */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (isObj(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, pruneNulls(x)]));
  return v;
}

/** jsonpatch.DecodePatch then Apply; "doc is missing key" reworded as RunPatch does. */
function json(original: KubeObject, patch: string): Patched {
  const syntax = goJsonSyntaxError(patch);
  if (syntax !== undefined) return { ok: false, error: syntax };
  const ops = JSON.parse(patch) as unknown;
  if (ops === null) return { ok: true, value: original };
  if (!Array.isArray(ops)) return { ok: false, error: `json: cannot unmarshal ${goJsonType(ops)} into Go value of type jsonpatch.Patch` };
  const bad = ops.find((op) => op !== null && !isObj(op));
  if (bad !== undefined) return { ok: false, error: `json: cannot unmarshal ${goJsonType(bad)} into Go value of type jsonpatch.Operation` };
  const r = applyJsonPatchV4(original, ops);
  if (!r.ok && r.error.includes('doc is missing key')) {
    return { ok: false, error: `Object to be patched is missing field (${r.error.slice(r.error.indexOf('key:') + 5)})` };
  }
  return r;
}

const PATCHERS: Record<LocalPatchType, (original: KubeObject, patch: string) => Patched> = { strategic, merge, json };

function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** runtime.Decode with the unstructured JSON scheme: the patched document must be an object with a kind. */
function decodePatched(value: unknown): KubeObject {
  if (!isObj(value)) throw new Error(`json: cannot unmarshal ${goJsonType(value)} into Go value of type unstructured.detector`);
  if (typeof value.kind !== 'string' || value.kind === '') throw new Error(`Object 'Kind' is missing in '${goJson(value)}'`);
  return value as KubeObject;
}

/** One object patched on the client (RunPatch's local branch), decoded again; the error's words otherwise. */
export function patchOnClient(
  object: KubeObject,
  patch: string,
  type: LocalPatchType,
): { ok: true; object: KubeObject; floats: ValuePath[] } | { ok: false; error: string } {
  const patched = PATCHERS[type](object, patch);
  if (!patched.ok) return patched;
  try {
    // A merge patch's values keep their literals: a whole one written as a float decodes as a float64.
    return { ok: true, object: decodePatched(patched.value), floats: type === 'merge' ? wholeFloatLiterals(patch) : [] };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * Patches every object of -f with `patch` (JSON text, as yaml.ToJSON left it) and prints each.
 * Errors are gathered: one prints as `error: …`, several one a line (an aggregate).
 */
export async function patchLocal(inv: Invocation, patch: string, type: LocalPatchType): Promise<number> {
  if (!hasFileSource(inv)) throw raw(NO_RESOURCES);
  // The builder looks for every path before it reads any.
  for (const f of inv.flags.list('filename')) {
    if (f !== '-' && !/^https?:\/\//.test(f) && !inv.ctx.fs.stat(f)) throw fail(`the path "${f}" does not exist`);
  }
  // The builder continues on error: a broken document ends its own file, the next is patched;
  // the errors of patching come in turn, those of reading the files last.
  const explicitNs = inv.flags.str('namespace');
  const errors = new VisitErrors();
  const refusedSources = new Set<string>();
  let count = 0;
  for (const visit of await visitFilenameObjects(inv, false)) {
    if ('error' in visit) {
      errors.met(visit);
      continue;
    }
    const { object, source } = visit;
    count++;
    if (refusedSources.has(source)) continue;
    const own = object.metadata?.namespace;
    // RequireNamespace: a decorator's error ends the reading of that source.
    if (own && explicitNs && own !== explicitNs) {
      errors.goError(`the namespace from the provided object "${own}" does not match the namespace "${explicitNs}". You must pass '--namespace=${own}' to perform this operation.`);
      refusedSources.add(source);
      continue;
    }
    const patched = patchOnClient(object, patch, type);
    if (!patched.ok) {
      errors.goError(patched.error);
      continue;
    }
    const result = patched.object;
    const spec = checkOutputFormat(inv.flags.str('output'));
    const operation = deepEqual(object, result) ? 'patched (no change)' : 'patched';
    if (!printStructured(inv, spec, result, { floats: patched.floats })) inv.out(`${qualifiedName(result)} ${operation}\n`);
  }
  errors.endVisit();
  if (errors.length) throw errors.toError();
  if (count === 0) throw fail('no objects passed to patch');
  return 0;
}
