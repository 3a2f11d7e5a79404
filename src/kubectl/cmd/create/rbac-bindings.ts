/** kubectl create rolebinding|clusterrolebinding NAME --role|--clusterrole … --user --group --serviceaccount */
import { fail } from '../../errors';
import type { Invocation } from '../../invocation';
import { meta, registerGenerator } from './generator';

const RBAC = 'rbac.authorization.k8s.io';

function subjects(inv: Invocation): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const user of inv.flags.list('user')) out.push({ kind: 'User', apiGroup: RBAC, name: user });
  for (const group of inv.flags.list('group')) out.push({ kind: 'Group', apiGroup: RBAC, name: group });
  for (const sa of inv.flags.list('serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw fail('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

registerGenerator({
  path: 'create rolebinding',
  wrapError: 'failed to create rolebinding: %v',
  resource: { group: RBAC, version: 'v1', resource: 'rolebindings', namespaced: true },
  build(inv, name, ns) {
    const role = inv.flags.str('role');
    const clusterRole = inv.flags.str('clusterrole');
    if ((role === '') === (clusterRole === '')) throw fail('exactly one of clusterrole or role must be specified');
    const subs = subjects(inv);
    const obj: Record<string, unknown> = { kind: 'RoleBinding', apiVersion: `${RBAC}/v1`, metadata: meta(name, ns) };
    if (subs.length) obj.subjects = subs;
    obj.roleRef = { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole };
    return obj;
  },
});

registerGenerator({
  path: 'create clusterrolebinding',
  wrapError: 'failed to create clusterrolebinding: %v',
  resource: { group: RBAC, version: 'v1', resource: 'clusterrolebindings', namespaced: false },
  required: ['clusterrole'],
  build(inv, name) {
    const subs = subjects(inv);
    const obj: Record<string, unknown> = { kind: 'ClusterRoleBinding', apiVersion: `${RBAC}/v1`, metadata: meta(name) };
    if (subs.length) obj.subjects = subs;
    obj.roleRef = { apiGroup: RBAC, kind: 'ClusterRole', name: inv.flags.str('clusterrole') };
    return obj;
  },
});
