/**
 * `kustomize build` of a directory: accumulate resources (files and nested kustomizations),
 * run generators, then the transformers in kustomize's order (patches, namespace, prefix/suffix,
 * labels, annotations, replicas, images); at the top, hash suffixes, name references, order.
 */
import type { FileAccess } from '../../shell/command';
import type { KubeObject } from '../../sim/apiserver/types';
import { goTimestampJson, goYamlCheck, kustomizeMapError } from '../../sim/go-yaml';
import { isPair, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { toYaml } from '../../sim/go-yaml/emit';
import { runReplacements } from './replacements';
import { runVars } from './vars';
import { deprecationWarnings } from './deprecations';
import { runGenerators } from './generators';
import { addHashSuffixes, addPrefixSuffix, fixNameReferences, setNamespace } from './identity';
import { applyImages, type ImageRule } from './images';
import { loadKustomization } from './load';
import { addAnnotations, addLabels } from './metadata';
import { legacyComparator } from './order';
import { resIdString, runPatches } from './patches';
import { KustomizeError, isObj, kindOf, knownAs, metaOf, nameOf, type BuildResult, type Obj, type Resource } from './types';

const REPLICA_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

function joinPath(dir: string, rel: string): string {
  const raw = rel.startsWith('/') ? rel : `${dir.replace(/\/$/, '')}/${rel}`;
  const parts: string[] = [];
  for (const p of raw.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

/**
 * yaml.v3 decodes an untagged plain timestamp (or a !!timestamp) into a time.Time, which the
 * output writes in RFC 3339; metadata.annotations, which kustomize rewrites as strings, keep
 * their text.
 */
function decodeTimestamps(doc: Document): void {
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key') return;
      // The YAML library reads a !!timestamp itself: its text is what counts.
      const timestampTag = !!node.tag?.endsWith('timestamp');
      if (node.tag ? !timestampTag : node.type !== 'PLAIN') return;
      const text = typeof node.value === 'string' ? node.value : node.source;
      if (typeof text !== 'string') return;
      const keys = path.filter(isPair).map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      const under = keys[0] === 'items' ? keys.slice(1) : keys;
      if (under[0] === 'metadata' && under[1] === 'annotations') return;
      const json = goTimestampJson(text);
      if (json === undefined) return;
      node.value = json;
      node.tag = undefined;
    },
  });
}

/**
 * Objects of a manifest file, as kustomize reads them, and the duplicate-key error its resources
 * meet later, when they are turned into maps (after every resource is accumulated).
 */
