/** Per-resource behaviour of the generic registry (the "strategies" of pkg/registry). */
import type { ResourceInfo } from './registry/registry';
import type { KubeObject } from './types';
import { qosClass } from './defaults/pod';
import { dropDisabledFields } from './defaults/disabled-fields';

/** Kinds whose strategy sets metadata.generation = 1 on create and bumps it when the spec changes. */
const WITH_GENERATION = new Set([
  '/Pod',
  '/ReplicationController',
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/DaemonSet',
  'apps/StatefulSet',
  'batch/Job',
  'batch/CronJob',
  'networking.k8s.io/Ingress',
  'networking.k8s.io/NetworkPolicy',
  'networking.k8s.io/IngressClass',
  'policy/PodDisruptionBudget',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

export function hasGeneration(info: ResourceInfo): boolean {
  return !!info.custom || WITH_GENERATION.has(`${info.group}/${info.kind}`);
}

/** Did the part that generation tracks change? (spec; for custom resources everything but metadata/status). */
export function specChanged(info: ResourceInfo, old: KubeObject, next: KubeObject): boolean {
  if (info.custom) {
    const strip = (o: KubeObject) => {
      const { metadata: _m, status: _s, ...rest } = o;
      return JSON.stringify(rest);
    };
    return strip(old) !== strip(next);
  }
  return JSON.stringify(old.spec ?? null) !== JSON.stringify(next.spec ?? null);
}

/** Resources whose DELETE answers with the object rather than a Status (ReturnDeletedObject in their storage). */
export function returnsDeletedObject(info: ResourceInfo): boolean {
  return (info.group === '' && ['pods', 'namespaces', 'services', 'persistentvolumes', 'persistentvolumeclaims'].includes(info.resource)) ||
    (info.group === 'apiextensions.k8s.io' && info.resource === 'customresourcedefinitions') ||
    !!info.custom;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Carry over what the server allocated when an update leaves it out (the service REST storage's
 * patchAllocatedValues: clusterIP(s), IP families, node ports).
 */
export function prepareForUpdate(info: ResourceInfo, next: KubeObject, old: KubeObject): void {
  dropDisabledFields(info, next, old);
  if (!(info.group === '' && info.resource === 'services')) return;
  const n = (isObj(next.spec) ? next.spec : (next.spec = {})) as Obj;
  const o = (isObj(old.spec) ? old.spec : {}) as Obj;
  dropTypeDependentFields(n, o);
  if (n.type === 'ExternalName') return;
  if (!n.clusterIP && o.clusterIP && o.type !== 'ExternalName') {
    n.clusterIP = o.clusterIP;
    if (!n.clusterIPs) n.clusterIPs = o.clusterIPs;
  }
  if (n.ipFamilies === undefined && o.ipFamilies !== undefined) n.ipFamilies = o.ipFamilies;
  if (n.ipFamilyPolicy === undefined && o.ipFamilyPolicy !== undefined) n.ipFamilyPolicy = o.ipFamilyPolicy;
  const oldPorts = Array.isArray(o.ports) ? (o.ports as Obj[]) : [];
  for (const p of Array.isArray(n.ports) ? (n.ports as Obj[]) : []) {
    if (p.nodePort) continue;
    if (n.type !== 'NodePort' && n.type !== 'LoadBalancer') continue;
    const match = oldPorts.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
    if (match?.nodePort) p.nodePort = match.nodePort;
  }
}

/** PrepareForCreate: what the strategy sets after admission (a pod's QoS class, a CSR's requester). */
export function prepareForCreate(info: ResourceInfo, obj: KubeObject, user?: { username: string; groups: string[]; uid?: string }): void {
  dropDisabledFields(info, obj);
  if (info.group === 'certificates.k8s.io' && info.resource === 'certificatesigningrequests' && user) {
    // The requester is whoever sent the request; a client cannot claim another identity.
    const spec = (isObj(obj.spec) ? obj.spec : (obj.spec = {})) as Obj;
    spec.username = user.username;
    spec.groups = [...user.groups];
    if (user.uid) spec.uid = user.uid;
    else delete spec.uid;
    obj.status = {};
    return;
  }
  if (info.group === '' && info.resource === 'pods' && isObj(obj.spec)) {
    const status = (isObj(obj.status) ? obj.status : (obj.status = {})) as Obj;
    status.qosClass = qosClass(obj.spec as Obj);
  }
}

/**
 * When a Service changes type, the fields only the old type had go away if the client left them
 * unchanged (the service strategy's dropTypeDependentFields): node ports and traffic policy when
 * leaving NodePort/LoadBalancer, the cluster IPs when becoming ExternalName.
 */
function dropTypeDependentFields(n: Obj, o: Obj): void {
  const newType = n.type ?? 'ClusterIP';
  const oldType = o.type ?? 'ClusterIP';
  if (newType === oldType) return;
  const needsNodePorts = newType === 'NodePort' || newType === 'LoadBalancer';
  if (!needsNodePorts) {
    const oldPorts = Array.isArray(o.ports) ? (o.ports as Obj[]) : [];
    for (const p of Array.isArray(n.ports) ? (n.ports as Obj[]) : []) {
      if (p.nodePort !== undefined && oldPorts.some((q) => q.nodePort === p.nodePort)) delete p.nodePort;
    }
    if (n.externalTrafficPolicy === o.externalTrafficPolicy) delete n.externalTrafficPolicy;
  }
  if (newType !== 'LoadBalancer' && n.allocateLoadBalancerNodePorts === o.allocateLoadBalancerNodePorts) delete n.allocateLoadBalancerNodePorts;
  if (newType === 'ExternalName') {
    for (const f of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy']) {
      if (JSON.stringify(n[f]) === JSON.stringify(o[f])) delete n[f];
    }
  }
}
