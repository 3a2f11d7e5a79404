/**
 * The simulated kube-apiserver. Public API:
 *
 *   createApiServer({ clock, random, store?, bootstrap?, authorization?, compactionIntervalMs? }) → ApiServer
 *     ApiServer implements ApiTransport:
 *       request(req: ApiRequest): ApiResponse        get/list/create/update/patch/delete/deletecollection,
 *                                                    subresources status, scale, binding, eviction, log, exec,
 *                                                    finalize (namespaces), approval (CSRs); never throws
 *       watch(req, onEvent): WatchHandle | Status    ADDED/MODIFIED/DELETED; resourceVersion absent/"0" starts
 *                                                    with the current objects as ADDED; 410 after compaction
 *       discovery(): DiscoveryDocument               what `kubectl api-resources` prints
 *     server.trace.subscribe(cb) → unsubscribe       TraceEvents: request, write (etcd), deliver (watch)
 *     server.registerPodLogProvider(node, fn) / registerPodExecProvider(node, fn)   kubelet hooks
 *     server.registry                              ResourceRegistry: resolve('deploy'), byKind('Pod'), discovery()
 *     server.etcd                                  the EtcdStore (for etcdctl and snapshots)
 *     server.toJSON() / ApiServer.fromJSON(json, { clock, random })
 *   ApiClient(transport, user?, fieldManager?)     typed helper: get/list/create/update/updateStatus/patch/delete/watch
 *   resourceFor('deploy') / gvr('Deployment')      built-in resource lookup
 *   bootstrapPolicy(server, { kubeadm? })          default ClusterRoles/Bindings (+ kubeadm:cluster-admins)
 *   recordEvent(client, input, clock)              core/v1 Events the way client-go's recorder writes them
 *   await loadExplainData(); explain(g, v, kind, path)   data for `kubectl explain` (lazy-loaded descriptions)
 *
 * Request conventions (as the real REST API): `group` '' for core; `resource` plural; query strings as
 * strings: labelSelector, fieldSelector, limit, continue, resourceVersion, dryRun=All,
 * fieldManager, force, propagationPolicy, gracePeriodSeconds, fieldValidation=Strict (kubectl's
 * default: unknown fields fail; otherwise they are dropped). A request without `user` runs as the
 * server's loopback superuser; kubectl should pass KUBERNETES_ADMIN (kubeadm's admin.conf user).
 */
import type { SimClock } from '../clock';
import type { SeededRandom } from '../random';
import type { EtcdStore } from '../etcd';
import { ApiServer, type ApiServerOptions } from './server';
import { bootstrapSystemObjects, type BootstrapOptions } from './bootstrap';

export function createApiServer(options: ApiServerOptions & BootstrapOptions & { clock: SimClock; random: SeededRandom; store?: EtcdStore }): ApiServer {
  const server = new ApiServer(options);
  const fresh = server.etcd.range('/registry/', { prefix: true, countOnly: true }).count === 0;
  if ((options.bootstrap ?? true) && fresh) bootstrapSystemObjects(server, options);
  return server;
}

export { ApiServer, type ApiServerOptions, type PodLogProvider, type PodExecProvider, type ApiServerJSON } from './server';
export { ApiClient, resourceFor, gvr, type ListResult, type ListOptions } from './client';
export { ResourceRegistry, qualifiedResource, apiVersionOf, splitApiVersion, type ResourceInfo, type GVR } from './registry/registry';
export { ADMIN_USER, KUBERNETES_ADMIN } from './context';
export { bootstrapPolicy, defaultPolicyObjects, kubeadmPolicyObjects } from './rbac/bootstrap';
export { bootstrapSystemObjects } from './bootstrap';
export { authenticateToken } from './subresources/token';
export { recordEvent, type RecordEventInput, type EventSource } from './events';
export { errors, isStatus } from './errors';
export { parseLabelSelector, matchesLabels, labelSelectorFromObject, parseFieldSelector } from './selectors';
export { applyStrategicPatch } from './patch/strategic';
export { applyJsonPatch, applyMergePatch } from './patch/json-patch';
export { definitionFor, definition, fieldAt } from './schema';
export { explain, loadExplainData, typeName, type ExplainResult, type ExplainField } from './explain';
export { parseQuantity } from './quantity';
export * from './types';
