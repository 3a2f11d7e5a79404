/** One describer per kind, laid out as kubectl's describe.go; Events last. */
import type { KubeObject } from '../../sim/apiserver/types';
import { describeContainers, describePodTemplate, describeVolumes } from './containers';
import {
  controlledPods, controllerOf, describeEvents, formatLabels, formatLabelSelector, printAnnotations, printLabels, printTaints, printTolerations, rfc1123z, selectorQuery, since,
  type Obj,
} from './helpers';
import { PrefixWriter } from './tabwriter';
import { describePv, describePvc, describeRole, describeRoleBinding } from './more';
import { describeIngress } from './ingress';
import { describeService } from './service';
import { describeEndpointSlice } from './endpoint-slices';
import { describeNetworkPolicy } from './networkpolicy';
import { describeIngressClass, describeStorageClass } from './classes';
import { describeCertificateSigningRequest } from './certificates';
import { describeEndpoints, describeLimitRange, describeNamespacePolicies, describePriorityClass, describeResourceQuota } from './policy';
import { describeHorizontalPodAutoscaler } from './hpa';
import { describePodDisruptionBudget } from './pdb';
import { describeCronJob, describeDaemonSet, describeJob, describeStatefulSet } from './workloads';

export interface DescribeContext {
  now: number;
  events?: KubeObject[];
  /** Other objects a describer needs (a deployment's ReplicaSets, a node's pods, a service's endpoints). */
  related: (resource: string, group: string, namespace?: string, labelSelector?: string, fieldSelector?: string) => KubeObject[];
  /** One object by name (undefined when the server answers otherwise), where describe.go GETs it. */
  one: (resource: string, group: string, namespace: string | undefined, name: string) => KubeObject | undefined;
}

type Describer = (o: KubeObject, ctx: DescribeContext) => string;

function qos(spec: Obj): string {
  const cs = (spec.containers ?? []) as Obj[];
  const all = cs.map((c) => c.resources ?? {});
  if (all.every((r) => !Object.keys(r.requests ?? {}).length && !Object.keys(r.limits ?? {}).length)) return 'BestEffort';
  const guaranteed = all.every((r) => r.limits?.cpu && r.limits?.memory && (!r.requests?.cpu || r.requests.cpu === r.limits.cpu) && (!r.requests?.memory || r.requests.memory === r.limits.memory));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const pod: Describer = (o, ctx) => {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  if (o.metadata?.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(o.metadata.deletionTimestamp, ctx.now)})\n`);
    w.write(0, `Termination Grace Period:\t${o.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${st.phase ?? ''}\n`);
  }
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${st.podIP ?? ''}\n`);
  const ips = (st.podIPs ?? []) as Obj[];
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const ctl = controllerOf(o);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  if (st.nominatedNodeName) w.write(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, st.initContainerStatuses ?? [], '', o);
  describeContainers(w, 'Containers', spec.containers ?? [], st.containerStatuses ?? [], '', o);
  if (spec.ephemeralContainers?.length) describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, st.ephemeralContainerStatuses ?? [], '', o);
  const conds = (st.conditions ?? []) as Obj[];
  const gates = (spec.readinessGates ?? []) as Obj[];
  if (gates.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) w.write(1, `${g.conditionType} \t${conds.find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`);
  }
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conds) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(0, `QoS Class:\t${st.qosClass ?? qos(spec)}\n`);
  printLabels(w, 'Node-Selectors', spec.nodeSelector);
  printTolerations(w, 'Tolerations', spec.tolerations);
  describeEvents(w, ctx.events, ctx.now);
  return w.toString();
};

function rsByLabels(list: KubeObject[]): string {
  if (list.length === 0) return '<none>';
  return list.map((rs) => `${rs.metadata?.name} (${(rs.status as Obj)?.replicas ?? 0}/${(rs.spec as Obj)?.replicas ?? 0} replicas created)`).join(', ');
}

