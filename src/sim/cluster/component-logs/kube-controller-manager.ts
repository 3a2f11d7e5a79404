/**
 * kube-controller-manager v1.33 as it starts with kubeadm's flags: its secure port and the CA
 * files it watches (k8s.io/apiserver v0.33.4), the Lease kube-system/kube-controller-manager
 * (client-go v0.33.4's leader election; refused while its API server does not answer yet), then
 * its controllers. The controller lines and their v1.33 sources are those of a real v1.33.2
 * kubeadm cluster's `kubectl logs` (controllermanager.go:778 "Started controller", the CSR
 * signers, node IPAM, node lifecycle, the protection controllers, the garbage collector...).
 *
 * Left out because their v1.33 source lines could not be checked: the "Starting"/"Golang
 * settings" lines (controllermanager.go, between v1.32's 185 and v1.34's 191), the
 * "Event occurred ... became leader" line (its holder identity is the cluster's), the
 * "Starting <name> controller" line most controllers print, and the lines about controllers that
 * are disabled (cloud provider, feature gates). A real controller manager starts its controllers
 * in a random order (a Go map); this one keeps one order.
 */
import type { Narrator, NarrationContext } from './index';
import type { ProcessLine } from '../control-plane-processes';
import { flagOf } from '../control-plane-processes';
import { staticPodNarrator } from './static-pod';
import { KlogTimeline, q } from './timeline';
import { apiEndpoint, apiServingAt, leaseFreeAt } from './api-wait';
import { leadsElection, servingAddress } from './kube-scheduler';
import { registeredNodes } from './cluster-state';

/**
 * The controllers kubeadm's `--controllers=*,bootstrapsigner,tokencleaner` starts in v1.33, in
 * the order this log gives them, each with the informer caches it waits for (their names, as
 * WaitForNamedCacheSync logs them).
 */
const CONTROLLERS: Array<[string, string[]]> = [
  ['persistentvolume-protection-controller', ['PV protection']],
  ['daemonset-controller', ['daemon sets']],
  ['certificatesigningrequest-cleaner-controller', []],
  ['node-ipam-controller', ['node', 'cidrallocator']],
  ['persistentvolumeclaim-protection-controller', ['PVC protection']],
  ['ttl-after-finished-controller', ['TTL after finished']],
  ['legacy-serviceaccount-token-cleaner-controller', ['legacy-service-account-token-cleaner']],
  ['endpointslice-mirroring-controller', ['endpoint_slice_mirroring']],
  ['pod-garbage-collector-controller', ['GC']],
  ['replicaset-controller', ['ReplicaSet']],
  ['horizontal-pod-autoscaler-controller', ['HPA']],
  ['ephemeral-volume-controller', ['ephemeral']],
  ['resourcequota-controller', ['resource quota']],
  ['token-cleaner-controller', ['token_cleaner']],
  ['persistentvolume-attach-detach-controller', ['attach detach']],
  ['replicationcontroller-controller', ['ReplicationController']],
  ['job-controller', ['job']],
  ['taint-eviction-controller', ['taint-eviction-controller']],
  ['persistentvolume-expander-controller', ['expand']],
  ['serviceaccount-controller', ['service account']],
  ['statefulset-controller', ['stateful set']],
  ['certificatesigningrequest-approving-controller', ['certificate-csrapproving']],
  ['ttl-controller', ['TTL']],
  ['validatingadmissionpolicy-status-controller', ['validatingadmissionpolicy-status']],
  ['endpoints-controller', ['endpoint']],
  ['endpointslice-controller', ['endpoint_slice']],
  ['disruption-controller', ['disruption']],
  ['namespace-controller', ['namespace']],
  ['deployment-controller', ['deployment']],
  ['cronjob-controller', ['cronjob']],
  ['persistentvolume-binder-controller', ['persistent volume']],
  ['bootstrap-signer-controller', ['bootstrap_signer']],
  ['root-ca-certificate-publisher-controller', ['crt configmap']],
  ['service-cidr-controller', ['service-cidr-controller']],
  ['node-lifecycle-controller', ['taint', 'node']],
  ['certificatesigningrequest-signing-controller', ['certificate-csrsigning-kubelet-serving', 'certificate-csrsigning-kubelet-client', 'certificate-csrsigning-kube-apiserver-client', 'certificate-csrsigning-legacy-unknown']],
  ['clusterrole-aggregation-controller', ['ClusterRoleAggregator']],
  ['garbage-collector-controller', ['garbage collector']],
];

