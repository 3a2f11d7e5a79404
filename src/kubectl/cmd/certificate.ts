/** kubectl certificate approve|deny CSR…: a condition added through certificatesigningrequests/approval. */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function decide(approve: boolean) {
  return async (inv: Invocation): Promise<number> => {
    const names = inv.flags.args;
    if (names.length === 0 && inv.flags.list('filename').length === 0) {
      throw fail('one or more CSRs must be specified as <name> or -f <filename>');
    }
    const conn = connect(inv);
    const errors: string[] = [];
    const type = approve ? 'Approved' : 'Denied';
    for (const name of names) {
      const base = { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests', name };
      const res = conn.request<KubeObject>({ ...base, verb: 'get' });
      if (res.code >= 300) {
        errors.push(statusText(res.body));
        continue;
      }
      const csr = res.body as KubeObject;
      const conditions = (((csr.status as Obj)?.conditions ?? []) as Obj[]);
      const existing = conditions.find((c) => c.type === 'Approved' || c.type === 'Denied');
      if (existing) {
        if (existing.type === type && !inv.flags.bool('force')) {
          inv.out(`certificatesigningrequest.certificates.k8s.io/${name} ${approve ? 'approved' : 'denied'}\n`);
          continue;
        }
        if (existing.type !== type) throw fail(`certificatesigningrequest.certificates.k8s.io/${name} is already ${existing.type}`);
      }
      const now = inv.ctx.clock.rfc3339();
      const condition = {
        type, status: 'True', reason: approve ? 'KubectlApprove' : 'KubectlDeny',
        message: approve ? 'This CSR was approved by kubectl certificate approve.' : 'This CSR was denied by kubectl certificate deny.',
        lastUpdateTime: now, lastTransitionTime: now,
      };
      const body = { ...csr, status: { ...((csr.status as Obj) ?? {}), conditions: [...conditions, condition] } };
      const upd = conn.request({ ...base, verb: 'update', subresource: 'approval', body });
      if (upd.code >= 300) {
        errors.push(statusText(upd.body));
        continue;
      }
      inv.out(`certificatesigningrequest.certificates.k8s.io/${name} ${approve ? 'approved' : 'denied'}\n`);
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
    return 0;
  };
}

register('certificate approve', decide(true));
register('certificate deny', decide(false));
