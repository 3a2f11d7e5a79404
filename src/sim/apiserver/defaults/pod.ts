/**
 * Pod defaulting as pkg/apis/core/v1/defaults.go does it (SetDefaults_PodSpec, _Container,
 * _Probe, _Volume…), plus the pod strategy's PrepareForCreate status (phase Pending, qosClass).
 */
import type { KubeObject } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

/** Defaults of a PodSpec (used for pods and every pod template). */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  // SetDefaults_PodSpec: serviceAccountName and serviceAccount mirror each other.
  if (spec.serviceAccountName === undefined && typeof spec.serviceAccount === 'string' && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.hostNetwork === true) {
    for (const c of [...arr(spec.containers), ...arr(spec.initContainers)])
      for (const p of arr(c.ports)) setDefault(p, 'hostPort', p.containerPort);
  }
  for (const c of arr(spec.initContainers)) defaultContainer(c);
  for (const c of arr(spec.containers)) defaultContainer(c);
  for (const c of arr(spec.ephemeralContainers)) defaultContainer(c);
  for (const v of arr(spec.volumes)) defaultVolume(v);
}

/** Fields the Pod (not a template) gets: enableServiceLinks, status (preemptionPolicy is the Priority admission's). */
export function defaultPod(pod: KubeObject): void {
  const spec = (isObj(pod.spec) ? pod.spec : (pod.spec = {})) as Obj;
  defaultPodSpec(spec);
  setDefault(spec, 'enableServiceLinks', true);
  if (!isObj(pod.status)) pod.status = {};
  const status = pod.status as Obj;
  setDefault(status, 'phase', 'Pending');
  setDefault(status, 'qosClass', qosClass(spec));
}

/** Templates are stored with the zero creationTimestamp that Go serialises as null. */
export function defaultPodTemplate(template: unknown): void {
  if (!isObj(template)) return;
  if (!isObj(template.metadata)) template.metadata = {};
  setDefault(template.metadata as Obj, 'creationTimestamp', null);
  if (!isObj(template.spec)) template.spec = {};
  defaultPodSpec(template.spec as Obj);
}

export function defaultContainer(c: Obj): void {
  if (c.imagePullPolicy === undefined) c.imagePullPolicy = pullPolicyFor(String(c.image ?? ''));
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'resources', {});
  // SetDefaults_ResourceList: a limit without a request makes the request equal to the limit.
  const res = c.resources as Obj;
  if (isObj(res) && isObj(res.limits)) {
    const req = (isObj(res.requests) ? res.requests : {}) as Obj;
    for (const [k, v] of Object.entries(res.limits)) if (req[k] === undefined) req[k] = v;
    res.requests = req;
  }
  for (const p of arr(c.ports)) setDefault(p, 'protocol', 'TCP');
  for (const e of arr(c.env)) {
    const vf = e.valueFrom;
    if (isObj(vf) && isObj(vf.fieldRef)) setDefault(vf.fieldRef, 'apiVersion', 'v1');
  }
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (isObj(probe)) defaultProbe(probe);
  for (const h of [isObj(c.lifecycle) ? c.lifecycle.postStart : undefined, isObj(c.lifecycle) ? c.lifecycle.preStop : undefined])
    if (isObj(h) && isObj(h.httpGet)) setDefault(h.httpGet, 'scheme', 'HTTP');
}

/** Always for ':latest' or no tag (and no digest); IfNotPresent otherwise. */
export function pullPolicyFor(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tagAt = image.indexOf(':', lastSlash + 1);
  if (tagAt < 0) return 'Always';
  return image.slice(tagAt + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Obj): void {
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  if (isObj(p.httpGet)) setDefault(p.httpGet, 'scheme', 'HTTP');
}

function defaultVolume(v: Obj): void {
  const sources = ['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image'];
  if (!sources.some((s) => v[s] !== undefined)) v.emptyDir = {};
  if (isObj(v.secret)) setDefault(v.secret, 'defaultMode', 420);
  if (isObj(v.configMap)) setDefault(v.configMap, 'defaultMode', 420);
  if (isObj(v.downwardAPI)) {
    setDefault(v.downwardAPI, 'defaultMode', 420);
    for (const i of arr(v.downwardAPI.items)) if (isObj(i.fieldRef)) setDefault(i.fieldRef, 'apiVersion', 'v1');
  }
  if (isObj(v.projected)) setDefault(v.projected, 'defaultMode', 420);
  if (isObj(v.hostPath)) setDefault(v.hostPath, 'type', '');
  if (isObj(v.iscsi)) setDefault(v.iscsi, 'iscsiInterface', 'default');
}

/** Guaranteed when every container has equal cpu and memory requests and limits; BestEffort with none. */
export function qosClass(spec: Obj): string {
  const containers = [...arr(spec.containers), ...arr(spec.initContainers)];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const res = isObj(c.resources) ? c.resources : {};
    const req = (isObj(res.requests) ? res.requests : {}) as Obj;
    const lim = (isObj(res.limits) ? res.limits : {}) as Obj;
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? (v.filter(isObj) as Obj[]) : [];
}
