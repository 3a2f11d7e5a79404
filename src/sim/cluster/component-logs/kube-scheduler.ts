/**
 * kube-scheduler v1.33 as it starts with kubeadm's flags. Texts and sources are v1.33's: a real
 * v1.33.1 kubeadm scheduler starting before its API server (`crictl logs`, pasted in a public
 * troubleshooting note), the generic server's dynamic certificates and request-header
 * authentication (k8s.io/apiserver v0.33.4) and client-go v0.33.4's leader election.
 *
 * Started with its API server (kubeadm init, a reboot), it cannot look up the cluster's
 * authentication configuration, goes on without it and its informers fail to list until the API
 * server answers. Started while the API server answers, it reads that configuration (client CA and
 * request-header CA). Either way it then waits for the Lease kube-system/kube-scheduler: the
 * scheduler of another control-plane node waits for ever while the first one holds it.
 */
import type { Narrator, NarrationContext } from './index';
import type { ProcessLine } from '../control-plane-processes';
import { flagOf } from '../control-plane-processes';
import { staticPodNarrator } from './static-pod';
import { KlogTimeline, q } from './timeline';
import { apiEndpoint, apiServingAt, leaseFreeAt } from './api-wait';

const AUTH_CONFIGMAP = 'kube-system::extension-apiserver-authentication';

/** The informers of the scheduler's framework, as its first failing list reports them (type, list path). */
const INFORMERS: Array<[string, string]> = [
  ['*v1.ReplicaSet', '/apis/apps/v1/replicasets?limit=500&resourceVersion=0'],
  ['*v1.Service', '/api/v1/services?limit=500&resourceVersion=0'],
  ['*v1.StatefulSet', '/apis/apps/v1/statefulsets?limit=500&resourceVersion=0'],
  ['*v1.VolumeAttachment', '/apis/storage.k8s.io/v1/volumeattachments?limit=500&resourceVersion=0'],
  ['*v1.CSIDriver', '/apis/storage.k8s.io/v1/csidrivers?limit=500&resourceVersion=0'],
  ['*v1.PersistentVolumeClaim', '/api/v1/persistentvolumeclaims?limit=500&resourceVersion=0'],
  ['*v1.ReplicationController', '/api/v1/replicationcontrollers?limit=500&resourceVersion=0'],
  ['*v1.Node', '/api/v1/nodes?limit=500&resourceVersion=0'],
  ['*v1.PodDisruptionBudget', '/apis/policy/v1/poddisruptionbudgets?limit=500&resourceVersion=0'],
  ['*v1.StorageClass', '/apis/storage.k8s.io/v1/storageclasses?limit=500&resourceVersion=0'],
  ['*v1.CSIStorageCapacity', '/apis/storage.k8s.io/v1/csistoragecapacities?limit=500&resourceVersion=0'],
  ['*v1.Namespace', '/api/v1/namespaces?limit=500&resourceVersion=0'],
  ['*v1.Pod', '/api/v1/pods?fieldSelector=status.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed&limit=500&resourceVersion=0'],
  ['*v1.CSINode', '/apis/storage.k8s.io/v1/csinodes?limit=500&resourceVersion=0'],
  ['*v1.PersistentVolume', '/api/v1/persistentvolumes?limit=500&resourceVersion=0'],
];

/** Where the secure port listens (--bind-address, --secure-port). */
export function servingAddress(argv: readonly string[], defaultPort: string): string {
  const bind = flagOf(argv, 'bind-address') ?? '0.0.0.0';
  const port = flagOf(argv, 'secure-port') ?? defaultPort;
  if (bind === '0.0.0.0' || bind === '::') return `[::]:${port}`;
  return bind.includes(':') ? `[${bind}]:${port}` : `${bind}:${port}`;
}

/** Does this machine hold the lease (the cluster's leading control plane)? Others only try. */
export function leadsElection(ctx: NarrationContext): boolean {
  return ctx.host === ctx.cluster.opts.controlPlane;
}

