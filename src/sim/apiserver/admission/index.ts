/**
 * Admission: the plugins of a kubeadm v1.33 kube-apiserver that matter to learners, in the real
 * order. Mutating plugins change the object; validating ones may refuse it with the real text.
 */
import type { RequestContext } from '../context';
import type { KubeObject, Status } from '../types';
import { PLUGINS } from './plugins';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionPlugin {
  name: string;
  mutate?(ctx: RequestContext, op: Operation, obj: KubeObject, old?: KubeObject): Status | undefined;
  validate?(ctx: RequestContext, op: Operation, obj: KubeObject, old?: KubeObject): Status | undefined;
}

/** Run the mutating (default) or validating phase; the first refusal wins. */
export function admit(ctx: RequestContext, op: Operation, obj: KubeObject, old: KubeObject | undefined, phase: 'mutate' | 'validate' = 'mutate'): Status | undefined {
  for (const p of PLUGINS) {
    const fn = phase === 'mutate' ? p.mutate : p.validate;
    if (!fn) continue;
    const s = fn(ctx, op, obj, old);
    if (s) return s;
  }
  return undefined;
}
