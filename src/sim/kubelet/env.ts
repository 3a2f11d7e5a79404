/**
 * A container's environment as the kubelet builds it: the Service variables of the
 * `kubernetes` Service, env (value, configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef) and envFrom, with
 * the kubelet's error texts when a referenced ConfigMap, Secret or key is missing.
 */
import type { ApiClient } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';
import { status, type Obj } from '../controllers/machinery/objects';
import { fieldRefValue, resourceFieldRefValue } from './downward-api';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

function decode(b64: string): string {
  try {
    return typeof atob === 'function' ? decodeURIComponent(escape(atob(b64))) : b64;
  } catch {
    return b64;
  }
}

/** `podIP`: the sandbox's address, which the kubelet knows before the pod's status says it. */
export function resolveEnv(
  client: ApiClient | undefined,
  pod: KubeObject,
  container: Obj,
  nodeIP: string,
  podIP?: string,
  /** The node's allocatable resources (asked only for a resourceFieldRef). */
  allocatable?: () => Record<string, string>,
): Record<string, string> | string {
  const ns = pod.metadata?.namespace ?? 'default';
  // makeEnvironmentVariables (pkg/kubelet/kubelet_pods.go) fills a map from envFrom then env, and
  // appends the service variables the container did not set after it; $(VAR) in a value sees the
  // declared variables first, then the service ones (expansion.MappingFuncFor(tmpEnv, serviceEnv)).
  // Both are Go maps, so a real container lists each group in an order that changes from one
  // container to the next; this one keeps the order of declaration.
  const service: Record<string, string> = {
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
  };
  const env: Record<string, string> = {};
  const cache = new Map<string, KubeObject | undefined>();
  const fetch = (kind: 'configmap' | 'secret', name: string): KubeObject | undefined => {
    const k = `${kind}/${name}`;
    if (!cache.has(k)) {
      const r = client?.get(kind === 'configmap' ? CONFIGMAPS : SECRETS, ns, name);
      cache.set(k, r && r.code === 200 ? (r.body as KubeObject) : undefined);
    }
    return cache.get(k);
  };
  const dataOf = (kind: 'configmap' | 'secret', obj: KubeObject): Record<string, string> => {
    if (kind === 'configmap') return { ...((obj.binaryData ?? {}) as Record<string, string>), ...((obj.data ?? {}) as Record<string, string>) };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries((obj.data ?? {}) as Record<string, string>)) out[k] = decode(v);
    return out;
  };
  for (const from of (container.envFrom ?? []) as Obj[]) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? 'configmap' : 'secret';
    if (!ref) continue;
    const obj = fetch(kind, ref.name);
    if (!obj) {
      if (ref.optional) continue;
      return `${kind} "${ref.name}" not found`;
    }
    for (const [k, v] of Object.entries(dataOf(kind, obj))) env[`${from.prefix ?? ''}${k}`] = v;
  }
  for (const e of (container.env ?? []) as Obj[]) {
    if (e.value !== undefined) {
      env[e.name] = String(e.value).replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, k: string) => env[k] ?? service[k] ?? m);
      continue;
    }
    const vf = e.valueFrom as Obj | undefined;
    if (!vf) {
      env[e.name] = '';
      continue;
    }
    if (vf.configMapKeyRef || vf.secretKeyRef) {
      const ref = vf.configMapKeyRef ?? vf.secretKeyRef;
      const kind = vf.configMapKeyRef ? 'configmap' : 'secret';
      const obj = fetch(kind, ref.name);
      if (!obj) {
        if (ref.optional) continue;
        return `${kind} "${ref.name}" not found`;
      }
      const data = dataOf(kind, obj);
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        return `couldn't find key ${ref.key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name}`;
      }
      env[e.name] = data[ref.key];
    } else if (vf.fieldRef || vf.resourceFieldRef) {
      // The downward API (downward-api.ts): a resource limit the container leaves unset is the node's allocatable.
      const facts = { nodeIP, podIP: podIP || String(status(pod).podIP ?? ''), allocatable: vf.resourceFieldRef ? allocatable?.() : undefined };
      env[e.name] = (vf.fieldRef ? fieldRefValue(pod, String(vf.fieldRef.fieldPath), facts) : resourceFieldRefValue(pod, vf.resourceFieldRef as Obj, container, facts)) ?? '';
    }
  }
  for (const [k, v] of Object.entries(service)) if (!(k in env)) env[k] = v;
  // The runtime's HOSTNAME (containerd's CRI plugin sets it); programs of ours read it from here.
  if (!('HOSTNAME' in env)) env.HOSTNAME = String(pod.metadata?.name ?? '');
  return env;
}
