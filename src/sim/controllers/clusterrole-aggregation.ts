/**
 * The clusterrole-aggregation controller: a ClusterRole with an aggregationRule (admin, edit,
 * view, or one a user writes) gets as rules the union of the rules of every ClusterRole its
 * selectors match, taken in name order without duplicates. Labelling a new ClusterRole
 * `rbac.authorization.k8s.io/aggregate-to-view: "true"` thus extends view, edit and admin.
 */
import type { KubeObject } from '../apiserver/types';
import type { PolicyRule } from '../apiserver/rbac/authorizer';
import { Controller, type ControllerContext } from './machinery/controller';
import type { Informer } from './machinery/informer';
import { canonical, selectorMatches, type Obj } from './machinery/objects';

const CLUSTERROLES = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' };

/** The rules an aggregated role gets from the roles its selectors match. */
export function aggregatedRules(target: KubeObject, roles: KubeObject[]): PolicyRule[] {
  const selectors = (((target.aggregationRule as Obj | undefined)?.clusterRoleSelectors ?? []) as Obj[]);
  const out: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const sel of selectors) {
    const matching = roles
      .filter((r) => r.metadata?.name !== target.metadata?.name && selectorMatches(sel, r.metadata?.labels))
      .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    for (const r of matching)
      for (const rule of (r.rules ?? []) as PolicyRule[]) {
        const key = canonical(rule);
        if (!seen.has(key)) out.push(rule), seen.add(key);
      }
  }
  return out;
}

export class ClusterRoleAggregationController extends Controller {
  readonly name = 'clusterrole-aggregation';
  private roles!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.roles = this.ctx.factory.for(CLUSTERROLES);
    // Any role may feed an aggregated one: look at every aggregated role again.
    const changed = () => {
      for (const r of this.roles.list()) if (r.aggregationRule) this.queue.add(r.metadata!.name!);
    };
    this.roles.addHandlers({ onAdd: changed, onUpdate: changed, onDelete: changed });
  }

  sync(name: string): boolean {
    const role = this.roles.get(name);
    if (!role?.aggregationRule || role.metadata?.deletionTimestamp) return true;
    const rules = aggregatedRules(role, this.roles.list());
    if (canonical(rules) === canonical(role.rules ?? [])) return true;
    const r = this.client.update(CLUSTERROLES, undefined, { ...role, rules });
    return r.code === 200 || r.code === 404;
  }
}
