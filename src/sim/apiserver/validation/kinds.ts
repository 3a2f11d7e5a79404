/** Per-kind validators (create and update), keyed 'group/Kind', with the texts of pkg/apis/<group>/validation. */
import { parseQuantity } from '../quantity';
import type { Cause } from '../errors';
import type { RequestContext } from '../context';
import type { KubeObject } from '../types';
import { labelSelectorFromObject, matchesLabels } from '../selectors';
import { NODE_PORT_RANGE } from '../defaults/service';
import { inRange, serviceClusterIPRange } from '../service-cidr';
import { duplicate, forbiddenField, goValue, invalid, nameErrors, notSupported, required } from './names';
import { validatePodSpec, validatePodUpdate } from './podspec';
import { validatePersistentVolumeClaimUpdate, validatePersistentVolumeUpdate } from './storage-update';

export type KindValidator = (obj: KubeObject, ctx: RequestContext) => Cause[];
export type UpdateValidator = (next: KubeObject, old: KubeObject, ctx: RequestContext) => Cause[];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const specOf = (o: KubeObject): Obj => (isObj(o.spec) ? o.spec : {});

/** How Go's %#v prints a metav1.LabelSelector (immutable-selector messages show it). */
function goLabelSelector(sel: unknown): string {
  const s = (isObj(sel) ? sel : {}) as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const ml = s.matchLabels ? goValue(s.matchLabels) : 'map[string]string(nil)';
  const me = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions.map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:[]string{${(e.values ?? []).map((v) => JSON.stringify(v)).join(', ')}}}`).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

function nonNegative(field: string, v: unknown): Cause[] {
  return typeof v === 'number' && v < 0 ? [invalid(field, v, 'must be greater than or equal to 0')] : [];
}

/** Selector present, non-empty, matching the template's labels; then the template's pod spec. */
function validateWorkload(o: KubeObject, kind: string, restartPolicies: string[] | undefined): Cause[] {
  const s = specOf(o);
  const causes: Cause[] = [];
  causes.push(...nonNegative('spec.replicas', s.replicas));
  const sel = s.selector;
  const template = (isObj(s.template) ? s.template : undefined) as Obj | undefined;
  if (sel === undefined || sel === null) {
    causes.push(required('spec.selector'));
    // A missing selector converts to "select nothing", so the template check fails too (as for real).
    if (template) {
      const labels = ((template.metadata as Obj | undefined)?.labels ?? {}) as Record<string, string>;
      causes.push({ reason: 'FieldValueInvalid', field: 'spec.template.metadata.labels', message: `Invalid value: ${goValue(labels)}: \`selector\` does not match template \`labels\`` });
    }
  } else {
    const reqs = labelSelectorFromObject(sel);
    if (!reqs.length) causes.push({ reason: 'FieldValueInvalid', field: 'spec.selector', message: `Invalid value: ${goLabelSelector(sel)}: empty selector is invalid for ${kind}` });
    const labels = ((template?.metadata as Obj | undefined)?.labels ?? {}) as Record<string, string>;
    if (reqs.length && template && !matchesLabels(reqs, labels)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'spec.template.metadata.labels',
        message: `Invalid value: ${goValue(labels)}: \`selector\` does not match template \`labels\``,
      });
    }
  }
  if (!template) {
    causes.push(required('spec.template'));
    return causes;
  }
  const claimNames = arr(s.volumeClaimTemplates).map((t) => String((t.metadata as Obj | undefined)?.name ?? ''));
  causes.push(...validatePodSpec(template.spec, 'spec.template.spec', claimNames));
  const rp = (template.spec as Obj | undefined)?.restartPolicy;
  if (restartPolicies && rp !== undefined && !restartPolicies.includes(String(rp)))
    causes.push(notSupported('spec.template.spec.restartPolicy', rp, restartPolicies));
  return causes;
}

