/**
 * Discovery facts that the OpenAPI document does not carry: short names, categories, singular
 * names that differ from the lower-cased kind, and the etcd key prefix of each resource.
 *
 * Sources (Kubernetes v1.33):
 * - short names and categories: the REST storage of each resource, `ShortNames()` and
 *   `Categories()` in pkg/registry/<group>/<resource>/storage/storage.go (e.g.
 *   pkg/registry/core/pod/storage/storage.go: ShortNames() → ["po"], Categories() → ["all"]),
 *   staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresourcedefinition/etcd.go
 *   (["crd","crds"], ["api-extensions"]), staging/src/k8s.io/kube-aggregator/pkg/registry/apiservice/etcd/etcd.go.
 * - etcd prefixes: pkg/kubeapiserver/default_storage_factory_builder.go and each resource's
 *   DefaultQualifiedResource (nodes are stored as "minions", services under "services/specs",
 *   endpoints under "services/endpoints", ingresses under "ingress"); apiextensions and
 *   apiregistration objects and custom resources live under /registry/<group>/<resource>.
 * - group order of /apis: the kube-apiserver's group priorities (pkg/controlplane/apiserver
 *   DefaultGenericAPIServerPriorities / aggregator priorities).
 */

export interface ResourceFacts {
  shortNames?: string[];
  categories?: string[];
  singularName?: string;
  /** etcd key prefix below /registry/ when it differs from the resource name. */
  etcdPrefix?: string;
}

/** Keyed by 'group/resource' ('' group for core): the same resource shares facts across versions. */
export const RESOURCE_FACTS: Record<string, ResourceFacts> = {
  '/bindings': {},
  '/componentstatuses': { shortNames: ['cs'] },
  '/configmaps': { shortNames: ['cm'] },
  '/endpoints': { shortNames: ['ep'], singularName: 'endpoints', etcdPrefix: 'services/endpoints' },
  '/events': { shortNames: ['ev'] },
  '/limitranges': { shortNames: ['limits'] },
  '/namespaces': { shortNames: ['ns'] },
  '/nodes': { shortNames: ['no'], etcdPrefix: 'minions' },
  '/persistentvolumeclaims': { shortNames: ['pvc'] },
  '/persistentvolumes': { shortNames: ['pv'] },
  '/pods': { shortNames: ['po'], categories: ['all'] },
  '/podtemplates': {},
  '/replicationcontrollers': { shortNames: ['rc'], categories: ['all'], etcdPrefix: 'controllers' },
  '/resourcequotas': { shortNames: ['quota'] },
  '/secrets': {},
  '/serviceaccounts': { shortNames: ['sa'] },
  '/services': { shortNames: ['svc'], categories: ['all'], etcdPrefix: 'services/specs' },
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': { categories: ['api-extensions'] },
  'admissionregistration.k8s.io/validatingwebhookconfigurations': { categories: ['api-extensions'] },
  'admissionregistration.k8s.io/validatingadmissionpolicies': { categories: ['api-extensions'] },
  'admissionregistration.k8s.io/validatingadmissionpolicybindings': { categories: ['api-extensions'] },
  'apiextensions.k8s.io/customresourcedefinitions': {
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    etcdPrefix: 'apiextensions.k8s.io/customresourcedefinitions',
  },
  'apiregistration.k8s.io/apiservices': { categories: ['api-extensions'], etcdPrefix: 'apiregistration.k8s.io/apiservices' },
  'apps/daemonsets': { shortNames: ['ds'], categories: ['all'] },
  'apps/deployments': { shortNames: ['deploy'], categories: ['all'] },
  'apps/replicasets': { shortNames: ['rs'], categories: ['all'] },
  'apps/statefulsets': { shortNames: ['sts'], categories: ['all'] },
  'autoscaling/horizontalpodautoscalers': { shortNames: ['hpa'], categories: ['all'] },
  'batch/cronjobs': { shortNames: ['cj'], categories: ['all'] },
  'batch/jobs': { categories: ['all'] },
  'certificates.k8s.io/certificatesigningrequests': { shortNames: ['csr'] },
  'events.k8s.io/events': { shortNames: ['ev'] },
  'networking.k8s.io/ingresses': { shortNames: ['ing'], etcdPrefix: 'ingress' },
  'networking.k8s.io/ipaddresses': { shortNames: ['ip'] },
  'networking.k8s.io/networkpolicies': { shortNames: ['netpol'] },
  'policy/poddisruptionbudgets': { shortNames: ['pdb'] },
  'scheduling.k8s.io/priorityclasses': { shortNames: ['pc'] },
  'storage.k8s.io/storageclasses': { shortNames: ['sc'] },
};

/** Order of the groups in /apis, as a v1.33 kube-apiserver serves them. */
export const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

/** The preferred version of a group when it serves several (autoscaling serves v2 and v1). */
export const VERSION_ORDER: Record<string, string[]> = { autoscaling: ['v2', 'v1'] };

/**
 * APIService priorities of the built-in group versions (kube-aggregator: pkg/controlplane/apiserver
 * DefaultGenericAPIServicePriorities and cmd/kube-apiserver/app/aggregator.go apiVersionPriorities).
 * Groups of CustomResourceDefinitions get 1000/100 from the autoregister controller.
 */
export const APISERVICE_PRIORITIES: Record<string, [group: number, version: number]> = {
  'v1': [18000, 1],
  'apiregistration.k8s.io/v1': [18000, 15],
  'apps/v1': [17800, 15],
  'events.k8s.io/v1': [17750, 15],
  'authentication.k8s.io/v1': [17700, 15],
  'authorization.k8s.io/v1': [17600, 15],
  'autoscaling/v1': [17500, 15],
  'autoscaling/v2': [17500, 30],
  'batch/v1': [17400, 15],
  'certificates.k8s.io/v1': [17300, 15],
  'networking.k8s.io/v1': [17200, 15],
  'policy/v1': [17100, 15],
  'rbac.authorization.k8s.io/v1': [17000, 15],
  'storage.k8s.io/v1': [16800, 15],
  'admissionregistration.k8s.io/v1': [16700, 15],
  'apiextensions.k8s.io/v1': [16700, 15],
  'scheduling.k8s.io/v1': [16600, 15],
  'coordination.k8s.io/v1': [16500, 15],
  'node.k8s.io/v1': [16300, 15],
  'discovery.k8s.io/v1': [16200, 15],
  'flowcontrol.apiserver.k8s.io/v1': [16100, 21],
};
