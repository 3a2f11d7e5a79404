/**
 * pods/eviction (policy/v1 Eviction): deletes the pod unless a PodDisruptionBudget that selects
 * it allows no disruption (429, pkg/registry/core/pod/storage/eviction.go).
 */
import { errors, fail, ok } from '../errors';
import type { Handler } from '../context';
import { clone, storageKey } from '../storage';
import { labelSelectorFromObject, matchesLabels } from '../selectors';
import { VERB_HANDLERS } from '../handlers';
import type { KubeObject, Verb } from '../types';

type Obj = Record<string, unknown>;

export const evictionHandlers: Partial<Record<Verb, Handler>> = {
  create: (ctx) => {
    const name = ctx.req.name!;
    const podsInfo = ctx.server.registry.get('', 'v1', 'pods')!;
    const entry = ctx.server.storage.get(storageKey(podsInfo.etcdPrefix, ctx.namespace, name));
    if (!entry) return fail(errors.notFound('pods', name));
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
      const pdbEntry = pdbs[0];
      const pdb = clone(pdbEntry);
      const status = (pdb.status ?? {}) as { disruptionsAllowed?: number; desiredHealthy?: number; currentHealthy?: number; disruptedPods?: Record<string, string>; observedGeneration?: number };
      if ((status.observedGeneration ?? 0) < (pdb.metadata!.generation ?? 0)) {
        return fail(
          errors.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", [
            { reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata!.name} is still being processed by the server.` },
          ]),
        );
      }
      if ((status.disruptionsAllowed ?? 0) < 0) return fail(errors.forbidden('pods', name, 'pdb disruptions allowed is negative'));
      if ((status.disruptionsAllowed ?? 0) === 0) {
        return fail(
          errors.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", [
            {
              reason: 'DisruptionBudget',
              message: `The disruption budget ${pdb.metadata!.name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`,
            },
          ]),
        );
      }
      status.disruptionsAllowed = (status.disruptionsAllowed ?? 0) - 1;
      status.disruptedPods = { ...(status.disruptedPods ?? {}), [name]: ctx.server.clock.rfc3339() };
      pdb.status = status;
      if (ctx.query.dryRun !== 'All') ctx.server.storage.update(pdbEntry.key, pdb as KubeObject, pdbEntry.modRevision);
    }
    const r = VERB_HANDLERS.delete!(mainCtx);
    return r.code >= 300 ? r : ok(success(), 201);
  },
};

function success() {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}
