/**
 * replacements: copy a field of one resource (source: kind/name…, fieldPath) into fields of
 * others (targets: select/reject, fieldPaths, options.create, delimiter and index). Field paths
 * are dot-separated; a list item is chosen by index or by `[key=value]`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { KustomizeError, isObj, kindOf, knownAs, namespaceOf, splitApiVersion, type Obj, type Resource } from './types';

interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

interface Replacement {
  source?: Selector & { fieldPath?: string };
  targets?: { select?: Selector; reject?: Selector[]; fieldPaths?: string[]; options?: { create?: boolean; delimiter?: string; index?: number } }[];
}

function matches(r: Resource, s: Selector | undefined): boolean {
  if (!s) return true;
  const { group, version } = splitApiVersion(r.obj.apiVersion);
  if (s.kind && s.kind !== kindOf(r.obj)) return false;
  if (s.group && s.group !== group) return false;
  if (s.version && s.version !== version) return false;
  if (s.name && !knownAs(r, s.name)) return false;
  return !s.namespace || s.namespace === namespaceOf(r.obj);
}

/** Split `spec.containers.[name=app].image` into its steps. */
function steps(path: string): string[] {
  return path.split('.').filter((p) => p !== '');
}

function child(node: unknown, step: string, create: boolean): { parent: Obj | unknown[]; key: string | number } | undefined {
  const sel = /^\[(.+)=(.*)\]$/.exec(step);
  if (Array.isArray(node)) {
    if (sel) {
      const i = node.findIndex((x) => isObj(x) && String(x[sel[1]]) === sel[2]);
      return i < 0 ? undefined : { parent: node, key: i };
    }
    if (/^\d+$/.test(step)) return Number(step) < node.length || create ? { parent: node, key: Number(step) } : undefined;
    return undefined;
  }
  if (!isObj(node)) return undefined;
  if (!(step in node) && !create) return undefined;
  return { parent: node, key: step };
}

function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const s of steps(path)) {
    const c = child(cur, s, false);
    if (!c) return undefined;
    cur = (c.parent as Record<string | number, unknown>)[c.key];
  }
  return cur;
}

function setPath(obj: KubeObject, path: string, value: unknown, create: boolean): boolean {
  const parts = steps(path);
  let cur: unknown = obj;
  for (let i = 0; i < parts.length; i++) {
    const c = child(cur, parts[i], create);
    if (!c) return false;
    const container = c.parent as Record<string | number, unknown>;
    if (i === parts.length - 1) {
      container[c.key] = value;
      return true;
    }
    if (container[c.key] === undefined || container[c.key] === null) {
      if (!create) return false;
      container[c.key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    }
    cur = container[c.key];
  }
  return false;
}

function withDelimiter(current: unknown, value: unknown, delimiter: string | undefined, index: number | undefined): unknown {
  if (delimiter === undefined) return value;
  const parts = String(current ?? '').split(delimiter);
  const i = index ?? 0;
  if (i < 0) parts.unshift(String(value));
  else if (i >= parts.length) parts.push(String(value));
  else parts[i] = String(value);
  return parts.join(delimiter);
}

export function runReplacements(list: unknown, resources: Resource[]): void {
  for (const rep of (Array.isArray(list) ? list : []) as Replacement[]) {
    const src = rep.source ?? {};
    const sources = resources.filter((r) => matches(r, src));
    if (sources.length === 0) throw new KustomizeError(`nothing selected by ${src.kind ?? ''}.[noVer].[noGrp]/${src.name ?? ''}.[noNs]`);
    if (sources.length > 1) throw new KustomizeError(`multiple matches for selector ${src.kind ?? ''}.[noVer].[noGrp]/${src.name ?? ''}.[noNs]`);
    const value = getPath(sources[0].obj, src.fieldPath ?? 'metadata.name');
    if (value === undefined) throw new KustomizeError(`fieldPath \`${src.fieldPath}\` is missing for replacement source ${kindOf(sources[0].obj)}.[noVer].[noGrp]/${sources[0].origName}.[noNs]`);
    for (const t of rep.targets ?? []) {
      for (const r of resources) {
        if (!matches(r, t.select) || (t.reject ?? []).some((x) => matches(r, x))) continue;
        for (const fp of t.fieldPaths ?? []) {
          const next = withDelimiter(getPath(r.obj, fp), value, t.options?.delimiter, t.options?.index);
          setPath(r.obj, fp, next, !!t.options?.create);
        }
      }
    }
  }
}
