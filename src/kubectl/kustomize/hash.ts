/**
 * The content-hash suffix of generated ConfigMaps and Secrets (kustomize api/hasher): SHA-256 of
 * Go's json.Marshal of {kind, name, data[, binaryData|stringData][, type]}, first 10 hex digits with
 * 0/1/3/a/e swapped. kustomize looks the name up with a path that never matches, so the name
 * hashed is always "" and the suffix depends on the content alone.
 */
import { encodeHash, sha256Hex } from '../util/sha256';
import type { KubeObject } from '../../sim/apiserver/types';
import { isObj } from './types';

/** Go's string encoding: like JSON.stringify but HTML-safe and with \u00XX for \b and \f. */
function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Go's encoding/json output: map keys sorted bytewise, HTML-safe escaping. */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goString(k)}:${goJson(o[k])}`).join(',')}}`;
}

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
