/**
 * What `kubectl apply -f FILE` does to objects that do not exist yet, for builders of starting
 * worlds that stand in for a learner's apply: each object is created with kubectl's
 * last-applied-configuration annotation (json.Marshal of the object as read, keys sorted, HTML
 * characters escaped, a trailing newline) under the field manager kubectl-client-side-apply.
 */
import { parseAllDocuments } from 'yaml';
import { ApiClient, type KubeObject } from '../apiserver';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A string as Go's encoding/json writes it (HTML-safe). */
function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029 || c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** json.Marshal of an unstructured object: compact, map keys sorted. */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goString(k)}:${goJson(obj[k])}`).join(',')}}`;
}

/** The object as kubectl sends it on create: its annotations with the last-applied one added. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const copy = JSON.parse(JSON.stringify(obj)) as KubeObject;
  const annotations = { ...(copy.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata = { ...(copy.metadata ?? {}), annotations };
  const lastApplied = `${goJson(copy)}\n`;
  return { ...copy, metadata: { ...copy.metadata, annotations: { ...annotations, [LAST_APPLIED]: lastApplied } } };
}

const RESOURCES: Record<string, string> = {
  Namespace: 'namespaces',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  DaemonSet: 'daemonsets',
  Deployment: 'deployments',
  Service: 'services',
};

/** Create every object of a manifest the way a first `kubectl apply -f` does. */
export function clientSideApply(client: ApiClient, manifest: string): void {
  for (const doc of parseAllDocuments(manifest)) {
    const obj = doc.toJS() as KubeObject | null;
    if (!obj?.kind || !RESOURCES[obj.kind]) continue;
    const [group, version] = obj.apiVersion!.includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion!];
    client.request({ verb: 'create', group, version, resource: RESOURCES[obj.kind], namespace: obj.metadata?.namespace, body: withLastApplied(obj), query: { fieldManager: 'kubectl-client-side-apply' } });
  }
}
