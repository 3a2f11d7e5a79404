/**
 * kube-apiserver v1.33 as it starts normally with kubeadm's flags. The sequence and texts are
 * those of a real v1.33.2 kubeadm control plane restarting (`crictl logs` of kube-apiserver,
 * pasted in a public troubleshooting note): options, admission, storage, the API groups it
 * installs (and the alpha/beta versions it skips), its secure port, the controllers of the
 * generic server, the aggregator and the apiextensions server, their caches, then the endpoint
 * reconciler and the first quota evaluators. Line references are v1.33's; the start-up lines
 * shared with its failures come from control-plane-processes.ts.
 *
 * A first start (what `kubeadm init` starts: no Node registered yet) also creates what a new
 * cluster needs: the system PriorityClasses (pkg/registry/scheduling/rest/storage_scheduling.go)
 * and the `kubernetes` Service's ClusterIP, then kubeadm's kube-dns Service. Its RBAC bootstrap
 * lines (storage_rbac.go, one per default role) are left out: their v1.33 source lines could not
 * be checked. So are the lines that depend on what clients do later, except the ClusterIP
 * allocator's periodic resync (every 10 minutes, bounded to a day of lines).
 */
import type { Narrator, NarrationContext } from './index';
import type { ProcessLine } from '../control-plane-processes';
import { apiServerStartLines, flagOf, MUTATING, VALIDATING } from '../control-plane-processes';
import { staticPodNarrator } from './static-pod';
import { KlogTimeline, q } from './timeline';
import { clusterHasRun } from './cluster-state';
import { apiServerServingOffsetMs } from './api-wait';

/** The validating admission policy source whose cache the API server's admission waits for. */
const POLICY_SOURCE = '*generic.policySource[*k8s.io/api/admissionregistration/v1.ValidatingAdmissionPolicy,*k8s.io/api/admissionregistration/v1.ValidatingAdmissionPolicyBinding,k8s.io/apiserver/pkg/admission/plugin/policy/validating.Validator]';

/**
 * The API groups v1.33 installs, in its order, each with the versions it skips because none of
 * their resources is enabled by default (genericapiserver.go:778). The core group ("") comes
 * before, its alpha groups in between (apis.go:112).
 */
const GROUPS: Array<[string, string[]]> = [
  ['authentication.k8s.io v1', ['authentication.k8s.io/v1beta1', 'authentication.k8s.io/v1alpha1']],
  ['authorization.k8s.io v1', ['authorization.k8s.io/v1beta1']],
  ['autoscaling v2', []],
  ['autoscaling v1', ['autoscaling/v2beta1', 'autoscaling/v2beta2']],
  ['batch v1', ['batch/v1beta1']],
  ['certificates.k8s.io v1', ['certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1']],
  ['coordination.k8s.io v1', ['coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1alpha2']],
  ['discovery.k8s.io v1', ['discovery.k8s.io/v1beta1']],
  ['networking.k8s.io v1', ['networking.k8s.io/v1beta1', 'networking.k8s.io/v1alpha1']],
  ['node.k8s.io v1', ['node.k8s.io/v1beta1', 'node.k8s.io/v1alpha1']],
  ['policy v1', ['policy/v1beta1']],
  ['rbac.authorization.k8s.io v1', ['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1']],
  ['scheduling.k8s.io v1', ['scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1alpha1']],
  ['storage.k8s.io v1', ['storage.k8s.io/v1beta1', 'storage.k8s.io/v1alpha1']],
  ['flowcontrol.apiserver.k8s.io v1', ['flowcontrol.apiserver.k8s.io/v1beta3', 'flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta1']],
  ['apps v1', ['apps/v1beta2', 'apps/v1beta1']],
  ['admissionregistration.k8s.io v1', ['admissionregistration.k8s.io/v1beta1', 'admissionregistration.k8s.io/v1alpha1']],
  ['events.k8s.io v1', ['events.k8s.io/v1beta1']],
  ['apiregistration.k8s.io v1', ['apiregistration.k8s.io/v1beta1']],
];

/** The n-th address of an IPv4 CIDR (the kubernetes Service takes the first, kubeadm's DNS the tenth). */
function nthAddress(cidr: string, n: number): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr.trim());
  if (!m) return undefined;
  const base = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const ip = (base + n) >>> 0;
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

/** Admission is kubeadm's (NodeRestriction on top of the defaults): the plugin lists printed are v1.33's for it. */
function kubeadmAdmission(argv: readonly string[]): boolean {
  return (flagOf(argv, 'enable-admission-plugins') ?? 'NodeRestriction') === 'NodeRestriction' && !flagOf(argv, 'disable-admission-plugins');
}

const DAY_MS = 24 * 3600_000;