export function schedulerLines(ctx: NarrationContext, argv: readonly string[], version: string): ProcessLine[] {
  const t = new KlogTimeline(ctx.startedAt, 534);
  const servingAt = apiServingAt(ctx);
  // The authentication lookup happens once the options are complete, about a second in.
  const lookup = 1320;
  const apiUp = servingAt !== undefined && servingAt <= ctx.startedAt + lookup;
  const { server, address } = apiEndpoint(ctx, flagOf(argv, 'authentication-kubeconfig') ?? flagOf(argv, 'kubeconfig'));
  const refused = `dial tcp ${address}: connect: connection refused`;
  const clientCa = `client-ca::${AUTH_CONFIGMAP}::client-ca-file`;
  const requestHeaderCa = `client-ca::${AUTH_CONFIGMAP}::requestheader-client-ca-file`;

  t.info(0, 'serving.go:386', 'Generated self-signed cert in-memory');
  if (!apiUp) {
    t.log(lookup, 'W', 'authentication.go:397', `Error looking up in-cluster authentication configuration: Get "${server}/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication": ${refused}`);
    t.log(lookup, 'W', 'authentication.go:398', 'Continuing without authentication configuration. This may treat all requests as anonymous.');
    t.log(lookup, 'W', 'authentication.go:399', 'To require authentication configuration lookup to succeed, set --authentication-tolerate-lookup-failure=false');
  }
  const s = lookup + 25;
  t.info(s, 'server.go:171', `"Starting Kubernetes Scheduler" version=${q(version)}`);
  t.info(s, 'server.go:173', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
  if (apiUp) {
    t.info(s + 2, 'secure_serving.go:211', `Serving securely on ${servingAddress(argv, '10259')}`);
    t.info(s + 2, 'requestheader_controller.go:180', 'Starting RequestHeaderAuthRequestController');
    t.info(s + 2, 'shared_informer.go:350', '"Waiting for caches to sync" controller="RequestHeaderAuthRequestController"');
    t.info(s + 3, 'configmap_cafile_content.go:205', `"Starting controller" name=${q(clientCa)}`);
    t.info(s + 3, 'shared_informer.go:350', `"Waiting for caches to sync" controller=${q(clientCa)}`);
    t.info(s + 3, 'configmap_cafile_content.go:205', `"Starting controller" name=${q(requestHeaderCa)}`);
    t.info(s + 3, 'shared_informer.go:350', `"Waiting for caches to sync" controller=${q(requestHeaderCa)}`);
    t.info(s + 3, 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"');
    t.info(s + 101, 'shared_informer.go:357', `"Caches are synced" controller=${q(requestHeaderCa)}`);
    t.info(s + 101, 'shared_informer.go:357', '"Caches are synced" controller="RequestHeaderAuthRequestController"');
    t.info(s + 101, 'shared_informer.go:357', `"Caches are synced" controller=${q(clientCa)}`);
  } else {
    // Without the cluster's configuration only the client CA is watched (it stays empty until the API answers).
    t.info(s + 7, 'configmap_cafile_content.go:205', `"Starting controller" name=${q(clientCa)}`);
    t.info(s + 7, 'shared_informer.go:350', `"Waiting for caches to sync" controller=${q(clientCa)}`);
    t.info(s + 9, 'secure_serving.go:211', `Serving securely on ${servingAddress(argv, '10259')}`);
    const listErr = (type: string, path: string, reflector: string) =>
      `"Failed to watch" err=${q(`failed to list ${type}: Get "${server}${path}": ${refused}`)} logger="UnhandledError" reflector=${q(reflector)} type=${q(type)}`;
    t.log(s + 9, 'E', 'reflector.go:200', listErr('*v1.ConfigMap', '/api/v1/namespaces/kube-system/configmaps?fieldSelector=metadata.name%3Dextension-apiserver-authentication&limit=500&resourceVersion=0', 'runtime/asm_amd64.s:1700'));
    t.info(s + 9, 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"');
    let at = s + 18;
    for (const [type, path] of INFORMERS) {
      if (servingAt !== undefined && ctx.startedAt + at >= servingAt) break;
      t.log(at, 'E', 'reflector.go:200', listErr(type, path, 'k8s.io/client-go/informers/factory.go:160'));
      at += 1;
    }
    if (servingAt === undefined) return t.lines;
  }
  // The informers synced, the scheduler runs for the lease.
  const ready = Math.max(s + 102, (servingAt ?? 0) - ctx.startedAt + 101);
  if (!apiUp) t.info(ready - 1, 'shared_informer.go:357', `"Caches are synced" controller=${q(clientCa)}`);
  if (flagOf(argv, 'leader-elect') === 'false') return t.lines;
  t.info(ready, 'leaderelection.go:257', 'attempting to acquire leader lease kube-system/kube-scheduler...');
  const free = leaseFreeAt(ctx);
  if (leadsElection(ctx)) t.info(Math.max(ready + 5, (free ?? 0) - ctx.startedAt), 'leaderelection.go:271', 'successfully acquired lease kube-system/kube-scheduler');
  return t.lines;
}

export const KUBE_SCHEDULER_NARRATOR: Narrator = staticPodNarrator('kube-scheduler', /^v1\.33\./, schedulerLines);