const deployment: Describer = (o, ctx) => {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata?.creationTimestamp)}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  if (spec.strategy?.rollingUpdate) {
    const ru = spec.strategy.rollingUpdate;
    w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable} max unavailable, ${ru.maxSurge} max surge\n`);
  }
  describePodTemplate(w, spec.template);
  const conds = (st.conditions ?? []) as Obj[];
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const uid = o.metadata?.uid;
  const rss = ctx.related('replicasets', 'apps', o.metadata?.namespace, selectorQuery(spec.selector)).filter((rs) => (rs.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === uid));
  const revision = o.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  const newRS = rss.find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision);
  // Every old ReplicaSet, scaled down or not: kubectl 1.33 prints `web-5c94f75b5d (0/0 replicas created)`.
  const old = rss.filter((rs) => rs !== newRS);
  if (rss.length || newRS) {
    w.write(0, `OldReplicaSets:\t${rsByLabels(old)}\n`);
    w.write(0, `NewReplicaSet:\t${rsByLabels(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.toString();
};

const replicaset: Describer = (o, ctx) => {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  const ctl = controllerOf(o);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  w.write(0, `Replicas:\t${st.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
  const pods = controlledPods(o, ctx);
  const count = (phase: string) => pods.filter((p) => (p.status as Obj)?.phase === phase).length;
  w.write(0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`);
  describePodTemplate(w, spec.template);
  const conds = (st.conditions ?? []) as Obj[];
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conds) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.toString();
};

