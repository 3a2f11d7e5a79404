/**
 * The Go types of clientcmd/api/v1.Config, for decoding a kubeconfig as encoding/json does after
 * YAML became JSON: the first value whose JSON type does not fit its field is reported as
 * "json: cannot unmarshal <json type> into Go struct field <Struct>.<path> of type <Go type>";
 * a []byte field takes base64 only. Keys match exactly (Kubernetes' case-sensitive decoder);
 * unknown keys and nulls are ignored. The JSON came from a Go map, so keys are visited sorted.
 */
import { goBase64ErrorOffset } from './go-base64';

type Scalar = 'string' | 'bool' | 'bytes' | 'any';
type GoType = Scalar | { list: GoType; name: string } | { map: GoType; name: string } | StructType;
interface StructType {
  struct: string;
  fields: Record<string, GoType>;
}

const list = (of: GoType, name: string): GoType => ({ list: of, name });
const map = (of: GoType, name: string): GoType => ({ map: of, name });

const EXTENSIONS = list({ struct: 'NamedExtension', fields: { name: 'string', extension: 'any' } }, '[]v1.NamedExtension');

const CLUSTER: StructType = {
  struct: 'Cluster',
  fields: {
    server: 'string', 'tls-server-name': 'string', 'insecure-skip-tls-verify': 'bool', 'certificate-authority': 'string',
    'certificate-authority-data': 'bytes', 'proxy-url': 'string', 'disable-compression': 'bool', extensions: EXTENSIONS,
  },
};

const EXEC: StructType = {
  struct: 'ExecConfig',
  fields: {
    command: 'string', args: list('string', '[]string'), env: list({ struct: 'ExecEnvVar', fields: { name: 'string', value: 'string' } }, '[]v1.ExecEnvVar'),
    apiVersion: 'string', installHint: 'string', provideClusterInfo: 'bool', interactiveMode: 'string',
  },
};

const AUTH_INFO: StructType = {
  struct: 'AuthInfo',
  fields: {
    'client-certificate': 'string', 'client-certificate-data': 'bytes', 'client-key': 'string', 'client-key-data': 'bytes',
    token: 'string', tokenFile: 'string', as: 'string', 'as-uid': 'string', 'as-groups': list('string', '[]string'),
    'as-user-extra': map(list('string', '[]string'), 'map[string][]string'), username: 'string', password: 'string',
    'auth-provider': { struct: 'AuthProviderConfig', fields: { name: 'string', config: map('string', 'map[string]string') } },
    exec: EXEC, extensions: EXTENSIONS,
  },
};

const CONTEXT: StructType = { struct: 'Context', fields: { cluster: 'string', user: 'string', namespace: 'string', extensions: EXTENSIONS } };

const CONFIG: StructType = {
  struct: 'Config',
  fields: {
    kind: 'string', apiVersion: 'string', preferences: { struct: 'Preferences', fields: { colors: 'bool', extensions: EXTENSIONS } },
    clusters: list({ struct: 'NamedCluster', fields: { name: 'string', cluster: CLUSTER } }, '[]v1.NamedCluster'),
    users: list({ struct: 'NamedAuthInfo', fields: { name: 'string', user: AUTH_INFO } }, '[]v1.NamedAuthInfo'),
    contexts: list({ struct: 'NamedContext', fields: { name: 'string', context: CONTEXT } }, '[]v1.NamedContext'),
    'current-context': 'string', extensions: EXTENSIONS,
  },
};

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v === 'number' || typeof v === 'bigint' ? 'number' : 'string';
}

function goName(t: GoType): string {
  if (typeof t === 'string') return t === 'bytes' ? '[]uint8' : t;
  if ('struct' in t) return `v1.${t.struct}`;
  return t.name;
}

/** Where a value sits: the innermost struct and the JSON path of field names from the root. */
interface Place {
  struct: string;
  path: string;
}

function typeError(value: unknown, t: GoType, at: Place): string {
  const field = at.path ? `Go struct field ${at.struct}.${at.path}` : 'Go value';
  return `json: cannot unmarshal ${jsonType(value)} into ${field} of type ${goName(t)}`;
}

function check(value: unknown, t: GoType, at: Place): string | undefined {
  if (value === null || value === undefined || t === 'any') return undefined;
  if (t === 'string') return typeof value === 'string' ? undefined : typeError(value, t, at);
  if (t === 'bool') return typeof value === 'boolean' ? undefined : typeError(value, t, at);
  if (t === 'bytes') {
    if (typeof value !== 'string') return typeError(value, t, at);
    const offset = goBase64ErrorOffset(value);
    return offset === undefined ? undefined : `illegal base64 data at input byte ${offset}`;
  }
  if (typeof value !== 'object') return typeError(value, t, at);
  if ('list' in t) {
    if (!Array.isArray(value)) return typeError(value, t, at);
    for (const item of value) {
      const e = check(item, t.list, at);
      if (e) return e;
    }
    return undefined;
  }
  if (Array.isArray(value)) return typeError(value, t, at);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, v] of entries) {
    const e = 'map' in t ? check(v, t.map, at) : t.fields[key] !== undefined ? check(v, t.fields[key], { struct: t.struct, path: at.path ? `${at.path}.${key}` : key }) : undefined;
    if (e) return e;
  }
  return undefined;
}

/** encoding/json's first error decoding this value into a v1.Config, or undefined. */
export function goConfigDecodeError(value: unknown): string | undefined {
  return check(value, CONFIG, { struct: 'Config', path: '' });
}
