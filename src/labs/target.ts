/**
 * What the grader may look at: the world as a learner's tools would see it, but as an administrator
 * (cluster-admin through the API, root on the machines). Checks never read the store directly and
 * never look at the command history.
 */
import type { ApiTransport, KubeObject } from '../sim/apiserver/types';

export interface CommandResult {
  stdout: string;
  stderr: string;
  status: number;
}

export interface GradeTarget {
  /** The API of the cluster (of the given host, in exams), or null when nothing answers on 6443. */
  api(host?: string): ApiTransport | null;
  /** Run a command line as root on a host without touching the learner's terminal or history. */
  exec(host: string, command: string): Promise<CommandResult>;
  /** A file's content as root sees it, or null when absent or not a regular file. */
  readFile(host: string, path: string): string | null;
}

/** Resolve apiVersion + kind to the REST resource through discovery, as kubectl does. */
export function resourceOf(api: ApiTransport, apiVersion: string, kind: string) {
  const doc = api.discovery();
  for (const list of doc.resourceLists) {
    if (list.groupVersion !== apiVersion) continue;
    const r = list.resources.find((res) => res.kind === kind && !res.name.includes('/'));
    if (r) {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      return { group, version, resource: r.name, namespaced: r.namespaced };
    }
  }
  return undefined;
}

export type Fetched = { state: 'found'; object: KubeObject } | { state: 'absent' } | { state: 'unreachable' } | { state: 'unknown-kind' };

export function fetchObject(target: GradeTarget, ref: { apiVersion: string; kind: string; namespace?: string; name: string; host?: string }): Fetched {
  const api = target.api(ref.host);
  if (!api) return { state: 'unreachable' };
  const res = resourceOf(api, ref.apiVersion, ref.kind);
  if (!res) return { state: 'unknown-kind' };
  const response = api.request<KubeObject>({
    verb: 'get',
    group: res.group,
    version: res.version,
    resource: res.resource,
    namespace: res.namespaced ? (ref.namespace ?? 'default') : undefined,
    name: ref.name,
  });
  if (response.code === 200) return { state: 'found', object: response.body as KubeObject };
  return { state: 'absent' };
}

export function listObjects(
  target: GradeTarget,
  ref: { apiVersion: string; kind: string; namespace?: string; selector?: string; host?: string },
): KubeObject[] | 'unreachable' | 'unknown-kind' {
  const api = target.api(ref.host);
  if (!api) return 'unreachable';
  const res = resourceOf(api, ref.apiVersion, ref.kind);
  if (!res) return 'unknown-kind';
  const response = api.request<{ items: KubeObject[] }>({
    verb: 'list',
    group: res.group,
    version: res.version,
    resource: res.resource,
    namespace: res.namespaced ? ref.namespace : undefined,
    query: ref.selector ? { labelSelector: ref.selector } : undefined,
  });
  if (response.code !== 200) return [];
  return ((response.body as { items?: KubeObject[] }).items ?? []) as KubeObject[];
}