/** The group versions of the stored CustomResourceDefinitions ("crd.projectcalico.org v1"), each once. */
function customGroupVersions(ctx: NarrationContext): string[] {
  const r = ctx.cluster.apiServer.request({ verb: 'list', group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', readOnly: true });
  if (r.code !== 200) return [];
  const gvs = new Set<string>();
  for (const crd of (r.body as { items?: Array<{ spec?: { group?: string; versions?: Array<{ name?: string; served?: boolean }> } }> }).items ?? []) {
    for (const v of crd.spec?.versions ?? []) if (v.served !== false && crd.spec?.group && v.name) gvs.add(`${crd.spec.group} ${v.name}`);
  }
  return [...gvs];
}

export function apiServerLines(ctx: NarrationContext, argv: readonly string[], version: string): ProcessLine[] {
  const t = new KlogTimeline(ctx.startedAt, 488);
  const first = !clusterHasRun(ctx.cluster);
  const advertise = flagOf(argv, 'advertise-address') ?? ctx.machine.ip;
  const bind = flagOf(argv, 'bind-address') ?? '0.0.0.0';
  const port = flagOf(argv, 'secure-port') ?? '6443';
  const serving = bind === '0.0.0.0' || bind === '::' ? `[::]:${port}` : bind.includes(':') ? `[${bind}]:${port}` : `${bind}:${port}`;
  const clientCa = flagOf(argv, 'client-ca-file');
  const requestHeaderCa = flagOf(argv, 'requestheader-client-ca-file');
  const servingCert = `${flagOf(argv, 'tls-cert-file') ?? ''}::${flagOf(argv, 'tls-private-key-file') ?? ''}`;
  const proxyCert = `${flagOf(argv, 'proxy-client-cert-file') ?? ''}::${flagOf(argv, 'proxy-client-key-file') ?? ''}`;
  const serviceCidrs = (flagOf(argv, 'service-cluster-ip-range') ?? '10.0.0.0/24').split(',').map((c) => c.trim()).filter(Boolean);

  apiServerStartLines(argv, version, (offsetMs, level, source, msg) => t.log(offsetMs, level, source, msg));
  // The storage dials etcd: a first start waits for the etcd that starts with it.
  const d = first ? 1200 : 0;
  if (kubeadmAdmission(argv)) {
    t.info(d + 271, 'plugins.go:157', `Loaded 14 mutating admission controller(s) successfully in the following order: ${MUTATING}.`);
    t.info(d + 271, 'plugins.go:160', `Loaded 13 validating admission controller(s) successfully in the following order: ${VALIDATING}.`);
  }
  t.info(d + 272, 'instance.go:233', 'Using reconciler: lease');
  t.info(d + 272, 'shared_informer.go:350', `"Waiting for caches to sync" controller="node_authorizer"`);
  t.info(d + 273, 'shared_informer.go:350', `"Waiting for caches to sync" controller=${q(POLICY_SOURCE)}`);
  t.info(d + 317, 'handler.go:288', 'Adding GroupVersion apiextensions.k8s.io v1 to ResourceManager');
  t.log(d + 317, 'W', 'genericapiserver.go:778', 'Skipping API apiextensions.k8s.io/v1beta1 because it has no resources.');
  t.info(d + 347, 'cidrallocator.go:197', 'starting ServiceCIDR Allocator Controller');
  t.info(d + 490, 'handler.go:288', 'Adding GroupVersion  v1 to ResourceManager');
  t.info(d + 491, 'apis.go:112', 'API group "internal.apiserver.k8s.io" is not enabled, skipping.');
  t.info(d + 682, 'apis.go:112', 'API group "storagemigration.k8s.io" is not enabled, skipping.');
  t.info(d + 770, 'apis.go:112', 'API group "resource.k8s.io" is not enabled, skipping.');
  let at = d + 791;
  for (const [group, skipped] of GROUPS) {
    t.info(at, 'handler.go:288', `Adding GroupVersion ${group} to ResourceManager`);
    for (const gv of skipped) t.log(at, 'W', 'genericapiserver.go:778', `Skipping API ${gv} because it has no resources.`);
    at += 2;
  }
  const s = apiServerServingOffsetMs(first);
  t.info(s, 'secure_serving.go:211', `Serving securely on ${serving}`);
  if (requestHeaderCa) t.info(s, 'dynamic_cafile_content.go:161', `"Starting controller" name=${q(`request-header::${requestHeaderCa}`)}`);
  t.info(s, 'dynamic_serving_content.go:135', `"Starting controller" name=${q(`serving-cert::${servingCert}`)}`);
  t.info(s + 1, 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"');
  t.info(s + 4, 'gc_controller.go:78', 'Starting apiserver lease garbage collector');
  t.info(s + 5, 'controller.go:119', 'Starting legacy_token_tracking_controller');
  t.info(s + 5, 'shared_informer.go:350', '"Waiting for caches to sync" controller="configmaps"');
  t.info(s + 5, 'controller.go:80', 'Starting OpenAPI V3 AggregationController');
  t.info(s + 6, 'apf_controller.go:377', 'Starting API Priority and Fairness config controller');
  t.info(s + 6, 'system_namespaces_controller.go:66', 'Starting system namespaces controller');
  t.info(s + 6, 'cluster_authentication_trust_controller.go:459', 'Starting cluster_authentication_trust_controller controller');
  t.info(s + 6, 'shared_informer.go:350', '"Waiting for caches to sync" controller="cluster_authentication_trust_controller"');
  t.info(s + 7, 'customresource_discovery_controller.go:294', 'Starting DiscoveryController');
  if (proxyCert !== '::') t.info(s + 7, 'dynamic_serving_content.go:135', `"Starting controller" name=${q(`aggregator-proxy-cert::${proxyCert}`)}`);
  t.info(s + 7, 'local_available_controller.go:156', 'Starting LocalAvailability controller');
  t.info(s + 7, 'cache.go:32', 'Waiting for caches to sync for LocalAvailability controller');
  t.info(s + 7, 'remote_available_controller.go:411', 'Starting RemoteAvailability controller');
  t.info(s + 7, 'cache.go:32', 'Waiting for caches to sync for RemoteAvailability controller');
  t.info(s + 7, 'apiservice_controller.go:100', 'Starting APIServiceRegistrationController');
  t.info(s + 7, 'cache.go:32', 'Waiting for caches to sync for APIServiceRegistrationController controller');
  t.info(s + 7, 'aggregator.go:169', 'waiting for initial CRD sync...');
  t.info(s + 7, 'controller.go:78', 'Starting OpenAPI AggregationController');
  if (clientCa) t.info(s + 7, 'dynamic_cafile_content.go:161', `"Starting controller" name=${q(`client-ca-bundle::${clientCa}`)}`);
  t.info(s + 22, 'default_servicecidr_controller.go:110', 'Starting kubernetes-service-cidr-controller');
  t.info(s + 23, 'shared_informer.go:350', '"Waiting for caches to sync" controller="kubernetes-service-cidr-controller"');
  t.info(s + 23, 'repairip.go:200', 'Starting ipallocator-repair-controller');
  t.info(s + 23, 'shared_informer.go:350', '"Waiting for caches to sync" controller="ipallocator-repair-controller"');
  // The authenticators of the secure port watch their CA files too.
  if (clientCa) t.info(s + 23, 'dynamic_cafile_content.go:161', `"Starting controller" name=${q(`client-ca-bundle::${clientCa}`)}`);
  if (requestHeaderCa) t.info(s + 23, 'dynamic_cafile_content.go:161', `"Starting controller" name=${q(`request-header::${requestHeaderCa}`)}`);
  t.info(s + 23, 'controller.go:142', 'Starting OpenAPI controller');
  t.info(s + 23, 'controller.go:90', 'Starting OpenAPI V3 controller');
  t.info(s + 23, 'naming_controller.go:299', 'Starting NamingConditionController');
  t.info(s + 23, 'establishing_controller.go:81', 'Starting EstablishingController');
  t.info(s + 23, 'nonstructuralschema_controller.go:195', 'Starting NonStructuralSchemaConditionController');
  t.info(s + 23, 'apiapproval_controller.go:189', 'Starting KubernetesAPIApprovalPolicyConformantConditionController');
  t.info(s + 23, 'crd_finalizer.go:269', 'Starting CRDFinalizer');
  t.info(s + 23, 'crdregistration_controller.go:114', 'Starting crd-autoregister controller');
  t.info(s + 23, 'shared_informer.go:350', '"Waiting for caches to sync" controller="crd-autoregister"');
  t.info(s + 177, 'shared_informer.go:357', `"Caches are synced" controller=${q(POLICY_SOURCE)}`);
  t.info(s + 177, 'policy_source.go:240', 'refreshing policies');
  t.info(s + 177, 'shared_informer.go:357', '"Caches are synced" controller="node_authorizer"');
  t.info(s + 206, 'shared_informer.go:357', '"Caches are synced" controller="configmaps"');
  t.info(s + 207, 'shared_informer.go:357', '"Caches are synced" controller="cluster_authentication_trust_controller"');
  t.info(s + 207, 'apf_controller.go:382', 'Running API Priority and Fairness config worker');
  t.info(s + 207, 'apf_controller.go:385', 'Running API Priority and Fairness periodic rebalancing process');
  // The apiextensions server serves the stored CustomResourceDefinitions as their informer fills.
  for (const gv of customGroupVersions(ctx)) t.info(s + 207, 'handler.go:288', `Adding GroupVersion ${gv} to ResourceManager`);
  t.info(s + 208, 'cache.go:39', 'Caches are synced for APIServiceRegistrationController controller');
  t.info(s + 212, 'cache.go:39', 'Caches are synced for LocalAvailability controller');
  t.info(s + 212, 'cache.go:39', 'Caches are synced for RemoteAvailability controller');
  t.info(s + 212, 'handler_discovery.go:451', 'Starting ResourceDiscoveryManager');
  t.info(s + 224, 'shared_informer.go:357', '"Caches are synced" controller="crd-autoregister"');
  t.info(s + 225, 'shared_informer.go:357', '"Caches are synced" controller="kubernetes-service-cidr-controller"');
  t.info(s + 225, 'default_servicecidr_controller.go:136', 'Shutting down kubernetes-service-cidr-controller');
  t.info(s + 241, 'shared_informer.go:357', '"Caches are synced" controller="ipallocator-repair-controller"');
  t.info(s + 257, 'aggregator.go:171', 'initial CRD sync complete...');
  t.info(s + 257, 'autoregister_controller.go:144', 'Starting autoregister controller');
  t.info(s + 257, 'cache.go:32', 'Waiting for caches to sync for autoregister controller');
  t.info(s + 257, 'cache.go:39', 'Caches are synced for autoregister controller');
  t.info(s + 277, 'controller.go:667', 'quota admission added evaluator for: leases.coordination.k8s.io');
  for (const cidr of serviceCidrs) t.info(s + 278, 'cidrallocator.go:301', `created ClusterIP allocator for Service CIDR ${cidr}`);
  if (first) {
    // The post-start hooks create what a new cluster needs.
    t.info(s + 402, 'controller.go:667', 'quota admission added evaluator for: namespaces');
    t.info(s + 1003, 'storage_scheduling.go:95', 'created PriorityClass system-node-critical with value 2000001000');
    t.info(s + 1011, 'storage_scheduling.go:95', 'created PriorityClass system-cluster-critical with value 2000000000');
  }
  t.info(s + 1016, 'storage_scheduling.go:111', 'all system priority classes are created successfully or already exist.');
  const kubernetesIp = nthAddress(serviceCidrs[0] ?? '', 1);
  if (first && kubernetesIp) t.info(s + 1198, 'alloc.go:328', `"allocated clusterIPs" service="default/kubernetes" clusterIPs={"IPv4":${q(kubernetesIp)}}`);
  t.log(s + 1221, 'W', 'lease.go:265', `Resetting endpoints for master service "kubernetes" to [${advertise}]`);
  t.info(s + 1222, 'controller.go:667', 'quota admission added evaluator for: endpoints');
  t.info(s + 1228, 'controller.go:667', 'quota admission added evaluator for: endpointslices.discovery.k8s.io');
  if (first) {
    // kubeadm's phases once the control plane answers: its RBAC, its addons (CoreDNS, kube-proxy).
    t.info(s + 4107, 'controller.go:667', 'quota admission added evaluator for: serviceaccounts');
    t.info(s + 9431, 'controller.go:667', 'quota admission added evaluator for: deployments.apps');
    const dnsIp = nthAddress(serviceCidrs[0] ?? '', 10);
    if (dnsIp) t.info(s + 9477, 'alloc.go:328', `"allocated clusterIPs" service="kube-system/kube-dns" clusterIPs={"IPv4":${q(dnsIp)}}`);
    t.info(s + 9562, 'controller.go:667', 'quota admission added evaluator for: daemonsets.apps');
    t.info(s + 14383, 'controller.go:667', 'quota admission added evaluator for: controllerrevisions.apps');
    t.info(s + 14492, 'controller.go:667', 'quota admission added evaluator for: replicasets.apps');
  }
  // The controller manager's ServiceCIDR controller updates the ServiceCIDR's status, then the
  // allocator's informer resyncs every 10 minutes.
  for (const cidr of serviceCidrs) t.info(s + 19622, 'cidrallocator.go:277', `updated ClusterIP allocator for Service CIDR ${cidr}`);
  for (let n = 1; n * 600_000 <= DAY_MS; n++) for (const cidr of serviceCidrs) t.info(n * 600_000 + 1302, 'cidrallocator.go:277', `updated ClusterIP allocator for Service CIDR ${cidr}`);
  return t.lines;
}

export const KUBE_APISERVER_NARRATOR: Narrator = staticPodNarrator('kube-apiserver', /^v1\.33\./, apiServerLines);
