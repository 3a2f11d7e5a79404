/**
 * Defaulting, a table of kind → defaulter (pkg/apis/<group>/v1/defaults.go). Runs on create and
 * on update of the main resource, before admission and validation, as decoding does for real.
 */
import type { RequestContext } from '../context';
import type { KubeObject } from '../types';
import { defaultPod, defaultPodSpec, defaultPodTemplate } from './pod';
import { defaultService } from './service';
import { defaultCrd } from '../crd';
import { fillGoZeros } from '../patch/field-types';

type Obj = Record<string, unknown>;
type Defaulter = (obj: KubeObject, ctx: RequestContext) => void;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function set(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}
function spec(obj: KubeObject): Obj {
  if (!isObj(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}
function sub(o: Obj, key: string): Obj {
  if (!isObj(o[key])) o[key] = {};
  return o[key] as Obj;
}

const DEFAULTERS: Record<string, Defaulter> = {
  '/Pod': (o) => defaultPod(o),
  '/PodTemplate': (o) => defaultPodTemplate(o.template),
  '/ReplicationController': (o) => {
    const s = spec(o);
    set(s, 'replicas', 1);
    defaultPodTemplate(s.template);
    const labels = isObj(s.template) && isObj((s.template as Obj).metadata) ? ((s.template as Obj).metadata as Obj).labels : undefined;
    if (!s.selector && isObj(labels)) s.selector = { ...labels };
    if (!o.metadata!.labels && isObj(labels)) o.metadata!.labels = { ...(labels as Record<string, string>) };
  },
  '/Service': (o, ctx) => defaultService(o, ctx),
  '/Namespace': (o) => {
    const meta = o.metadata!;
    meta.labels = { ...(meta.labels ?? {}), 'kubernetes.io/metadata.name': meta.name ?? '' };
    const s = spec(o);
    set(s, 'finalizers', ['kubernetes']);
    if (!isObj(o.status)) o.status = {};
    set(o.status as Obj, 'phase', 'Active');
  },
  '/Secret': (o) => set(o as Obj, 'type', 'Opaque'),
  // Go writes these whatever the client sent (eventTime: null, reportingComponent: "", source: {}…).
  '/Event': (o) => fillGoZeros(o, 'core.v1.Event'),
  'events.k8s.io/Event': (o) => fillGoZeros(o, 'events.v1.Event'),
  '/PersistentVolumeClaim': (o) => {
    set(spec(o), 'volumeMode', 'Filesystem');
    if (!isObj(o.status)) o.status = {};
    set(o.status as Obj, 'phase', 'Pending');
  },
  '/PersistentVolume': (o) => {
    const s = spec(o);
    set(s, 'persistentVolumeReclaimPolicy', 'Retain');
    set(s, 'volumeMode', 'Filesystem');
    // SetDefaults_HostPathVolumeSource, as for a Pod's volumes: an unset type is "".
    if (isObj(s.hostPath)) set(s.hostPath as Obj, 'type', '');
    if (!isObj(o.status)) o.status = {};
    set(o.status as Obj, 'phase', 'Pending');
  },
  // SetDefaults_LimitRangeItem: for containers, default ← max, defaultRequest ← default, then ← min.
  '/LimitRange': (o) => {
    for (const item of (spec(o).limits ?? []) as Obj[]) {
      if (item.type !== 'Container') continue;
      const def = (item.default ??= {}) as Obj;
      const req = (item.defaultRequest ??= {}) as Obj;
      for (const [k, v] of Object.entries((item.max ?? {}) as Obj)) if (!(k in def)) def[k] = v;
      for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
      for (const [k, v] of Object.entries((item.min ?? {}) as Obj)) if (!(k in req)) req[k] = v;
    }
  },
  '/Node': (o) => {
    if (!isObj(o.status)) o.status = {};
  },
  '/ServiceAccount': () => {},
  'apps/Deployment': (o) => {
    const s = spec(o);
    set(s, 'replicas', 1);
    const st = sub(s, 'strategy');
    set(st, 'type', 'RollingUpdate');
    if (st.type === 'RollingUpdate') {
      const ru = sub(st, 'rollingUpdate');
      set(ru, 'maxUnavailable', '25%');
      set(ru, 'maxSurge', '25%');
    }
    set(s, 'revisionHistoryLimit', 10);
    set(s, 'progressDeadlineSeconds', 600);
    defaultPodTemplate(s.template);
  },
  'apps/ReplicaSet': (o) => {
    const s = spec(o);
    set(s, 'replicas', 1);
    defaultPodTemplate(s.template);
  },
  'apps/DaemonSet': (o) => {
    const s = spec(o);
    const st = sub(s, 'updateStrategy');
    set(st, 'type', 'RollingUpdate');
    if (st.type === 'RollingUpdate') {
      const ru = sub(st, 'rollingUpdate');
      set(ru, 'maxUnavailable', 1);
      set(ru, 'maxSurge', 0);
    }
    set(s, 'revisionHistoryLimit', 10);
    defaultPodTemplate(s.template);
  },
  'apps/StatefulSet': (o) => {
    const s = spec(o);
    set(s, 'replicas', 1);
    set(s, 'podManagementPolicy', 'OrderedReady');
    const st = sub(s, 'updateStrategy');
    set(st, 'type', 'RollingUpdate');
    if (st.type === 'RollingUpdate') set(sub(st, 'rollingUpdate'), 'partition', 0);
    set(s, 'revisionHistoryLimit', 10);
    const retention = sub(s, 'persistentVolumeClaimRetentionPolicy');
    set(retention, 'whenDeleted', 'Retain');
    set(retention, 'whenScaled', 'Retain');
    for (const t of Array.isArray(s.volumeClaimTemplates) ? s.volumeClaimTemplates : []) {
      if (!isObj(t)) continue;
      t.apiVersion ??= 'v1';
      t.kind ??= 'PersistentVolumeClaim';
      if (!isObj(t.metadata)) t.metadata = {};
      set(t.metadata as Obj, 'creationTimestamp', null);
      set(sub(t, 'spec'), 'volumeMode', 'Filesystem');
      set(sub(t, 'status'), 'phase', 'Pending');
    }
    defaultPodTemplate(s.template);
  },
  'batch/Job': (o) => defaultJobSpec(spec(o), o),
  'batch/CronJob': (o) => {
    const s = spec(o);
    set(s, 'concurrencyPolicy', 'Allow');
    set(s, 'suspend', false);
    set(s, 'successfulJobsHistoryLimit', 3);
    set(s, 'failedJobsHistoryLimit', 1);
    const jt = sub(s, 'jobTemplate');
    if (!isObj(jt.metadata)) jt.metadata = {};
    set(jt.metadata as Obj, 'creationTimestamp', null);
    const js = sub(jt, 'spec');
    defaultPodTemplate(js.template);
  },
  'networking.k8s.io/NetworkPolicy': (o) => {
    const s = spec(o);
    for (const rule of [...arrOf(s.ingress), ...arrOf(s.egress)]) for (const p of arrOf(rule.ports)) set(p, 'protocol', 'TCP');
    if (!Array.isArray(s.policyTypes) || s.policyTypes.length === 0) {
      s.policyTypes = Array.isArray(s.egress) && s.egress.length ? ['Ingress', 'Egress'] : ['Ingress'];
    }
  },
  'scheduling.k8s.io/PriorityClass': (o) => set(o as Obj, 'preemptionPolicy', 'PreemptLowerPriority'),
  'storage.k8s.io/StorageClass': (o) => {
    set(o as Obj, 'reclaimPolicy', 'Delete');
    set(o as Obj, 'volumeBindingMode', 'Immediate');
  },
  'policy/PodDisruptionBudget': () => {},
  'autoscaling/HorizontalPodAutoscaler': (o, ctx) => {
    const s = spec(o);
    set(s, 'minReplicas', 1);
    if (ctx.info.version === 'v2' && !Array.isArray(s.metrics))
      s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    // A behavior that is given is completed with the default scaling rules (GenerateHPAScale*Rules).
    if (ctx.info.version === 'v2' && isObj(s.behavior)) {
      const b = s.behavior as Obj;
      const up = sub(b, 'scaleUp');
      set(up, 'stabilizationWindowSeconds', 0);
      set(up, 'selectPolicy', 'Max');
      set(up, 'policies', [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ]);
      const down = sub(b, 'scaleDown');
      set(down, 'stabilizationWindowSeconds', 300);
      set(down, 'selectPolicy', 'Max');
      set(down, 'policies', [{ type: 'Percent', value: 100, periodSeconds: 15 }]);
    }
  },
  'rbac.authorization.k8s.io/RoleBinding': () => {},
  'apiextensions.k8s.io/CustomResourceDefinition': (o, ctx) => defaultCrd(o, ctx.server.clock.rfc3339()),
};

function defaultJobSpec(s: Obj, job: KubeObject): void {
  if (s.completions === undefined && s.parallelism === undefined) {
    s.completions = 1;
    s.parallelism = 1;
  }
  set(s, 'parallelism', 1);
  set(s, 'backoffLimit', 6);
  set(s, 'completionMode', 'NonIndexed');
  set(s, 'suspend', false);
  set(s, 'manualSelector', undefined);
  if (s.manualSelector === undefined) delete s.manualSelector;
  if (s.podFailurePolicy === undefined) set(s, 'podReplacementPolicy', 'TerminatingOrFailed');
  // The job strategy generates the selector from the uid (pkg/registry/batch/job/strategy.go).
  const uid = job.metadata?.uid;
  if (uid && s.manualSelector !== true) {
    const t = sub(s, 'template');
    const tm = sub(t, 'metadata');
    tm.labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': job.metadata!.name ?? '',
      'controller-uid': uid,
      'job-name': job.metadata!.name ?? '',
      ...(isObj(tm.labels) ? (tm.labels as Record<string, string>) : {}),
    };
    if (!s.selector) s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  }
  defaultPodTemplate(s.template);
}

function arrOf(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

export function applyDefaults(ctx: RequestContext, obj: KubeObject): void {
  const fn = DEFAULTERS[`${ctx.info.group}/${ctx.info.kind}`];
  try {
    fn?.(obj, ctx);
  } catch {
    // Defaulting never fails a request; validation reports what is wrong.
  }
}

export { defaultPodSpec };
