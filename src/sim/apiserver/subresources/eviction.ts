/**
 * pods/eviction (policy/v1 Eviction): deletes the pod unless a PodDisruptionBudget that selects
 * it allows no disruption (429, pkg/registry/core/pod/storage/eviction.go).
 */
import { errors, fail, ok } from '../errors';
import type { Handler } from '../context';
import { clone, storageKey, type CacheEntry } from '../storage';
import type { RequestContext } from '../context';
import { disruptionAllowedCondition } from './pdb-status';
import { labelSelectorFromObject, matchesLabels } from '../selectors';
import { VERB_HANDLERS } from '../handlers';
import { admitNodeRequest } from '../admission/node-restriction';
import type { KubeObject, Status, Verb } from '../types';

type Obj = Record<string, unknown>;
type PdbStatus = { disruptionsAllowed?: number; desiredHealthy?: number; currentHealthy?: number; disruptedPods?: Record<string, string>; observedGeneration?: number; conditions?: unknown };

/** MaxDisruptedPodSize of the real eviction REST. */
const MAX_DISRUPTED_PODS = 2000;

export const evictionHandlers: Partial<Record<Verb, Handler>> = {
  create: (ctx) => {
    const name = ctx.req.name!;
    const podsInfo = ctx.server.registry.get('', 'v1', 'pods')!;
    const entry = ctx.server.storage.get(storageKey(podsInfo.etcdPrefix, ctx.namespace, name));
    if (!entry) return fail(errors.notFound('pods', name));
    const refused = admitNodeRequest(ctx, 'CREATE', (ctx.req.body ?? {}) as KubeObject);
    if (refused) return fail(refused);
    const pod = clone(entry);
    const phase = (pod.status as Obj | undefined)?.phase;
    const body = (ctx.req.body ?? {}) as { deleteOptions?: Obj };
    const mainCtx = { ...ctx, req: { ...ctx.req, verb: 'delete' as const, subresource: undefined, body: body.deleteOptions } };
    // Pods that are not running (terminal or not yet started) are deleted without consulting budgets.
    if (phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata!.deletionTimestamp) {
      const r = VERB_HANDLERS.delete!(mainCtx);
      return r.code >= 300 ? r : ok(success(), 201);
    }
    const pdbInfo = ctx.server.registry.get('policy', 'v1', 'poddisruptionbudgets')!;
    const pdbs = ctx.server.storage
      .entries(pdbInfo.etcdPrefix, ctx.namespace)
      .filter((e) => {
        const sel = (e.obj.spec as Obj | undefined)?.selector;
        return sel !== undefined && matchesLabels(labelSelectorFromObject(sel), pod.metadata?.labels);
      });
    if (pdbs.length > 1)
      return fail({ ...errors.internal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'), code: 500 });
    if (pdbs.length === 1) {
      const refused = checkAndDecrement(ctx, pdbs[0], pod, name);
      if (refused) return fail(refused);
    }
    const r = VERB_HANDLERS.delete!(mainCtx);
    return r.code >= 300 ? r : ok(success(), 201);
  },
};

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

/**
 * checkAndDecrement of the real eviction REST: refuse while the budget is stale or allows no
 * disruption; otherwise take one disruption and name the pod in status.disruptedPods, so that
 * the disruption controller does not count it as healthy while it goes away. A pod that is not
 * Ready is let go without taking a disruption while the budget is met (IfHealthyBudget), or
 * always with unhealthyPodEvictionPolicy AlwaysAllow.
 */
function checkAndDecrement(ctx: RequestContext, pdbEntry: CacheEntry, pod: KubeObject, podName: string): Status | undefined {
  const pdb = clone(pdbEntry);
  const status = (pdb.status ?? {}) as PdbStatus;
  const pdbName = pdb.metadata!.name!;
  if ((status.observedGeneration ?? 0) < (pdb.metadata!.generation ?? 0)) {
    const s = errors.tooManyRequests(VIOLATION, [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdbName} is still being processed by the server.` }]);
    return { ...s, details: { ...s.details, retryAfterSeconds: 10 } };
  }
  if (!isReady(pod)) {
    const policy = (pdb.spec as Obj | undefined)?.unhealthyPodEvictionPolicy;
    if (policy === 'AlwaysAllow') return undefined;
    if ((status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0) && (status.desiredHealthy ?? 0) > 0) return undefined;
  }
  if ((status.disruptionsAllowed ?? 0) < 0) return errors.forbidden('poddisruptionbudget.policy', pdbName, `poddisruptionbudget.policy "${pdbName}" is forbidden: pdb disruptions allowed is negative`);
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS)
    return errors.forbidden('poddisruptionbudget.policy', pdbName, `poddisruptionbudget.policy "${pdbName}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`);
  if ((status.disruptionsAllowed ?? 0) === 0)
    return errors.tooManyRequests(VIOLATION, [
      { reason: 'DisruptionBudget', message: `The disruption budget ${pdbName} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently` },
    ]);
  status.disruptionsAllowed = (status.disruptionsAllowed ?? 0) - 1;
  if (status.disruptionsAllowed === 0) status.conditions = disruptionAllowedCondition(status.conditions, 0, status.observedGeneration ?? 0, ctx.server.clock.rfc3339());
  if (ctx.query.dryRun === 'All') return undefined;
  status.disruptedPods = { ...(status.disruptedPods ?? {}), [podName]: ctx.server.clock.rfc3339() };
  pdb.status = status;
  const w = ctx.server.storage.update(pdbEntry.key, pdb as KubeObject, pdbEntry.modRevision);
  if (!w.ok) return errors.conflict('poddisruptionbudgets.policy', pdbName, 'the object has been modified; please apply your changes to the latest version and try again');
  return undefined;
}

function isReady(pod: KubeObject): boolean {
  return (((pod.status as Obj | undefined)?.conditions ?? []) as Obj[]).some((c) => c.type === 'Ready' && c.status === 'True');
}

function success() {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}
