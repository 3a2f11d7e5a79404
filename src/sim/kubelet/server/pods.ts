/**
 * /pods: the pods the kubelet runs, as its pod manager holds them (server.go getPods, encodePods):
 * a v1 PodList encoded by the API machinery's JSON serializer, compact with a final newline. Pods
 * from the API come as the kubelet last received them; a static pod is the kubelet's own object
 * (from its manifest) with the status the kubelet computed (kubelet_getters.go GetPods).
 */
import type { KubeObject } from '../../apiserver/types';
import { goJson } from '../../go-json';

type Obj = Record<string, unknown>;

/** ObjectMeta's fields in their Go order (what the serializer writes for typed objects). */
const META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

function ordered(o: Obj, order: string[]): Obj {
  const out: Obj = {};
  for (const k of order) if (o[k] !== undefined) out[k] = o[k];
  for (const k of Object.keys(o)) if (!(k in out) && o[k] !== undefined) out[k] = o[k];
  return out;
}

/** A Go map's keys in their encoded (bytewise) order. */
const sorted = (m: unknown): Obj | undefined =>
  m && typeof m === 'object' ? Object.fromEntries(Object.keys(m as Obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, (m as Obj)[k]])) : undefined;

/**
 * A Pod as the typed encoder writes it inside a list (TypeMeta empty, so no kind or apiVersion):
 * metadata in ObjectMeta's order with its label and annotation maps sorted, spec, status.
 */
function typedPod(pod: KubeObject): Obj {
  const { kind: _k, apiVersion: _a, metadata, spec, status, ...rest } = pod as Obj;
  const meta = (metadata as Obj) ?? {};
  return { metadata: ordered({ ...meta, labels: sorted(meta.labels), annotations: sorted(meta.annotations) }, META_ORDER), spec: spec ?? {}, status: status ?? {}, ...rest };
}

export function podListBody(pods: KubeObject[]): string {
  return `${goJson({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: pods.map(typedPod) }, false)}\n`;
}
