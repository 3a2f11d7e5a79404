/**
 * configMapGenerator and secretGenerator: key/value pairs from literals, files and env files,
 * with generatorOptions merged into each generator's own options. Names get their hash later,
 * once every transformer has run (the hash depends on the content only).
 */
import type { FileAccess } from '../../shell/command';
import type { KubeObject } from '../../sim/apiserver/types';
import { KustomizeError, isObj, type Obj, type Resource } from './types';

interface GeneratorArgs {
  name?: string;
  namespace?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  type?: string;
  options?: Options;
}

interface Options {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** A literal `KEY=VALUE`; surrounding matching quotes of the value are removed. */
export function parseLiteral(literal: string): [string, string] {
  const i = literal.indexOf('=');
  if (i < 0) throw new KustomizeError(`invalid literal source ${literal}, expected key=value`);
  const key = literal.slice(0, i);
  let value = literal.slice(i + 1);
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1);
  return [key, value];
}

/** Lines of an env file: blank lines and comments skipped; a bare KEY takes an empty value. */
export function parseEnvFile(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const i = line.indexOf('=');
    if (i < 0) out.push([line.trim(), '']);
    else out.push([line.slice(0, i).trimStart(), line.slice(i + 1)]);
  }
  return out;
}

function join(dir: string, path: string): string {
  return path.startsWith('/') ? path : `${dir.replace(/\/$/, '')}/${path}`;
}

