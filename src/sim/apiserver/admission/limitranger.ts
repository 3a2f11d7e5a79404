/**
 * LimitRanger: containers without requests/limits get the defaults of the namespace's
 * LimitRanges (type Container: default → limits, defaultRequest → requests), and min/max are
 * enforced with the real messages (plugin/pkg/admission/limitranger/admission.go).
 */
import { aggregate } from '../../go-errors';
import { errors } from '../errors';
import { qualified } from '../context';
import { parseQuantity } from '../quantity';
import type { AdmissionPlugin } from './index';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

interface LimitItem {
  type?: string;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  max?: Record<string, string>;
  min?: Record<string, string>;
}

function limitItems(ctx: Parameters<NonNullable<AdmissionPlugin['mutate']>>[0]): LimitItem[] {
  const info = ctx.server.registry.get('', 'v1', 'limitranges');
  if (!info) return [];
  return ctx.server.storage
    .entries(info.etcdPrefix, ctx.namespace)
    .flatMap((e) => (((e.obj.spec as Obj | undefined)?.limits as LimitItem[] | undefined) ?? []))
    .filter((l) => l.type === 'Container');
}

function containersOf(pod: Obj): Obj[] {
  const spec = isObj(pod.spec) ? pod.spec : {};
  return [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])].filter(isObj);
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  mutate(ctx, op, pod) {
    if (op !== 'CREATE' || !(ctx.info.group === '' && ctx.info.resource === 'pods' && !ctx.req.subresource)) return undefined;
    const items = limitItems(ctx);
    if (!items.length) return undefined;
    const annotations: string[] = [];
    for (const c of containersOf(pod as Obj)) {
      const res = (isObj(c.resources) ? c.resources : (c.resources = {})) as Obj;
      const limits = (isObj(res.limits) ? res.limits : {}) as Record<string, unknown>;
      const requests = (isObj(res.requests) ? res.requests : {}) as Record<string, unknown>;
      const setRequests: string[] = [];
      const setLimits: string[] = [];
      for (const item of items) {
        for (const [k, v] of Object.entries(item.default ?? {})) if (limits[k] === undefined) { limits[k] = v; setLimits.push(k); }
        for (const [k, v] of Object.entries(item.defaultRequest ?? {})) if (requests[k] === undefined) { requests[k] = v; setRequests.push(k); }
        // A default limit without a default request also becomes the request.
        for (const [k, v] of Object.entries(item.default ?? {})) if (requests[k] === undefined) { requests[k] = v; setRequests.push(k); }
      }
      if (Object.keys(limits).length) res.limits = limits;
      if (Object.keys(requests).length) res.requests = requests;
      // "LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web"
      if (setRequests.length) annotations.push(`${setRequests.join(', ')} request for container ${String(c.name)}`);
      if (setLimits.length) annotations.push(`${setLimits.join(', ')} limit for container ${String(c.name)}`);
    }
    if (annotations.length) {
      const meta = pod.metadata!;
      meta.annotations = { ...(meta.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${annotations.join('; ')}` };
    }
    return undefined;
  },
  validate(ctx, op, pod) {
    if (op !== 'CREATE' || !(ctx.info.group === '' && ctx.info.resource === 'pods' && !ctx.req.subresource)) return undefined;
    const items = limitItems(ctx);
    const problems: string[] = [];
    for (const item of items) {
      for (const c of containersOf(pod as Obj)) {
        const res = (isObj(c.resources) ? c.resources : {}) as Obj;
        const limits = (isObj(res.limits) ? res.limits : {}) as Record<string, unknown>;
        const requests = (isObj(res.requests) ? res.requests : {}) as Record<string, unknown>;
        for (const [k, max] of Object.entries(item.max ?? {})) {
          const l = limits[k];
          if (l === undefined) problems.push(`maximum ${k} usage per Container is ${max}.  No limit is specified`);
          else if (parseQuantity(String(l)) > parseQuantity(max)) problems.push(`maximum ${k} usage per Container is ${max}, but limit is ${String(l)}`);
        }
        for (const [k, min] of Object.entries(item.min ?? {})) {
          const r = requests[k];
          if (r === undefined) problems.push(`minimum ${k} usage per Container is ${min}.  No request is specified`);
          else if (parseQuantity(String(r)) < parseQuantity(min)) problems.push(`minimum ${k} usage per Container is ${min}, but request is ${String(r)}`);
        }
      }
    }
    if (!problems.length) return undefined;
    const name = pod.metadata?.name ?? '';
    const text = aggregate(problems);
    return errors.forbidden(qualified(ctx), name, `${qualified(ctx)} "${name}" is forbidden: ${text}`);
  },
};
