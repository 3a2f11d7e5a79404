/**
 * One static pod manifest as the kubelet's file source decodes it (pkg/kubelet/config/common.go
 * tryDecodeSinglePod and file.go extractFromFile, v1.33), with the error it logs for a file it
 * cannot take:
 *
 * 1. utilyaml.ToJSON: a file starting with "{" is JSON as it is; anything else is YAML (go-yaml,
 *    first document only) turned into JSON, keys sorted. A syntax error: `yaml: line 2: …`.
 * 2. runtime.Decode(legacyscheme.Codecs.UniversalDecoder(), json): the apiVersion/kind probe
 *    (`Object 'Kind' is missing in '<json>'`, `Object 'apiVersion' is missing in '<json>'`), then
 *    the scheme (`no kind "Podd" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"`).
 * 3. An object of another kind: `invalid pod: %#v` of it (Go's dump, with pointer addresses: not
 *    reproduced, such a file is skipped without a line).
 * Until here the file is not "parsed": extractFromFile wraps the error as
 * `<file>: couldn't parse as pod(<error>), please check config file`.
 * 4. applyDefaults (name `<name>-<node>`, namespace default), then ValidatePodCreate:
 *    `invalid pod: [spec.containers[0].volumeMounts[1].name: Not found: "etcd-cert"]`, as it is.
 */
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../apiserver/types';
import type { Cause } from '../apiserver/errors';
import { definitionFor } from '../apiserver/schema';
import { validatePodSpec } from '../apiserver/validation/podspec';
import { invalid, nameErrors } from '../apiserver/validation/names';
import { goJson } from '../go-json';
import { yamlToJsonError } from '../go-yaml';

/** The pod of the manifest (as written), or why not: the error text, undefined when it is not reproduced. */
export type ManifestDecode = { pod: KubeObject } | { error: string | undefined };

const SCHEME = 'pkg/api/legacyscheme/scheme.go:30';
const VERSION_KIND_STRUCT = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function jsonType(v: unknown): string {
  return Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : 'object';
}

/** utilyaml.ToJSON: the value and the JSON text the decoder sees, or go-yaml's error. */
function toJson(text: string): { value: unknown; json: string } | { error: string } | undefined {
  if (/^[ \t\r\n]*\{/.test(text)) {
    try {
      return { value: JSON.parse(text), json: text };
    } catch {
      // encoding/json's syntax errors are not reproduced.
      return undefined;
    }
  }
  // go-yaml v2: YAML 1.1 (yes/no are booleans), no timestamps in untyped values, first document only.
  const error = yamlToJsonError(text);
  if (error) return { error };
  const [doc] = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, customTags: (tags) => tags.filter((t) => typeof t === 'string' || (t.format !== 'TIME' && !t.tag.endsWith(':timestamp'))) });
  if (!doc) return { value: null, json: 'null' };
  const value = doc.toJS() as unknown;
  return { value, json: goJson(value ?? null) };
}

/** The json serializer's probe and the scheme's lookup: the error, or undefined for a v1 Pod. */
function decodeError(value: unknown, json: string): string | undefined | 'other kind' {
  if (value !== null && !isObject(value)) return `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonType(value)} into Go value of type ${VERSION_KIND_STRUCT}`;
  const { apiVersion, kind } = (value ?? {}) as { apiVersion?: unknown; kind?: unknown };
  for (const [field, v] of [['apiVersion', apiVersion], ['kind', kind]] as const)
    if (v !== undefined && v !== null && typeof v !== 'string') return `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonType(v)} into Go struct field .${field} of type string`;
  if (!kind) return `Object 'Kind' is missing in '${json}'`;
  if (!apiVersion) return `Object 'apiVersion' is missing in '${json}'`;
  const gv = String(apiVersion);
  const slash = gv.indexOf('/');
  const [group, version] = slash < 0 ? ['', gv] : [gv.slice(0, slash), gv.slice(slash + 1)];
  if (!definitionFor(group, version, String(kind))) return `no kind "${String(kind)}" is registered for version "${gv}" in scheme "${SCHEME}"`;
  return gv === 'v1' && kind === 'Pod' ? undefined : 'other kind';
}

/** ValidatePodCreate after applyDefaults: the object meta, then the spec. */
function validationErrors(pod: Record<string, unknown>, nodeName: string): Cause[] {
  const meta = (pod.metadata ?? {}) as Record<string, unknown>;
  const name = `${typeof meta.name === 'string' ? meta.name : ''}-${nodeName.toLowerCase()}`;
  const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default';
  const causes: Cause[] = [];
  for (const m of nameErrors(name, 'subdomain')) causes.push(invalid('metadata.name', name, m));
  for (const m of nameErrors(namespace, 'label')) causes.push(invalid('metadata.namespace', namespace, m));
  causes.push(...validatePodSpec(pod.spec, 'spec'));
  return causes;
}

/** Shapes the typed decode would refuse with an encoding/json error (not reproduced). */
function typeMismatch(pod: Record<string, unknown>): boolean {
  if (pod.metadata !== undefined && pod.metadata !== null && !isObject(pod.metadata)) return true;
  // `name: y` is YAML 1.1's true: ObjectMeta.metadata.name of type string refuses it.
  const meta = (pod.metadata ?? {}) as Record<string, unknown>;
  for (const field of ['name', 'namespace']) if (meta[field] !== undefined && meta[field] !== null && typeof meta[field] !== 'string') return true;
  const spec = pod.spec;
  if (spec === undefined || spec === null) return false;
  if (!isObject(spec)) return true;
  for (const list of [spec.containers, spec.initContainers, spec.volumes])
    if (list !== undefined && list !== null && (!Array.isArray(list) || !list.every(isObject))) return true;
  return false;
}

export function decodeManifest(text: string, file: string, nodeName: string): ManifestDecode {
  const couldNotParse = (err: string) => ({ error: `${file}: couldn't parse as pod(${err}), please check config file` });
  const converted = toJson(text);
  if (!converted) return { error: undefined };
  if ('error' in converted) return couldNotParse(converted.error);
  const decode = decodeError(converted.value, converted.json);
  if (decode === 'other kind') return { error: undefined };
  if (decode !== undefined) return couldNotParse(decode);
  const pod = converted.value as Record<string, unknown>;
  if (typeMismatch(pod)) return { error: undefined };
  const causes = validationErrors(pod, nodeName);
  // fmt's %v of a field.ErrorList: each error's text, space-separated, in brackets.
  if (causes.length) return { error: `invalid pod: [${causes.map((c) => `${c.field}: ${c.message}`).join(' ')}]` };
  return { pod: pod as KubeObject };
}