const SIGNERS = ['kubelet-serving', 'kubelet-client', 'kube-apiserver-client', 'legacy-unknown'];

/** The lines of a controller that this log knows for v1.33, printed right after it started. */
function controllerDetail(t: KlogTimeline, at: number, name: string, argv: readonly string[]): void {
  const logger = `logger=${q(name)}`;
  if (name === 'node-ipam-controller') {
    t.info(at, 'range_allocator.go:112', `"No Secondary Service CIDR provided. Skipping filtering out secondary service addresses" ${logger}`);
  } else if (name === 'persistentvolumeclaim-protection-controller') {
    t.info(at, 'pvc_protection_controller.go:168', `"Starting PVC protection controller" ${logger}`);
  } else if (name === 'persistentvolume-protection-controller') {
    t.info(at, 'pv_protection_controller.go:81', `"Starting PV protection controller" ${logger}`);
  } else if (name === 'root-ca-certificate-publisher-controller') {
    t.info(at, 'publisher.go:107', `"Starting root CA cert publisher controller" ${logger}`);
  } else if (name === 'ephemeral-volume-controller') {
    t.info(at, 'controller.go:173', `"Starting ephemeral volume controller" ${logger}`);
  } else if (name === 'certificatesigningrequest-approving-controller') {
    t.info(at, 'certificate_controller.go:120', `"Starting certificate controller" ${logger} name="csrapproving"`);
  } else if (name === 'certificatesigningrequest-signing-controller') {
    const pair = `csr-controller::${flagOf(argv, 'cluster-signing-cert-file') ?? ''}::${flagOf(argv, 'cluster-signing-key-file') ?? ''}`;
    for (const signer of SIGNERS) t.info(at, 'certificate_controller.go:120', `"Starting certificate controller" ${logger} name=${q(`csrsigning-${signer}`)}`);
    for (let i = 0; i < SIGNERS.length; i++) t.info(at, 'dynamic_serving_content.go:135', `"Starting controller" name=${q(pair)}`);
  }
}