function readResourceFile(fs: FileAccess, abs: string, entry: string): { objs: KubeObject[]; duplicateKeys?: string } {
  const text = fs.readFile(abs);
  // kyaml cuts the file at "\n---\n" (a "---" opening the file stays in the first document) and
  // reads each piece with yaml.v3: its errors count lines from the piece's start, name the
  // context's line first, and come from a scanner two tokens ahead of its parser.
  const pieces = text.split('\n---\n');
  for (const piece of pieces) {
    const error = goYamlCheck(piece, 3);
    if (error) throw new KustomizeError(`accumulating resources: accumulating resources from '${entry}': MalformedYAMLError: ${error} in File: ${entry}`);
  }
  const duplicateKeys = pieces.map(kustomizeMapError).find((e) => e);
  // yaml.v3 applies merge keys (<<) as YAML 1.1 did.
  const docs = parseAllDocuments(text, { uniqueKeys: false, merge: true });
  const out: KubeObject[] = [];
  for (const d of docs) {
    decodeTimestamps(d);
    const v = d.toJS() as unknown;
    if (v === null || v === undefined) continue;
    const items = isObj(v) && v.kind === 'List' && Array.isArray(v.items) ? (v.items as unknown[]) : [v];
    for (const item of items) {
      if (!isObj(item) || !item.kind) {
        const name = isObj(item) && isObj(item.metadata) ? String(item.metadata.name ?? '') : '';
        const apiVersion = isObj(item) ? String(item.apiVersion ?? '') : '';
        throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': missing kind in object {{${apiVersion} } {{${name} } map[] map[]}}': must build at directory: '${abs}': file is not directory`);
      }
      out.push(item as KubeObject);
    }
  }
  return { objs: out, duplicateKeys };
}

function addUnique(into: Resource[], add: Resource[], entry: string, abs: string, fromDir: boolean): void {
  const first = into.length;
  for (const r of add) {
    const id = resIdString(r.obj);
    const at = into.findIndex((x) => resIdString(x.obj) === id);
    if (at >= 0) {
      const tail = fromDir ? '' : `: must build at directory: '${abs}': file is not directory`;
      // Twice in one file fails as the file's resources are gathered; else as they are merged in.
      const stage = !fromDir && at >= first ? 'accumulating' : 'merging';
      throw new KustomizeError(`accumulating resources: accumulation err='${stage} resources from '${entry}': may not add resource with an already registered id: ${id}'${tail}`);
    }
    into.push(r);
  }
}

/** What a whole build shares: the files, the warnings so far, and whether files must stay under their root. */
interface BuildContext {
  fs: FileAccess;
  warnings: string[];
  restrict: boolean;
  enableHelm: boolean;
  /** vars of every kustomization of the build, resolved at the end. */
  vars: unknown[];
  /** The top kustomization's sortOptions: order, and the legacy order's own first and last kinds. */
  sortOrder?: string;
  legacySort?: { orderFirst?: string[]; orderLast?: string[] };
  /** The first resource file's duplicate-key error, raised once all are accumulated. */
  duplicateKeys?: string;
}

function accumulate(ctx: BuildContext, dir: string, entry: string, into: Resource[], depth: number): void {
  const { fs } = ctx;
  const abs = joinPath(dir, entry);
  const st = fs.stat(abs);
  if (!st) {
    const why = `evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`;
    throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': ${why}': must build at directory: not a valid directory: ${why}`);
  }
  if (st.type === 'dir') {
    const prefix = `accumulating resources: accumulation err='accumulating resources from '${entry}': '${abs}' must resolve to a file': `;
    let k: Obj;
    try {
      k = loadKustomization(fs, abs);
    } catch (e) {
      if (!(e instanceof KustomizeError)) throw e;
      throw new KustomizeError(`${prefix}couldn't make target for path '${abs}': ${e.message}`);
    }
    if (k.kind === 'Component') throw new KustomizeError(`${prefix}expected kind != 'Component' for path '${abs}'`);
    let sub: Resource[];
    try {
      sub = buildDir(ctx, abs, depth + 1, 'resource');
    } catch (e) {
      if (!(e instanceof KustomizeError)) throw e;
      throw new KustomizeError(`${prefix}recursed accumulation of path '${abs}': ${e.message}`);
    }
    addUnique(into, sub, entry, abs, true);
    return;
  }
  if (ctx.restrict && !abs.startsWith(dir.replace(/\/$/, '') + '/')) {
    throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': security; file '${abs}' is not in or below '${dir}'': must build at directory: '${abs}': file is not directory`);
  }
  const { objs, duplicateKeys } = readResourceFile(fs, abs, entry);
  addUnique(into, objs.map((obj) => ({ obj, origName: nameOf(obj) })), entry, abs, false);
  ctx.duplicateKeys ??= duplicateKeys;
}

function stringMap(v: unknown): Record<string, string> {
  return isObj(v) ? (v as Record<string, string>) : {};
}

/**
 * Build one kustomization directory. A component (kind: Component) works on the resources of
 * the kustomization that lists it (`base`) instead of on its own.
 */
function buildDir(ctx: BuildContext, absDir: string, depth: number, role: 'top' | 'resource' | 'component', base: Resource[] = []): Resource[] {
  const { fs, warnings } = ctx;
  if (depth > 50) throw new KustomizeError(`cycle detected: candidate root '${absDir}' contains visited root`);
  const k = loadKustomization(fs, absDir);
  if (role === 'top' && isObj(k.sortOptions)) {
    ctx.sortOrder = String(k.sortOptions.order ?? '');
    if (isObj(k.sortOptions.legacySortOptions)) ctx.legacySort = k.sortOptions.legacySortOptions as { orderFirst?: string[]; orderLast?: string[] };
  }
  for (const w of deprecationWarnings(k)) if (!warnings.includes(w)) warnings.push(w);
  const isComponent = k.kind === 'Component';
  if (role === 'component' && !isComponent) throw new KustomizeError(`accumulating components: accumulateDirectory: "expected kind 'Component' for path '${absDir}' but got '${String(k.kind ?? 'Kustomization')}'"`);
  if (role !== 'component' && isComponent) throw new KustomizeError(`expected kind != 'Component' for path '${absDir}'`);
  const resources: Resource[] = base;
  const entries = [...((k.resources as string[] | undefined) ?? []), ...((k.bases as string[] | undefined) ?? [])];
  for (const entry of entries) accumulate(ctx, absDir, entry, resources, depth);
  for (const entry of (k.components as string[] | undefined) ?? []) buildDir(ctx, joinPath(absDir, entry), depth + 1, 'component', resources);
  if (Array.isArray(k.helmCharts) && k.helmCharts.length && !ctx.enableHelm) {
    throw new KustomizeError(`trouble configuring builtin HelmChartInflationGenerator with config: \`\n${toYaml(k.helmCharts[0])}\`: must specify --enable-helm`);
  }
  if (Array.isArray(k.vars)) ctx.vars.push(...k.vars);
  runGenerators(fs, absDir, k, resources, ctx.restrict);
  runPatches(fs, absDir, k, resources);
  if (typeof k.namespace === 'string' && k.namespace) setNamespace(resources, k.namespace);
  addPrefixSuffix(resources, String(k.namePrefix ?? ''), String(k.nameSuffix ?? ''));
  const common = stringMap(k.commonLabels);
  const labelSets = Array.isArray(k.labels) ? (k.labels as Obj[]) : [];
  for (const r of resources) {
    addLabels(r.obj, common, { includeSelectors: true, includeTemplates: true });
    for (const l of labelSets) addLabels(r.obj, stringMap(l.pairs), { includeSelectors: l.includeSelectors === true, includeTemplates: l.includeTemplates === true });
    addAnnotations(r.obj, stringMap(k.commonAnnotations));
  }
  for (const rep of (Array.isArray(k.replicas) ? k.replicas : []) as Obj[]) {
    for (const r of resources) {
      if (!REPLICA_KINDS.has(kindOf(r.obj)) || !knownAs(r, rep.name)) continue;
      if (!isObj(r.obj.spec)) r.obj.spec = {};
      (r.obj.spec as Obj).replicas = rep.count;
    }
  }
  const images = [...((k.images as ImageRule[] | undefined) ?? []), ...((k.imageTags as ImageRule[] | undefined) ?? [])];
  if (images.length) for (const r of resources) applyImages(r.obj, images);
  runReplacements(k.replacements, resources);
  for (const r of resources) metaOf(r.obj);
  return resources;
}

