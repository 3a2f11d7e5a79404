/** Shared shapes of the kustomize engine (kustomize v5.6, as built into kubectl 1.33). */
import type { KubeObject } from '../../sim/apiserver/types';

/** One resource on its way through a build, with the identity it was born with. */
export interface Resource {
  obj: KubeObject;
  /** Name before any prefix, suffix or hash: what other resources use to refer to it. */
  origName: string;
  /** Set on ConfigMaps/Secrets from generators that still need their content-hash suffix. */
  needsHash?: boolean;
  /** Names it carried between its first and its current one (a base's prefix, say). */
  formerNames?: string[];
}

/** Whether `name` is, or once was, this resource's name. */
export function knownAs(r: Resource, name: unknown): boolean {
  return name === r.origName || name === nameOf(r.obj) || (r.formerNames ?? []).includes(name as string);
}

/** Give a resource a new name, remembering the old one. */
export function renameResource(r: Resource, name: string): void {
  const old = nameOf(r.obj);
  if (old !== r.origName) (r.formerNames ??= []).push(old);
  metaOf(r.obj).name = name;
}

/** A kustomize failure; the message is what follows `error: ` on kubectl's stderr. */
export class KustomizeError extends Error {}

export interface BuildResult {
  resources: Resource[];
  /** `# Warning: …` lines kustomize writes to stderr (deprecated fields). */
  warnings: string[];
  /** vars that no field used: kustomize logs them (klog, log.go:245). */
  unusedVars: string[];
}

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** ('apps/v1') → { group: 'apps', version: 'v1' }. */
export function splitApiVersion(apiVersion: unknown): { group: string; version: string } {
  const s = typeof apiVersion === 'string' ? apiVersion : '';
  const i = s.indexOf('/');
  return i < 0 ? { group: '', version: s } : { group: s.slice(0, i), version: s.slice(i + 1) };
}

export function metaOf(obj: KubeObject): Obj {
  if (!isObj(obj.metadata)) obj.metadata = {};
  return obj.metadata as Obj;
}

export function nameOf(obj: KubeObject): string {
  return String((obj.metadata as Obj | undefined)?.name ?? '');
}

export function namespaceOf(obj: KubeObject): string {
  return String((obj.metadata as Obj | undefined)?.namespace ?? '');
}

export function kindOf(obj: KubeObject): string {
  return typeof obj.kind === 'string' ? obj.kind : '';
}
