/** ValidatePodSpec and friends (pkg/apis/core/validation/validation.go), with the real texts. */
import type { Cause } from '../errors';
import { parseQuantity } from '../quantity';
import { duplicate, invalid, nameErrors, notSupported, required } from './names';
import { deepEqual } from '../equal';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** `extraVolumes`: names that count as volumes (a StatefulSet's volumeClaimTemplates). */
export function validatePodSpec(spec: unknown, path: string, extraVolumes: string[] = []): Cause[] {
  const causes: Cause[] = [];
  if (!isObj(spec)) return [required(path)];
  const volumes = arr(spec.volumes);
  const volumeNames = new Set<string>(extraVolumes);
  volumes.forEach((v, i) => {
    const name = String(v.name ?? '');
    if (!name) causes.push(required(`${path}.volumes[${i}].name`));
    else {
      for (const m of nameErrors(name, 'label')) causes.push(invalid(`${path}.volumes[${i}].name`, name, m));
      if (volumeNames.has(name)) causes.push(duplicate(`${path}.volumes[${i}].name`, name));
    }
    volumeNames.add(name);
  });
  const containers = arr(spec.containers);
  if (!containers.length) causes.push(required(`${path}.containers`));
  const seen = new Set<string>();
  const check = (list: Obj[], field: string) =>
    list.forEach((c, i) => causes.push(...validateContainer(c, `${path}.${field}[${i}]`, seen, volumeNames)));
  check(arr(spec.initContainers), 'initContainers');
  check(containers, 'containers');
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(String(spec.restartPolicy)))
    causes.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(String(spec.dnsPolicy)))
    causes.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0)
    causes.push(invalid(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'));
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0)
    causes.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  if (spec.nodeSelector !== undefined && isObj(spec.nodeSelector)) {
    for (const [k, v] of Object.entries(spec.nodeSelector)) {
      if (typeof v === 'string' && v.length > 63) causes.push(invalid(`${path}.nodeSelector`, v, 'must be no more than 63 characters'));
      void k;
    }
  }
  arr(spec.tolerations).forEach((t, i) => {
    const op = t.operator ?? 'Equal';
    if (!['Equal', 'Exists'].includes(String(op))) causes.push(notSupported(`${path}.tolerations[${i}].operator`, op, ['Equal', 'Exists']));
    if (op === 'Exists' && t.value !== undefined && t.value !== '')
      causes.push(invalid(`${path}.tolerations[${i}].operator`, t.value, 'value must be empty when `operator` is \'Exists\''));
    if (t.effect !== undefined && t.effect !== '' && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(String(t.effect)))
      causes.push(notSupported(`${path}.tolerations[${i}].effect`, t.effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      causes.push(invalid(`${path}.tolerations[${i}].effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
  });
  return causes;
}

function validateContainer(c: Obj, path: string, seen: Set<string>, volumes: Set<string>): Cause[] {
  const causes: Cause[] = [];
  const name = typeof c.name === 'string' ? c.name : '';
  if (!name) causes.push(required(`${path}.name`));
  else {
    for (const m of nameErrors(name, 'label')) causes.push(invalid(`${path}.name`, name, m));
    if (seen.has(name)) causes.push(duplicate(`${path}.name`, name));
    seen.add(name);
  }
  if (!c.image || (typeof c.image === 'string' && !c.image.trim())) causes.push(required(`${path}.image`));
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(String(c.imagePullPolicy)))
    causes.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  const portNames = new Set<string>();
  arr(c.ports).forEach((p, i) => {
    const cp = p.containerPort;
    if (cp === undefined || cp === 0) causes.push(required(`${path}.ports[${i}].containerPort`));
    else if (typeof cp === 'number' && (cp < 1 || cp > 65535)) causes.push(invalid(`${path}.ports[${i}].containerPort`, cp, 'must be between 1 and 65535, inclusive'));
    if (typeof p.hostPort === 'number' && p.hostPort !== 0 && (p.hostPort < 1 || p.hostPort > 65535))
      causes.push(invalid(`${path}.ports[${i}].hostPort`, p.hostPort, 'must be between 1 and 65535, inclusive'));
    if (p.protocol !== undefined && !PROTOCOLS.includes(String(p.protocol))) causes.push(notSupported(`${path}.ports[${i}].protocol`, p.protocol, PROTOCOLS));
    if (typeof p.name === 'string' && p.name) {
      if (p.name.length > 15 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name) || !/[a-z]/.test(p.name))
        causes.push(invalid(`${path}.ports[${i}].name`, p.name, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
      if (portNames.has(p.name)) causes.push(duplicate(`${path}.ports[${i}].name`, p.name));
      portNames.add(p.name);
    }
  });
  arr(c.env).forEach((e, i) => {
    if (!e.name) causes.push(required(`${path}.env[${i}].name`));
  });
  arr(c.volumeMounts).forEach((m, i) => {
    const vn = String(m.name ?? '');
    if (!vn) causes.push(required(`${path}.volumeMounts[${i}].name`));
    else if (!volumes.has(vn)) causes.push({ reason: 'FieldValueNotFound', field: `${path}.volumeMounts[${i}].name`, message: `Not found: ${JSON.stringify(vn)}` });
    if (!m.mountPath) causes.push(required(`${path}.volumeMounts[${i}].mountPath`));
  });
  const res = isObj(c.resources) ? c.resources : {};
  const limits = (isObj(res.limits) ? res.limits : {}) as Obj;
  const requests = (isObj(res.requests) ? res.requests : {}) as Obj;
  for (const [kind, list] of [['limits', limits], ['requests', requests]] as const) {
    for (const [k, v] of Object.entries(list)) {
      if (Number.isNaN(parseQuantity(v as string))) causes.push(invalid(`${path}.resources.${kind}[${k}]`, v, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
      else if (parseQuantity(v as string) < 0) causes.push(invalid(`${path}.resources.${kind}[${k}]`, v, 'must be greater than or equal to 0'));
    }
  }
  for (const [k, v] of Object.entries(requests)) {
    const l = limits[k];
    if (l !== undefined && parseQuantity(v as string) > parseQuantity(l as string))
      causes.push(invalid(`${path}.resources.requests`, String(v), `must be less than or equal to ${k} limit of ${String(l)}`));
  }
  return causes;
}

/** Fields a pod update may change (ValidatePodUpdate). */
export function validatePodUpdate(next: Obj, old: Obj): Cause[] {
  const ns = (isObj(next.spec) ? next.spec : {}) as Obj;
  const os = (isObj(old.spec) ? old.spec : {}) as Obj;
  if (sameExceptMutable(ns, os)) return [];
  return [
    {
      reason: 'FieldValueForbidden',
      field: 'spec',
      message:
        'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    },
  ];
}

const MUTABLE_SPEC = new Set(['activeDeadlineSeconds', 'tolerations', 'terminationGracePeriodSeconds', 'containers', 'initContainers']);

/** Equal apart from the fields a pod update may change. */
function sameExceptMutable(a: Obj, b: Obj): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (MUTABLE_SPEC.has(k)) continue;
    if (!deepEqual(a[k], b[k])) return false;
  }
  for (const field of ['containers', 'initContainers']) {
    const ca = arr(a[field]);
    const cb = arr(b[field]);
    if (ca.length !== cb.length) return false;
    for (let i = 0; i < ca.length; i++) {
      const { image: _i1, ...ra } = ca[i];
      const { image: _i2, ...rb } = cb[i];
      if (!deepEqual(ra, rb)) return false;
    }
  }
  return true;
}
