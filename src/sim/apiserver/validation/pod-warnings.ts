/**
 * The warnings kube-apiserver gives when a pod or a pod template is created (pkg/api/pod/warnings.go,
 * the strategies' WarningsOnCreate): deprecated node labels in selectors, deprecated annotations,
 * fractional byte quantities, environment variables that hide an earlier one of the same name.
 * They go back as Warning headers; kubectl prints each as "Warning: …".
 */
import type { KubeObject } from '../types';
import { parseQuantity } from '../quantity';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** GetNodeLabelDeprecatedMessage (pkg/api/node/util.go). */
const DEPRECATED_NODE_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const DEPRECATED_ANNOTATIONS: [string, string][] = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
];

/** Where each kind holds its pod (spec and metadata), as its strategy passes it to the warnings. */
const POD_PATHS: Record<string, string> = {
  '/Pod': '',
  '/PodTemplate': 'template',
  '/ReplicationController': 'spec.template',
  'apps/Deployment': 'spec.template',
  'apps/ReplicaSet': 'spec.template',
  'apps/DaemonSet': 'spec.template',
  'apps/StatefulSet': 'spec.template',
  'batch/Job': 'spec.template',
  'batch/CronJob': 'spec.jobTemplate.spec.template',
};

const child = (base: string, name: string) => (base ? `${base}.${name}` : name);

function at(obj: Obj, path: string): Obj | undefined {
  let cur: unknown = obj;
  for (const step of path ? path.split('.') : []) cur = isObj(cur) ? cur[step] : undefined;
  return isObj(cur) ? cur : undefined;
}

/** Go's %q of an ASCII string. */
const quote = (s: string) => JSON.stringify(s);

function fractionalBytes(resources: unknown, path: string, out: string[]): void {
  if (!isObj(resources)) return;
  for (const name of ['memory', 'ephemeral-storage']) {
    const v = resources[name];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const milli = parseQuantity(v) * 1000;
    if (!Number.isFinite(milli) || Math.abs(milli % 1000) < 1e-6) continue;
    const shown = typeof v === 'string' && /m$/.test(v) ? v : `${Math.ceil(milli)}m`;
    out.push(`${path}[${name}]: fractional byte value ${quote(shown)} is invalid, must be an integer`);
  }
}

function hiddenEnv(env: Obj[], path: string, out: string[]): void {
  const seen = new Set<string>();
  env.forEach((item, i) => {
    const name = String(item.name ?? '');
    if (!seen.has(name)) {
      seen.add(name);
      return;
    }
    // Replacing a value with one that refers to it ("$(X) more") is fine; anything else hides it.
    const reference = `$(${name})`;
    const value = typeof item.value === 'string' ? item.value : '';
    if (item.valueFrom !== undefined || value === reference || !value.includes(reference))
      out.push(`${path}.env[${i}]: hides previous definition of ${quote(name)}, which may be dropped when using apply`);
  });
}

function podWarnings(spec: Obj, meta: Obj, base: string): string[] {
  const out: string[] = [];
  const specPath = child(base, 'spec');
  for (const key of Object.keys(isObj(spec.nodeSelector) ? spec.nodeSelector : {})) {
    const msg = DEPRECATED_NODE_LABELS[key];
    if (msg) out.push(`${specPath}.nodeSelector[${key}]: ${msg}`);
  }
  const annotations = isObj(meta.annotations) ? meta.annotations : {};
  for (const [key, msg] of DEPRECATED_ANNOTATIONS) if (key in annotations) out.push(`${child(base, 'metadata')}.annotations[${key}]: ${msg}`);
  const containers: [Obj, string][] = [
    ...list(spec.containers).map((c, i): [Obj, string] => [c, `${specPath}.containers[${i}]`]),
    ...list(spec.initContainers).map((c, i): [Obj, string] => [c, `${specPath}.initContainers[${i}]`]),
  ];
  for (const [c, path] of containers) {
    const resources = isObj(c.resources) ? c.resources : {};
    fractionalBytes(resources.limits, `${path}.resources.limits`, out);
    fractionalBytes(resources.requests, `${path}.resources.requests`, out);
    hiddenEnv(list(c.env), path, out);
  }
  return out;
}

/**
 * The warnings of an update (the strategies' WarningsOnUpdate): a workload's or pod template's
 * pod template is looked at again when the update changed its generation; a pod's update has none
 * ("humans don't typically interact directly with pods").
 */
export function warningsOnUpdate(group: string, kind: string, obj: KubeObject, old: KubeObject): string[] {
  if (group === '' && kind === 'Pod') return [];
  if (obj.metadata?.generation === old.metadata?.generation) return [];
  return warningsOnCreate(group, kind, obj);
}

/** The warnings of creating `obj` of this group and kind (none for kinds without a pod). */
export function warningsOnCreate(group: string, kind: string, obj: KubeObject): string[] {
  const base = POD_PATHS[`${group}/${kind}`];
  if (base === undefined) return [];
  const holder = base ? at(obj as Obj, base) : (obj as Obj);
  if (!holder) return [];
  return podWarnings(isObj(holder.spec) ? holder.spec : {}, isObj(holder.metadata) ? holder.metadata : {}, base);
}
