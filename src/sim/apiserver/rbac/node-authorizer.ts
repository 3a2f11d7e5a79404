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
  const pods = podsOn(server, node, a.resource === 'persistentvolumes' ? undefined : a.namespace);
  if (a.resource === 'persistentvolumes') {
    const claims = server.registry.get('', 'v1', 'persistentvolumeclaims')!;
    for (const e of server.storage.entries(claims.etcdPrefix)) {
      if ((e.obj.spec as Obj | undefined)?.volumeName !== a.name) continue;
      const ns = e.obj.metadata?.namespace;
      if (pods.some((p) => p.metadata?.namespace === ns && references(p).claims.has(e.obj.metadata!.name!))) return true;
    }
    return false;
  }
  for (const p of pods) {
    const refs = references(p);
    const set =
      a.resource === 'secrets' ? refs.secrets : a.resource === 'configmaps' ? refs.configMaps : a.resource === 'persistentvolumeclaims' ? refs.claims : refs.serviceAccounts;
    if (set.has(a.name)) return true;
  }
  return false;
}

function podsOn(server: ApiServer, node: string, namespace?: string): KubeObject[] {
  const info = server.registry.get('', 'v1', 'pods')!;
  return server.storage
    .entries(info.etcdPrefix, namespace)
    .map((e) => e.obj)
    .filter((p) => (p.spec as Obj | undefined)?.nodeName === node);
}

/** The secrets, configmaps, claims and service account a pod uses. */
export function references(pod: KubeObject): { secrets: Set<string>; configMaps: Set<string>; claims: Set<string>; serviceAccounts: Set<string> } {
  const spec = (pod.spec ?? {}) as Obj;
  const secrets = new Set<string>();
  const configMaps = new Set<string>();
  const claims = new Set<string>();
  const serviceAccounts = new Set<string>([String(spec.serviceAccountName ?? 'default')]);
  for (const s of (spec.imagePullSecrets ?? []) as Obj[]) if (s.name) secrets.add(s.name);
  for (const v of (spec.volumes ?? []) as Obj[]) {
    if (v.secret?.secretName) secrets.add(v.secret.secretName);
    if (v.configMap?.name) configMaps.add(v.configMap.name);
    if (v.persistentVolumeClaim?.claimName) claims.add(v.persistentVolumeClaim.claimName);
    if (v.ephemeral) claims.add(`${pod.metadata?.name}-${v.name}`);
    for (const src of (v.projected?.sources ?? []) as Obj[]) {
      if (src.secret?.name) secrets.add(src.secret.name);
      if (src.configMap?.name) configMaps.add(src.configMap.name);
    }
  }
  for (const c of [...((spec.initContainers ?? []) as Obj[]), ...((spec.containers ?? []) as Obj[]), ...((spec.ephemeralContainers ?? []) as Obj[])]) {
    for (const e of (c.env ?? []) as Obj[]) {
      if (e.valueFrom?.secretKeyRef?.name) secrets.add(e.valueFrom.secretKeyRef.name);
      if (e.valueFrom?.configMapKeyRef?.name) configMaps.add(e.valueFrom.configMapKeyRef.name);
    }
    for (const e of (c.envFrom ?? []) as Obj[]) {
      if (e.secretRef?.name) secrets.add(e.secretRef.name);
      if (e.configMapRef?.name) configMaps.add(e.configMapRef.name);
    }
  }
  return { secrets, configMaps, claims, serviceAccounts };
}
