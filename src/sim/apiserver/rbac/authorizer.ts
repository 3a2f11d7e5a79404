/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): a request is allowed when a rule of a
 * ClusterRole bound cluster-wide, or of a Role/ClusterRole bound in the request's namespace,
 * covers it. system:masters is the superuser group, as in the real authorizer chain.
 */
import type { ApiServer } from '../server';
import type { KubeObject, UserInfo } from '../types';
import { nodeDecision, nodeNameOf } from './node-authorizer';
import { nodeRules } from './bootstrap';

export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** For non-resource requests ('/healthz'). */
  path?: string;
}

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

export function subjectMatches(s: Subject, user: UserInfo, bindingNamespace?: string): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === user.username;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount':
      return user.username === `system:serviceaccount:${s.namespace ?? bindingNamespace ?? ''}:${s.name}`;
    default:
      return false;
  }
}

const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) {
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))));
  }
  if (!has(rule.apiGroups, a.group)) return false;
  const full = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resources = rule.resources ?? [];
  const resOk =
    resources.includes('*') ||
    resources.includes(full) ||
    (a.subresource ? resources.includes(`*/${a.subresource}`) || resources.includes(`${a.resource}/*`) : false);
  if (!resOk) return false;
  if (rule.resourceNames && rule.resourceNames.length) return a.name !== '' && rule.resourceNames.includes(a.name);
  return true;
}

function items(server: ApiServer, group: string, resource: string, namespace?: string): KubeObject[] {
  const info = server.registry.get(group, 'v1', resource);
  return info ? server.storage.entries(info.etcdPrefix, namespace).map((e) => e.obj) : [];
}

const RBAC_KEYS = ['/registry/clusterroles/', '/registry/clusterrolebindings/', '/registry/roles/', '/registry/rolebindings/'];

/**
 * Rules per (user, groups, namespace), dropped whenever an RBAC object is written (the real
 * authorizer reads informer caches; this keeps a component's every request from rescanning
 * every binding).
 */
const ruleCaches = new WeakMap<ApiServer, Map<string, PolicyRule[]>>();

function ruleCache(server: ApiServer): Map<string, PolicyRule[]> {
  let cache = ruleCaches.get(server);
  if (!cache) {
    const c = (cache = new Map());
    server.etcd.addCommitListener((resp) => {
      if (c.size && resp.events.some((e) => RBAC_KEYS.some((k) => e.kv.key.startsWith(k)))) c.clear();
    });
    ruleCaches.set(server, cache);
  }
  return cache;
}

/** Every rule that applies to the user in a namespace ('' = cluster-wide rules only). */
export function rulesFor(server: ApiServer, user: UserInfo, namespace: string): PolicyRule[] {
  const cache = ruleCache(server);
  const key = `${user.username}\u0000${user.groups.join(',')}\u0000${namespace}`;
  let rules = cache.get(key);
  if (!rules) {
    rules = computeRules(server, user, namespace);
    if (cache.size > 512) cache.clear();
    cache.set(key, rules);
  }
  return rules;
}

function computeRules(server: ApiServer, user: UserInfo, namespace: string): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const G = 'rbac.authorization.k8s.io';
  const clusterRoles = new Map(items(server, G, 'clusterroles').map((r) => [r.metadata!.name!, r]));
  for (const b of items(server, G, 'clusterrolebindings')) {
    const subjects = (b.subjects as Subject[] | undefined) ?? [];
    if (!subjects.some((s) => subjectMatches(s, user))) continue;
    const ref = b.roleRef as { kind: string; name: string };
    rules.push(...(((clusterRoles.get(ref?.name)?.rules as PolicyRule[] | undefined) ?? [])));
  }
  if (namespace) {
    const roles = new Map(items(server, G, 'roles', namespace).map((r) => [r.metadata!.name!, r]));
    for (const b of items(server, G, 'rolebindings', namespace)) {
      const subjects = (b.subjects as Subject[] | undefined) ?? [];
      if (!subjects.some((s) => subjectMatches(s, user, namespace))) continue;
      const ref = b.roleRef as { kind: string; name: string };
      const role = ref?.kind === 'ClusterRole' ? clusterRoles.get(ref.name) : roles.get(ref?.name);
      rules.push(...(((role?.rules as PolicyRule[] | undefined) ?? [])));
    }
  }
  return rules;
}

/** What SelfSubjectRulesReview lists: the Node authorizer's fixed rules for kubelets, then RBAC's. */
export function reviewRulesFor(server: ApiServer, user: UserInfo, namespace: string): PolicyRule[] {
  const rbac = rulesFor(server, user, namespace);
  return nodeNameOf(user) ? [...nodeRules, ...rbac] : rbac;
}

export interface Decision {
  allowed: boolean;
  /** Why a request was denied when an authorizer says so (the Node authorizer's graph check). */
  reason?: string;
}

/** kubeadm's --authorization-mode=Node,RBAC: system:masters, then the Node authorizer, then RBAC. */
export function authorize(server: ApiServer, user: UserInfo, a: Attributes): Decision {
  if (user.groups.includes('system:masters')) return { allowed: true };
  const node = nodeDecision(server, user, a);
  if (node?.allowed) return node;
  if (rulesFor(server, user, a.namespace).some((r) => ruleAllows(r, a))) return { allowed: true };
  return node ?? { allowed: false };
}

/** `pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"`. */
export function forbiddenMessage(user: UserInfo, a: Attributes, reason?: string): string {
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${subject} is forbidden: User "${user.username}" cannot ${a.verb} resource "${res}" in API group "${a.group}" ${scope}${reason ? `: ${reason}` : ''}`;
}
