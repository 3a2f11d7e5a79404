/**
 * NodeRestriction (plugin/pkg/admission/noderestriction, kube-apiserver v1.33): what a kubelet's
 * credentials may write, after the Node authorizer has let the request through. Only requests of
 * a node identity (user `system:node:<name>` in group `system:nodes`) are restricted:
 *
 * - pods: a node creates only mirror pods of its own (annotation kubernetes.io/config.mirror,
 *   spec.nodeName itself, one controller owner reference to its own Node with its UID, no
 *   service account, secret, configmap, cluster trust bundle or claim); deletes, evicts and
 *   updates the status of pods bound to itself only; any other pod write is refused;
 * - nodes: a node writes only its own Node; it may not create it with a configSource or with
 *   labels outside the kubelet's set, nor change its taints or such labels afterwards (nor, from
 *   the security releases v1.31.12, v1.32.8 and v1.33.4 on, its ownerReferences);
 * - leases: only its own Lease in kube-node-lease; csinodes: only its own CSINode;
 * - certificatesigningrequests for the kubelet signers: only with CN=system:node:<itself>;
 * - serviceaccounts/token: only tokens bound to a pod of its own, for one audience that pod uses
 *   (ServiceAccountNodeAudienceRestriction, on from v1.33) unless RBAC grants it the audience.
 *
 * The plugin runs only when the kube-apiserver enables it (`--enable-admission-plugins`, which
 * kubeadm sets to NodeRestriction): whoever starts the server passes its flags through
 * applyAdmissionPluginFlags. A server whose flags nobody set (unit tests, worlds without
 * manifests) behaves as a kubeadm one: enabled.
 *
 * Messages are the real ones: admission.NewForbidden wraps them as
 * `<resource> "<name>" is forbidden: <reason>`, the name being the request's (the URL's, or the
 * object's on create) or "Unknown".
 */
import { errors } from '../errors';
import { qualified, type RequestContext } from '../context';
import { nodeNameOf } from '../rbac/node-authorizer';
import { authorize } from '../rbac/authorizer';
import { decodeRequest } from '../../pki/csr';
import { storageKey } from '../storage';
import { objectsEqual } from '../equal';
import type { ApiServer } from '../server';
import type { KubeObject, Status } from '../types';
import type { AdmissionPlugin, Operation } from './index';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const objOf = (v: unknown): Obj => (isObj(v) ? v : {});
const listOf = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

export const NODE_RESTRICTION = 'NodeRestriction';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const NODE_LEASE_NAMESPACE = 'kube-node-lease';

// ------------------------------------------------------------------ the server's flags

const enabledOn = new WeakMap<ApiServer, boolean>();

/**
 * The kube-apiserver's admission flags, as its command line (or static pod manifest) gives them:
 * NodeRestriction is not among the default plugins, so it runs only when
 * --enable-admission-plugins names it and --disable-admission-plugins does not.
 */
export function applyAdmissionPluginFlags(server: ApiServer, flags: { enable?: string; disable?: string }): void {
  const names = (list?: string) => (list ?? '').split(',').map((s) => s.trim());
  enabledOn.set(server, names(flags.enable).includes(NODE_RESTRICTION) && !names(flags.disable).includes(NODE_RESTRICTION));
}

/** The admission flags of a kube-apiserver static pod manifest (undefined text: no manifest, nothing changes). */
export function applyKubeApiServerManifest(server: ApiServer, manifest: string | undefined): void {
  if (manifest === undefined) return;
  const flag = (name: string) => new RegExp(`--${name}=([^\\s"']*)`).exec(manifest)?.[1];
  applyAdmissionPluginFlags(server, { enable: flag('enable-admission-plugins'), disable: flag('disable-admission-plugins') });
}

export function nodeRestrictionEnabled(server: ApiServer): boolean {
  return enabledOn.get(server) ?? true;
}

// ------------------------------------------------------------------ the kubelet's labels (k8s.io/kubelet/pkg/apis)

