import { describe, expect, it } from 'vitest';
import { ApiClient, gvr, bootstrapPolicy, defaultPolicyObjects, type KubeObject, type Status, type UserInfo } from '../../../src/sim/apiserver';
import { aggregateRules, parseRule } from '../../../src/sim/apiserver/rbac/bootstrap';
import { newServer, PODS, pod, withNamespace } from './helpers';

const SAR = gvr('subjectaccessreviews');

function can(client: ApiClient, user: string, groups: readonly string[], attrs: Record<string, string>): { allowed: boolean; reason?: string } {
  const r = client.create(SAR, undefined, { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user, groups, resourceAttributes: attrs } });
  return (r.body as KubeObject).status as { allowed: boolean; reason?: string };
}

const names = (kind: string) =>
  defaultPolicyObjects()
    .filter((o) => o.kind === kind)
    .map((o) => (o.metadata!.namespace ? `${o.metadata!.namespace}/${o.metadata!.name}` : o.metadata!.name!));

describe('bootstrap RBAC policy', () => {
  it('holds the roles and bindings of a v1.33 API server', () => {
    const roles = names('ClusterRole');
    for (const r of ['cluster-admin', 'admin', 'edit', 'view', 'system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:monitoring', 'system:node', 'system:node-proxier', 'system:kube-scheduler', 'system:kube-controller-manager', 'system:volume-scheduler', 'system:aggregate-to-view', 'system:controller:deployment-controller', 'system:controller:disruption-controller'])
      expect(roles).toContain(r);
    expect(roles.filter((r) => r.startsWith('system:controller:'))).toHaveLength(35);
    const bindings = names('ClusterRoleBinding');
    expect(bindings).toContain('system:controller:replicaset-controller');
    expect(bindings).toContain('system:volume-scheduler');
    expect(names('Role')).toEqual(expect.arrayContaining(['kube-system/system::leader-locking-kube-scheduler', 'kube-public/system:controller:bootstrap-signer']));
    const node = defaultPolicyObjects().find((o) => o.kind === 'ClusterRoleBinding' && o.metadata!.name === 'system:node')!;
    expect(node.subjects).toBeUndefined();
  });

  it('fills view, edit and admin by aggregation (view ⊂ edit ⊂ admin)', () => {
    const byName = new Map(defaultPolicyObjects().filter((o) => o.kind === 'ClusterRole').map((o) => [o.metadata!.name!, o]));
    const rules = (n: string) => (byName.get(n)!.rules as unknown[]).map((r) => JSON.stringify(r));
    expect(rules('view').length).toBeGreaterThan(5);
    for (const r of rules('view')) expect(rules('edit')).toContain(r);
    for (const r of rules('edit')) expect(rules('admin')).toContain(r);
    expect(rules('view').some((r) => r.includes('secrets'))).toBe(false);
    expect(byName.get('edit')!.metadata!.labels).toMatchObject({ 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' });
    const extra = { name: 'zz-extra', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }, rules: [parseRule('get,list|example.com|widgets')] };
    const dup = { name: 'aa', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }, rules: [parseRule('get,list|example.com|widgets')] };
    expect(aggregateRules('view', [extra, dup])).toEqual([{ verbs: ['get', 'list'], apiGroups: ['example.com'], resources: ['widgets'] }]);
  });

  it('parses the compact rule notation', () => {
    expect(parseRule('get|@|/healthz,/livez')).toEqual({ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez'] });
    expect(parseRule('get,update|coordination.k8s.io|leases|kube-scheduler')).toEqual({ verbs: ['get', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['kube-scheduler'] });
    expect(parseRule('create||pods/eviction')).toEqual({ verbs: ['create'], apiGroups: [''], resources: ['pods/eviction'] });
  });

  it('answers access reviews for the components as a kubeadm cluster does', () => {
    const { server, client } = newServer();
    bootstrapPolicy(server, { kubeadm: true });
    const auth = ['system:authenticated'];
    expect(can(client, 'system:kube-scheduler', auth, { verb: 'create', resource: 'pods', subresource: 'binding', namespace: 'default' }).allowed).toBe(true);
    expect(can(client, 'system:kube-scheduler', auth, { verb: 'delete', resource: 'pods', namespace: 'default' }).allowed).toBe(true);
    expect(can(client, 'system:kube-scheduler', auth, { verb: 'create', resource: 'deployments', group: 'apps', namespace: 'default' }).allowed).toBe(false);
    expect(can(client, 'system:kube-scheduler', auth, { verb: 'update', resource: 'leases', group: 'coordination.k8s.io', namespace: 'kube-system', name: 'kube-scheduler' }).allowed).toBe(true);
    expect(can(client, 'system:kube-scheduler', auth, { verb: 'update', resource: 'leases', group: 'coordination.k8s.io', namespace: 'kube-system', name: 'other' }).allowed).toBe(false);
    expect(can(client, 'system:kube-controller-manager', auth, { verb: 'list', resource: 'secrets', namespace: 'default' }).allowed).toBe(true);
    expect(can(client, 'system:kube-controller-manager', auth, { verb: 'create', resource: 'pods', namespace: 'default' }).allowed).toBe(false);
    const sa = (n: string) => [`system:serviceaccount:kube-system:${n}`, ['system:serviceaccounts', 'system:serviceaccounts:kube-system', ...auth]] as const;
    expect(can(client, ...sa('replicaset-controller'), { verb: 'create', resource: 'pods', namespace: 'default' }).allowed).toBe(true);
    expect(can(client, ...sa('disruption-controller'), { verb: 'update', resource: 'poddisruptionbudgets', subresource: 'status', group: 'policy', namespace: 'default' }).allowed).toBe(true);
    expect(can(client, ...sa('disruption-controller'), { verb: 'delete', resource: 'pods', namespace: 'default' }).allowed).toBe(false);
    expect(can(client, 'system:kube-proxy', auth, { verb: 'watch', resource: 'endpointslices', group: 'discovery.k8s.io' }).allowed).toBe(true);
    expect(can(client, 'jane', auth, { verb: 'create', resource: 'selfsubjectaccessreviews', group: 'authorization.k8s.io' }).allowed).toBe(true);
    expect(can(client, 'jane', auth, { verb: 'get', resource: 'pods', namespace: 'default' }).allowed).toBe(false);
  });
});

describe('Node authorizer', () => {
  const kubelet = (node: string): UserInfo => ({ username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] });

  it('lets a kubelet read only the secrets and configmaps of pods bound to its node', () => {
    const { server, client } = newServer();
    bootstrapPolicy(server, { kubeadm: true });
    withNamespace(client, 'default');
    client.create(gvr('secrets'), 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, data: { p: 'cQ==' } });
    client.create(gvr('configmaps'), 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: 'b' } });
    const p = pod('user');
    p.spec = { ...(p.spec as object), nodeName: 'cka02', volumes: [{ name: 's', secret: { secretName: 'sec' } }] } as KubeObject['spec'];
    ((p.spec as { containers: Record<string, unknown>[] }).containers[0]).envFrom = [{ configMapRef: { name: 'cfg' } }];
    expect(client.create(PODS, 'default', p).code).toBe(201);
    const cka02 = new ApiClient(server, kubelet('cka02'));
    const cka03 = new ApiClient(server, kubelet('cka03'));
    expect(cka02.get(gvr('secrets'), 'default', 'sec').code).toBe(200);
    expect(cka02.get(gvr('configmaps'), 'default', 'cfg').code).toBe(200);
    const denied = cka03.get(gvr('secrets'), 'default', 'sec');
    expect(denied.code).toBe(403);
    expect((denied.body as Status).message).toBe(
      `secrets "sec" is forbidden: User "system:node:cka03" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node 'cka03' and this object`,
    );
    expect(cka02.list(gvr('secrets'), 'default').code).toBe(403);
    expect(can(client, 'system:node:cka03', ['system:nodes'], { verb: 'get', resource: 'secrets', namespace: 'default', name: 'sec' })).toEqual({
      allowed: false,
      reason: "no relationship found between node 'cka03' and this object",
    });
    // The static rules of system:node: its pods, its node, events, CSRs.
    expect(cka03.list(PODS, 'default').code).toBe(200);
    expect(can(client, 'system:node:cka03', ['system:nodes'], { verb: 'create', resource: 'certificatesigningrequests', group: 'certificates.k8s.io' }).allowed).toBe(true);
    expect(can(client, 'system:node:cka03', ['system:nodes'], { verb: 'create', resource: 'deployments', group: 'apps', namespace: 'default' }).allowed).toBe(false);
    expect(can(client, 'system:node:cka03', ['system:nodes'], { verb: 'update', resource: 'leases', group: 'coordination.k8s.io', namespace: 'kube-node-lease', name: 'cka03' }).allowed).toBe(true);
    expect(can(client, 'system:node:cka03', ['system:nodes'], { verb: 'update', resource: 'leases', group: 'coordination.k8s.io', namespace: 'kube-node-lease', name: 'cka02' })).toEqual({
      allowed: false,
      reason: 'can only access node lease with the same name as the requesting node',
    });
  });

  it('lists the Node authorizer\'s rules in a kubelet\'s SelfSubjectRulesReview', () => {
    const { server } = newServer();
    bootstrapPolicy(server, { kubeadm: true });
    const cka02 = new ApiClient(server, kubelet('cka02'));
    const review = cka02.create(gvr('selfsubjectrulesreviews'), undefined, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } }).body as KubeObject;
    const rules = (review.status as { resourceRules: { verbs: string[]; resources?: string[] }[] }).resourceRules;
    expect(rules).toContainEqual({ verbs: ['patch', 'update'], apiGroups: [''], resources: ['nodes/status'] });
    expect(rules.some((r) => r.resources?.includes('selfsubjectaccessreviews'))).toBe(true);
  });

  it('sees a new binding at once (the rule cache follows RBAC writes)', () => {
    const { server, client } = newServer();
    bootstrapPolicy(server);
    withNamespace(client, 'default');
    const jane = new ApiClient(server, { username: 'jane', groups: ['system:authenticated'] });
    expect(jane.list(PODS, 'default').code).toBe(403);
    client.create(gvr('rolebindings'), 'default', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'jane-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }],
    });
    expect(jane.list(PODS, 'default').code).toBe(200);
    client.delete(gvr('rolebindings'), 'default', 'jane-view');
    expect(jane.list(PODS, 'default').code).toBe(403);
  });
});
