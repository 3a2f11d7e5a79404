/**
 * The Node authorizer (plugin/pkg/auth/authorizer/node): a kubelet, user `system:node:<name>`
 * in group `system:nodes`, may read a secret, configmap, persistent volume claim or volume only
 * when a pod bound to its node uses it, may use only its own node lease and CSINode, may ask
 * for tokens only of service accounts its pods run as; everything else it may do is the fixed
 * rule set of ClusterRole system:node. Requests it has no opinion on go on to RBAC.
 */
import type { ApiServer } from '../server';
import type { KubeObject, UserInfo } from '../types';
import { ruleAllows, type Attributes, type Decision } from './authorizer';
import { nodeRules } from './bootstrap';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NODE_PREFIX = 'system:node:';
const READ = ['get', 'list', 'watch'];

/** The node a request comes from, or undefined when the user is not a kubelet. */
export function nodeNameOf(user: UserInfo): string | undefined {
  if (!user.groups.includes('system:nodes') || !user.username.startsWith(NODE_PREFIX)) return undefined;
  return user.username.slice(NODE_PREFIX.length);
}

const noRelationship = (node: string): Decision => ({ allowed: false, reason: `no relationship found between node '${node}' and this object` });

export function nodeDecision(server: ApiServer, user: UserInfo, a: Attributes): Decision | undefined {
  const node = nodeNameOf(user);
  if (node === undefined) return undefined;
  if (!node) return { allowed: false, reason: 'unknown node' };
  if (a.path === undefined) {
    const core = a.group === '';
    if (core && (a.resource === 'secrets' || a.resource === 'configmaps')) {
      if (!READ.includes(a.verb)) return { allowed: false, reason: 'can only read resources of this type' };
      if (a.subresource) return { allowed: false, reason: 'cannot read subresource' };
      if (!a.name) return { allowed: false, reason: 'No Object name found' };
      return related(server, node, a) ? { allowed: true } : noRelationship(node);
    }
    if (core && a.resource === 'persistentvolumeclaims' && a.subresource === 'status') {
      if (a.verb !== 'update' && a.verb !== 'patch' && a.verb !== 'get') return { allowed: false, reason: 'can only get, update or patch persistentvolumeclaims/status' };
      return related(server, node, a) ? { allowed: true } : noRelationship(node);
    }
    if (core && (a.resource === 'persistentvolumeclaims' || a.resource === 'persistentvolumes')) {
      if (a.verb !== 'get') return { allowed: false, reason: 'can only get individual resources of this type' };
      if (a.subresource) return { allowed: false, reason: 'cannot get subresource' };
      return related(server, node, a) ? { allowed: true } : noRelationship(node);
    }
    if (core && a.resource === 'serviceaccounts' && a.subresource === 'token') {
      if (a.verb !== 'create') return { allowed: false, reason: 'can only create tokens for individual service accounts' };
      return related(server, node, a) ? { allowed: true } : noRelationship(node);
    }
    if (a.group === 'coordination.k8s.io' && a.resource === 'leases') {
      if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb)) return { allowed: false, reason: `can only get, create, update, patch, or delete a node lease` };
      if (a.namespace !== 'kube-node-lease') return { allowed: false, reason: `can only access leases in the kube-node-lease namespace` };
      if (a.name !== node && a.verb !== 'create') return { allowed: false, reason: 'can only access node lease with the same name as the requesting node' };
      return { allowed: true };
    }
    if (a.group === 'storage.k8s.io' && a.resource === 'csinodes') {
      if (a.name !== node && a.verb !== 'create') return { allowed: false, reason: 'can only access CSINode with the same name as the requesting node' };
    }
  }
  return nodeRules.some((r) => ruleAllows(r, a)) ? { allowed: true } : undefined;
}

