/** Generators with little logic: namespace, serviceaccount, quota, priorityclass. */
import { fail } from '../../errors';
import { meta, registerGenerator } from './generator';

registerGenerator({
  path: 'create namespace',
  resource: { group: '', version: 'v1', resource: 'namespaces', namespaced: false },
  build: (_inv, name) => ({ kind: 'Namespace', apiVersion: 'v1', metadata: meta(name), spec: {}, status: {} }),
});

registerGenerator({
  path: 'create serviceaccount',
  wrapError: 'failed to create serviceaccount: %v',
  resource: { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true },
  build: (_inv, name, ns) => ({ kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(name, ns) }),
});

registerGenerator({
  path: 'create quota',
  wrapError: 'failed to create quota: %v',
  resource: { group: '', version: 'v1', resource: 'resourcequotas', namespaced: true },
  build(inv, name, ns) {
    const hard: Record<string, string> = {};
    const hardFlag = inv.flags.str('hard');
    if (hardFlag) {
      for (const pair of hardFlag.split(',')) {
        const eq = pair.indexOf('=');
        if (eq < 0) throw fail(`invalid resource quota: ${pair}`);
        hard[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
      }
    }
    const spec: Record<string, unknown> = {};
    const sorted: Record<string, string> = {};
    for (const k of Object.keys(hard).sort()) sorted[k] = hard[k];
    if (Object.keys(sorted).length) spec.hard = sorted;
    const scopes = inv.flags.str('scopes');
    if (scopes) spec.scopes = scopes.split(',').map((s) => s.trim());
    return { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta(name, ns), spec, status: {} };
  },
});

registerGenerator({
  path: 'create priorityclass',
  wrapError: 'failed to create priorityclass: %v',
  resource: { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', namespaced: false },
  build(inv, name) {
    const obj: Record<string, unknown> = {
      kind: 'PriorityClass',
      apiVersion: 'scheduling.k8s.io/v1',
      metadata: meta(name),
      value: inv.flags.int('value'),
    };
    if (inv.flags.bool('global-default')) obj.globalDefault = true;
    if (inv.flags.str('description')) obj.description = inv.flags.str('description');
    obj.preemptionPolicy = inv.flags.str('preemption-policy');
    return obj;
  },
});
