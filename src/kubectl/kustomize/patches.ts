/**
 * patches, patchesStrategicMerge and patchesJson6902: a patch is a JSON6902 operation list or a
 * strategic merge patch (typed by the OpenAPI patch strategies), applied to the resources its
 * target selects, or for a strategic merge patch without a target to the resource it names.
 */
import { parseAllDocuments } from 'yaml';
import type { FileAccess } from '../../shell/command';
import type { KubeObject } from '../../sim/apiserver/types';
import { applyJsonPatch } from '../../sim/apiserver/patch/json-patch';
import { applyStrategicPatch } from '../../sim/apiserver/patch/strategic';
import { definitionFor } from '../../sim/apiserver/schema';
import { matchesSelector, parseSelector } from '../resource/selector';
import { KustomizeError, isObj, kindOf, knownAs, nameOf, namespaceOf, splitApiVersion, type Obj, type Resource } from './types';

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: PatchTarget;
}

/** kustomize's id of a resource in messages: `Deployment.v1.apps/web.[noNs]`. */
export function resIdString(obj: KubeObject): string {
  const { group, version } = splitApiVersion(obj.apiVersion);
  const gvk = [kindOf(obj), version, group || '[noGrp]'].filter((p) => p !== '').join('.');
  const ns = namespaceOf(obj);
  return `${gvk}/${nameOf(obj)}.${ns || '[noNs]'}`;
}

function regexMatch(pattern: string | undefined, value: string): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

function selects(target: PatchTarget, obj: KubeObject): boolean {
  const { group, version } = splitApiVersion(obj.apiVersion);
  if (target.group && target.group !== group) return false;
  if (target.version && target.version !== version) return false;
  if (target.kind && !regexMatch(target.kind, kindOf(obj))) return false;
  if (!regexMatch(target.name, nameOf(obj))) return false;
  if (target.namespace && !regexMatch(target.namespace, namespaceOf(obj))) return false;
  const meta = (obj.metadata ?? {}) as Obj;
  if (target.labelSelector && !matchesSelector(meta.labels as Record<string, string>, parseSelector(target.labelSelector))) return false;
  if (target.annotationSelector && !matchesSelector(meta.annotations as Record<string, string>, parseSelector(target.annotationSelector))) return false;
  return true;
}