/** Is the object of the request used by a pod bound to the node (the authorizer's graph)? */
function related(server: ApiServer, node: string, a: Attributes): boolean {
  if (a.resource === 'persistentvolumes') {
    const claims = server.registry.get('', 'v1', 'persistentvolumeclaims')!;
    for (const e of server.storage.entries(claims.etcdPrefix)) {
      if ((e.obj.spec as Obj | undefined)?.volumeName !== a.name) continue;
      const claim = e.obj.metadata!.name!;
      if (somePodOn(server, node, e.obj.metadata?.namespace, (p) => uses(p, 'claims', claim))) return true;
    }
    return false;
  }
  const kind: Reference = a.resource === 'secrets' ? 'secrets' : a.resource === 'configmaps' ? 'configMaps' : a.resource === 'persistentvolumeclaims' ? 'claims' : 'serviceAccounts';
  return somePodOn(server, node, a.namespace, (p) => uses(p, kind, a.name));
}

/**
 * Does a pod bound to the node (in the namespace) pass the test? Every kubelet request for a
 * secret or configmap asks this: the pods are looked at in place, the node compared first.
 */
function somePodOn(server: ApiServer, node: string, namespace: string | undefined, test: (pod: KubeObject) => boolean): boolean {
  const info = server.registry.get('', 'v1', 'pods')!;
  let found = false;
  server.storage.forEachEntry(info.etcdPrefix, namespace, (e) => {
    const p = e.obj;
    if ((p.spec as Obj | undefined)?.nodeName !== node || !test(p)) return true;
    found = true;
    return false;
  });
  return found;
}

type Reference = 'secrets' | 'configMaps' | 'claims' | 'serviceAccounts';

/** Does the pod use the secret, configmap, claim or service account `name`? */
function uses(pod: KubeObject, kind: Reference, name: string | undefined): boolean {
  let found = false;
  forEachReference(pod, (k, n) => {
    if (k === kind && n === name) found = true;
    return !found;
  });
  return found;
}

/** Each secret, configmap, claim and service account a pod uses, until `fn` returns false (a kubelet's every read asks: no sets are built). */
function forEachReference(pod: KubeObject, fn: (kind: Reference, name: string) => boolean): void {
  const spec = (pod.spec ?? {}) as Obj;
  if (!fn('serviceAccounts', String(spec.serviceAccountName ?? 'default'))) return;
  for (const s of (spec.imagePullSecrets ?? []) as Obj[]) if (s.name && !fn('secrets', s.name)) return;
  for (const v of (spec.volumes ?? []) as Obj[]) {
    if (v.secret?.secretName && !fn('secrets', v.secret.secretName)) return;
    if (v.configMap?.name && !fn('configMaps', v.configMap.name)) return;
    if (v.persistentVolumeClaim?.claimName && !fn('claims', v.persistentVolumeClaim.claimName)) return;
    if (v.ephemeral && !fn('claims', `${pod.metadata?.name}-${v.name}`)) return;
    for (const src of (v.projected?.sources ?? []) as Obj[]) {
      if (src.secret?.name && !fn('secrets', src.secret.name)) return;
      if (src.configMap?.name && !fn('configMaps', src.configMap.name)) return;
    }
  }
  for (const list of [spec.initContainers, spec.containers, spec.ephemeralContainers] as (Obj[] | undefined)[]) {
    for (const c of list ?? []) {
      for (const e of (c.env ?? []) as Obj[]) {
        if (e.valueFrom?.secretKeyRef?.name && !fn('secrets', e.valueFrom.secretKeyRef.name)) return;
        if (e.valueFrom?.configMapKeyRef?.name && !fn('configMaps', e.valueFrom.configMapKeyRef.name)) return;
      }
      for (const e of (c.envFrom ?? []) as Obj[]) {
        if (e.secretRef?.name && !fn('secrets', e.secretRef.name)) return;
        if (e.configMapRef?.name && !fn('configMaps', e.configMapRef.name)) return;
      }
    }
  }
}