export function controllerManagerLines(ctx: NarrationContext, argv: readonly string[]): ProcessLine[] {
  const t = new KlogTimeline(ctx.startedAt, 917);
  const servingAt = apiServingAt(ctx);
  const { server, address } = apiEndpoint(ctx, flagOf(argv, 'kubeconfig'));
  const nodes = registeredNodes(ctx.cluster);
  // Node IPAM runs only when the controller manager allocates the nodes' pod CIDRs (kubeadm with a pod network CIDR).
  const controllers = CONTROLLERS.filter(([name]) => name !== 'node-ipam-controller' || flagOf(argv, 'allocate-node-cidrs') === 'true');
  const requestHeaderCa = flagOf(argv, 'requestheader-client-ca-file');
  const clientCa = flagOf(argv, 'client-ca-file');

  t.info(0, 'serving.go:386', 'Generated self-signed cert in-memory');
  if (requestHeaderCa) t.info(306, 'dynamic_cafile_content.go:161', `"Starting controller" name=${q(`request-header::${requestHeaderCa}`)}`);
  if (clientCa) t.info(306, 'dynamic_cafile_content.go:161', `"Starting controller" name=${q(`client-ca-bundle::${clientCa}`)}`);
  t.info(307, 'secure_serving.go:211', `Serving securely on ${servingAddress(argv, '10257')}`);
  t.info(307, 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"');
  if (flagOf(argv, 'leader-elect') === 'false') return t.lines;
  t.info(307, 'leaderelection.go:257', 'attempting to acquire leader lease kube-system/kube-controller-manager...');
  // Until its API server answers, each try to read the Lease is refused (the retry period is 2 s).
  const lock = `error retrieving resource lock kube-system/kube-controller-manager: Get "${server}/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager?timeout=5s": dial tcp ${address}: connect: connection refused`;
  let at = 308;
  const horizon = servingAt === undefined ? 60_000 : servingAt - ctx.startedAt;
  for (let n = 0; at < horizon; n++) {
    t.log(at, 'E', 'leaderelection.go:436', lock);
    at += 2000 + ((n * 137) % 400);
  }
  if (servingAt === undefined || !leadsElection(ctx)) return t.lines;
  const won = Math.max(309, servingAt - ctx.startedAt + 211, (leaseFreeAt(ctx) ?? 0) - ctx.startedAt);
  t.info(won, 'leaderelection.go:271', 'successfully acquired lease kube-system/kube-controller-manager');

  // The service account token controller starts first: the others' credentials depend on it.
  let c = won + 9;
  t.info(c, 'controllermanager.go:778', '"Started controller" controller="serviceaccount-token-controller"');
  t.info(c, 'shared_informer.go:350', '"Waiting for caches to sync" controller="tokens"');
  for (const [name, caches] of controllers) {
    c += 3;
    t.info(c, 'controllermanager.go:778', `"Started controller" controller=${q(name)}`);
    controllerDetail(t, c, name, argv);
    for (const cache of caches) t.info(c, 'shared_informer.go:350', `"Waiting for caches to sync" controller=${q(cache)}`);
  }
  // The informers start once every controller is initialized; the caches fill within a few hundred milliseconds.
  c += 95;
  const ipam = controllers.some(([name]) => name === 'node-ipam-controller');
  if (ipam) t.info(c, 'node_ipam_controller.go:141', '"Starting ipam controller" logger="node-ipam-controller"');
  t.info(c + 1, 'shared_informer.go:357', '"Caches are synced" controller="tokens"');
  t.info(c + 4, 'shared_informer.go:357', '"Caches are synced" controller="service-cidr-controller"');
  t.info(c + 9, 'node_lifecycle_controller.go:1221', '"Initializing eviction metric for zone" logger="node-lifecycle-controller" zone=""');
  for (const node of nodes) t.info(c + 9, 'node_lifecycle_controller.go:873', `"Missing timestamp for Node. Assuming now as a timestamp" logger="node-lifecycle-controller" node=${q(node)}`);
  t.info(c + 10, 'node_lifecycle_controller.go:1067', '"Controller detected that zone is now in new state" logger="node-lifecycle-controller" zone="" newState="Normal"');
  if (ipam) {
    t.info(c + 14, 'range_allocator.go:177', '"Sending events to api server" logger="node-ipam-controller"');
    t.info(c + 14, 'range_allocator.go:183', '"Starting range CIDR allocator" logger="node-ipam-controller"');
  }
  t.info(c + 27, 'shared_informer.go:357', '"Caches are synced" controller="taint-eviction-controller"');
  let synced = c + 31;
  for (const [name, caches] of controllers) {
    if (name === 'service-cidr-controller' || name === 'taint-eviction-controller' || name === 'garbage-collector-controller') continue;
    for (const cache of caches) t.info((synced += 2), 'shared_informer.go:357', `"Caches are synced" controller=${q(cache)}`);
  }
  const gc = synced + 781;
  t.info(gc, 'shared_informer.go:357', '"Caches are synced" controller="garbage collector"');
  t.info(gc, 'garbagecollector.go:154', '"Garbage collector: all resource monitors have synced" logger="garbage-collector-controller"');
  t.info(gc, 'garbagecollector.go:157', '"Proceeding to collect garbage" logger="garbage-collector-controller"');
  return t.lines;
}

export const KUBE_CONTROLLER_MANAGER_NARRATOR: Narrator = staticPodNarrator('kube-controller-manager', /^v1\.33\./, controllerManagerLines);
