/**
 * PodSecurity admission (enabled by default since v1.25): the Pod Security Standards
 * (privileged, baseline, restricted) chosen by namespace labels
 * pod-security.kubernetes.io/{enforce,warn,audit}[-version]. Enforce refuses pods; warn adds
 * response warnings, also for the pod templates of workloads. Texts and check order follow
 * staging/src/k8s.io/pod-security-admission/policy (checks sorted by id).
 */
import { errors } from '../errors';
import { qualified, type RequestContext } from '../context';
import { storageKey } from '../storage';
import type { KubeObject } from '../types';
import type { AdmissionPlugin } from './index';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

type Level = 'privileged' | 'baseline' | 'restricted';
const LEVELS: Level[] = ['privileged', 'baseline', 'restricted'];

interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  /** Replaced by a stricter check at the restricted level. */
  overriddenBy?: string;
  run(spec: Obj, meta: Obj): string | undefined;
}

function containers(spec: Obj): Obj[] {
  return [...arr(spec.initContainers), ...arr(spec.containers), ...arr(spec.ephemeralContainers)];
}

function quoteList(names: string[]): string {
  return names.map((n) => JSON.stringify(n)).join(', ');
}

/** `container "a" must …` / `containers "a", "b" must …` */
function who(names: string[], noun = 'container'): string {
  return `${noun}${names.length > 1 ? 's' : ''} ${quoteList(names)}`;
}

function sc(o: Obj): Obj {
  return isObj(o.securityContext) ? o.securityContext : {};
}

const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'image']);

