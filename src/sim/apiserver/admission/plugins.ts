/** The admission plugins, in the kube-apiserver's order. One object each; see admission/index.ts. */
import { errors } from '../errors';
import { qualified, type RequestContext } from '../context';
import { storageKey } from '../storage';
import type { KubeObject } from '../types';
import type { AdmissionPlugin } from './index';
import { limitRanger } from './limitranger';
import { resourceQuota } from './quota';
import { podSecurity } from './podsecurity';
import { nodeRestriction } from './node-restriction';
import { persistentVolumeClaimResize } from './pvc-resize';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export const isPod = (ctx: RequestContext) => ctx.info.group === '' && ctx.info.resource === 'pods' && !ctx.req.subresource;

/** The stored object (the watch cache's, frozen: plugins only read what they look up). */
function lookup(ctx: RequestContext, group: string, version: string, resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
  const info = ctx.server.registry.get(group, version, resource);
  if (!info) return undefined;
  return ctx.server.storage.get(storageKey(info.etcdPrefix, namespace, name))?.obj;
}

function forbidden(ctx: RequestContext, obj: KubeObject, why: string) {
  const name = obj.metadata?.name ?? '';
  return errors.forbidden(qualified(ctx), name, `${qualified(ctx)} "${name}" is forbidden: ${why}`);
}

const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  validate: () => undefined,
  mutate(ctx, op, obj) {
    if (op !== 'CREATE' || !ctx.info.namespaced) return undefined;
    if (['tokenreviews', 'subjectaccessreviews', 'selfsubjectaccessreviews', 'localsubjectaccessreviews'].includes(ctx.info.resource)) return undefined;
    const ns = lookup(ctx, '', 'v1', 'namespaces', undefined, ctx.namespace);
    if (!ns) return errors.notFound('namespaces', ctx.namespace);
    if (ns.metadata?.deletionTimestamp || (ns.status as Obj | undefined)?.phase === 'Terminating') {
      if (ctx.info.group === '' && ctx.info.resource === 'events') return undefined;
      return errors.forbidden(
        qualified(ctx),
        obj.metadata?.name ?? '',
        `unable to create new content in namespace ${ctx.namespace} because it is being terminated`,
      );
    }
    return undefined;
  },
};

const MIRROR = 'kubernetes.io/config.mirror';
const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

const serviceAccount: AdmissionPlugin = {
  name: 'ServiceAccount',
  mutate(ctx, op, pod) {
    if (op !== 'CREATE' || !isPod(ctx)) return undefined;
    const spec = (isObj(pod.spec) ? pod.spec : (pod.spec = {})) as Obj;
    if (pod.metadata?.annotations?.[MIRROR] !== undefined) return undefined; // static pods' mirrors are left alone
    const saName = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName ? spec.serviceAccountName : 'default';
    spec.serviceAccountName = saName;
    spec.serviceAccount = saName;
    const sa = lookup(ctx, '', 'v1', 'serviceaccounts', ctx.namespace, saName);
    if (!sa)
      return forbidden(ctx, pod, `error looking up service account ${ctx.namespace}/${saName}: serviceaccount "${saName}" not found`);
    // The service account's image pull secrets go to pods that name none.
    const pullSecrets = (sa as Obj).imagePullSecrets;
    if (Array.isArray(pullSecrets) && pullSecrets.length && !(Array.isArray(spec.imagePullSecrets) && spec.imagePullSecrets.length))
      spec.imagePullSecrets = JSON.parse(JSON.stringify(pullSecrets));
    const automount = spec.automountServiceAccountToken ?? (sa as Obj).automountServiceAccountToken ?? true;
    if (automount === false) return undefined;
    const containers = [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])].filter(isObj);
    if (containers.some((c) => Array.isArray(c.volumeMounts) && c.volumeMounts.some((m: Obj) => m.mountPath === SA_MOUNT))) return undefined;
    const volName = `kube-api-access-${ctx.server.random.string(5)}`;
    const volumes = Array.isArray(spec.volumes) ? spec.volumes : (spec.volumes = []);
    volumes.push({
      name: volName,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    });
    for (const c of containers) {
      const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : (c.volumeMounts = []);
      mounts.push({ name: volName, readOnly: true, mountPath: SA_MOUNT });
    }
    return undefined;
  },
};

const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  mutate(ctx, op, pod) {
    if (op !== 'CREATE' || !isPod(ctx)) return undefined;
    const spec = pod.spec as Obj;
    if (!isObj(spec)) return undefined;
    const tolerations = (Array.isArray(spec.tolerations) ? spec.tolerations : []).filter(isObj);
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
      const tolerated = tolerations.some(
        (t) => (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (t.effect === 'NoExecute' || t.effect === undefined || t.effect === ''),
      );
      if (!tolerated) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
    spec.tolerations = tolerations;
    return undefined;
  },
};

