/**
 * describe poddisruptionbudget, as describe.go's describePodDisruptionBudgetV1 lays it out: the
 * budget (min available or max unavailable), the selector, the status counts, then Events.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, formatLabelSelector, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';
import type { DescribeContext } from './describers';

export function describePodDisruptionBudget(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  if (spec.minAvailable !== undefined) w.write(0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${st.expectedPods ?? 0}\n`);
  describeEvents(w, ctx.events ?? [], ctx.now);
  return w.toString();
}