const CHECKS: Check[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    run(spec) {
      const bad = containers(spec).filter((c) => sc(c).allowPrivilegeEscalation !== false).map((c) => String(c.name));
      return bad.length ? `allowPrivilegeEscalation != false (${who(bad)} must set securityContext.allowPrivilegeEscalation=false)` : undefined;
    },
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    overriddenBy: 'capabilities_restricted',
    run(spec) {
      const bad: string[] = [];
      const caps = new Set<string>();
      for (const c of containers(spec)) {
        const add = ((sc(c).capabilities as Obj | undefined)?.add as string[] | undefined) ?? [];
        const extra = add.filter((a) => !BASELINE_CAPS.has(a));
        if (extra.length) {
          bad.push(String(c.name));
          extra.forEach((e) => caps.add(e));
        }
      }
      return bad.length ? `non-default capabilities (${who(bad)} must not include ${quoteList([...caps])} in securityContext.capabilities.add)` : undefined;
    },
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    run(spec) {
      const noDrop: string[] = [];
      const badAdd: string[] = [];
      const caps = new Set<string>();
      for (const c of containers(spec)) {
        const capsObj = (sc(c).capabilities as Obj | undefined) ?? {};
        const drop = (capsObj.drop as string[] | undefined) ?? [];
        if (!drop.includes('ALL')) noDrop.push(String(c.name));
        const add = ((capsObj.add as string[] | undefined) ?? []).filter((a) => a !== 'NET_BIND_SERVICE');
        if (add.length) {
          badAdd.push(String(c.name));
          add.forEach((a) => caps.add(a));
        }
      }
      const parts: string[] = [];
      if (noDrop.length) parts.push(`${who(noDrop)} must set securityContext.capabilities.drop=["ALL"]`);
      if (badAdd.length) parts.push(`${who(badAdd)} must not include ${quoteList([...caps])} in securityContext.capabilities.add`);
      return parts.length ? `unrestricted capabilities (${parts.join('; ')})` : undefined;
    },
  },
  {
    id: 'hostNamespaces',
    level: 'baseline',
    run(spec) {
      const on = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((k) => spec[k] === true).map((k) => `${k}=true`);
      return on.length ? `host namespaces (${on.join(', ')})` : undefined;
    },
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    run(spec) {
      const bad = arr(spec.volumes).filter((v) => v.hostPath !== undefined).map((v) => String(v.name));
      return bad.length ? `hostPath volumes (${bad.length > 1 ? 'volumes' : 'volume'} ${quoteList(bad)})` : undefined;
    },
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    run(spec) {
      const bad: string[] = [];
      const ports: number[] = [];
      for (const c of containers(spec)) {
        const hp = arr(c.ports).map((p) => p.hostPort).filter((p): p is number => typeof p === 'number' && p !== 0);
        if (hp.length) {
          bad.push(String(c.name));
          ports.push(...hp);
        }
      }
      return bad.length ? `hostPort (${who(bad)} ${bad.length > 1 ? 'use' : 'uses'} ${ports.length > 1 ? 'hostPorts' : 'hostPort'} ${ports.join(', ')})` : undefined;
    },
  },
  {
    id: 'privileged',
    level: 'baseline',
    run(spec) {
      const bad = containers(spec).filter((c) => sc(c).privileged === true).map((c) => String(c.name));
      return bad.length ? `privileged (${who(bad)} must not set securityContext.privileged=true)` : undefined;
    },
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    run(spec) {
      const bad: string[] = [];
      const types = new Set<string>();
      for (const v of arr(spec.volumes)) {
        const t = Object.keys(v).find((k) => k !== 'name');
        if (t && !RESTRICTED_VOLUMES.has(t)) {
          bad.push(String(v.name));
          types.add(t);
        }
      }
      return bad.length
        ? `restricted volume types (${bad.length > 1 ? 'volumes' : 'volume'} ${quoteList(bad)} ${bad.length > 1 ? 'use' : 'uses'} restricted volume ${types.size > 1 ? 'types' : 'type'} ${quoteList([...types])})`
        : undefined;
    },
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    run(spec) {
      const podSet = sc(spec).runAsNonRoot === true;
      const podFalse = sc(spec).runAsNonRoot === false;
      const bad = containers(spec)
        .filter((c) => {
          const v = sc(c).runAsNonRoot;
          return v === false || (v === undefined && !podSet);
        })
        .map((c) => String(c.name));
      if (podFalse) return 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)';
      return bad.length ? `runAsNonRoot != true (pod or ${who(bad)} must set securityContext.runAsNonRoot=true)` : undefined;
    },
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    run(spec) {
      if (sc(spec).runAsUser === 0) return 'runAsUser=0 (pod must not set runAsUser=0)';
      const bad = containers(spec).filter((c) => sc(c).runAsUser === 0).map((c) => String(c.name));
      return bad.length ? `runAsUser=0 (${who(bad)} must not set runAsUser=0)` : undefined;
    },
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    overriddenBy: 'seccompProfile_restricted',
    run(spec) {
      const type = (x: Obj) => ((sc(x).seccompProfile as Obj | undefined)?.type as string | undefined);
      if (type(spec) === 'Unconfined') return 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")';
      const bad = containers(spec).filter((c) => type(c) === 'Unconfined').map((c) => String(c.name));
      return bad.length ? `seccompProfile (${who(bad)} must not set securityContext.seccompProfile.type to "Unconfined")` : undefined;
    },
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    run(spec) {
      const type = (x: Obj) => ((sc(x).seccompProfile as Obj | undefined)?.type as string | undefined);
      const okType = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';
      const podOk = okType(type(spec));
      if (type(spec) !== undefined && !podOk) return `seccompProfile (pod must not set securityContext.seccompProfile.type to "${type(spec)}")`;
      const bad = containers(spec).filter((c) => (type(c) === undefined ? !podOk : !okType(type(c)))).map((c) => String(c.name));
      return bad.length ? `seccompProfile (pod or ${who(bad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")` : undefined;
    },
  },
];

function violations(spec: Obj, meta: Obj, level: Level): string[] {
  if (level === 'privileged') return [];
  const active = CHECKS.filter((c) => (level === 'restricted' ? true : c.level === 'baseline')).filter(
    (c) => !(level === 'restricted' && c.overriddenBy),
  );
  return active
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => c.run(spec, meta))
    .filter((v): v is string => !!v);
}

interface NamespacePolicy {
  enforce?: string;
  warn?: string;
  audit?: string;
}

function namespacePolicy(ctx: RequestContext): NamespacePolicy {
  const info = ctx.server.registry.get('', 'v1', 'namespaces')!;
  const labels = ctx.server.storage.get(storageKey(info.etcdPrefix, undefined, ctx.namespace))?.obj.metadata?.labels ?? {};
  const out: NamespacePolicy = {};
  for (const mode of ['enforce', 'warn', 'audit'] as const) {
    const level = labels[`pod-security.kubernetes.io/${mode}`];
    if (level && (LEVELS as string[]).includes(level)) out[mode] = `${level}:${labels[`pod-security.kubernetes.io/${mode}-version`] ?? 'latest'}`;
  }
  return out;
}

