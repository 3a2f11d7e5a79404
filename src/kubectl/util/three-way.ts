/**
 * The patch `kubectl apply` (and `kubectl diff`) sends to update an object, from the last applied
 * configuration (original), the file (modified) and the live object (current), as kubectl's
 * Patcher chooses it: a strategic merge patch for kinds the server's OpenAPI describes with patch
 * metadata (every built-in kind), a JSON merge patch for the others (custom resources).
 */
import type { PatchType } from '../../sim/apiserver/types';
import { definitionFor } from '../../sim/apiserver/schema';
import { createThreeWayJsonMergePatch } from './json-merge-three-way';
import { SchemaPatchMeta } from './strategic/meta';
import { createThreeWayMergePatch, createTwoWayMergePatch } from './strategic/three-way';
import type { JsonMap } from './strategic/values';

export interface ApplyPatch {
  patchType: PatchType;
  patch: JsonMap;
}

/** A patch that could not be computed; `fromOpenApi`: kubectl computed it from the OpenAPI v3 patch metadata (and warns). */
export class PatchCreationError extends Error {
  constructor(
    message: string,
    readonly fromOpenApi: boolean,
  ) {
    super(message);
  }
}

export function threeWayPatch(kind: { group: string; version: string; kind: string }, original: unknown, modified: unknown, current: unknown): ApplyPatch {
  const defName = definitionFor(kind.group, kind.version, kind.kind);
  try {
    if (!defName) return { patchType: 'application/merge-patch+json', patch: createThreeWayJsonMergePatch(original, modified, current) };
    return { patchType: 'application/strategic-merge-patch+json', patch: createThreeWayMergePatch(original, modified, current, SchemaPatchMeta.forDefinition(defName)) };
  } catch (e) {
    throw new PatchCreationError(e instanceof Error ? e.message : String(e), !!defName);
  }
}

/**
 * The two-way patch of `kubectl set` and `kubectl edit` (CreateTwoWayMergePatch with the kind's
 * type): a strategic merge patch for built-in kinds; undefined for kinds without patch metadata.
 */
export function twoWayStrategicPatch(kind: { group: string; version: string; kind: string }, original: unknown, modified: unknown): JsonMap | undefined {
  const defName = definitionFor(kind.group, kind.version, kind.kind);
  return defName ? createTwoWayMergePatch(original, modified, SchemaPatchMeta.forDefinition(defName)) : undefined;
}

/**
 * An object as the set commands encode it before diffing (runtime.Encode of the typed object):
 * omitempty leaves out empty strings and empty lists, so a cleared image or the last env var
 * removed becomes a deleted field (null in the patch). Struct values ({}) stay, as Go keeps them.
 */
export function omitEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map(omitEmpty) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = omitEmpty(v);
  }
  return out as T;
}
