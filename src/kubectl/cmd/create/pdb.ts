/** kubectl create poddisruptionbudget NAME --selector=… --min-available=N|N% | --max-unavailable=… */
import { fail } from '../../errors';
import { toLabelSelector } from '../../resource/selector';
import { meta, registerGenerator } from './generator';

function intOrString(v: string): number | string {
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

registerGenerator({
  path: 'create poddisruptionbudget',
  wrapError: 'failed to create poddisruptionbudgets: %v',
  resource: { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespaced: true },
  build(inv, name, ns) {
    const minAvailable = inv.flags.str('min-available');
    const maxUnavailable = inv.flags.str('max-unavailable');
    const selector = inv.flags.str('selector');
    if (!minAvailable && !maxUnavailable) throw fail('one of min-available or max-unavailable must be specified');
    if (minAvailable && maxUnavailable) throw fail('min-available and max-unavailable cannot be both specified');
    if (!selector) throw fail('a selector must be specified');
    const spec: Record<string, unknown> = {};
    if (minAvailable) spec.minAvailable = intOrString(minAvailable);
    spec.selector = toLabelSelector(selector);
    if (maxUnavailable) spec.maxUnavailable = intOrString(maxUnavailable);
    return {
      kind: 'PodDisruptionBudget',
      apiVersion: 'policy/v1',
      metadata: meta(name, ns),
      spec,
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    };
  },
});
