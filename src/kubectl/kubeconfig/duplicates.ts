/**
 * Two clusters, users or contexts of the same name in one kubeconfig file: clientcmd's conversion
 * of the v1 lists into maps refuses the file (api/v1/conversion.go), naming the list as Go's %v
 * prints a slice of the v1 structs: fields in declaration order, separated by spaces, "" for an
 * empty string, []byte as decimal bytes, a nil pointer as <nil>. Only across files does the first
 * definition of a name win (load.ts).
 */
import { goJson } from '../../sim/go-json';
import type { KubeConfig } from './types';

type Obj = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const bool = (v: unknown) => (v === true ? 'true' : 'false');
const strings = (v: unknown) => `[${(Array.isArray(v) ? v : []).map(str).join(' ')}]`;

/** A []byte of base64 text (the file's *-data fields) as %v prints it: [45 45 66 …]. */
function bytes(v: unknown): string {
  if (typeof v !== 'string' || v === '') return '[]';
  const raw = atob(v.replace(/[\r\n]/g, ''));
  return `[${Array.from(raw, (c) => c.charCodeAt(0)).join(' ')}]`;
}

/** A pointer to a struct inside a struct: %v prints its address, which no two runs share. */
const pointer = (v: unknown) => (v === undefined || v === null ? '<nil>' : '0xc000010000');

/** map[string][]string: keys sorted, as fmt prints maps. */
function stringListMap(v: unknown): string {
  const m = (v && typeof v === 'object' ? v : {}) as Obj;
  return `map[${Object.keys(m).sort().map((k) => `${k}:${strings(m[k])}`).join(' ')}]`;
}

/** []NamedExtension: each {name {Raw <nil>}}, Raw the JSON the YAML became (keys sorted). */
function extensions(v: unknown): string {
  const items = (Array.isArray(v) ? v : []) as Obj[];
  return `[${items
    .map((e) => {
      const ext = e?.extension;
      const raw = ext === undefined || ext === null ? '[]' : `[${Array.from(new TextEncoder().encode(goJson(ext)), String).join(' ')}]`;
      return `{${str(e?.name)} {${raw} <nil>}}`;
    })
    .join(' ')}]`;
}

const FORMATS = {
  clusters: {
    goType: '*[]NamedCluster into *map[string]*api.Cluster',
    field: 'cluster',
    print: (c: Obj) =>
      [str(c.server), str(c['tls-server-name']), bool(c['insecure-skip-tls-verify']), str(c['certificate-authority']), bytes(c['certificate-authority-data']), str(c['proxy-url']), bool(c['disable-compression']), extensions(c.extensions)].join(' '),
  },
  users: {
    goType: '*[]NamedAuthInfo into *map[string]*api.AuthInfo',
    field: 'user',
    print: (u: Obj) =>
      [
        str(u['client-certificate']), bytes(u['client-certificate-data']), str(u['client-key']), bytes(u['client-key-data']), str(u.token), str(u.tokenFile),
        str(u.as), str(u['as-uid']), strings(u['as-groups']), stringListMap(u['as-user-extra']), str(u.username), str(u.password),
        pointer(u['auth-provider']), pointer(u.exec), extensions(u.extensions),
      ].join(' '),
  },
  contexts: {
    goType: '*[]NamedContext into *map[string]*api.Context',
    field: 'context',
    print: (x: Obj) => [str(x.cluster), str(x.user), str(x.namespace), extensions(x.extensions)].join(' '),
  },
} as const;

/** The conversion's error for the first list (clusters, then users, then contexts) that names an entry twice. */
export function duplicateNameError(config: KubeConfig): string | undefined {
  for (const [list, f] of Object.entries(FORMATS) as [keyof typeof FORMATS, (typeof FORMATS)[keyof typeof FORMATS]][]) {
    const entries = config[list] as unknown as Obj[];
    const seen = new Set<string>();
    const twice = entries.find((e) => (seen.has(str(e.name)) ? true : (seen.add(str(e.name)), false)));
    if (!twice) continue;
    const all = entries.map((e) => `{${str(e.name)} {${f.print(((e[f.field] ?? {}) as Obj))}}}`).join(' ');
    return `error converting ${f.goType}: duplicate name "${str(twice.name)}" in list: [${all}]`;
  }
  return undefined;
}