/** Build the kustomization in `dir` (as the user typed it). Throws KustomizeError. */
export function kustomizeBuild(fs: FileAccess, dir: string, options: { loadRestrictor?: string; enableHelm?: boolean } = {}): BuildResult {
  const abs = fs.resolve(dir);
  const st = fs.stat(abs);
  if (!st) throw new KustomizeError(`must build at directory: not a valid directory: evalsymlink failure on '${dir}' : lstat ${abs}: no such file or directory`);
  if (st.type !== 'dir') throw new KustomizeError(`must build at directory: '${dir}': file is not directory`);
  const warnings: string[] = [];
  const ctx: BuildContext = { fs, warnings, restrict: options.loadRestrictor !== 'LoadRestrictionsNone', enableHelm: !!options.enableHelm, vars: [] };
  const resources = buildDir(ctx, abs, 0, 'top');
  if (ctx.duplicateKeys) throw new KustomizeError(ctx.duplicateKeys);
  const topVars = ctx.vars;
  addHashSuffixes(resources);
  fixNameReferences(resources);
  const unusedVars = runVars(topVars, resources);
  // sortOptions.order: fifo keeps the order resources were read in; legacy (the default) sorts by kind.
  if (ctx.sortOrder !== 'fifo') {
    const compare = legacyComparator(ctx.legacySort?.orderFirst, ctx.legacySort?.orderLast);
    resources.sort((a, b) => compare(a.obj, b.obj));
  }
  return { resources, warnings, unusedVars };
}
