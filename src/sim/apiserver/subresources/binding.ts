/** pods/binding: the scheduler assigns a pod to a node (spec.nodeName), once. */
import { errors, fail, ok } from '../errors';
import type { Handler, RequestContext } from '../context';
import { storageKey } from '../storage';
import type { KubeObject, Verb } from '../types';

export function bindPod(ctx: RequestContext, podName: string, body: unknown): ReturnType<Handler> {
  const b = (body ?? {}) as { target?: { kind?: string; name?: string }; metadata?: { name?: string } };
  const podsInfo = ctx.server.registry.get('', 'v1', 'pods')!;
  const key = storageKey(podsInfo.etcdPrefix, ctx.namespace, podName);
  const entry = ctx.server.storage.get(key);
  if (!entry) return fail(errors.notFound('pods', podName));
  const target = b.target?.name;
  if (!target)
    return fail(errors.invalid('Binding', '', podName, [{ reason: 'FieldValueRequired', field: 'target.name', message: 'Required value' }]));
  // The stored pod (frozen) with a new spec and status on top: nothing of it is changed in place.
  const stored = entry.obj;
  const storedSpec = (stored.spec ?? {}) as { nodeName?: string };
  if (stored.metadata!.deletionTimestamp) return fail(errors.conflict('pods/binding', podName, `pod ${podName} is being deleted, cannot be assigned to a host`));
  if (storedSpec.nodeName)
    return fail(errors.conflict('pods/binding', podName, `pod ${podName} is already assigned to node "${storedSpec.nodeName}"`));
  const pod: KubeObject = { ...stored, spec: { ...storedSpec, nodeName: target } };
  const status = (stored.status ?? {}) as { conditions?: { type: string }[] };
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.server.clock.rfc3339() } as { type: string });
  pod.status = { ...status, conditions };
  if (ctx.query.dryRun === 'All') return ok(success(201), 201);
  const r = ctx.server.storage.update(key, pod as KubeObject, entry.modRevision);
  if (!r.ok) return fail(errors.modified('pods', podName));
  return ok(success(201), 201);
}

function success(code: number) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code };
}

export const bindingHandlers: Partial<Record<Verb, Handler>> = {
  create: (ctx) => bindPod(ctx, ctx.req.name!, ctx.req.body),
};
