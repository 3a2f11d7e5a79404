/**
 * The default RBAC policy a kube-apiserver writes at start (the data lives in policy-data.ts):
 * the ClusterRoles of users (cluster-admin; admin, edit and view with their rules aggregated
 * from the system:aggregate-to-* roles as the aggregation controller fills them), of the
 * components (system:kube-scheduler, system:kube-controller-manager, system:node,
 * system:node-proxier, one system:controller:<loop> per controller loop), their bindings, and
 * the Roles/RoleBindings of kube-system and kube-public. kubeadm init adds its own bindings.
 */
import type { ApiServer } from '../server';
import type { PolicyRule } from './authorizer';
import type { KubeObject } from '../types';
import {
  CLUSTER_ROLES,
  CLUSTER_ROLE_BINDINGS,
  CONTROLLER_ROLES,
  NAMESPACE_ROLES,
  NAMESPACE_ROLE_BINDINGS,
  NODE_RULES,
  type BindingData,
  type RoleData,
} from './policy-data';

const RBAC = 'rbac.authorization.k8s.io';
const API_VERSION = `${RBAC}/v1`;
const LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const ANNOTATIONS = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

/** `verbs|groups|resources[|names]` or `verbs|@|urls` → a PolicyRule. */
export function parseRule(text: string): PolicyRule {
  const [verbs, groups, resources, names] = text.split('|');
  const list = (s: string) => s.split(',');
  if (groups === '@') return { verbs: list(verbs), nonResourceURLs: list(resources) };
  const rule: PolicyRule = { verbs: list(verbs), apiGroups: list(groups), resources: list(resources) };
  if (names) rule.resourceNames = list(names);
  return rule;
}

/** The rules of ClusterRole system:node, which the Node authorizer grants kubelets. */
export const nodeRules: PolicyRule[] = NODE_RULES.map(parseRule);

function subjectOf(text: string): Record<string, string> {
  const i = text.indexOf(':');
  const kind = text.slice(0, i);
  const name = text.slice(i + 1);
  if (kind === 'ServiceAccount') {
    const [namespace, sa] = name.split('/');
    return { kind, name: sa, namespace };
  }
  return { apiGroup: RBAC, kind, name };
}

function role(kind: 'ClusterRole' | 'Role', r: RoleData, rules: PolicyRule[], namespace?: string): KubeObject {
  const obj: KubeObject = {
    apiVersion: API_VERSION,
    kind,
    metadata: { name: r.name, ...(namespace ? { namespace } : {}), labels: { ...LABELS, ...(r.labels ?? {}) }, annotations: { ...ANNOTATIONS } },
    rules,
  };
  if (r.aggregateFrom) obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`${RBAC}/aggregate-to-${r.aggregateFrom}`]: 'true' } }] };
  return obj;
}

function binding(kind: 'ClusterRoleBinding' | 'RoleBinding', b: BindingData, namespace?: string): KubeObject {
  const obj: KubeObject = {
    apiVersion: API_VERSION,
    kind,
    metadata: { name: b.name, ...(namespace ? { namespace } : {}), labels: { ...LABELS }, annotations: { ...ANNOTATIONS } },
    roleRef: { apiGroup: RBAC, kind: b.roleKind ?? (kind === 'RoleBinding' ? 'Role' : 'ClusterRole'), name: b.role },
  };
  if (b.subjects.length) obj.subjects = b.subjects.map(subjectOf);
  return obj;
}

/**
 * The rules the clusterrole-aggregation controller writes into an aggregated role: the rules of
 * every role carrying the selected label, roles taken in name order, duplicates dropped.
 */
export function aggregateRules(target: string, roles: { name: string; labels: Record<string, string>; rules: PolicyRule[] }[]): PolicyRule[] {
  const label = `${RBAC}/aggregate-to-${target}`;
  const out: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const r of [...roles].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (r.labels[label] !== 'true' || r.name === target) continue;
    for (const rule of r.rules) {
      const key = JSON.stringify(rule);
      if (!seen.has(key)) out.push(rule), seen.add(key);
    }
  }
  return out;
}