function parsePatchText(text: string): unknown[] {
  const docs = parseAllDocuments(text);
  const out: unknown[] = [];
  for (const d of docs) {
    if (d.errors[0]) throw new KustomizeError(`unable to parse SM or JSON patch from [${text}]`);
    const v = d.toJS() as unknown;
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

function readPatchFile(fs: FileAccess, dir: string, path: string, entryText: string): string {
  const abs = path.startsWith('/') ? path : `${dir.replace(/\/$/, '')}/${path}`;
  if (!fs.stat(abs)) {
    throw new KustomizeError(`trouble configuring builtin PatchTransformer with config: \`\n${entryText}\`: failed to get the patch file from path(${path}): evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`);
  }
  return fs.readFile(abs);
}

function strategicMerge(r: Resource, patch: Obj): KubeObject | null {
  if (isObj(patch) && patch.$patch === 'delete') return null;
  const { group, version } = splitApiVersion(r.obj.apiVersion);
  const def = definitionFor(group, version, kindOf(r.obj));
  const res = applyStrategicPatch(r.obj, patch, def);
  if (!res.ok) throw new KustomizeError(res.error);
  const out = res.value as KubeObject;
  orderLikePatch(out, patch);
  // A patch names its target; it never renames it.
  (out.metadata as Obj).name = nameOf(r.obj);
  if (namespaceOf(r.obj)) (out.metadata as Obj).namespace = namespaceOf(r.obj);
  return out;
}

const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'devicePath', 'ip', 'topologyKey', 'port'];

/**
 * kustomize merges lists of objects keyed by their merge key with the patch's items first (in
 * the patch's order), then the items only the original has.
 */
function orderLikePatch(result: unknown, patch: unknown): void {
  if (!isObj(result) || !isObj(patch)) return;
  for (const [k, pv] of Object.entries(patch)) {
    const rv = result[k];
    if (Array.isArray(pv) && Array.isArray(rv) && pv.length && pv.every(isObj) && rv.every(isObj)) {
      const key = MERGE_KEYS.find((m) => pv.every((i) => (i as Obj)[m] !== undefined) && rv.every((i) => (i as Obj)[m] !== undefined));
      if (!key) continue;
      const first: unknown[] = [];
      for (const p of pv as Obj[]) {
        const hit = (rv as Obj[]).find((r) => r[key] === p[key]);
        if (hit && !first.includes(hit)) {
          orderLikePatch(hit, p);
          first.push(hit);
        }
      }
      result[k] = [...first, ...rv.filter((r) => !first.includes(r))];
    } else if (isObj(pv)) orderLikePatch(rv, pv);
  }
}

function targetOfPatch(patch: Obj): PatchTarget {
  const { group, version } = splitApiVersion(patch.apiVersion);
  const meta = isObj(patch.metadata) ? patch.metadata : {};
  return { group, version, kind: String(patch.kind ?? ''), name: String(meta.name ?? ''), namespace: meta.namespace ? String(meta.namespace) : undefined };
}

function exactlyNamed(target: PatchTarget, r: Resource): boolean {
  const { group, version } = splitApiVersion(r.obj.apiVersion);
  if (target.kind !== r.obj.kind || (target.group ?? '') !== group || (target.version && target.version !== version)) return false;
  if (!knownAs(r, target.name)) return false;
  return !target.namespace || target.namespace === namespaceOf(r.obj);
}

/** Apply one patch (already parsed) to the resources, in place. */
function applyPatch(resources: Resource[], docs: unknown[], target: PatchTarget | undefined): void {
  if (docs.length === 1 && Array.isArray(docs[0])) {
    const ops = docs[0];
    for (const r of resources) {
      if (!target || !selects(target, r.obj)) continue;
      let doc: unknown = r.obj;
      for (const op of ops) {
        const res = applyJsonPatch(doc, [op]);
        if (!res.ok) throw new KustomizeError(jsonPatchError(res.error, op));
        doc = res.value;
      }
      r.obj = doc as KubeObject;
    }
    return;
  }
  for (const doc of docs) {
    if (!isObj(doc)) continue;
    if (target) {
      for (let i = resources.length - 1; i >= 0; i--) {
        if (!selects(target, resources[i].obj)) continue;
        const next = strategicMerge(resources[i], doc);
        if (next) resources[i].obj = next;
        else resources.splice(i, 1);
      }
      continue;
    }
    const t = targetOfPatch(doc);
    const matches = resources.filter((r) => exactlyNamed(t, r));
    if (matches.length !== 1) {
      const id = resIdString({ apiVersion: doc.apiVersion as string, kind: t.kind!, metadata: { name: t.name, ...(t.namespace ? { namespace: t.namespace } : {}) } });
      throw new KustomizeError(`no resource matches strategic merge patch "${id}": no matches for Id ${id}; failed to find unique target for patch ${id}`);
    }
    const next = strategicMerge(matches[0], doc);
    if (next) matches[0].obj = next;
    else resources.splice(resources.indexOf(matches[0]), 1);
  }
}

/** evanphx/json-patch's wording, as kustomize reports it. */
function jsonPatchError(error: string, op: unknown): string {
  const text = error.replace(/path: "([^"]*)"/, 'path: $1');
  const name = isObj(op) && typeof op.op === 'string' ? op.op : '';
  if (/^doc is missing path/.test(text) && name) return `${name} operation does not apply: ${text}`;
  return text;
}

function entryYaml(e: PatchEntry): string {
  const lines: string[] = [];
  if (e.path !== undefined) lines.push(`path: ${e.path}`);
  if (e.patch !== undefined) lines.push(`patch: ${JSON.stringify(e.patch)}`);
  return lines.join('\n') + '\n';
}

export function runPatches(fs: FileAccess, dir: string, k: Obj, resources: Resource[]): void {
  for (const p of (Array.isArray(k.patchesStrategicMerge) ? k.patchesStrategicMerge : []) as string[]) {
    const text = /\n/.test(p) || !/\.(ya?ml|json)$/.test(p.trim()) && /:/.test(p) ? p : readPatchFile(fs, dir, p, `path: ${p}\n`);
    applyPatch(resources, parsePatchText(text), undefined);
  }
  for (const e of (Array.isArray(k.patches) ? k.patches : []) as PatchEntry[]) {
    if (e.path === undefined && e.patch === undefined) throw new KustomizeError('must specify one of patch and path in\n' + entryYaml(e));
    if (e.path !== undefined && e.patch !== undefined) throw new KustomizeError('patch and path can\'t be set at the same time\n' + entryYaml(e));
    const text = e.patch ?? readPatchFile(fs, dir, e.path!, entryYaml(e));
    applyPatch(resources, parsePatchText(text), e.target);
  }
  for (const e of (Array.isArray(k.patchesJson6902) ? k.patchesJson6902 : []) as PatchEntry[]) {
    const text = e.patch ?? readPatchFile(fs, dir, e.path!, entryYaml(e));
    const docs = parsePatchText(text);
    applyPatch(resources, docs.length === 1 && Array.isArray(docs[0]) ? docs : [docs], e.target ?? {});
  }
}
