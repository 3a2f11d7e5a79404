/**
 * What `kubectl apply -f FILE` does to objects that do not exist yet, for builders of starting
 * worlds that stand in for a learner's apply: each object is created with kubectl's
 * last-applied-configuration annotation (json.Marshal of the object as read, keys sorted, HTML
 * characters escaped, a trailing newline) under the field manager kubectl-client-side-apply.
 */
import { parseAllDocuments } from 'yaml';
import { ApiClient, type KubeObject } from '../apiserver';
import { goJson } from '../go-json';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

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
