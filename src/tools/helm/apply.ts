/**
 * Sending a release's objects to the API as Helm's kube client does: in Helm's install order,
 * stamped with the release's ownership annotations, refusing objects that another owner holds,
 * hooks run (and Jobs waited for) around the main objects, and deletion in reverse order.
 */
import { parseAllDocuments, stringify } from 'yaml';
import type { KubeObject, Status } from '../../sim/apiserver/types';
import type { SimClock } from '../../sim/clock';
import type { RenderedObject } from '../../sim/addons/charts';
import { HelmError, type KubeClient } from './client';

const INSTALL_ORDER = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap',
  'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList',
  'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler',
  'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];

const rank = (kind: string | undefined) => {
  const i = INSTALL_ORDER.indexOf(String(kind));
  return i < 0 ? INSTALL_ORDER.length : i;
};

export function sortForInstall<T extends { object: KubeObject }>(items: T[]): T[] {
  return [...items].sort((a, b) => rank(a.object.kind) - rank(b.object.kind));
}

/** The manifest text Helm stores and prints: `---\n# Source: path\n` then the object's YAML. */
export function manifestOf(items: RenderedObject[]): string {
  return sortForInstall(items)
    .map((i) => `---\n# Source: ${i.source}\n${stringify(i.object, { lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false })}`)
    .join('');
}

export function objectsOfManifest(manifest: string): KubeObject[] {
  return parseAllDocuments(manifest)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => !!o && typeof o === 'object');
}