/** The pod spec a request carries: a Pod's, or a workload's template. */
function podSpecOf(ctx: RequestContext, obj: KubeObject): { spec: Obj; meta: Obj; isPod: boolean } | undefined {
  if (ctx.info.group === '' && ctx.info.resource === 'pods') return isObj(obj.spec) ? { spec: obj.spec, meta: (obj.metadata ?? {}) as Obj, isPod: true } : undefined;
  const spec = (obj.spec ?? {}) as Obj;
  let template: Obj | undefined;
  if (ctx.info.kind === 'CronJob') template = (((spec.jobTemplate as Obj | undefined)?.spec as Obj | undefined)?.template as Obj | undefined);
  else if (['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'ReplicationController'].includes(ctx.info.kind)) template = spec.template as Obj | undefined;
  else if (ctx.info.kind === 'PodTemplate') template = (obj as Obj).template as Obj | undefined;
  if (!template || !isObj(template.spec)) return undefined;
  return { spec: template.spec, meta: (template.metadata ?? {}) as Obj, isPod: false };
}

/**
 * Labelling a namespace with a stricter enforce level warns about the pods already there:
 * `existing pods in namespace "x" violate the new PodSecurity enforce level "restricted:latest"`,
 * then one line per group of pods with the same violations ("web-1 (and 2 other pods): …").
 */
function warnExistingPods(ctx: RequestContext, ns: KubeObject, old: KubeObject | undefined): void {
  const labels = ns.metadata?.labels ?? {};
  const level = labels['pod-security.kubernetes.io/enforce'];
  if (!level || !(LEVELS as string[]).includes(level)) return;
  const version = labels['pod-security.kubernetes.io/enforce-version'] ?? 'latest';
  const oldLabels = old?.metadata?.labels ?? {};
  if (oldLabels['pod-security.kubernetes.io/enforce'] === level && (oldLabels['pod-security.kubernetes.io/enforce-version'] ?? 'latest') === version) return;
  const podsInfo = ctx.server.registry.get('', 'v1', 'pods')!;
  const groups = new Map<string, string[]>();
  const name = ns.metadata?.name ?? '';
  for (const e of ctx.server.storage.entries(podsInfo.etcdPrefix, name).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const spec = e.obj.spec;
    if (!isObj(spec)) continue;
    const v = violations(spec, {}, level as Level).map((x) => x.split(' (')[0]);
    if (!v.length) continue;
    const key = v.join(', ');
    groups.set(key, [...(groups.get(key) ?? []), e.name]);
  }
  if (!groups.size) return;
  ctx.warnings.push(`existing pods in namespace "${name}" violate the new PodSecurity enforce level "${level}:${version}"`);
  for (const [v, pods] of groups) {
    const others = pods.length - 1;
    ctx.warnings.push(`${pods[0]}${others ? ` (and ${others} other pod${others > 1 ? 's' : ''})` : ''}: ${v}`);
  }
}

export const podSecurity: AdmissionPlugin = {
  name: 'PodSecurity',
  validate(ctx, op, obj, old) {
    if (op !== 'CREATE' && op !== 'UPDATE') return undefined;
    if (ctx.info.group === '' && ctx.info.resource === 'namespaces' && !ctx.req.subresource) {
      warnExistingPods(ctx, obj, old);
      return undefined;
    }
    if (ctx.req.subresource || !ctx.info.namespaced) return undefined;
    const target = podSpecOf(ctx, obj);
    if (!target) return undefined;
    // An update that does not touch the pod spec is not re-evaluated (e.g. label or status changes).
    if (op === 'UPDATE' && old) {
      const before = podSpecOf(ctx, old);
      if (before && JSON.stringify(before.spec) === JSON.stringify(target.spec)) return undefined;
    }
    const policy = namespacePolicy(ctx);
    if (policy.enforce && target.isPod) {
      const v = violations(target.spec, target.meta, policy.enforce.split(':')[0] as Level);
      if (v.length) {
        const name = obj.metadata?.name ?? '';
        return errors.forbidden(qualified(ctx), name, `${qualified(ctx)} "${name}" is forbidden: violates PodSecurity "${policy.enforce}": ${v.join(', ')}`);
      }
    }
    // warn applies to pods and, like enforce's warning for controllers, to workload templates.
    const warnLevel = policy.warn ?? (!target.isPod ? policy.enforce : undefined);
    if (warnLevel) {
      const v = violations(target.spec, target.meta, warnLevel.split(':')[0] as Level);
      if (v.length) ctx.warnings.push(`would violate PodSecurity "${warnLevel}": ${v.join(', ')}`);
    }
    return undefined;
  },
};

/** Exported for tests and for `kubectl label ns … --dry-run=server` style checks. */
export function podSecurityViolations(spec: Obj, level: Level): string[] {
  return violations(spec, {}, level);
}