/**
 * Priority (plugin/pkg/admission/priority): a created pod's priority and preemption policy come
 * from its PriorityClass, else from the global default class, else 0 and PreemptLowerPriority;
 * values the pod gives that differ are refused.
 */
const priority: AdmissionPlugin = {
  name: 'Priority',
  mutate(ctx, op, pod) {
    if (op !== 'CREATE' || !isPod(ctx)) return undefined;
    const spec = pod.spec as Obj;
    if (!isObj(spec)) return undefined;
    const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
    let value = 0;
    let policy: unknown = 'PreemptLowerPriority';
    if (className) {
      const pc = lookup(ctx, 'scheduling.k8s.io', 'v1', 'priorityclasses', undefined, className) as Obj | undefined;
      if (!pc) return forbidden(ctx, pod, `no PriorityClass with name ${className} was found`);
      value = Number(pc.value ?? 0);
      policy = pc.preemptionPolicy;
    } else {
      const info = ctx.server.registry.get('scheduling.k8s.io', 'v1', 'priorityclasses');
      const global = info ? ctx.server.storage.entries(info.etcdPrefix).map((e) => e.obj as Obj).find((pc) => pc.globalDefault === true) : undefined;
      if (global) {
        spec.priorityClassName = (global.metadata as Obj).name;
        value = Number(global.value ?? 0);
        policy = global.preemptionPolicy;
      }
    }
    if (spec.priority !== undefined && spec.priority !== null && spec.priority !== value)
      return forbidden(ctx, pod, `the integer value of priority (${String(spec.priority)}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
    spec.priority = value;
    if (policy) {
      if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && spec.preemptionPolicy !== policy)
        return forbidden(ctx, pod, `the string value of PreemptionPolicy (${String(spec.preemptionPolicy)}) must not be provided in pod spec; priority admission controller computed ${String(policy)} from the given PriorityClass name`);
      spec.preemptionPolicy = policy;
    }
    return undefined;
  },
};

const defaultStorageClass: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  mutate(ctx, op, pvc) {
    if (op !== 'CREATE' || !(ctx.info.group === '' && ctx.info.resource === 'persistentvolumeclaims')) return undefined;
    const spec = pvc.spec as Obj;
    if (!isObj(spec) || spec.storageClassName !== undefined) return undefined;
    const info = ctx.server.registry.get('storage.k8s.io', 'v1', 'storageclasses');
    if (!info) return undefined;
    const defaults = ctx.server.storage
      .entries(info.etcdPrefix)
      .map((e) => e.obj)
      .filter((sc) => sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')
      .sort((a, b) => String(b.metadata?.creationTimestamp).localeCompare(String(a.metadata?.creationTimestamp)));
    if (defaults.length) spec.storageClassName = defaults[0].metadata!.name;
    return undefined;
  },
};

/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): every
 * new PersistentVolume and claim gets the finalizer its protection controller removes only when
 * nothing uses the object any more.
 */
const STORAGE_FINALIZERS: Record<string, string> = { persistentvolumes: 'kubernetes.io/pv-protection', persistentvolumeclaims: 'kubernetes.io/pvc-protection' };

const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  mutate(ctx, op, obj) {
    const finalizer = ctx.info.group === '' && !ctx.req.subresource ? STORAGE_FINALIZERS[ctx.info.resource] : undefined;
    if (op !== 'CREATE' || !finalizer) return undefined;
    const meta = (obj.metadata ??= {});
    if (!(meta.finalizers ?? []).includes(finalizer)) meta.finalizers = [...(meta.finalizers ?? []), finalizer];
    return undefined;
  },
};

const defaultIngressClass: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  mutate(ctx, op, ing) {
    if (op !== 'CREATE' || !(ctx.info.group === 'networking.k8s.io' && ctx.info.resource === 'ingresses')) return undefined;
    const spec = (isObj(ing.spec) ? ing.spec : (ing.spec = {})) as Obj;
    if (spec.ingressClassName !== undefined || ing.metadata?.annotations?.['kubernetes.io/ingress.class'] !== undefined) return undefined;
    const info = ctx.server.registry.get('networking.k8s.io', 'v1', 'ingressclasses');
    if (!info) return undefined;
    const defaults = ctx.server.storage
      .entries(info.etcdPrefix)
      .map((e) => e.obj)
      .filter((c) => c.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true')
      .sort((a, b) => String(b.metadata?.creationTimestamp).localeCompare(String(a.metadata?.creationTimestamp)));
    if (defaults.length) spec.ingressClassName = defaults[0].metadata!.name;
    return undefined;
  },
};

/** Plugin order of the kube-apiserver (mutating then validating phases run over this list). */
export const PLUGINS: AdmissionPlugin[] = [
  namespaceLifecycle,
  limitRanger,
  serviceAccount,
  nodeRestriction,
  priority,
  defaultTolerationSeconds,
  defaultStorageClass,
  storageObjectInUseProtection,
  defaultIngressClass,
  podSecurity,
  persistentVolumeClaimResize,
  resourceQuota,
];