/** Labels a kubelet may set on its Node (KubeletLabels(), sorted). */
export const KUBELET_LABELS: readonly string[] = [
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/instance-type',
  'beta.kubernetes.io/os',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'kubernetes.io/arch',
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
];

/** Label namespaces (and their subdomains) a kubelet may use (KubeletLabelNamespaces(), sorted). */
export const KUBELET_LABEL_NAMESPACES: readonly string[] = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

const labelNamespace = (key: string) => {
  const slash = key.indexOf('/');
  return slash < 0 ? '' : key.slice(0, slash);
};
const inNamespace = (ns: string, domain: string) => ns === domain || ns.endsWith(`.${domain}`);

/** A label in the kubernetes.io or k8s.io namespaces (or a subdomain of them). */
export function isKubernetesLabel(key: string): boolean {
  const ns = labelNamespace(key);
  return inNamespace(ns, 'kubernetes.io') || inNamespace(ns, 'k8s.io');
}

export function isKubeletLabel(key: string): boolean {
  if (KUBELET_LABELS.includes(key)) return true;
  const ns = labelNamespace(key);
  return KUBELET_LABEL_NAMESPACES.some((allowed) => inNamespace(ns, allowed));
}

/** Of the labels a node adds, removes or changes, those it may not (sorted): node-restriction.kubernetes.io ones and unknown kubernetes ones. */
function forbiddenLabels(labels: Record<string, string> | undefined, old: Record<string, string> | undefined): string[] {
  if (labels === old) return []; // a status update keeps the stored labels
  const now = labels ?? {};
  const before = old ?? {};
  const modified = new Set<string>();
  for (const [k, v] of Object.entries(now)) if (before[k] !== v) modified.add(k);
  for (const [k, v] of Object.entries(before)) if (now[k] !== v) modified.add(k);
  const out: string[] = [];
  for (const key of modified) {
    if (inNamespace(labelNamespace(key), 'node-restriction.kubernetes.io') || (isKubernetesLabel(key) && !isKubeletLabel(key))) out.push(key);
  }
  return out.sort();
}

// ------------------------------------------------------------------ the plugin

/** admission.NewForbidden: the resource and the request's name (the object's on create), or "Unknown". */
function forbid(ctx: RequestContext, obj: KubeObject | undefined, why: string): Status {
  const resource = qualified(ctx);
  const name = ctx.req.name || obj?.metadata?.name || obj?.metadata?.generateName || 'Unknown';
  return errors.forbidden(resource, name, `${resource} "${name}" is forbidden: ${why}`);
}

/** A stored object the plugin looks up (its listers); undefined when absent. */
function stored(ctx: RequestContext, resource: string, namespace: string | undefined, name: string, group = ''): KubeObject | undefined {
  const info = ctx.server.registry.get(group, 'v1', resource);
  return info ? ctx.server.storage.get(storageKey(info.etcdPrefix, namespace, name))?.obj : undefined;
}

const nodeNameOfPod = (pod: KubeObject | undefined) => String(objOf(pod?.spec).nodeName ?? '');

type Rule = (ctx: RequestContext, node: string, op: Operation, obj: KubeObject, old: KubeObject | undefined) => Status | undefined;

