/**
 * The default RBAC policy of kube-apiserver v1.33 as data (facts of plugin/pkg/auth/authorizer/
 * rbac/bootstrappolicy: policy.go, controller_policy.go, namespace_policy.go and their testdata).
 *
 * A rule is written `verbs|apiGroups|resources` (comma-separated lists, '' for the core group)
 * with an optional `|resourceNames`, or `verbs|@|nonResourceURLs` for non-resource URLs.
 */

const EVENTS = 'create,patch,update|,events.k8s.io|events';
const READ = 'get,list,watch';

export interface RoleData {
  name: string;
  rules: string[];
  /** Extra labels (aggregate-to-*). */
  labels?: Record<string, string>;
  /** Roles whose aggregationRule selects this label (admin/edit/view). */
  aggregateFrom?: string;
}

export interface BindingData {
  name: string;
  role: string;
  roleKind?: 'ClusterRole' | 'Role';
  /** `User:name`, `Group:name`, `ServiceAccount:namespace/name`; none for system:node. */
  subjects: string[];
}

const AGG = (to: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true' });

export const CLUSTER_ROLES: RoleData[] = [
  { name: 'admin', rules: [], aggregateFrom: 'admin' },
  { name: 'cluster-admin', rules: ['*|*|*', '*|@|*'] },
  { name: 'edit', rules: [], aggregateFrom: 'edit', labels: AGG('admin') },
  {
    name: 'system:aggregate-to-admin',
    labels: AGG('admin'),
    rules: ['create|authorization.k8s.io|localsubjectaccessreviews', 'create,delete,deletecollection,get,list,patch,update,watch|rbac.authorization.k8s.io|rolebindings,roles'],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: AGG('edit'),
    rules: [
      `${READ}||pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy`,
      'impersonate||serviceaccounts',
      'create,delete,deletecollection,patch,update||pods,pods/attach,pods/exec,pods/portforward,pods/proxy',
      'create||pods/eviction',
      'create,delete,deletecollection,patch,update||configmaps,events,persistentvolumeclaims,replicationcontrollers,replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy',
      'create||serviceaccounts/token',
      'create,delete,deletecollection,patch,update|apps|daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,replicasets/scale,statefulsets,statefulsets/scale',
      'create,delete,deletecollection,patch,update|autoscaling|horizontalpodautoscalers',
      'create,delete,deletecollection,patch,update|batch|cronjobs,jobs',
      'create,delete,deletecollection,patch,update|extensions|daemonsets,deployments,deployments/rollback,deployments/scale,ingresses,networkpolicies,replicasets,replicasets/scale,replicationcontrollers/scale',
      'create,delete,deletecollection,patch,update|policy|poddisruptionbudgets',
      'create,delete,deletecollection,patch,update|networking.k8s.io|ingresses,networkpolicies',
      'create,delete,deletecollection,get,list,patch,update,watch|coordination.k8s.io|leases',
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: AGG('view'),
    rules: [
      `${READ}||configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status`,
      `${READ}||bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status`,
      `${READ}||namespaces`,
      `${READ}|discovery.k8s.io|endpointslices`,
      `${READ}|apps|controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status`,
      `${READ}|autoscaling|horizontalpodautoscalers,horizontalpodautoscalers/status`,
      `${READ}|batch|cronjobs,cronjobs/status,jobs,jobs/status`,
      `${READ}|extensions|daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,networkpolicies,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale`,
      `${READ}|policy|poddisruptionbudgets,poddisruptionbudgets/status`,
      `${READ}|networking.k8s.io|ingresses,ingresses/status,networkpolicies`,
    ],
  },
  { name: 'system:auth-delegator', rules: ['create|authentication.k8s.io|tokenreviews', 'create|authorization.k8s.io|subjectaccessreviews'] },
  { name: 'system:basic-user', rules: ['create|authorization.k8s.io|selfsubjectaccessreviews,selfsubjectrulesreviews', 'create|authentication.k8s.io|selfsubjectreviews'] },
  { name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', rules: ['create|certificates.k8s.io|certificatesigningrequests/nodeclient'] },
  { name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', rules: ['create|certificates.k8s.io|certificatesigningrequests/selfnodeclient'] },
  { name: 'system:certificates.k8s.io:kube-apiserver-client-approver', rules: ['approve|certificates.k8s.io|signers|kubernetes.io/kube-apiserver-client'] },
  { name: 'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver', rules: ['approve|certificates.k8s.io|signers|kubernetes.io/kube-apiserver-client-kubelet'] },
  { name: 'system:certificates.k8s.io:kubelet-serving-approver', rules: ['approve|certificates.k8s.io|signers|kubernetes.io/kubelet-serving'] },
  { name: 'system:certificates.k8s.io:legacy-unknown-approver', rules: ['approve|certificates.k8s.io|signers|kubernetes.io/legacy-unknown'] },
  { name: 'system:discovery', rules: ['get|@|/api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,/openapi/*,/readyz,/version,/version/'] },
  { name: 'system:heapster', rules: [`${READ}||events,namespaces,nodes,pods`, `${READ}|extensions|deployments`] },
  { name: 'system:kube-aggregator', rules: [`${READ}||endpoints,services`] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      EVENTS,
      'create|coordination.k8s.io|leases',
      'get,update|coordination.k8s.io|leases|kube-controller-manager',
      'create||secrets,serviceaccounts',
      'delete||secrets',
      'get||configmaps,namespaces,secrets,serviceaccounts',
      'update||secrets,serviceaccounts',
      'create|authentication.k8s.io|tokenreviews',
      'create|authorization.k8s.io|subjectaccessreviews',
      'list,watch|*|*',
      'create||serviceaccounts/token',
    ],
  },
  { name: 'system:kube-dns', rules: ['list,watch||endpoints,services'] },
  {
    name: 'system:kube-scheduler',
    rules: [
      EVENTS,
      'create|coordination.k8s.io|leases',
      'get,update|coordination.k8s.io|leases|kube-scheduler',
      `${READ}||nodes`,
      'delete,get,list,watch||pods',
      'create||bindings,pods/binding',
      'patch,update||pods/status',
      `${READ}||replicationcontrollers,services`,
      `${READ}|apps,extensions|replicasets`,
      `${READ}|apps|statefulsets`,
      `${READ}|policy|poddisruptionbudgets`,
      `${READ}||persistentvolumeclaims,persistentvolumes`,
      'create|authentication.k8s.io|tokenreviews',
      'create|authorization.k8s.io|subjectaccessreviews',
      `${READ}|storage.k8s.io|csinodes`,
      `${READ}||namespaces`,
      `${READ}|storage.k8s.io|csidrivers`,
      `${READ}|storage.k8s.io|csistoragecapacities`,
    ],
  },
  { name: 'system:kubelet-api-admin', rules: [`${READ}||nodes`, 'proxy||nodes', '*||nodes/log,nodes/metrics,nodes/proxy,nodes/stats'] },
  { name: 'system:monitoring', rules: ['get|@|/healthz,/healthz/*,/livez,/livez/*,/metrics,/metrics/slis,/readyz,/readyz/*'] },
  { name: 'system:node', rules: [] /* filled from NODE_RULES below */ },
  { name: 'system:node-bootstrapper', rules: ['create,get,list,watch|certificates.k8s.io|certificatesigningrequests'] },
  { name: 'system:node-problem-detector', rules: ['get||nodes', 'patch||nodes/status', EVENTS] },
  { name: 'system:node-proxier', rules: ['list,watch||endpoints,services', `${READ}||nodes`, EVENTS, 'list,watch|discovery.k8s.io|endpointslices'] },
  {
    name: 'system:persistent-volume-provisioner',
    rules: ['create,delete,get,list,watch||persistentvolumes', 'get,list,update,watch||persistentvolumeclaims', `${READ}|storage.k8s.io|storageclasses`, 'watch||events', EVENTS],
  },
  { name: 'system:public-info-viewer', rules: ['get|@|/healthz,/livez,/readyz,/version,/version/'] },
  { name: 'system:service-account-issuer-discovery', rules: ['get|@|/.well-known/openid-configuration,/.well-known/openid-configuration/,/openid/v1/jwks,/openid/v1/jwks/'] },
  { name: 'system:volume-scheduler', rules: ['get,list,patch,update,watch||persistentvolumes', `${READ}|storage.k8s.io|storageclasses`, 'get,list,patch,update,watch||persistentvolumeclaims'] },
  { name: 'view', rules: [], aggregateFrom: 'view', labels: AGG('edit') },
];

/** What the Node authorizer allows a kubelet (NodeRules()), also the rules of ClusterRole system:node. */
export const NODE_RULES: string[] = [
  'create|authentication.k8s.io|tokenreviews',
  'create|authorization.k8s.io|localsubjectaccessreviews,subjectaccessreviews',
  `${READ}||services`,
  'create,get,list,watch||nodes',
  'patch,update||nodes/status',
  'patch,update||nodes',
  'create,patch,update||events',
  `${READ}||pods`,
  'create,delete||pods',
  'patch,update||pods/status',
  'create||pods/eviction',
  `${READ}||configmaps,secrets`,
  'get||persistentvolumeclaims,persistentvolumes',
  'get||endpoints',
  'create,get,list,watch|certificates.k8s.io|certificatesigningrequests',
  'create,delete,get,patch,update|coordination.k8s.io|leases',
  'get|storage.k8s.io|volumeattachments',
  'create||serviceaccounts/token',
  'get,patch,update||persistentvolumeclaims/status',
  `${READ}|storage.k8s.io|csidrivers`,
  'create,delete,get,patch,update|storage.k8s.io|csinodes',
  `${READ}|node.k8s.io|runtimeclasses`,
];

/** system:controller:<name> roles, one per controller loop (kube-controller-manager --use-service-account-credentials). */
export const CONTROLLER_ROLES: RoleData[] = [
  {
    name: 'attachdetach-controller',
    rules: ['list,watch||persistentvolumeclaims,persistentvolumes', `${READ}||nodes`, 'patch,update||nodes/status', 'list,watch||pods', EVENTS, 'create,delete,get,list,watch|storage.k8s.io|volumeattachments', `${READ}|storage.k8s.io|csidrivers`, `${READ}|storage.k8s.io|csinodes`],
  },
  {
    name: 'certificate-controller',
    rules: [
      'delete,get,list,watch|certificates.k8s.io|certificatesigningrequests',
      'update|certificates.k8s.io|certificatesigningrequests/approval,certificatesigningrequests/status',
      'approve|certificates.k8s.io|signers|kubernetes.io/kube-apiserver-client-kubelet',
      'sign|certificates.k8s.io|signers|kubernetes.io/kube-apiserver-client,kubernetes.io/kube-apiserver-client-kubelet,kubernetes.io/kubelet-serving,kubernetes.io/legacy-unknown',
      'create|authorization.k8s.io|subjectaccessreviews',
      EVENTS,
    ],
  },
  { name: 'clusterrole-aggregation-controller', rules: ['escalate,get,list,patch,update,watch|rbac.authorization.k8s.io|clusterroles'] },
  {
    name: 'cronjob-controller',
    rules: ['get,list,update,watch|batch|cronjobs', 'create,delete,get,list,patch,update,watch|batch|jobs', 'update|batch|cronjobs/status', 'update|batch|cronjobs/finalizers', 'delete,list,watch||pods', EVENTS],
  },
  {
    name: 'daemon-set-controller',
    rules: [
      `${READ}|apps,extensions|daemonsets`,
      'update|apps,extensions|daemonsets/status',
      'update|apps,extensions|daemonsets/finalizers',
      'list,watch||nodes',
      'create,delete,list,patch,watch||pods',
      'create||pods/binding',
      'create,delete,get,list,patch,update,watch|apps|controllerrevisions',
      EVENTS,
    ],
  },
  {
    name: 'deployment-controller',
    rules: ['get,list,update,watch|apps,extensions|deployments', 'update|apps,extensions|deployments/status', 'update|apps,extensions|deployments/finalizers', 'create,delete,get,list,patch,update,watch|apps,extensions|replicasets', 'get,list,update,watch||pods', EVENTS],
  },
  {
    name: 'disruption-controller',
    rules: [
      `${READ}|apps,extensions|deployments`,
      `${READ}|apps,extensions|replicasets`,
      `${READ}||replicationcontrollers`,
      `${READ}|policy|poddisruptionbudgets`,
      `${READ}|apps|statefulsets`,
      'update|policy|poddisruptionbudgets/status',
      'patch,update||pods/status',
      'get|*|*/scale',
      EVENTS,
    ],
  },
  { name: 'endpoint-controller', rules: [`${READ}||pods,services`, 'create,delete,get,list,update,watch||endpoints', 'create||endpoints/restricted', EVENTS] },
  { name: 'endpointslice-controller', rules: [`${READ}||nodes,pods,services`, 'update||services/finalizers', 'create,delete,get,list,update,watch|discovery.k8s.io|endpointslices', EVENTS] },
  {
    name: 'endpointslicemirroring-controller',
    rules: [`${READ}||endpoints,services`, 'update||services/finalizers', 'update||endpoints/finalizers', 'create,delete,get,list,update,watch|discovery.k8s.io|endpointslices', EVENTS],
  },
  { name: 'ephemeral-volume-controller', rules: [`${READ}||pods`, 'update||pods/finalizers', 'create,get,list,watch||persistentvolumeclaims', EVENTS] },
  { name: 'expand-controller', rules: ['get,list,patch,update,watch||persistentvolumes', 'patch,update||persistentvolumeclaims/status', `${READ}||persistentvolumeclaims`, EVENTS] },
  { name: 'generic-garbage-collector', rules: ['delete,get,list,patch,update,watch|*|*', EVENTS] },
  {
    name: 'horizontal-pod-autoscaler',
    rules: [
      `${READ}|autoscaling|horizontalpodautoscalers`,
      'update|autoscaling|horizontalpodautoscalers/status',
      'get,update|*|*/scale',
      'list,watch||pods',
      'list,watch|metrics.k8s.io|pods',
      `${READ}|custom.metrics.k8s.io|*`,
      `${READ}|external.metrics.k8s.io|*`,
      EVENTS,
    ],
  },
  { name: 'job-controller', rules: ['get,list,patch,update,watch|batch|jobs', 'update|batch|jobs/status', 'update|batch|jobs/finalizers', 'create,delete,list,patch,watch||pods', EVENTS] },
  { name: 'legacy-service-account-token-cleaner', rules: ['get||configmaps|kube-apiserver-legacy-service-account-token-tracking', 'delete,patch||secrets'] },
  { name: 'namespace-controller', rules: ['delete,get,list,watch||namespaces', 'update||namespaces/finalize,namespaces/status', 'delete,deletecollection,get,list,watch|*|*'] },
  { name: 'node-controller', rules: ['delete,get,list,patch,update,watch||nodes', 'patch,update||nodes/status', 'patch,update||pods/status', 'delete,get,list,watch||pods', EVENTS] },
  {
    name: 'persistent-volume-binder',
    rules: [
      'create,delete,get,list,update,watch||persistentvolumes',
      'update||persistentvolumes/status',
      'get,list,update,watch||persistentvolumeclaims',
      'update||persistentvolumeclaims/status',
      'create,delete,get,list,watch||pods',
      `${READ}|storage.k8s.io|storageclasses`,
      'list,watch||nodes',
      EVENTS,
      'watch||events',
    ],
  },
  { name: 'pod-garbage-collector', rules: ['delete,list,watch||pods', `${READ}||nodes`, 'patch||pods/status'] },
  { name: 'pv-protection-controller', rules: ['get,list,update,watch||persistentvolumes', EVENTS] },
  { name: 'pvc-protection-controller', rules: ['get,list,update,watch||persistentvolumeclaims', 'update||persistentvolumeclaims/status', `${READ}||pods`, EVENTS] },
  { name: 'replicaset-controller', rules: ['get,list,update,watch|apps,extensions|replicasets', 'update|apps,extensions|replicasets/status', 'update|apps,extensions|replicasets/finalizers', 'create,delete,list,patch,watch||pods', EVENTS] },
  { name: 'replication-controller', rules: ['get,list,update,watch||replicationcontrollers', 'update||replicationcontrollers/status', 'update||replicationcontrollers/finalizers', 'create,delete,list,patch,watch||pods', EVENTS] },
  { name: 'resourcequota-controller', rules: ['list,watch|*|*', 'update||resourcequotas/status', EVENTS] },
  { name: 'root-ca-cert-publisher', rules: ['create,update||configmaps', EVENTS] },
  { name: 'route-controller', rules: ['list,watch||nodes', 'patch||nodes/status', EVENTS] },
  { name: 'selinux-warning-controller', rules: [EVENTS, `${READ}||persistentvolumes`, `${READ}||persistentvolumeclaims`, `${READ}||pods`, `${READ}|storage.k8s.io|csidrivers`] },
  { name: 'service-account-controller', rules: ['create||serviceaccounts', EVENTS] },
  {
    name: 'service-cidrs-controller',
    rules: ['get,list,patch,update,watch|networking.k8s.io|servicecidrs', 'patch,update|networking.k8s.io|servicecidrs/finalizers', 'patch,update|networking.k8s.io|servicecidrs/status', `${READ}|networking.k8s.io|ipaddresses`, EVENTS],
  },
  { name: 'service-controller', rules: [`${READ}||services`, 'patch,update||services/status', 'list,watch||nodes', EVENTS] },
  {
    name: 'statefulset-controller',
    rules: [
      'list,watch||pods',
      `${READ}|apps|statefulsets`,
      'update|apps|statefulsets/status',
      'update|apps|statefulsets/finalizers',
      'create,delete,get,patch,update||pods',
      'create,delete,get,list,patch,update,watch|apps|controllerrevisions',
      'create,get,list,watch||persistentvolumeclaims',
      'delete,update||persistentvolumeclaims',
      'update||pods/finalizers',
      EVENTS,
    ],
  },
  { name: 'ttl-after-finished-controller', rules: ['delete,get,list,watch|batch|jobs', EVENTS] },
  { name: 'ttl-controller', rules: ['list,patch,update,watch||nodes', EVENTS] },
  {
    name: 'validatingadmissionpolicy-status-controller',
    rules: [`${READ}|admissionregistration.k8s.io|validatingadmissionpolicies`, 'get,patch,update|admissionregistration.k8s.io|validatingadmissionpolicies/status', EVENTS],
  },
];

export const CLUSTER_ROLE_BINDINGS: BindingData[] = [
  { name: 'cluster-admin', role: 'cluster-admin', subjects: ['Group:system:masters'] },
  { name: 'system:basic-user', role: 'system:basic-user', subjects: ['Group:system:authenticated'] },
  { name: 'system:discovery', role: 'system:discovery', subjects: ['Group:system:authenticated'] },
  { name: 'system:kube-controller-manager', role: 'system:kube-controller-manager', subjects: ['User:system:kube-controller-manager'] },
  { name: 'system:kube-dns', role: 'system:kube-dns', subjects: ['ServiceAccount:kube-system/kube-dns'] },
  { name: 'system:kube-scheduler', role: 'system:kube-scheduler', subjects: ['User:system:kube-scheduler'] },
  { name: 'system:monitoring', role: 'system:monitoring', subjects: ['Group:system:monitoring'] },
  { name: 'system:node', role: 'system:node', subjects: [] },
  { name: 'system:node-proxier', role: 'system:node-proxier', subjects: ['User:system:kube-proxy'] },
  { name: 'system:public-info-viewer', role: 'system:public-info-viewer', subjects: ['Group:system:authenticated', 'Group:system:unauthenticated'] },
  { name: 'system:service-account-issuer-discovery', role: 'system:service-account-issuer-discovery', subjects: ['Group:system:serviceaccounts'] },
  { name: 'system:volume-scheduler', role: 'system:volume-scheduler', subjects: ['User:system:kube-scheduler'] },
];

/** Roles and RoleBindings the server creates in kube-system and kube-public. */
export const NAMESPACE_ROLES: (RoleData & { namespace: string })[] = [
  { namespace: 'kube-system', name: 'extension-apiserver-authentication-reader', rules: [`${READ}||configmaps|extension-apiserver-authentication`] },
  { namespace: 'kube-system', name: 'system::leader-locking-kube-controller-manager', rules: ['watch||configmaps', 'get,update||configmaps|kube-controller-manager'] },
  { namespace: 'kube-system', name: 'system::leader-locking-kube-scheduler', rules: ['watch||configmaps', 'get,update||configmaps|kube-scheduler'] },
  { namespace: 'kube-system', name: 'system:controller:bootstrap-signer', rules: [`${READ}||secrets`] },
  { namespace: 'kube-system', name: 'system:controller:cloud-provider', rules: ['create,get,list,watch||configmaps'] },
  { namespace: 'kube-system', name: 'system:controller:token-cleaner', rules: ['delete,get,list,watch||secrets', EVENTS] },
  { namespace: 'kube-public', name: 'system:controller:bootstrap-signer', rules: [`${READ}||configmaps`, 'update||configmaps|cluster-info', EVENTS] },
];

export const NAMESPACE_ROLE_BINDINGS: (BindingData & { namespace: string })[] = [
  { namespace: 'kube-system', name: 'system::extension-apiserver-authentication-reader', role: 'extension-apiserver-authentication-reader', subjects: ['User:system:kube-controller-manager', 'User:system:kube-scheduler'] },
  { namespace: 'kube-system', name: 'system::leader-locking-kube-controller-manager', role: 'system::leader-locking-kube-controller-manager', subjects: ['ServiceAccount:kube-system/kube-controller-manager', 'User:system:kube-controller-manager'] },
  { namespace: 'kube-system', name: 'system::leader-locking-kube-scheduler', role: 'system::leader-locking-kube-scheduler', subjects: ['ServiceAccount:kube-system/kube-scheduler', 'User:system:kube-scheduler'] },
  { namespace: 'kube-system', name: 'system:controller:bootstrap-signer', role: 'system:controller:bootstrap-signer', subjects: ['ServiceAccount:kube-system/bootstrap-signer'] },
  { namespace: 'kube-system', name: 'system:controller:cloud-provider', role: 'system:controller:cloud-provider', subjects: ['ServiceAccount:kube-system/cloud-provider'] },
  { namespace: 'kube-system', name: 'system:controller:token-cleaner', role: 'system:controller:token-cleaner', subjects: ['ServiceAccount:kube-system/token-cleaner'] },
  { namespace: 'kube-public', name: 'system:controller:bootstrap-signer', role: 'system:controller:bootstrap-signer', subjects: ['ServiceAccount:kube-system/bootstrap-signer'] },
];