function immutableSelector(next: KubeObject, old: KubeObject): Cause[] {
  const a = JSON.stringify(specOf(next).selector ?? null);
  const b = JSON.stringify(specOf(old).selector ?? null);
  return a === b ? [] : [{ reason: 'FieldValueInvalid', field: 'spec.selector', message: `Invalid value: ${goLabelSelector(specOf(next).selector)}: field is immutable` }];
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
function validateDataKeys(o: KubeObject): Cause[] {
  const causes: Cause[] = [];
  const seen = new Set<string>();
  for (const field of ['data', 'binaryData', 'stringData']) {
    const d = (o as Obj)[field];
    if (!isObj(d)) continue;
    for (const k of Object.keys(d)) {
      if (!CONFIG_KEY.test(k) || k.length > 253)
        causes.push(invalid(`${field}[${k}]`, k, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
      if (field !== 'stringData' && seen.has(k)) causes.push(duplicate(`${field}[${k}]`, k));
      seen.add(k);
    }
  }
  return causes;
}

/** Keys each built-in secret type requires (ValidateSecret). */
const SECRET_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

function validateSecretType(o: KubeObject): Cause[] {
  const type = String((o as Obj).type ?? 'Opaque');
  const data = { ...((isObj((o as Obj).data) ? (o as Obj).data : {}) as Obj), ...((isObj((o as Obj).stringData) ? (o as Obj).stringData : {}) as Obj) };
  const causes: Cause[] = [];
  for (const k of SECRET_KEYS[type] ?? []) if (data[k] === undefined) causes.push(required(`data[${k}]`));
  if (type === 'kubernetes.io/service-account-token' && !o.metadata?.annotations?.['kubernetes.io/service-account.name'])
    causes.push(required("metadata.annotations[kubernetes.io/service-account.name]"));
  return causes;
}

function immutableData(next: KubeObject, old: KubeObject): Cause[] {
  if ((old as Obj).immutable !== true) return [];
  const causes: Cause[] = [];
  if (JSON.stringify((next as Obj).data ?? null) !== JSON.stringify((old as Obj).data ?? null)) causes.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
  if ((next as Obj).immutable !== true) causes.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
  return causes;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function validateService(o: KubeObject, ctx: RequestContext): Cause[] {
  const s = specOf(o);
  const causes: Cause[] = [];
  const type = s.type ?? 'ClusterIP';
  if (!SERVICE_TYPES.includes(String(type))) causes.push(notSupported('spec.type', type, SERVICE_TYPES));
  const ports = arr(s.ports);
  if (type === 'ExternalName') {
    if (!s.externalName) causes.push(required('spec.externalName'));
  } else if (!ports.length && s.clusterIP !== 'None') causes.push(required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    if (ports.length > 1 && !p.name) causes.push(required(`spec.ports[${i}].name`));
    if (typeof p.name === 'string' && p.name) {
      for (const m of nameErrors(p.name, 'label')) causes.push(invalid(`spec.ports[${i}].name`, p.name, m));
      if (names.has(p.name)) causes.push(duplicate(`spec.ports[${i}].name`, p.name));
      names.add(p.name);
    }
    if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) causes.push(invalid(`spec.ports[${i}].port`, p.port ?? 0, 'must be between 1 and 65535, inclusive'));
    if (p.protocol !== undefined && !['SCTP', 'TCP', 'UDP'].includes(String(p.protocol))) causes.push(notSupported(`spec.ports[${i}].protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535))
      causes.push(invalid(`spec.ports[${i}].targetPort`, p.targetPort, 'must be between 1 and 65535, inclusive'));
    if (typeof p.nodePort === 'number' && p.nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') causes.push(forbiddenField(`spec.ports[${i}].nodePort`, 'may not be used when `type` is \'ClusterIP\''));
      else if (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max)
        causes.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`));
    }
  });
  if (s.sessionAffinity !== undefined && !['ClientIP', 'None'].includes(String(s.sessionAffinity))) causes.push(notSupported('spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']));
  const range = serviceClusterIPRange(ctx.server);
  if (typeof s.clusterIP === 'string' && s.clusterIP && s.clusterIP !== 'None' && !inRange(range, s.clusterIP)) {
    const valid = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s.clusterIP);
    causes.push(
      invalid(
        'spec.clusterIPs',
        [s.clusterIP],
        valid ? `failed to allocate IP ${s.clusterIP}: the provided IP (${s.clusterIP}) is not in the valid range. The range of valid IPs is ${range.text}` : 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ),
    );
  }
  return causes;
}