const admitPod: Rule = (ctx, node, op, obj, old) => {
  switch (ctx.req.subresource ?? '') {
    case '':
      if (op === 'CREATE') return admitMirrorPodCreate(ctx, node, obj);
      if (op === 'DELETE') {
        const pod = stored(ctx, 'pods', ctx.namespace, ctx.req.name ?? '');
        if (!pod) return errors.notFound('pods', ctx.req.name ?? '');
        if (nodeNameOfPod(pod) !== node) return forbid(ctx, undefined, `node "${node}" can only delete pods with spec.nodeName set to itself`);
        return undefined;
      }
      return forbid(ctx, obj, `unexpected operation "${op}", node "${node}" can only create and delete mirror pods`);
    case 'status': {
      if (op !== 'UPDATE') return forbid(ctx, obj, `unexpected operation "${op}"`);
      if (nodeNameOfPod(old) !== node) return forbid(ctx, obj, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
      if (!objectsEqual(objOf(obj.metadata?.labels), objOf(old?.metadata?.labels))) return forbid(ctx, obj, `node "${node}" cannot update labels through pod status`);
      if (!sameClaimStatuses(objOf(obj.status).resourceClaimStatuses, objOf(old?.status).resourceClaimStatuses))
        return forbid(ctx, obj, `node "${node}" cannot update resource claim statues`);
      return undefined;
    }
    case 'eviction': {
      if (op !== 'CREATE') return forbid(ctx, obj, `unexpected operation ${op}`);
      const podName = ctx.req.name || obj.metadata?.name;
      if (!podName) return forbid(ctx, obj, 'could not determine pod from request data');
      const pod = stored(ctx, 'pods', ctx.namespace, podName);
      if (!pod) return errors.notFound('pods', podName);
      if (nodeNameOfPod(pod) !== node) return forbid(ctx, obj, `node ${node} can only evict pods with spec.nodeName set to itself`);
      return undefined;
    }
    default:
      return forbid(ctx, obj, `unexpected pod subresource "${ctx.req.subresource}", only 'status' and 'eviction' are allowed`);
  }
};

/** The claim statuses compared by name and claim name only (resourceClaimStatusesEqual). */
function sameClaimStatuses(a: unknown, b: unknown): boolean {
  const x = listOf(a);
  const y = listOf(b);
  return x.length === y.length && x.every((s, i) => s.name === y[i].name && (s.resourceClaimName ?? null) === (y[i].resourceClaimName ?? null));
}

function admitMirrorPodCreate(ctx: RequestContext, node: string, pod: KubeObject): Status | undefined {
  const meta = pod.metadata ?? {};
  if (meta.annotations?.[MIRROR_ANNOTATION] === undefined)
    return forbid(ctx, pod, `pod does not have "${MIRROR_ANNOTATION}" annotation, node "${node}" can only create mirror pods`);
  if (nodeNameOfPod(pod) !== node) return forbid(ctx, pod, `node "${node}" can only create pods with spec.nodeName set to itself`);
  const owners = meta.ownerReferences ?? [];
  if (owners.length > 1) return forbid(ctx, pod, `node "${node}" can only create pods with a single owner reference set to itself`);
  if (owners.length === 0) return forbid(ctx, pod, `node "${node}" can only create pods with an owner reference set to itself`);
  const owner = owners[0];
  if (owner.apiVersion !== 'v1' || owner.kind !== 'Node' || owner.name !== node)
    return forbid(ctx, pod, `node "${node}" can only create pods with an owner reference set to itself`);
  if (owner.controller !== true) return forbid(ctx, pod, `node "${node}" can only create pods with a controller owner reference set to itself`);
  if (owner.blockOwnerDeletion === true) return forbid(ctx, pod, `node "${node}" must not set blockOwnerDeletion on an owner reference`);
  const self = stored(ctx, 'nodes', undefined, node);
  if (!self) return errors.notFound('nodes', node);
  if (owner.uid !== self.metadata?.uid) return forbid(ctx, pod, `node ${node} UID mismatch: expected ${owner.uid} got ${self.metadata?.uid}`);
  const spec = objOf(pod.spec);
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) return forbid(ctx, pod, `node "${node}" can not create pods that reference a service account`);
  if (referencesSecrets(spec)) return forbid(ctx, pod, `node "${node}" can not create pods that reference secrets`);
  if (referencesConfigMaps(spec)) return forbid(ctx, pod, `node "${node}" can not create pods that reference configmaps`);
  const volumes = listOf(spec.volumes);
  if (volumes.some((v) => listOf(objOf(v.projected).sources).some((s) => s.clusterTrustBundle !== undefined)))
    return forbid(ctx, pod, `node "${node}" can not create pods that reference clustertrustbundles`);
  if (volumes.some((v) => v.persistentVolumeClaim !== undefined)) return forbid(ctx, pod, `node "${node}" can not create pods that reference persistentvolumeclaims`);
  return undefined;
}

const allContainers = (spec: Obj) => [...listOf(spec.initContainers), ...listOf(spec.containers), ...listOf(spec.ephemeralContainers)];