const node: Describer = (o, ctx) => {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  const labels = (o.metadata?.labels ?? {}) as Record<string, string>;
  const roles = Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice(24)).sort();
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata?.creationTimestamp)}\n`);
  printTaints(w, 'Taints', spec.taints);
  w.write(0, `Unschedulable:\t${Boolean(spec.unschedulable)}\n`);
  // NodeDescriber reads the node's pods and events before describeNode reads its Lease.
  const pods = ctx.related('pods', '', undefined, undefined, `spec.nodeName=${o.metadata?.name},status.phase!=Succeeded,status.phase!=Failed`);
  const events = ctx.events;
  const lease = ctx.one('leases', 'coordination.k8s.io', 'kube-node-lease', o.metadata?.name ?? '');
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${(lease?.spec as Obj)?.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${(lease?.spec as Obj)?.acquireTime ? rfc1123z((lease!.spec as Obj).acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${(lease?.spec as Obj)?.renewTime ? rfc1123z((lease!.spec as Obj).renewTime) : '<unset>'}\n`);
  const conds = (st.conditions ?? []) as Obj[];
  if (conds.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of (st.addresses ?? []) as Obj[]) w.write(1, `${a.type}:\t${a.address}\n`);
  const res = (name: string, list: Record<string, string> | undefined) => {
    if (!list) return;
    w.write(0, `${name}:\n`);
    for (const k of Object.keys(list).sort()) w.write(1, `${k}:\t${list[k]}\n`);
  };
  res('Capacity', st.capacity);
  res('Allocatable', st.allocatable);
  const info = (st.nodeInfo ?? {}) as Obj;
  w.write(0, 'System Info:\n');
  for (const [label, key] of [
    ['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'], ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'], ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]) {
    w.write(1, `${label}:\t${info[key] ?? ''}\n`);
  }
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc = (st.allocatable ?? {}) as Record<string, string>;
  const sum = (p: KubeObject, kind: 'requests' | 'limits', res: 'cpu' | 'memory') =>
    (((p.spec as Obj)?.containers ?? []) as Obj[]).reduce((acc, c) => acc + parseQty(c.resources?.[kind]?.[res]), 0);
  const pct = (v: number, total: string | undefined) => {
    const t = parseQty(total);
    return t > 0 ? Math.floor((v / t) * 100) : 0;
  };
  let totals = { rc: 0, lc: 0, rm: 0, lm: 0 };
  for (const p of [...pods].sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}` < `${b.metadata?.namespace}/${b.metadata?.name}` ? -1 : 1)) {
    const rc = sum(p, 'requests', 'cpu');
    const lc = sum(p, 'limits', 'cpu');
    const rm = sum(p, 'requests', 'memory');
    const lm = sum(p, 'limits', 'memory');
    totals = { rc: totals.rc + rc, lc: totals.lc + lc, rm: totals.rm + rm, lm: totals.lm + lm };
    w.write(1, `${p.metadata?.namespace}\t${p.metadata?.name}\t\t${fmtCpu(rc)} (${pct(rc, alloc.cpu)}%)\t${fmtCpu(lc)} (${pct(lc, alloc.cpu)}%)\t${fmtMem(rm)} (${pct(rm, alloc.memory)}%)\t${fmtMem(lm)} (${pct(lm, alloc.memory)}%)\t${since(p.metadata?.creationTimestamp, ctx.now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${fmtCpu(totals.rc)} (${pct(totals.rc, alloc.cpu)}%)\t${fmtCpu(totals.lc)} (${pct(totals.lc, alloc.cpu)}%)\n`);
  w.write(1, `memory\t${fmtMem(totals.rm)} (${pct(totals.rm, alloc.memory)}%)\t${fmtMem(totals.lm)} (${pct(totals.lm, alloc.memory)}%)\n`);
  w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-1Gi\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-2Mi\t0 (0%)\t0 (0%)\n');
  describeEvents(w, events, ctx.now);
  return w.toString();
};

/** Quantity to a base number (cores for cpu, bytes for memory). */
function parseQty(q: string | undefined): number {
  if (!q) return 0;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(q));
  if (!m) return 0;
  const n = Number(m[1]);
  const mult: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  return n * (mult[m[2]] ?? 1);
}

function fmtCpu(cores: number): string {
  if (cores === 0) return '0';
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

function fmtMem(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [suffix, size] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
    if (bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}

const namespace: Describer = (o, ctx) => {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `Status:\t${(o.status as Obj)?.phase ?? ''}\n`);
  const ns = o.metadata?.name;
  describeNamespacePolicies(w, ctx.related('resourcequotas', '', ns), ctx.related('limitranges', '', ns));
  return w.toString();
};

const configmap: Describer = (o, ctx) => {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, '\nData\n====\n');
  const data = (o.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  // binaryData holds base64: describe counts the bytes it decodes to.
  for (const k of Object.keys((o.binaryData ?? {}) as Obj).sort()) w.write(0, `${k}: ${atob(String((o.binaryData as Obj)[k])).length} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
};

const secret: Describer = (o) => {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `\nType:\t${o.type ?? 'Opaque'}\n\nData\n====\n`);
  const data = (o.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) {
    const len = atob(data[k]).length;
    w.write(0, `${k}:\t${len} bytes\n`);
  }
  return w.toString();
};

const serviceaccount: Describer = (o, ctx) => {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  const pulls = ((o.imagePullSecrets as Obj[]) ?? []).map((s) => s.name);
  w.write(0, `Image pull secrets:\t${pulls.length ? pulls.join(', ') : '<none>'}\n`);
  const mounts = ((o.secrets as Obj[]) ?? []).map((s) => s.name);
  w.write(0, `Mountable secrets:\t${mounts.length ? mounts.join(', ') : '<none>'}\n`);
  w.write(0, 'Tokens:\t<none>\n');
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
};

const DESCRIBERS: Record<string, Describer> = {
  ingresses: describeIngress,
  networkpolicies: describeNetworkPolicy,
  resourcequotas: describeResourceQuota,
  limitranges: describeLimitRange,
  priorityclasses: describePriorityClass,
  endpoints: describeEndpoints,
  storageclasses: describeStorageClass,
  ingressclasses: describeIngressClass,
  certificatesigningrequests: describeCertificateSigningRequest,
  horizontalpodautoscalers: describeHorizontalPodAutoscaler,
  poddisruptionbudgets: describePodDisruptionBudget,
  daemonsets: describeDaemonSet,
  statefulsets: describeStatefulSet,
  jobs: describeJob,
  cronjobs: describeCronJob,
  roles: describeRole,
  clusterroles: describeRole,
  rolebindings: describeRoleBinding,
  clusterrolebindings: describeRoleBinding,
  persistentvolumeclaims: describePvc,
  persistentvolumes: describePv,
  pods: pod,
  deployments: deployment,
  replicasets: replicaset,
  services: describeService,
  endpointslices: describeEndpointSlice,
  nodes: node,
  namespaces: namespace,
  configmaps: configmap,
  secrets: secret,
  serviceaccounts: serviceaccount,
};

export function describerFor(resource: string): Describer | undefined {
  return DESCRIBERS[resource];
}
