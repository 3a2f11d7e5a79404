/**
 * The simulated kube-apiserver. Public API:
 *
 *   createApiServer({ clock, random, store?, bootstrap?, authorization?, compactionIntervalMs?, version?,
 *                     advertiseAddress? }) → ApiServer
 *     bootstrap (default): namespaces default/kube-system/kube-public/kube-node-lease, the kubernetes
 *     Service (10.96.0.1), system priority classes, default RBAC policy, APIServices
 *     ApiServer implements ApiTransport:
 *       request(req: ApiRequest): ApiResponse        get/list/create/update/patch/delete/deletecollection; never throws
 *         subresources: status, scale (autoscaling/v1 Scale), binding, eviction (PDB-aware), log, exec/attach
 *         (kubelet providers), nodes/proxy (GET, to the kubelet's HTTP server), token (TokenRequest),
 *         ephemeralcontainers, finalize (namespaces), approval (CSRs)
 *         computed resources: (self|local)subjectaccessreviews, selfsubjectrulesreviews, selfsubjectreviews,
 *         tokenreviews, bindings
 *       watch(req, onEvent): WatchHandle | Status    ADDED/MODIFIED/DELETED, delivered synchronously in order;
 *                                                    resourceVersion absent/"0" starts with the current objects
 *                                                    as ADDED; 410 Gone once compacted (every 5 min of sim time)
 *       discovery(): DiscoveryDocument               what `kubectl api-resources` prints (checked against a real cluster)
 *       raw(path, user?)                             GET by URL: /api, /apis, /apis/G/V, resource paths with a query
 *                                                    string, /version, /healthz, /livez, /readyz[?verbose]
 *       responses may carry `warnings` (PodSecurity warn, unknown fields with the default
 *       fieldValidation=Warn, deprecated APIs: ComponentStatus, v1.33+ Endpoints)
 *     server.trace.subscribe(cb) → unsubscribe       TraceEvents: request, write (etcd), deliver (watch)
 *     server.registerPodLogProvider(node, fn) / registerPodExecProvider(node, fn)   kubelet hooks
 *     server.registerKubeletHttpProvider(node, fn)  the kubelet's own endpoints, which nodes/proxy forwards to
 *     server.componentHealth = () => [...]          what componentstatuses reports (default: all Healthy)
 *     server.registry                              ResourceRegistry: resolve('deploy'), byKind('Pod'), discovery()
 *     server.etcd                                  the EtcdStore (etcdctl get/put/snapshot act on it directly)
 *     server.toJSON() / ApiServer.fromJSON(json, { clock, random })
 *   ApiClient(transport, user?, fieldManager?)     typed helper: get/list/create/update/updateStatus/patch/delete/
 *                                                  createSubresource/watch
 *   resourceFor('deploy') / gvr('Deployment')      built-in resource lookup
 *   bootstrapPolicy(server, { kubeadm? })          default ClusterRoles/Bindings (+ kubeadm:cluster-admins binding)
 *   recordEvent(client, input, clock)              core/v1 Events the way client-go's recorder writes them
 *   authenticateToken(server, token)               the user of a service-account token this cluster issued
 *   await loadExplainData(); explain(g, v, kind, path)   data for `kubectl explain` (lazy-loaded descriptions);
 *   explainCustom(crd, version, path) for custom resources
 *
 * Request conventions (as the real REST API): `group` '' for core; `resource` plural; query strings as
 * strings: labelSelector, fieldSelector, limit, continue, resourceVersion, dryRun=All,
 * fieldManager, force, propagationPolicy, gracePeriodSeconds, fieldValidation=Strict (kubectl's
 * default: unknown fields fail; otherwise they are dropped). A request without `user` runs as the
 * server's loopback superuser (system:masters); kubectl should pass KUBERNETES_ADMIN (kubeadm's
 * admin.conf user, authorized through the kubeadm:cluster-admins binding: bootstrapPolicy(server,
 * { kubeadm: true })). Pods need their ServiceAccount to exist (the ServiceAccount admission
 * plugin refuses them otherwise, as for real): the serviceaccount controller creates `default`.
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

export type { ComponentHealth } from './handlers/componentstatuses';
export { ApiServer, type ApiServerOptions, type PodLogProvider, type PodExecProvider, type KubeletHttpProvider, type KubeletHttpResponse, type ApiServerJSON } from './server';
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
export { explain, explainCustom, loadExplainData, typeName, type ExplainResult, type ExplainField } from './explain';
export { parseQuantity } from './quantity';
export * from './types';