/** Volume sources that name a secret through `secretRef` (podutil.VisitPodSecretNames). */
const SECRET_REF_VOLUMES = ['cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos'];

/** Does the pod name any secret (image pull secrets, env, envFrom, volumes)? */
function referencesSecrets(spec: Obj): boolean {
  if (listOf(spec.imagePullSecrets).length) return true;
  for (const c of allContainers(spec)) {
    if (listOf(c.envFrom).some((e) => e.secretRef !== undefined)) return true;
    if (listOf(c.env).some((e) => objOf(e.valueFrom).secretKeyRef !== undefined)) return true;
  }
  for (const v of listOf(spec.volumes)) {
    if (v.secret !== undefined || v.azureFile !== undefined) return true;
    if (SECRET_REF_VOLUMES.some((k) => isObj(v[k]) && (v[k] as Obj).secretRef !== undefined)) return true;
    if (objOf(v.csi).nodePublishSecretRef !== undefined) return true;
    if (listOf(objOf(v.projected).sources).some((s) => s.secret !== undefined)) return true;
  }
  return false;
}

/** Does the pod name any configmap (env, envFrom, volumes)? */
function referencesConfigMaps(spec: Obj): boolean {
  for (const c of allContainers(spec)) {
    if (listOf(c.envFrom).some((e) => e.configMapRef !== undefined)) return true;
    if (listOf(c.env).some((e) => objOf(e.valueFrom).configMapKeyRef !== undefined)) return true;
  }
  for (const v of listOf(spec.volumes)) {
    if (v.configMap !== undefined) return true;
    if (listOf(objOf(v.projected).sources).some((s) => s.configMap !== undefined)) return true;
  }
  return false;
}

const admitNode: Rule = (ctx, node, op, obj, old) => {
  const requested = op === 'CREATE' ? (obj.metadata?.name ?? '') : (ctx.req.name ?? '');
  if (requested !== node) return forbid(ctx, obj, `node "${node}" is not allowed to modify node "${requested}"`);
  const spec = objOf(obj.spec);
  if (op === 'CREATE') {
    if (spec.configSource != null) return forbid(ctx, obj, `node "${node}" is not allowed to create pods with a non-nil configSource`);
    const labels = forbiddenLabels(obj.metadata?.labels, undefined);
    if (labels.length) return forbid(ctx, obj, `node "${node}" is not allowed to set the following labels: ${labels.join(', ')}`);
  }
  if (op === 'UPDATE' && old) {
    const oldSpec = objOf(old.spec);
    if (spec.configSource != null && !semanticEqual(spec.configSource, oldSpec.configSource))
      return forbid(ctx, obj, `node "${node}" is not allowed to update configSource to a new non-nil configSource`);
    if (!semanticEqual(spec.taints, oldSpec.taints)) return forbid(ctx, obj, `node "${node}" is not allowed to modify taints`);
    if (guardsOwnerReferences(ctx.server) && !semanticEqual(obj.metadata?.ownerReferences, old.metadata?.ownerReferences))
      return forbid(ctx, obj, `node "${node}" is not allowed to modify ownerReferences`);
    const labels = forbiddenLabels(obj.metadata?.labels, old.metadata?.labels);
    if (labels.length) return forbid(ctx, obj, `is not allowed to modify labels: ${labels.join(', ')}`);
  }
  return undefined;
};

/** apiequality.Semantic.DeepEqual as far as these fields go: an empty list or map equals an absent one. */
function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const empty = (v: unknown) => v == null || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The ownerReferences guard came with the fix of CVE-2025-5187: v1.31.12, v1.32.8, v1.33.4 and v1.34.0 on. */
function guardsOwnerReferences(server: ApiServer): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(server.versionInfo.gitVersion ?? '');
  if (!m) return true;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major !== 1) return major > 1;
  const fixedIn: Record<number, number> = { 31: 12, 32: 8, 33: 4 };
  if (minor >= 34) return true;
  return fixedIn[minor] !== undefined && patch >= fixedIn[minor];
}