/** The default ClusterRoles, ClusterRoleBindings, Roles and RoleBindings as objects (also for graders and docs). */
export function defaultPolicyObjects(): KubeObject[] {
  const roles = [...CLUSTER_ROLES, ...CONTROLLER_ROLES.map((r) => ({ ...r, name: `system:controller:${r.name}` }))];
  const resolved = new Map<string, { name: string; labels: Record<string, string>; rules: PolicyRule[] }>();
  for (const r of roles) resolved.set(r.name, { name: r.name, labels: r.labels ?? {}, rules: r.name === 'system:node' ? nodeRules : r.rules.map(parseRule) });
  // view feeds edit, which feeds admin: resolve in that order.
  for (const target of ['view', 'edit', 'admin']) resolved.get(target)!.rules = aggregateRules(target, [...resolved.values()]);
  const out: KubeObject[] = [];
  for (const r of roles) out.push(role('ClusterRole', r, resolved.get(r.name)!.rules));
  for (const b of CLUSTER_ROLE_BINDINGS) out.push(binding('ClusterRoleBinding', b));
  for (const r of CONTROLLER_ROLES)
    out.push(binding('ClusterRoleBinding', { name: `system:controller:${r.name}`, role: `system:controller:${r.name}`, subjects: [`ServiceAccount:kube-system/${r.name}`] }));
  for (const r of NAMESPACE_ROLES) out.push(role('Role', r, r.rules.map(parseRule), r.namespace));
  for (const b of NAMESPACE_ROLE_BINDINGS) out.push(binding('RoleBinding', b, b.namespace));
  return out;
}

const BOOTSTRAPPERS = 'Group:system:bootstrappers:kubeadm:default-node-token';

/** What kubeadm init adds (phases bootstrap-token, kubelet-start, upload-config, kubeconfig). */
export function kubeadmPolicyObjects(): KubeObject[] {
  const plain = (o: KubeObject) => {
    delete o.metadata!.labels;
    delete o.metadata!.annotations;
    return o;
  };
  const cr = (name: string, rules: string[]) => plain(role('ClusterRole', { name, rules }, rules.map(parseRule)));
  const crb = (name: string, roleName: string, subjects: string[]) => plain(binding('ClusterRoleBinding', { name, role: roleName, subjects }));
  const r = (ns: string, name: string, rules: string[]) => plain(role('Role', { name, rules }, rules.map(parseRule), ns));
  const rb = (ns: string, name: string, subjects: string[]) => plain(binding('RoleBinding', { name, role: name, subjects }, ns));
  return [
    crb('kubeadm:cluster-admins', 'cluster-admin', ['Group:kubeadm:cluster-admins']),
    cr('kubeadm:get-nodes', ['get||nodes']),
    crb('kubeadm:get-nodes', 'kubeadm:get-nodes', [BOOTSTRAPPERS]),
    crb('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [BOOTSTRAPPERS]),
    crb('kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [BOOTSTRAPPERS]),
    crb('kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', ['Group:system:nodes']),
    r('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', ['get||configmaps|cluster-info']),
    rb('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', ['User:system:anonymous']),
    r('kube-system', 'kubeadm:kubelet-config', ['get||configmaps|kubelet-config']),
    rb('kube-system', 'kubeadm:kubelet-config', ['Group:system:nodes', BOOTSTRAPPERS]),
    r('kube-system', 'kubeadm:nodes-kubeadm-config', ['get||configmaps|kubeadm-config']),
    rb('kube-system', 'kubeadm:nodes-kubeadm-config', [BOOTSTRAPPERS, 'Group:system:nodes']),
  ];
}

const RESOURCE_OF: Record<string, string> = { ClusterRole: 'clusterroles', ClusterRoleBinding: 'clusterrolebindings', Role: 'roles', RoleBinding: 'rolebindings' };

/** Write the default policy through the API (skipping what exists). Returns how many objects were created. */
export function bootstrapPolicy(server: ApiServer, options: { kubeadm?: boolean } = {}): number {
  const objects = [...defaultPolicyObjects(), ...(options.kubeadm ? kubeadmPolicyObjects() : [])];
  let created = 0;
  for (const o of objects) {
    const r = server.request({
      verb: 'create',
      group: RBAC,
      version: 'v1',
      resource: RESOURCE_OF[o.kind!],
      namespace: o.metadata!.namespace,
      body: o,
      query: { fieldManager: o.metadata!.labels ? 'kube-apiserver' : 'kubeadm' },
    });
    if (r.code === 201) created++;
  }
  return created;
}
