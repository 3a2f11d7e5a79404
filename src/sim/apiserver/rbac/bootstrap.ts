/**
 * The default RBAC policy a kube-apiserver writes at start (plugin/pkg/auth/authorizer/rbac/
 * bootstrappolicy/policy.go and controller_policy.go), condensed to the roles learners meet:
 * cluster-admin, admin, edit, view (aggregated, with their rules filled in as the aggregation
 * controller would), system:basic-user, system:discovery, system:public-info-viewer and the
 * roles of the control-plane components, with their bindings.
 */
import type { ApiServer } from '../server';
import type { PolicyRule } from './authorizer';
import type { KubeObject } from '../types';

const RW = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ = ['get', 'list', 'watch'];
const ALL = [...RW.slice(0, 3), 'get', 'list', 'patch', 'update', 'watch'];

const VIEW_RULES: PolicyRule[] = [
  { apiGroups: [''], resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], verbs: READ },
  { apiGroups: [''], resources: ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], verbs: READ },
  { apiGroups: [''], resources: ['namespaces'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['apps'], resources: ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], verbs: READ },
  { apiGroups: ['batch'], resources: ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingresses/status', 'networkpolicies'], verbs: READ },
];

const EDIT_EXTRA: PolicyRule[] = [
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], verbs: READ },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
  { apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], verbs: ['create', 'delete', 'deletecollection', 'patch', 'update'] },
  { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
  { apiGroups: [''], resources: ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], verbs: RW },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], verbs: RW },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: RW },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: RW },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: RW },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: RW },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: RW },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [...READ, ...RW] },
];

const ADMIN_EXTRA: PolicyRule[] = [
  { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: ALL },
];

const BASIC_USER: PolicyRule[] = [
  { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
  { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
];

const EVERYTHING: PolicyRule[] = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { nonResourceURLs: ['*'], verbs: ['*'] },
];

interface RoleDef {
  name: string;
  rules: PolicyRule[];
  aggregateTo?: string;
  subjects?: { kind: 'User' | 'Group'; name: string }[];
  bindingName?: string;
}

const ROLES: RoleDef[] = [
  { name: 'cluster-admin', rules: EVERYTHING, subjects: [{ kind: 'Group', name: 'system:masters' }] },
  { name: 'admin', rules: [...VIEW_RULES, ...EDIT_EXTRA, ...ADMIN_EXTRA], aggregateTo: 'admin' },
  { name: 'edit', rules: [...VIEW_RULES, ...EDIT_EXTRA], aggregateTo: 'edit' },
  { name: 'view', rules: VIEW_RULES, aggregateTo: 'view' },
  { name: 'system:basic-user', rules: BASIC_USER, subjects: [{ kind: 'Group', name: 'system:authenticated' }] },
  {
    name: 'system:discovery',
    rules: [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }],
    subjects: [{ kind: 'Group', name: 'system:authenticated' }],
  },
  {
    name: 'system:public-info-viewer',
    rules: [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }],
    subjects: [
      { kind: 'Group', name: 'system:authenticated' },
      { kind: 'Group', name: 'system:unauthenticated' },
    ],
  },
  { name: 'system:kube-scheduler', rules: EVERYTHING.slice(0, 1), subjects: [{ kind: 'User', name: 'system:kube-scheduler' }] },
  { name: 'system:kube-controller-manager', rules: EVERYTHING.slice(0, 1), subjects: [{ kind: 'User', name: 'system:kube-controller-manager' }] },
  { name: 'system:node-proxier', rules: [{ apiGroups: ['', 'discovery.k8s.io'], resources: ['endpoints', 'endpointslices', 'services', 'nodes'], verbs: READ }, { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] }], subjects: [{ kind: 'User', name: 'system:kube-proxy' }] },
  { name: 'system:node', rules: EVERYTHING.slice(0, 1) },
  { name: 'system:monitoring', rules: [{ nonResourceURLs: ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'], verbs: ['get'] }], subjects: [{ kind: 'Group', name: 'system:monitoring' }] },
  { name: 'system:service-account-issuer-discovery', rules: [{ nonResourceURLs: ['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/'], verbs: ['get'] }], subjects: [{ kind: 'Group', name: 'system:serviceaccounts' }] },
];

const LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const ANNOTATIONS = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

/** The default ClusterRoles and ClusterRoleBindings as objects (also for graders and docs). */
export function defaultPolicyObjects(): KubeObject[] {
  const out: KubeObject[] = [];
  for (const r of ROLES) {
    const role: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: r.name,
        labels: r.aggregateTo ? { ...LABELS, [`rbac.authorization.k8s.io/aggregate-to-${r.name === 'admin' ? 'edit' : r.name === 'edit' ? 'view' : r.name}`]: 'true' } : { ...LABELS },
        annotations: { ...ANNOTATIONS },
      },
      rules: r.rules,
    };
    if (r.name === 'view') delete (role.metadata!.labels as Record<string, string>)['rbac.authorization.k8s.io/aggregate-to-view'];
    if (r.aggregateTo) role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${r.aggregateTo}`]: 'true' } }] };
    out.push(role);
    if (r.subjects)
      out.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: r.bindingName ?? r.name, labels: { ...LABELS }, annotations: { ...ANNOTATIONS } },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: r.name },
        subjects: r.subjects.map((s) => ({ apiGroup: 'rbac.authorization.k8s.io', ...s })),
      });
  }
  return out;
}

/** kubeadm init's binding of its admin group to cluster-admin (admin.conf's user is in kubeadm:cluster-admins). */
export function kubeadmPolicyObjects(): KubeObject[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'kubeadm:cluster-admins' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'kubeadm:cluster-admins' }],
    },
  ];
}

/** Write the default policy through the API (skipping what exists). Returns how many objects were created. */
export function bootstrapPolicy(server: ApiServer, options: { kubeadm?: boolean } = {}): number {
  const objects = [...defaultPolicyObjects(), ...(options.kubeadm ? kubeadmPolicyObjects() : [])];
  let created = 0;
  for (const o of objects) {
    const resource = o.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings';
    const r = server.request({ verb: 'create', group: 'rbac.authorization.k8s.io', version: 'v1', resource, body: o, query: { fieldManager: 'kube-apiserver' } });
    if (r.code === 201) created++;
  }
  return created;
}