/** A file a kustomization reads: it must exist and, unless restrictions are off, lie under the kustomization's root. */
export function readRootedFile(fs: FileAccess, dir: string, path: string, restrict: boolean): string {
  const abs = normalize(join(dir, path));
  const st = fs.stat(abs);
  if (!st) throw new KustomizeError(`evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`);
  if (restrict && !abs.startsWith(dir.replace(/\/$/, '') + '/')) throw new KustomizeError(`security; file '${abs}' is not in or below '${dir}'`);
  if (st.type === 'dir') throw new KustomizeError(`read ${abs}: is a directory`);
  return fs.readFile(abs);
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

function wrapKV(what: string, list: string[], read: () => void): void {
  try {
    read();
  } catch (e) {
    if (e instanceof KustomizeError) throw new KustomizeError(`loading KV pairs: ${what}: [${list.join(' ')}]: ${e.message}`);
    throw e;
  }
}

function pairsOf(fs: FileAccess, dir: string, g: GeneratorArgs, restrict: boolean): [string, string][] {
  const pairs: [string, string][] = [];
  const envs = [...(g.envs ?? []), ...(g.env ? [g.env] : [])];
  wrapKV('env source files', envs, () => {
    for (const env of envs) pairs.push(...parseEnvFile(readRootedFile(fs, dir, env, restrict)));
  });
  for (const lit of g.literals ?? []) pairs.push(parseLiteral(lit));
  const files = g.files ?? [];
  wrapKV('file sources', files, () => {
    for (const f of files) {
      const i = f.indexOf('=');
      const key = i < 0 ? f.slice(f.lastIndexOf('/') + 1) : f.slice(0, i);
      const path = i < 0 ? f : f.slice(i + 1);
      pairs.push([key, readRootedFile(fs, dir, path, restrict)]);
    }
  });
  return pairs;
}

function toData(pairs: [string, string][], kind: string, name: string, encode: boolean): Obj {
  const data: Obj = {};
  for (const [k, v] of pairs) {
    if (Object.prototype.hasOwnProperty.call(data, k)) {
      throw new KustomizeError(`${kind.toLowerCase()} ${name} illegally repeats the key \`${k}\``);
    }
    data[k] = encode ? base64(v) : v;
  }
  return data;
}

/** Base64 as kustomize writes Secret data: at 70 characters or more, in lines of 70, each ending in a newline. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  const encoded = btoa(bin);
  if (encoded.length < 70) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += encoded.slice(i, i + 70) + '\n';
  return out;
}

function mergeOptions(global: Options | undefined, own: Options | undefined): Options {
  return {
    labels: { ...(global?.labels ?? {}), ...(own?.labels ?? {}) },
    annotations: { ...(global?.annotations ?? {}), ...(own?.annotations ?? {}) },
    disableNameSuffixHash: own?.disableNameSuffixHash ?? global?.disableNameSuffixHash ?? false,
    immutable: own?.immutable ?? global?.immutable ?? false,
  };
}

function generate(kind: 'ConfigMap' | 'Secret', fs: FileAccess, dir: string, g: GeneratorArgs, global: Options | undefined, restrict: boolean): Resource & { behavior: string } {
  const name = g.name ?? '';
  const opts = mergeOptions(global, g.options);
  const metadata: Obj = { name };
  if (g.namespace) metadata.namespace = g.namespace;
  if (Object.keys(opts.labels!).length) metadata.labels = opts.labels;
  if (Object.keys(opts.annotations!).length) metadata.annotations = opts.annotations;
  const obj: KubeObject = { apiVersion: 'v1', kind, metadata };
  const data = toData(pairsOf(fs, dir, g, restrict), kind, name, kind === 'Secret');
  if (Object.keys(data).length) obj.data = data;
  if (kind === 'Secret') obj.type = g.type || 'Opaque';
  if (opts.immutable) obj.immutable = true;
  return { obj, origName: name, needsHash: !opts.disableNameSuffixHash, behavior: g.behavior || 'create' };
}

/** The generated resources of one kustomization, merged into `into` by each generator's behavior. */
export function runGenerators(fs: FileAccess, dir: string, k: Obj, into: Resource[], restrict = true): void {
  const global = isObj(k.generatorOptions) ? (k.generatorOptions as Options) : undefined;
  const lists: ['ConfigMap' | 'Secret', unknown][] = [['ConfigMap', k.configMapGenerator], ['Secret', k.secretGenerator]];
  for (const [kind, list] of lists) {
    for (const g of (Array.isArray(list) ? list : []) as GeneratorArgs[]) {
      const made = generate(kind, fs, dir, g, global, restrict);
      place(made, into);
    }
  }
}

function place(made: Resource & { behavior: string }, into: Resource[]): void {
  const ns = String((made.obj.metadata as Obj).namespace ?? '');
  const i = into.findIndex((r) => r.obj.kind === made.obj.kind && r.origName === made.origName && String((r.obj.metadata as Obj | undefined)?.namespace ?? '') === ns);
  const { behavior, ...res } = made;
  if (behavior === 'create') {
    if (i >= 0) throw new KustomizeError(`merging from generator &{${made.obj.kind} ${made.origName}}: id already exists; use 'merge' or 'replace' behavior`);
    into.push(res);
    return;
  }
  if (i < 0) throw new KustomizeError(`id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${made.obj.kind}"}, Name:"${made.origName}", Namespace:"${ns}"} does not exist; cannot merge or replace`);
  const old = into[i];
  if (behavior === 'replace') {
    into[i] = { ...res, obj: { ...res.obj, metadata: { ...(old.obj.metadata as Obj), ...(res.obj.metadata as Obj), name: (old.obj.metadata as Obj).name } as KubeObject["metadata"] } };
    return;
  }
  const oldMeta = old.obj.metadata as Obj;
  const newMeta = res.obj.metadata as Obj;
  const merged: KubeObject = { ...old.obj, ...res.obj, metadata: <KubeObject["metadata"]>{ ...oldMeta, labels: { ...(oldMeta.labels as Obj), ...(newMeta.labels as Obj) }, annotations: { ...(oldMeta.annotations as Obj), ...(newMeta.annotations as Obj) } } };
  const meta = merged.metadata as Obj;
  meta.name = oldMeta.name;
  if (!Object.keys(meta.labels as Obj).length) delete meta.labels;
  if (!Object.keys(meta.annotations as Obj).length) delete meta.annotations;
  if (isObj(old.obj.data) || isObj(res.obj.data)) merged.data = { ...(old.obj.data as Obj), ...(res.obj.data as Obj) };
  into[i] = { obj: merged, origName: old.origName, needsHash: old.needsHash && res.needsHash };
}