/** Mark hooks as the chart's templates annotate them. */
export function withHookAnnotations(items: RenderedObject[]): RenderedObject[] {
  return items.map((i) =>
    i.hook
      ? { ...i, object: { ...i.object, metadata: { ...i.object.metadata, annotations: { ...(i.object.metadata?.annotations ?? {}), 'helm.sh/hook': i.hook, 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' } } } }
      : i,
  );
}

interface Target {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name: string;
}

function targetOf(client: KubeClient, o: KubeObject, namespace: string): Target {
  const m = client.mapper().forKind(String(o.apiVersion), String(o.kind));
  if (!m) throw new HelmError(`resource mapping not found for name: "${o.metadata?.name}" namespace: "${namespace}" from "": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`);
  return { group: m.group, version: m.version, resource: m.resource, namespace: m.namespaced ? (o.metadata?.namespace ?? namespace) : undefined, name: String(o.metadata?.name) };
}

const message = (body: unknown) => (body as Status).message ?? 'unknown error';

function owned(o: KubeObject, release: string, namespace: string): string | undefined {
  const labels = o.metadata?.labels ?? {};
  const ann = o.metadata?.annotations ?? {};
  const errs: string[] = [];
  if (labels['app.kubernetes.io/managed-by'] !== 'Helm') errs.push(`label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"`);
  if (ann['meta.helm.sh/release-name'] !== release) errs.push(`annotation validation error: ${ann['meta.helm.sh/release-name'] ? `key "meta.helm.sh/release-name" must equal "${release}": current value is "${ann['meta.helm.sh/release-name']}"` : `missing key "meta.helm.sh/release-name": must be set to "${release}"`}`);
  if (ann['meta.helm.sh/release-namespace'] !== namespace) errs.push(`annotation validation error: ${ann['meta.helm.sh/release-namespace'] ? `key "meta.helm.sh/release-namespace" must equal "${namespace}": current value is "${ann['meta.helm.sh/release-namespace']}"` : `missing key "meta.helm.sh/release-namespace": must be set to "${namespace}"`}`);
  return errs.length ? errs.join('; ') : undefined;
}

function stamp(o: KubeObject, release: string, namespace: string): KubeObject {
  return { ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata?.annotations ?? {}), 'meta.helm.sh/release-name': release, 'meta.helm.sh/release-namespace': namespace } } };
}

/** Before creating anything: objects that exist and belong to someone else stop the install. */
export function checkOwnership(client: KubeClient, objects: KubeObject[], release: string, namespace: string): void {
  for (const o of objects) {
    const t = targetOf(client, o, namespace);
    const r = client.request<KubeObject>({ verb: 'get', ...t });
    if (r.code !== 200) continue;
    const why = owned(r.body as KubeObject, release, namespace);
    if (why) throw new HelmError(`Unable to continue with install: ${o.kind} "${t.name}" in namespace "${t.namespace ?? ''}" exists and cannot be imported into the current release: invalid ownership metadata; ${why}`);
  }
}

/** Create or update each object (upgrade: merge onto the live object). */
export function applyObjects(client: KubeClient, objects: KubeObject[], release: string, namespace: string, mode: 'create' | 'upgrade'): void {
  for (const raw of sortForInstall(objects.map((object) => ({ object }))).map((x) => x.object)) {
    const o = stamp(raw, release, namespace);
    const t = targetOf(client, o, namespace);
    const existing = mode === 'upgrade' ? client.request<KubeObject>({ verb: 'get', ...t }) : undefined;
    const r =
      existing && existing.code === 200
        ? client.request({ verb: 'patch', ...t, patchType: 'application/merge-patch+json', body: o })
        : client.request({ verb: 'create', group: t.group, version: t.version, resource: t.resource, namespace: t.namespace, body: o });
    if (r.code >= 300) throw new HelmError(`${mode === 'create' ? 'failed to create resource' : 'failed to update resource'}: ${message(r.body)}`);
  }
}

export function deleteObjects(client: KubeClient, objects: KubeObject[], namespace: string): string[] {
  const gone: string[] = [];
  for (const o of sortForInstall(objects.map((object) => ({ object }))).map((x) => x.object).reverse()) {
    let t: Target;
    try {
      t = targetOf(client, o, namespace);
    } catch {
      continue;
    }
    const r = client.request({ verb: 'delete', ...t, query: { propagationPolicy: 'Background' } });
    if (r.code < 300) gone.push(`${o.kind}/${t.name}`);
  }
  return gone;
}

const jobDone = (client: KubeClient, t: Target): 'done' | 'failed' | 'running' => {
  const r = client.request<KubeObject>({ verb: 'get', ...t });
  if (r.code !== 200) return 'running';
  const conds = ((r.body as KubeObject).status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  if (conds.some((c) => c.type === 'Complete' && c.status === 'True')) return 'done';
  if (conds.some((c) => c.type === 'Failed' && c.status === 'True')) return 'failed';
  return 'running';
};

/** Run the hooks of an event: create them, wait for Jobs to finish, delete the succeeded ones. */
export async function runHooks(client: KubeClient, clock: SimClock, items: RenderedObject[], event: string, release: string, namespace: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const hooks = items.filter((i) => i.hook?.split(',').includes(event));
  for (const h of sortForInstall(hooks)) {
    const o = stamp(h.object, release, namespace);
    const t = targetOf(client, o, namespace);
    // before-hook-creation: a previous run's object goes first.
    client.request({ verb: 'delete', ...t, query: { propagationPolicy: 'Background' } });
    const r = client.request({ verb: 'create', group: t.group, version: t.version, resource: t.resource, namespace: t.namespace, body: o });
    if (r.code >= 300) throw new HelmError(`failed ${event}: warning: Hook ${event} ${h.source} failed: 1 error occurred:\n\t* ${message(r.body)}`);
    if (o.kind === 'Job') {
      const deadline = clock.now() + timeoutMs;
      let state = jobDone(client, t);
      while (state === 'running' && clock.now() < deadline) {
        await clock.sleep(1000, signal);
        state = jobDone(client, t);
      }
      if (state !== 'done') throw new HelmError(`failed ${event}: 1 error occurred:\n\t* ${state === 'failed' ? 'job failed: BackoffLimitExceeded' : 'timed out waiting for the condition'}`);
    }
  }
  for (const h of hooks) {
    const t = targetOf(client, h.object, namespace);
    client.request({ verb: 'delete', ...t, query: { propagationPolicy: 'Background' } });
  }
}

/** --wait: Deployments, StatefulSets and DaemonSets ready, or the deadline passes. */
export async function waitReady(client: KubeClient, clock: SimClock, objects: KubeObject[], namespace: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = clock.now() + timeoutMs;
  const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(String(o.kind)));
  const ready = () =>
    workloads.every((o) => {
      const r = client.request<KubeObject>({ verb: 'get', ...targetOf(client, o, namespace) });
      if (r.code !== 200) return false;
      const live = r.body as KubeObject;
      const st = (live.status ?? {}) as Record<string, number>;
      if (o.kind === 'DaemonSet') return (st.numberReady ?? 0) >= (st.desiredNumberScheduled ?? 1) && (st.desiredNumberScheduled ?? 0) > 0;
      const want = Number((live.spec as { replicas?: number } | undefined)?.replicas ?? 1);
      return (st.readyReplicas ?? 0) >= want && (st.updatedReplicas ?? 0) >= want;
    });
  while (!ready()) {
    if (clock.now() >= deadline) return false;
    await clock.sleep(1000, signal);
  }
  return true;
}