const admitLease: Rule = (ctx, node, op, obj) => {
  if (ctx.namespace !== NODE_LEASE_NAMESPACE) return forbid(ctx, obj, `can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`);
  const name = op === 'CREATE' ? obj.metadata?.name : ctx.req.name;
  if (name !== node) return forbid(ctx, obj, 'can only access node lease with the same name as the requesting node');
  return undefined;
};

const admitCSINode: Rule = (ctx, node, op, obj) => {
  const name = op === 'CREATE' ? obj.metadata?.name : ctx.req.name;
  if (name !== node) return forbid(ctx, obj, 'can only access CSINode with the same name as the requesting node');
  return undefined;
};

/** serviceaccounts/token: a node asks only for tokens bound to a pod scheduled on itself. */
const admitServiceAccount: Rule = (ctx, node, op, obj) => {
  if (op !== 'CREATE' || ctx.req.subresource !== 'token') return undefined;
  const ref = objOf(objOf(obj.spec).boundObjectRef);
  if (ref.apiVersion !== 'v1' || ref.kind !== 'Pod' || !ref.name) return forbid(ctx, obj, 'node requested token not bound to a pod');
  if (!ref.uid) return forbid(ctx, obj, 'node requested token with a pod binding without a uid');
  const pod = stored(ctx, 'pods', ctx.namespace, String(ref.name));
  if (!pod) return errors.notFound('pods', String(ref.name));
  if (ref.uid !== pod.metadata?.uid)
    return forbid(ctx, obj, `the UID in the bound object reference (${String(ref.uid)}) does not match the UID in record. The object might have been deleted and then recreated`);
  if (nodeNameOfPod(pod) !== node) return forbid(ctx, obj, 'node requested token bound to a pod scheduled on a different node');
  if (!restrictsAudiences(ctx.server)) return undefined;
  return admitTokenAudience(ctx, obj, pod);
};

/** ServiceAccountNodeAudienceRestriction: beta and on by default from v1.33. */
function restrictsAudiences(server: ApiServer): boolean {
  const minor = Number(/^v?1\.(\d+)\./.exec(server.versionInfo.gitVersion ?? '')?.[1] ?? 33);
  return minor >= 33;
}

/**
 * validateNodeServiceAccountAudience: a node asks for one audience at most, one its pod uses (a
 * projected serviceAccountToken volume, or a CSI driver of the pod whose CSIDriver asks tokens for
 * it), unless it is authorized to (verb request-serviceaccounts-token-audience on the audience).
 */
function admitTokenAudience(ctx: RequestContext, request: KubeObject, pod: KubeObject): Status | undefined {
  const audiences = (objOf(request.spec).audiences ?? []) as unknown[];
  if (Array.isArray(audiences) && audiences.length > 1) return forbid(ctx, request, 'node may only request 0 or 1 audiences');
  const audience = String((Array.isArray(audiences) ? audiences[0] : undefined) ?? '');
  const used = podUsesAudience(ctx, pod, audience);
  if (typeof used === 'string') return forbid(ctx, request, `error validating audience ${goQuoted(audience)}: ${used}`);
  if (used) return undefined;
  const attrs = { verb: 'request-serviceaccounts-token-audience', group: '', resource: audience, subresource: '', namespace: ctx.namespace, name: ctx.req.name ?? '' };
  if (authorize(ctx.server, ctx.user, attrs).allowed) return undefined;
  return forbid(ctx, request, `audience ${goQuoted(audience)} not found in pod spec volume, ${ctx.user.username} is not authorized to request tokens for this audience`);
}

const goQuoted = (s: string) => JSON.stringify(s);

/**
 * Does a volume of the pod ask tokens for the audience: a projected token, then an inline CSI
 * volume, then one behind a claim (its PersistentVolume's driver)? A string: the lookup that
 * failed, as the lister says it.
 */
