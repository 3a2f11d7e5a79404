/**
 * kubectl completion's questions to the cluster, asked through the API contract (ApiTransport):
 * the resource types (as `kubectl api-resources -o name --verbs=get` lists them) and the names
 * of the objects of a type in a namespace, like the real completion which runs
 * `kubectl get TYPE -o name` behind the scenes. Any failure (API server down, forbidden) gives
 * no names, as the real completion then offers none.
 */
import type { APIResource, ApiTransport, KubeObject } from '../../sim/apiserver/types';
import type { KubectlCompletionSource } from './kubectl';

interface Resolved {
  group: string;
  version: string;
  resource: APIResource;
}

export function kubectlSourceFromTransport(transport: () => ApiTransport | undefined, defaultNamespace: () => string = () => 'default'): KubectlCompletionSource {
  const resources = (): Resolved[] => {
    const t = transport();
    if (!t) return [];
    const doc = t.discovery();
    const preferred = new Map(doc.groups.map((g) => [g.name, g.preferredVersion.groupVersion]));
    const out: Resolved[] = [];
    for (const list of doc.resourceLists) {
      const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
      if ((preferred.get(group) ?? list.groupVersion) !== list.groupVersion) continue;
      for (const r of list.resources) if (!r.name.includes('/')) out.push({ group, version, resource: r });
    }
    return out;
  };

  const resolve = (typed: string): Resolved | undefined => {
    const lower = typed.toLowerCase();
    const dot = lower.indexOf('.');
    const name = dot > 0 ? lower.slice(0, dot) : lower;
    const group = dot > 0 ? lower.slice(dot + 1) : undefined;
    return resources().find(
      (r) =>
        (group === undefined || r.group === group) &&
        (r.resource.name === name || r.resource.singularName === name || r.resource.kind.toLowerCase() === name || (r.resource.shortNames ?? []).includes(name)),
    );
  };

  const list = (typed: string, namespace?: string): KubeObject[] => {
    const t = transport();
    const r = resolve(typed);
    if (!t || !r) return [];
    const res = t.request<{ items?: KubeObject[] }>({
      verb: 'list',
      group: r.group,
      version: r.version,
      resource: r.resource.name,
      namespace: r.resource.namespaced ? (namespace ?? defaultNamespace()) : undefined,
    });
    if (res.code !== 200) return [];
    return ((res.body as { items?: KubeObject[] }).items ?? []) as KubeObject[];
  };

  const safe = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };

  return {
    resourceTypes: () =>
      safe(
        () => resources().filter((r) => r.resource.verbs.includes('get')).map((r) => (r.group ? `${r.resource.name}.${r.group}` : r.resource.name)).sort(),
        [],
      ),
    resourceNames: (typed, namespace) => safe(() => list(typed, namespace).map((o) => o.metadata?.name ?? '').filter(Boolean), []),
    containerNames: (pod, namespace) =>
      safe(() => {
        const found = list('pods', namespace).find((p) => p.metadata?.name === pod);
        const spec = (found?.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[] };
        return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name);
      }, []),
  };
}
