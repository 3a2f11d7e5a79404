/**
 * The content-hash suffix of generated ConfigMaps and Secrets (kustomize api/hasher): SHA-256 of
 * Go's json.Marshal of {kind, name, data[, binaryData|stringData][, type]}, first 10 hex digits with
 * 0/1/3/a/e swapped. kustomize looks the name up with a path that never matches, so the name
 * hashed is always "" and the suffix depends on the content alone.
 */
import { encodeHash, sha256Hex } from '../util/sha256';
import type { KubeObject } from '../../sim/apiserver/types';
import { isObj } from './types';
import { goJson } from '../../sim/go-json';

/** A map field as kustomize reads it: the map, or "" when absent. */
function mapOrEmpty(v: unknown): unknown {
  return isObj(v) ? v : '';
}

export function contentHash(obj: KubeObject): string {
  let encoded: string;
  if (obj.kind === 'ConfigMap') {
    const m: Record<string, unknown> = { kind: 'ConfigMap', name: '', data: mapOrEmpty(obj.data) };
    if (isObj(obj.binaryData)) m.binaryData = obj.binaryData;
    encoded = goJson(m);
  } else if (obj.kind === 'Secret') {
    const m: Record<string, unknown> = { kind: 'Secret', type: typeof obj.type === 'string' ? obj.type : '', name: '', data: mapOrEmpty(obj.data) };
    if (isObj(obj.stringData)) m.stringData = obj.stringData;
    encoded = goJson(m);
  } else encoded = goJson(obj);
  return encodeHash(sha256Hex(encoded));
}
