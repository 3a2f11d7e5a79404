/**
 * One kubeconfig file's text into a Config, failing as clientcmd.Load does: go-yaml's syntax
 * errors (YAML 1.1, so `y` and `no` are booleans), then the apiVersion/kind probe, then
 * encoding/json's type errors. The message is what follows `error loading config file "…": `.
 */
import { goYamlValue, yamlToJsonError } from '../../sim/go-yaml';
import { duplicateNameError } from './duplicates';
import { goConfigDecodeError } from './go-schema';
import { emptyConfig, type KubeConfig } from './types';

export class KubeconfigDecodeError extends Error {}

const SCHEME = 'k8s.io/client-go/tools/clientcmd/api/latest/latest.go:50';
const VERSION_KIND_STRUCT = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

function jsonType(v: unknown): string {
  return Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : typeof v;
}

/** The apiVersion/kind probe the codec runs first, then the scheme's lookup of v1 Config. */
function versionKindError(doc: unknown): string | undefined {
  if (doc === null || doc === undefined) return undefined;
  if (typeof doc !== 'object' || Array.isArray(doc)) return `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonType(doc)} into Go value of type ${VERSION_KIND_STRUCT}`;
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  for (const [field, value] of [['apiVersion', apiVersion], ['kind', kind]] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string') return `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonType(value)} into Go struct field .${field} of type string`;
  }
  const version = (apiVersion as string | undefined) || 'v1';
  const kindName = (kind as string | undefined) || 'Config';
  if (version !== 'v1' || kindName !== 'Config') return `no kind "${kindName}" is registered for version "${version}" in scheme "${SCHEME}"`;
  return undefined;
}

const named = (x: unknown) => x !== null && typeof x === 'object';

export function decodeKubeconfig(text: string): KubeConfig {
  if (text === '') return emptyConfig();
  // sigs.k8s.io/yaml.YAMLToJSON: go-yaml v2's verdict on the first document, then its values
  // (YAML 1.1 scalars, timestamps and sexagesimals left as strings, merge keys, !!binary).
  const syntaxError = yamlToJsonError(text);
  if (syntaxError) throw new KubeconfigDecodeError(syntaxError);
  const doc = goYamlValue(text);
  const error = versionKindError(doc) ?? goConfigDecodeError(doc);
  if (error) throw new KubeconfigDecodeError(error);
  const c = (doc ?? {}) as Partial<KubeConfig>;
  // An entry without a name is kept under the name "" (clientcmd's map key).
  const entries = <T>(xs: T[] | undefined) => (xs ?? []).filter(named).map((x) => ({ name: '', ...x }));
  const config = { ...c, clusters: entries(c.clusters), contexts: entries(c.contexts), users: entries(c.users) } as KubeConfig;
  const duplicate = duplicateNameError(config);
  if (duplicate) throw new KubeconfigDecodeError(duplicate);
  return config;
}
