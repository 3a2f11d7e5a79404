/**
 * ResourceQuota: refuses a create that would exceed a quota of the namespace, with the text of
 * plugin/pkg/admission/resourcequota ("exceeded quota: NAME, requested: …, used: …, limited: …"),
 * and keeps status.used current as the quota controller would (so `kubectl describe quota` shows it).
 */
import { errors } from '../errors';
import { qualified, type RequestContext } from '../context';
import { formatQuantity, parseQuantity } from '../quantity';
import { clone } from '../storage';
import type { KubeObject } from '../types';
import type { AdmissionPlugin } from './index';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** What one object counts against each quota resource name. */
export function usageOf(resource: string, group: string, obj: KubeObject): Record<string, number> {
  const u: Record<string, number> = {};
  const countName = group ? `count/${resource}.${group}` : `count/${resource}`;
  u[countName] = 1;
  if (group === '') {
    const short: Record<string, string> = {
      pods: 'pods', services: 'services', configmaps: 'configmaps', secrets: 'secrets',
      persistentvolumeclaims: 'persistentvolumeclaims', replicationcontrollers: 'replicationcontrollers', resourcequotas: 'resourcequotas',
    };
    if (short[resource]) u[short[resource]] = 1;
  }
  if (group === '' && resource === 'pods') {
    const phase = (obj.status as Obj | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return {};
    const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
    const containers = (Array.isArray(spec.containers) ? spec.containers : []).filter(isObj);
    for (const c of containers) {
      const res = (isObj(c.resources) ? c.resources : {}) as Obj;
      for (const [kind, prefix] of [['requests', 'requests.'], ['limits', 'limits.']] as const) {
        const list = (isObj(res[kind]) ? res[kind] : {}) as Record<string, string>;
        for (const [name, q] of Object.entries(list)) {
          const v = parseQuantity(q);
          if (Number.isNaN(v)) continue;
          u[prefix + name] = (u[prefix + name] ?? 0) + v;
          if (kind === 'requests' && (name === 'cpu' || name === 'memory')) u[name] = (u[name] ?? 0) + v;
        }
      }
    }
  }
  if (group === '' && resource === 'services') {
    const t = (obj.spec as Obj | undefined)?.type;
    if (t === 'NodePort') u['services.nodeports'] = 1;
    if (t === 'LoadBalancer') u['services.loadbalancers'] = 1;
  }
  if (group === '' && resource === 'persistentvolumeclaims') {
    const req = ((obj.spec as Obj | undefined)?.resources as Obj | undefined)?.requests as Record<string, string> | undefined;
    if (req?.storage) u['requests.storage'] = parseQuantity(req.storage);
  }
  return u;
}

function quotas(ctx: RequestContext): KubeObject[] {
  const info = ctx.server.registry.get('', 'v1', 'resourcequotas');
  return info ? ctx.server.storage.entries(info.etcdPrefix, ctx.namespace).map((e) => e.obj) : [];
}

/** Current usage in the namespace of the resources a quota limits. */
export function namespaceUsage(ctx: RequestContext, namespace: string, hard: Record<string, string>): Record<string, number> {
  const used: Record<string, number> = {};
  for (const k of Object.keys(hard)) used[k] = 0;
  const countable: [string, string][] = [['', 'pods'], ['', 'services'], ['', 'configmaps'], ['', 'secrets'], ['', 'persistentvolumeclaims'], ['', 'replicationcontrollers'], ['', 'resourcequotas']];
  for (const key of Object.keys(hard)) {
    const m = key.match(/^count\/([^.]+)(?:\.(.+))?$/);
    if (m) countable.push([m[2] ?? '', m[1]]);
  }
  const seen = new Set<string>();
  for (const [group, resource] of countable) {
    if (seen.has(`${group}/${resource}`)) continue;
    seen.add(`${group}/${resource}`);
    const info = ctx.server.registry.all().find((r) => r.group === group && r.resource === resource);
    if (!info) continue;
    for (const e of ctx.server.storage.entries(info.etcdPrefix, namespace)) {
      if (e.obj.metadata?.deletionTimestamp && resource === 'pods') continue;
      for (const [k, v] of Object.entries(usageOf(resource, group, e.obj))) if (k in used) used[k] += v;
    }
  }
  return used;
}

export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(ctx, op, obj) {
    if (op !== 'CREATE' || !ctx.info.namespaced || ctx.req.subresource) return undefined;
    const list = quotas(ctx);
    if (!list.length) return undefined;
    const delta = usageOf(ctx.info.resource, ctx.info.group, obj);
    for (const q of list) {
      const hard = (((q.spec as Obj | undefined)?.hard ?? {}) as Record<string, string>);
      const relevant = Object.keys(hard).filter((k) => k in delta || (ctx.info.resource === 'pods' && /^(requests|limits)\.(cpu|memory)$|^(cpu|memory)$/.test(k)));
      if (!relevant.length) continue;
      // Pods must state requests/limits for every compute resource the quota tracks.
      if (ctx.info.resource === 'pods' && ctx.info.group === '') {
        const missing = relevant.filter((k) => /^(requests|limits)\.(cpu|memory)$|^(cpu|memory)$/.test(k) && delta[k] === undefined);
        if (missing.length) {
          const names = [...new Set(missing.map((k) => (k.startsWith('limits.') ? k : k.replace(/^requests\./, ''))))].sort();
          const name = obj.metadata?.name ?? '';
          return errors.forbidden(qualified(ctx), name, `${qualified(ctx)} "${name}" is forbidden: failed quota: ${q.metadata!.name}: must specify ${names.join(',')}`);
        }
      }
      const used = namespaceUsage(ctx, ctx.namespace, hard);
      const over = relevant.filter((k) => delta[k] !== undefined && used[k] + delta[k] > parseQuantity(hard[k]) + 1e-12).sort();
      if (over.length) {
        const fmt = (k: string, v: number) => `${k}=${formatQuantity(k, v)}`;
        const name = obj.metadata?.name ?? '';
        const requested = over.map((k) => fmt(k, delta[k])).join(',');
        const usedS = over.map((k) => fmt(k, used[k])).join(',');
        const limited = over.map((k) => fmt(k, parseQuantity(hard[k]))).join(',');
        return errors.forbidden(
          qualified(ctx),
          name,
          `${qualified(ctx)} "${name}" is forbidden: exceeded quota: ${q.metadata!.name}, requested: ${requested}, used: ${usedS}, limited: ${limited}`,
        );
      }
    }
    return undefined;
  },
};

/**
 * Recompute status.hard/used of every quota in a namespace (what the quota admission writes on
 * create and the quota controller on deletes), so `kubectl describe quota` shows real numbers.
 */
export function refreshQuotaStatus(ctx: RequestContext, namespace: string): void {
  const info = ctx.server.registry.get('', 'v1', 'resourcequotas');
  if (!info) return;
  for (const e of ctx.server.storage.entries(info.etcdPrefix, namespace)) {
    const q = clone(e);
    const hard = (((q.spec as Obj | undefined)?.hard ?? {}) as Record<string, string>);
    const usedNums = namespaceUsage(ctx, namespace, hard);
    const used: Record<string, string> = {};
    for (const k of Object.keys(hard).sort()) used[k] = formatQuantity(k, usedNums[k] ?? 0);
    const status = { hard: Object.fromEntries(Object.keys(hard).sort().map((k) => [k, hard[k]])), used };
    if (JSON.stringify(q.status ?? null) === JSON.stringify(status)) continue;
    q.status = status;
    ctx.server.storage.update(e.key, q, e.modRevision);
  }
}