function podUsesAudience(ctx: RequestContext, pod: KubeObject, audience: string): boolean | string {
  const ns = pod.metadata?.namespace;
  const volumes = listOf(objOf(pod.spec).volumes);
  if (volumes.some((v) => listOf(objOf(v.projected).sources).some((s) => isObj(s.serviceAccountToken) && String(s.serviceAccountToken.audience ?? '') === audience))) return true;
  const driverAsks = (driver: string): boolean | string => {
    const csiDriver = stored(ctx, 'csidrivers', undefined, driver, 'storage.k8s.io');
    if (!csiDriver) return `csidriver.storage.k8s.io ${goQuoted(driver)} not found`;
    return listOf(objOf(csiDriver.spec).tokenRequests).some((t) => String(t.audience ?? '') === audience);
  };
  for (const v of volumes) {
    if (!isObj(v.csi) || !v.csi.driver) continue;
    const asks = driverAsks(String(v.csi.driver));
    if (asks !== false) return asks;
  }
  for (const v of volumes) {
    const claim = isObj(v.persistentVolumeClaim) ? String(v.persistentVolumeClaim.claimName ?? '') : isObj(v.ephemeral) ? `${pod.metadata?.name}-${v.name}` : '';
    if (!claim) continue;
    const pvc = stored(ctx, 'persistentvolumeclaims', ns, claim);
    if (!pvc) return `persistentvolumeclaim ${goQuoted(claim)} not found`;
    const pvName = String(objOf(pvc.spec).volumeName ?? '');
    const pv = stored(ctx, 'persistentvolumes', undefined, pvName);
    if (!pv) return `persistentvolume ${goQuoted(pvName)} not found`;
    const driver = String(objOf(objOf(pv.spec).csi).driver ?? '');
    if (!driver) continue;
    const asks = driverAsks(driver);
    if (asks !== false) return asks;
  }
  return false;
}

/** The signers whose certificates name a node (certificates.k8s.io: kubelet serving and kubelet client). */
const NODE_SIGNERS = ['kubernetes.io/kubelet-serving', 'kubernetes.io/kube-apiserver-client-kubelet'];

/** A node's CSR for a kubelet signer names itself (CN=system:node:<name>); other signers check their own rules. */
const admitCSR: Rule = (ctx, node, op, obj) => {
  if (op !== 'CREATE') return undefined;
  const spec = objOf(obj.spec);
  if (!NODE_SIGNERS.includes(String(spec.signerName ?? ''))) return undefined;
  let request: ReturnType<typeof decodeRequest>;
  try {
    request = decodeRequest(atob(String(spec.request ?? '')));
  } catch {
    request = undefined;
  }
  if (!request) return forbid(ctx, obj, 'unable to parse csr: PEM block type must be CERTIFICATE REQUEST');
  if (request.subject.commonName !== `system:node:${node}`) return forbid(ctx, obj, `can only create a node CSR with CN=system:node:${node}`);
  return undefined;
};

/** The resources the plugin restricts, by group/resource. */
const RULES: Record<string, Rule> = {
  '/pods': admitPod,
  '/nodes': admitNode,
  '/serviceaccounts': admitServiceAccount,
  'coordination.k8s.io/leases': admitLease,
  'storage.k8s.io/csinodes': admitCSINode,
  'certificates.k8s.io/certificatesigningrequests': admitCSR,
};

/**
 * Restrict a node's request. Runs in the mutating phase, after ServiceAccount (the real plugin
 * is a mutating one, ordered there). `obj` is what the node writes (on DELETE, the stored object,
 * which the rules do not read: they look the pod up as the real lister does).
 */
export function admitNodeRequest(ctx: RequestContext, op: Operation, obj: KubeObject, old?: KubeObject): Status | undefined {
  const node = nodeNameOf(ctx.user);
  if (node === undefined || !nodeRestrictionEnabled(ctx.server)) return undefined;
  if (!node) return forbid(ctx, obj, `could not determine node from user "${ctx.user.username}"`);
  return RULES[`${ctx.info.group}/${ctx.info.resource}`]?.(ctx, node, op, obj, old);
}

export const nodeRestriction: AdmissionPlugin = {
  name: NODE_RESTRICTION,
  mutate: admitNodeRequest,
};