function validateServiceUpdate(next: KubeObject, old: KubeObject): Cause[] {
  const n = specOf(next);
  const o = specOf(old);
  if (o.clusterIP && n.clusterIP !== o.clusterIP && o.type !== 'ExternalName' && n.type !== 'ExternalName')
    return [invalid('spec.clusterIPs[0]', [String(n.clusterIP ?? '')], 'may not change once set')];
  return [];
}

export const KIND_VALIDATORS: Record<string, KindValidator> = {
  '/Pod': (o) => validatePodSpec(o.spec, 'spec'),
  '/PodTemplate': (o) => validatePodSpec((o.template as Obj | undefined)?.spec, 'template.spec'),
  '/ReplicationController': (o) => {
    const s = specOf(o);
    const causes = nonNegative('spec.replicas', s.replicas);
    if (isObj(s.template)) causes.push(...validatePodSpec((s.template as Obj).spec, 'spec.template.spec'));
    return causes;
  },
  '/Service': (o, ctx) => validateService(o, ctx),
  '/Node': (o) => {
    const causes: Cause[] = [];
    const seen = new Set<string>();
    arr(specOf(o).taints).forEach((t, i) => {
      if (!t.key) causes.push(required(`spec.taints[${i}].key`));
      const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
      if (!t.effect) causes.push(required(`spec.taints[${i}].effect`));
      else if (!effects.includes(String(t.effect))) causes.push(notSupported(`spec.taints[${i}].effect`, t.effect, effects));
      const id = `${String(t.key)}:${String(t.effect)}`;
      if (seen.has(id)) causes.push(duplicate(`spec.taints[${i}]`, `${String(t.key)}, ${String(t.effect)}`));
      seen.add(id);
    });
    return causes;
  },
  // ValidateResourceQuotaSpec: every hard limit a non-negative quantity.
  '/ResourceQuota': (o) => {
    const hard = isObj(specOf(o).hard) ? (specOf(o).hard as Obj) : {};
    return Object.entries(hard)
      .filter(([, v]) => (typeof v === 'string' || typeof v === 'number') && parseQuantity(v) < 0)
      .map(([k, v]) => invalid(`spec.hard[${k}]`, String(v), 'must be greater than or equal to 0'));
  },
  '/ConfigMap': (o) => validateDataKeys(o),
  '/Secret': (o) => [...validateDataKeys(o), ...validateSecretType(o)],
  '/PersistentVolumeClaim': (o) => {
    const s = specOf(o);
    const causes: Cause[] = [];
    if (!arr(s.accessModes).length && !(Array.isArray(s.accessModes) && s.accessModes.length)) causes.push(required('spec.accessModes', 'at least 1 access mode is required'));
    const req = ((s.resources as Obj | undefined)?.requests as Obj | undefined)?.storage;
    if (req === undefined && !s.dataSource) causes.push(required('spec.resources[storage]'));
    return causes;
  },
  '/PersistentVolume': (o) => {
    const s = specOf(o);
    const causes: Cause[] = [];
    if (!(Array.isArray(s.accessModes) && s.accessModes.length)) causes.push(required('spec.accessModes'));
    if (!((s.capacity as Obj | undefined)?.storage)) causes.push(required('spec.capacity'));
    return causes;
  },
  'apps/Deployment': (o) => {
    const causes = validateWorkload(o, 'deployment', ['Always']);
    const st = specOf(o).strategy as Obj | undefined;
    if (st?.type !== undefined && !['Recreate', 'RollingUpdate'].includes(String(st.type))) causes.push(notSupported('spec.strategy.type', st.type, ['Recreate', 'RollingUpdate']));
    if (st?.type === 'Recreate' && st.rollingUpdate) causes.push(forbiddenField('spec.strategy.rollingUpdate', 'may not be specified when strategy `type` is \'Recreate\''));
    // ValidateDeploymentSpec, after the strategy: the numbers a decoder may have cut to an int32 end up here.
    const s = specOf(o);
    causes.push(...nonNegative('spec.minReadySeconds', s.minReadySeconds), ...nonNegative('spec.revisionHistoryLimit', s.revisionHistoryLimit));
    const deadline = s.progressDeadlineSeconds;
    if (typeof deadline === 'number') {
      causes.push(...nonNegative('spec.progressDeadlineSeconds', deadline));
      if (deadline <= (typeof s.minReadySeconds === 'number' ? s.minReadySeconds : 0)) causes.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
    }
    return causes;
  },
  'apps/ReplicaSet': (o) => validateWorkload(o, 'replicaset', ['Always']),
  'apps/DaemonSet': (o) => validateWorkload(o, 'daemonset', ['Always']),
  'apps/StatefulSet': (o) => validateWorkload(o, 'statefulset', ['Always']),
  'batch/Job': (o) => {
    const s = specOf(o);
    const causes: Cause[] = [];
    for (const f of ['parallelism', 'completions', 'backoffLimit']) causes.push(...nonNegative(`spec.${f}`, s[f]));
    const t = s.template as Obj | undefined;
    if (!t) return [...causes, required('spec.template')];
    causes.push(...validatePodSpec(t.spec, 'spec.template.spec'));
    const rp = (t.spec as Obj | undefined)?.restartPolicy;
    if (rp !== 'OnFailure' && rp !== 'Never') causes.push(rp === undefined ? required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"') : notSupported('spec.template.spec.restartPolicy', rp, ['OnFailure', 'Never']));
    return causes;
  },
  'batch/CronJob': (o) => {
    const s = specOf(o);
    const causes: Cause[] = [];
    const sched = s.schedule;
    if (!sched) causes.push(required('spec.schedule'));
    else if (!validCron(String(sched))) causes.push(invalid('spec.schedule', sched, `unparseable schedule`));
    if (s.concurrencyPolicy !== undefined && !['Allow', 'Forbid', 'Replace'].includes(String(s.concurrencyPolicy)))
      causes.push(notSupported('spec.concurrencyPolicy', s.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']));
    const jt = (s.jobTemplate as Obj | undefined)?.spec as Obj | undefined;
    const t = jt?.template as Obj | undefined;
    if (t) {
      causes.push(...validatePodSpec(t.spec, 'spec.jobTemplate.spec.template.spec'));
      const rp = (t.spec as Obj | undefined)?.restartPolicy;
      if (rp !== 'OnFailure' && rp !== 'Never')
        causes.push(rp === undefined ? required('spec.jobTemplate.spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"') : notSupported('spec.jobTemplate.spec.template.spec.restartPolicy', rp, ['OnFailure', 'Never']));
    }
    return causes;
  },
  'rbac.authorization.k8s.io/RoleBinding': (o) => validateRoleRef(o, ['Role', 'ClusterRole']),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (o) => validateRoleRef(o, ['ClusterRole']),
  'networking.k8s.io/Ingress': (o) => {
    const causes: Cause[] = [];
    arr(specOf(o).rules).forEach((r, i) =>
      arr((r.http as Obj | undefined)?.paths).forEach((p, j) => {
        const f = `spec.rules[${i}].http.paths[${j}]`;
        if (!p.pathType) causes.push(required(`${f}.pathType`, 'pathType must be specified'));
        else if (!['Exact', 'Prefix', 'ImplementationSpecific'].includes(String(p.pathType))) causes.push(notSupported(`${f}.pathType`, p.pathType, ['Exact', 'ImplementationSpecific', 'Prefix']));
        if ((p.pathType === 'Exact' || p.pathType === 'Prefix') && !String(p.path ?? '').startsWith('/')) causes.push(invalid(`${f}.path`, p.path ?? '', "must be an absolute path"));
      }),
    );
    return causes;
  },
  'policy/PodDisruptionBudget': (o) => {
    const s = specOf(o);
    if (s.minAvailable !== undefined && s.maxUnavailable !== undefined)
      return [{ reason: 'FieldValueInvalid', field: 'spec', message: 'Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set' }];
    return [];
  },
  'scheduling.k8s.io/PriorityClass': (o) => {
    const v = (o as Obj).value;
    if (typeof v === 'number' && v > 1000000000 && !String(o.metadata?.name).startsWith('system-'))
      return [invalid('value', v, 'maximum allowed value of a user defined priority is 1000000000')];
    return [];
  },
};

function validateRoleRef(o: KubeObject, kinds: string[]): Cause[] {
  const ref = (o as Obj).roleRef as Obj | undefined;
  const causes: Cause[] = [];
  if (!ref) return [required('roleRef.name')];
  if (!ref.name) causes.push(required('roleRef.name'));
  if (!kinds.includes(String(ref.kind))) causes.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (ref.apiGroup !== 'rbac.authorization.k8s.io') causes.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', ['rbac.authorization.k8s.io']));
  arr((o as Obj).subjects).forEach((s, i) => {
    if (!s.name) causes.push(required(`subjects[${i}].name`));
    if (!['User', 'Group', 'ServiceAccount'].includes(String(s.kind))) causes.push(notSupported(`subjects[${i}].kind`, s.kind ?? '', ['Group', 'ServiceAccount', 'User']));
    if (s.kind === 'ServiceAccount' && !s.namespace) causes.push(required(`subjects[${i}].namespace`));
  });
  return causes;
}

function validCron(s: string): boolean {
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(s)) return true;
  if (/^@every \d+[smh]/.test(s)) return true;
  const fields = s.replace(/^(CRON_)?TZ=\S+\s+/, '').trim().split(/\s+/);
  return fields.length === 5 && fields.every((f) => /^[\d*/,\-?A-Za-z]+$/.test(f));
}

export const UPDATE_VALIDATORS: Record<string, UpdateValidator> = {
  '/Pod': (n, o) => validatePodUpdate(n as Obj, o as Obj),
  '/Service': (n, o) => validateServiceUpdate(n, o),
  '/ConfigMap': (n, o) => immutableData(n, o),
  '/PersistentVolumeClaim': validatePersistentVolumeClaimUpdate,
  '/PersistentVolume': validatePersistentVolumeUpdate,
  '/Secret': (n, o) => {
    const causes = immutableData(n, o);
    if (((n as Obj).type ?? 'Opaque') !== ((o as Obj).type ?? 'Opaque')) causes.push(invalid('type', (n as Obj).type ?? '', 'field is immutable'));
    return causes;
  },
  'apps/Deployment': immutableSelector,
  'apps/ReplicaSet': immutableSelector,
  'apps/DaemonSet': immutableSelector,
  'apps/StatefulSet': (n, o) => {
    const strip = (x: KubeObject) => {
      const { replicas: _r, ordinals: _o, template: _t, updateStrategy: _u, persistentVolumeClaimRetentionPolicy: _p, minReadySeconds: _m, ...rest } = specOf(x);
      return JSON.stringify(rest);
    };
    if (strip(n) !== strip(o))
      return [forbiddenField('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")];
    return [];
  },
  'batch/Job': (n, o) => {
    const causes: Cause[] = [];
    if (JSON.stringify(specOf(n).selector ?? null) !== JSON.stringify(specOf(o).selector ?? null)) causes.push(...immutableSelector(n, o));
    if (JSON.stringify(specOf(n).template ?? null) !== JSON.stringify(specOf(o).template ?? null))
      causes.push({ reason: 'FieldValueInvalid', field: 'spec.template', message: 'Invalid value: core.PodTemplateSpec{...}: field is immutable' });
    if (specOf(n).completions !== specOf(o).completions)
      causes.push(invalid('spec.completions', specOf(n).completions ?? null, 'field is immutable'));
    return causes;
  },
  'rbac.authorization.k8s.io/RoleBinding': roleRefImmutable,
  'rbac.authorization.k8s.io/ClusterRoleBinding': roleRefImmutable,
};

function roleRefImmutable(n: KubeObject, o: KubeObject): Cause[] {
  const a = (n as Obj).roleRef as Obj | undefined;
  const b = (o as Obj).roleRef as Obj | undefined;
  if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) return [];
  return [
    {
      reason: 'FieldValueInvalid',
      field: 'roleRef',
      message: `Invalid value: rbac.RoleRef{APIGroup:${JSON.stringify(a?.apiGroup ?? '')}, Kind:${JSON.stringify(a?.kind ?? '')}, Name:${JSON.stringify(a?.name ?? '')}}: cannot change roleRef`,
    },
  ];
}
