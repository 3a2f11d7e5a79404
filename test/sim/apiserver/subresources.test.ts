import { describe, expect, it } from 'vitest';
import { newServer, pod, deployment, withNamespace, PODS, DEPLOYMENTS } from './helpers';
import { gvr, recordEvent, ApiClient, KUBERNETES_ADMIN, bootstrapPolicy, type KubeObject, type Status } from '../../../src/sim/apiserver';
import type { ListResult } from '../../../src/sim/apiserver/client';

const msg = (r: { body: unknown }) => (r.body as Status).message;

describe('scale', () => {
  it('reads and writes replicas through autoscaling/v1 Scale', () => {
    const { client } = newServer();
    client.create(DEPLOYMENTS, 'default', deployment('web', 2));
    const s = client.request({ verb: 'get', ...DEPLOYMENTS, namespace: 'default', name: 'web', subresource: 'scale' });
    expect(s.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 0, selector: 'app=web' } });
    const u = client.request({ verb: 'update', ...DEPLOYMENTS, namespace: 'default', name: 'web', subresource: 'scale', body: { spec: { replicas: 5 } } });
    expect(u.body).toMatchObject({ spec: { replicas: 5 } });
    const d = client.get(DEPLOYMENTS, 'default', 'web').body as KubeObject;
    expect(d.spec).toMatchObject({ replicas: 5 });
    expect(d.metadata!.generation).toBe(2);
    const p = client.patch(DEPLOYMENTS, 'default', 'web', { spec: { replicas: 1 } }, 'application/merge-patch+json', { subresource: 'scale' });
    expect(p.body).toMatchObject({ spec: { replicas: 1 } });
  });
});

describe('status', () => {
  it('validates metadata and status, not the stored spec (a pod made invalid through etcd still takes status updates)', () => {
    const { client, server } = newServer();
    withNamespace(client, 'default');
    client.create(PODS, 'default', pod('web'));
    // Put an invalid container name in the stored pod behind the API's back (etcdctl put).
    const key = '/registry/pods/default/web';
    const stored = JSON.parse(server.etcd.get(key)!.value);
    stored.spec.containers[0].name = 'Not_A_DNS_Label';
    server.etcd.put(key, JSON.stringify(stored));
    const current = client.get(PODS, 'default', 'web').body as KubeObject;
    const r = client.updateStatus(PODS, 'default', { ...current, status: { phase: 'Running' } });
    expect(r.code).toBe(200);
    // A main update of that pod is refused by the spec's validation, as on a real server.
    const main = client.update(PODS, 'default', { ...current, metadata: { ...current.metadata, resourceVersion: undefined, labels: { a: 'b' } } });
    expect(main.code).toBe(422);
  });

  it('takes only status from the body, yet checks the whole body as the decoder does', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const created = client.create(PODS, 'default', pod('web')).body as KubeObject;
    const body = { ...created, spec: { ...(created.spec as object), nodeName: 'ignored', bogus: 1 }, status: { phase: 'Running', extra: 'x' } };
    const before = JSON.stringify(body);
    const r = client.updateStatus(PODS, 'default', body);
    expect(r.code).toBe(200);
    expect(r.warnings).toEqual(['unknown field "spec.bogus"', 'unknown field "status.extra"']);
    expect(JSON.stringify(body)).toBe(before);
    const stored = client.get(PODS, 'default', 'web').body as KubeObject;
    expect((stored.status as { phase: string }).phase).toBe('Running');
    expect((stored.spec as { nodeName?: string }).nodeName).toBeUndefined();
    const typed = client.updateStatus(PODS, 'default', { ...stored, spec: { ...(stored.spec as object), nodeName: 5 } });
    expect(typed.code).toBe(400);
    expect(msg(typed)).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.nodeName of type string');
  });
});

describe('binding', () => {
  it('binds once and refuses a second binding', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(PODS, 'default', pod('web'));
    expect(client.createSubresource(PODS, 'default', 'web', 'binding', { target: { kind: 'Node', name: 'cka02' } }).code).toBe(201);
    const p = client.get(PODS, 'default', 'web').body as KubeObject;
    expect((p.spec as { nodeName: string }).nodeName).toBe('cka02');
    const again = client.createSubresource(PODS, 'default', 'web', 'binding', { target: { kind: 'Node', name: 'cka03' } });
    expect(again.code).toBe(409);
    expect(msg(again)).toBe('Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "cka02"');
  });
});

describe('eviction', () => {
  it('honours PodDisruptionBudgets with the real 429', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(PODS, 'default', pod('web', { app: 'web' }));
    client.createSubresource(PODS, 'default', 'web', 'binding', { target: { kind: 'Node', name: 'cka02' } });
    const running = client.get(PODS, 'default', 'web').body as KubeObject;
    client.updateStatus(PODS, 'default', { ...running, status: { ...(running.status as object), phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });
    const PDBS = gvr('poddisruptionbudgets');
    const pdb = client.create(PDBS, 'default', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } }).body as KubeObject;
    const pending = client.createSubresource(PODS, 'default', 'web', 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web', namespace: 'default' } });
    expect((pending.body as Status).details!.causes![0].message).toBe('The disruption budget web-pdb is still being processed by the server.');
    client.updateStatus(PDBS, 'default', { ...pdb, status: { observedGeneration: 1, disruptionsAllowed: 0, desiredHealthy: 1, currentHealthy: 1, expectedPods: 1 } });
    const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web', namespace: 'default' } };
    const r = client.createSubresource(PODS, 'default', 'web', 'eviction', body);
    expect(r.code).toBe(429);
    expect(msg(r)).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect((r.body as Status).details!.causes![0].message).toBe('The disruption budget web-pdb needs 1 healthy pods and has 1 currently');
    const cur = client.get(PDBS, 'default', 'web-pdb').body as KubeObject;
    client.updateStatus(PDBS, 'default', { ...cur, status: { observedGeneration: 1, disruptionsAllowed: 1, desiredHealthy: 1, currentHealthy: 2, expectedPods: 2 } });
    expect(client.createSubresource(PODS, 'default', 'web', 'eviction', body).code).toBe(201);
    expect((client.get(PODS, 'default', 'web').body as KubeObject).metadata!.deletionTimestamp).toBeDefined();
  });
});

describe('log and exec', () => {
  it('uses the kubelet provider of the node, or fails like an unreachable kubelet', () => {
    const { client, server } = newServer();
    withNamespace(client, 'default');
    client.create(PODS, 'default', pod('web'));
    const unbound = client.request({ verb: 'get', ...PODS, namespace: 'default', name: 'web', subresource: 'log' });
    expect(msg(unbound)).toBe('pod web does not have a host assigned');
    client.createSubresource(PODS, 'default', 'web', 'binding', { target: { kind: 'Node', name: 'cka02' } });
    const down = client.request({ verb: 'get', ...PODS, namespace: 'default', name: 'web', subresource: 'log' });
    expect(down.code).toBe(500);
    expect(msg(down)).toContain(':10250/containerLogs/default/web/web": dial tcp');
    server.registerPodLogProvider('cka02', (_p, c) => `hello from ${c}\n`);
    const ok = client.request({ verb: 'get', ...PODS, namespace: 'default', name: 'web', subresource: 'log' });
    expect(ok).toEqual({ code: 200, body: 'hello from web\n' });
    const bad = client.request({ verb: 'get', ...PODS, namespace: 'default', name: 'web', subresource: 'log', query: { container: 'nope' } });
    expect(msg(bad)).toBe('container nope is not valid for pod web');
  });
});

describe('RBAC', () => {
  it('forbids with the real text and allows through role bindings', () => {
    const { server } = newServer();
    const jane = new ApiClient(server, { username: 'jane', groups: ['system:authenticated'] });
    const r = jane.list(PODS, 'default');
    expect(r.code).toBe(403);
    expect(msg(r)).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    const named = jane.get(DEPLOYMENTS, 'default', 'web');
    expect(msg(named)).toBe('deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"');
    const nodes = jane.list(gvr('nodes'));
    expect(msg(nodes)).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
    const admin = new ApiClient(server);
    admin.create(gvr('roles'), 'default', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
    admin.create(gvr('rolebindings'), 'default', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'jane-reads' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }],
    });
    expect(jane.list(PODS, 'default').code).toBe(200);
    expect(jane.list(PODS, 'kube-system').code).toBe(403);
  });

  it('answers access reviews and whoami', () => {
    const { server } = newServer();
    const jane = new ApiClient(server, { username: 'jane', groups: ['system:authenticated'] });
    const SSAR = gvr('selfsubjectaccessreviews');
    const can = (verb: string, resource: string) =>
      ((jane.create(SSAR, undefined, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, resource, namespace: 'default' } } }).body as KubeObject).status as { allowed: boolean }).allowed;
    expect(can('create', 'selfsubjectaccessreviews')).toBe(false);
    expect(can('list', 'pods')).toBe(false);
    const who = jane.create(gvr('selfsubjectreviews'), undefined, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect(who.code).toBe(201);
    expect((who.body as KubeObject).status).toEqual({ userInfo: { username: 'jane', groups: ['system:authenticated'] } });
    const rules = jane.create(gvr('selfsubjectrulesreviews'), undefined, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } }).body as KubeObject;
    expect(((rules.status as { resourceRules: { resources?: string[] }[] }).resourceRules).some((r) => r.resources?.includes('selfsubjectaccessreviews'))).toBe(true);
    expect(server.registry.get('', 'v1', 'pods')).toBeDefined();
  });

  it('lets kubeadm\'s admin user in once the kubeadm binding exists', () => {
    const { server } = newServer();
    const admin = new ApiClient(server, KUBERNETES_ADMIN);
    expect(admin.list(PODS, 'default').code).toBe(403);
    bootstrapPolicy(server, { kubeadm: true });
    expect(admin.list(PODS, 'default').code).toBe(200);
  });
});

describe('events', () => {
  it('records and aggregates like client-go', () => {
    const { client, clock } = newServer();
    withNamespace(client, 'default');
    const p = client.create(PODS, 'default', pod('web')).body as KubeObject;
    const input = { involvedObject: p, type: 'Normal' as const, reason: 'Pulling', message: 'Pulling image "nginx"', source: { component: 'kubelet', host: 'cka02' }, fieldPath: 'spec.containers{web}' };
    const first = recordEvent(client, input, clock)!;
    expect(first.metadata!.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(first).toMatchObject({ count: 1, firstTimestamp: '2026-01-15T08:00:00Z', reason: 'Pulling', source: { component: 'kubelet', host: 'cka02' } });
    expect(first.involvedObject).toMatchObject({ kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{web}' });
    clock.advance(30_000);
    const second = recordEvent(client, input, clock)!;
    expect(second.metadata!.name).toBe(first.metadata!.name);
    expect(second).toMatchObject({ count: 2, firstTimestamp: '2026-01-15T08:00:00Z', lastTimestamp: '2026-01-15T08:00:30Z' });
    const list = client.list(gvr('events'), 'default').body as ListResult;
    expect(list.items).toHaveLength(1);
  });
});

describe('custom resources', () => {
  it('serves the resources a CRD defines', () => {
    const { client, server } = newServer();
    const crd = client.create(gvr('customresourcedefinitions'), undefined, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'crontabs.stable.example.com' },
      spec: {
        group: 'stable.example.com',
        scope: 'Namespaced',
        names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
      },
    });
    expect(crd.code).toBe(201);
    expect(((crd.body as KubeObject).status as { conditions: { type: string }[] }).conditions.map((c) => c.type)).toEqual(['NamesAccepted', 'Established']);
    expect(server.registry.resolve('ct')!.kind).toBe('CronTab');
    const CT = { group: 'stable.example.com', version: 'v1', resource: 'crontabs' };
    const r = client.create(CT, 'default', { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'c1' }, spec: { cronSpec: '* * * * */5' } });
    expect(r.code).toBe(201);
    expect((r.body as KubeObject).metadata!.generation).toBe(1);
    expect(server.etcd.get('/registry/stable.example.com/crontabs/default/c1')).toBeDefined();
    expect((client.list(CT, 'default').body as ListResult).items).toHaveLength(1);
    const gvList = server.discovery().resourceLists.find((l) => l.groupVersion === 'stable.example.com/v1')!;
    expect(gvList.resources[0]).toMatchObject({ name: 'crontabs', kind: 'CronTab', shortNames: ['ct'] });
    const APISERVICES = gvr('apiservices');
    expect((client.get(APISERVICES, undefined, 'v1.stable.example.com').body as KubeObject).spec).toEqual({ group: 'stable.example.com', version: 'v1', groupPriorityMinimum: 1000, versionPriority: 100 });
    expect((client.get(APISERVICES, undefined, 'v1.apps').body as KubeObject).spec).toEqual({ group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 });
    expect(client.get(APISERVICES, undefined, 'v1.').code).toBe(200);
    client.delete(gvr('customresourcedefinitions'), undefined, 'crontabs.stable.example.com');
    expect(client.list(CT, 'default').code).toBe(404);
    expect(client.get(APISERVICES, undefined, 'v1.stable.example.com').code).toBe(404);
  });
});

describe('admission', () => {
  it('enforces resource quotas with the real text', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(gvr('resourcequotas'), 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods-max' }, spec: { hard: { pods: '1' } } });
    expect(client.create(PODS, 'default', pod('a')).code).toBe(201);
    const r = client.create(PODS, 'default', pod('b'));
    expect(r.code).toBe(403);
    expect(msg(r)).toBe('pods "b" is forbidden: exceeded quota: pods-max, requested: pods=1, used: pods=1, limited: pods=1');
  });

  it('applies LimitRange defaults', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(gvr('limitranges'), 'default', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'lr' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' } }] },
    });
    const p = client.create(PODS, 'default', pod('a')).body as KubeObject;
    expect((p.spec as { containers: { resources: unknown }[] }).containers[0].resources).toEqual({ limits: { cpu: '500m' }, requests: { cpu: '250m' } });
    expect(p.metadata!.annotations!['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu request for container web; cpu limit for container web');
    expect((p.status as { qosClass: string }).qosClass).toBe('Burstable');
  });

  it('refuses pods whose service account is missing', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const p = pod('a');
    (p.spec as Record<string, unknown>).serviceAccountName = 'robot';
    const r = client.create(PODS, 'default', p);
    expect(msg(r)).toBe('pods "a" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
  });
});

describe('service account tokens', () => {
  it('issues tokens that the cluster authenticates', async () => {
    const { client, server, clock } = newServer();
    withNamespace(client, 'default');
    const r = client.createSubresource(gvr('serviceaccounts'), 'default', 'default', 'token', { spec: {} });
    expect(r.code).toBe(201);
    const tr = r.body as { status: { token: string; expirationTimestamp: string }; spec: { expirationSeconds: number } };
    expect(tr.spec.expirationSeconds).toBe(3600);
    expect(tr.status.expirationTimestamp).toBe('2026-01-15T09:00:00Z');
    expect(tr.status.token.split('.')).toHaveLength(3);
    const { authenticateToken } = await import('../../../src/sim/apiserver');
    expect(authenticateToken(server, tr.status.token)).toEqual({
      username: 'system:serviceaccount:default:default',
      uid: expect.any(String),
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });
    clock.advance(3601_000);
    expect(authenticateToken(server, tr.status.token)).toBeUndefined();
    expect(client.createSubresource(gvr('serviceaccounts'), 'default', 'nope', 'token', {}).code).toBe(404);
  });
});

describe('ephemeral containers', () => {
  it('adds a debug container through the subresource only', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(PODS, 'default', pod('web'));
    const r = client.patch(PODS, 'default', 'web', { spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox', stdin: true, tty: true }] } }, 'application/strategic-merge-patch+json', { subresource: 'ephemeralcontainers' });
    expect(r.code).toBe(200);
    const ec = ((r.body as KubeObject).spec as { ephemeralContainers: Record<string, unknown>[] }).ephemeralContainers;
    expect(ec[0]).toMatchObject({ name: 'debugger', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' });
  });
});

describe('custom resource schemas', () => {
  it('prunes, defaults and validates against openAPIV3Schema', () => {
    const { client } = newServer();
    client.create(gvr('customresourcedefinitions'), undefined, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'crontabs.stable.example.com' },
      spec: {
        group: 'stable.example.com',
        scope: 'Namespaced',
        names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    required: ['cronSpec'],
                    properties: {
                      cronSpec: { type: 'string' },
                      image: { type: 'string' },
                      replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
                    },
                  },
                },
              },
            },
          },
        ],
      },
    });
    const CT = { group: 'stable.example.com', version: 'v1', resource: 'crontabs' };
    const ct = (spec: Record<string, unknown>) => ({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'c' }, spec });
    const strict = client.create(CT, 'default', ct({ cronSpec: '* * * * *', extra: 1 }), { fieldValidation: 'Strict' });
    expect(msg(strict)).toBe('CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.extra"');
    const bad = client.create(CT, 'default', ct({ cronSpec: 5, replicas: 20 }));
    expect(msg(bad)).toBe(
      'CronTab.stable.example.com "c" is invalid: [spec.cronSpec: Invalid value: "integer": spec.cronSpec in body must be of type string: "integer", spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10]',
    );
    expect(msg(client.create(CT, 'default', ct({})))).toBe('CronTab.stable.example.com "c" is invalid: spec.cronSpec: Required value');
    const okr = client.create(CT, 'default', ct({ cronSpec: '* * * * *', extra: 1 }));
    expect((okr.body as KubeObject).spec).toEqual({ cronSpec: '* * * * *', replicas: 1 });
  });
});

describe('certificate signing requests', () => {
  it('records the requester and approves through the approval subresource', () => {
    const { server } = newServer();
    const jane = new ApiClient(server, { username: 'jane', groups: ['system:authenticated'] });
    const CSR = gvr('certificatesigningrequests');
    server.request({
      verb: 'create',
      group: 'rbac.authorization.k8s.io',
      version: 'v1',
      resource: 'clusterroles',
      body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'csr-creator' }, rules: [{ apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['create'] }] },
    });
    server.request({
      verb: 'create',
      group: 'rbac.authorization.k8s.io',
      version: 'v1',
      resource: 'clusterrolebindings',
      body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'jane-csr' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'csr-creator' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }] },
    });
    const r = jane.create(CSR, undefined, {
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name: 'jane' },
      spec: { request: 'LS0tLS1CRUdJTg==', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], username: 'admin' },
    });
    expect(r.code).toBe(201);
    expect((r.body as KubeObject).spec).toMatchObject({ username: 'jane', groups: ['system:authenticated'] });
    const admin = new ApiClient(server);
    const csr = admin.get(CSR, undefined, 'jane').body as KubeObject;
    const approved = admin.request({
      verb: 'update',
      ...CSR,
      name: 'jane',
      subresource: 'approval',
      body: { ...csr, status: { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }] } },
    });
    expect(approved.code).toBe(200);
    expect(((approved.body as KubeObject).status as { conditions: { type: string }[] }).conditions[0].type).toBe('Approved');
  });
});

describe('LimitRanger limits', () => {
  it('refuses containers above the maximum', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(gvr('limitranges'), 'default', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'max' }, spec: { limits: [{ type: 'Container', max: { cpu: '1' } }] } });
    const p = pod('big');
    (p.spec as { containers: Record<string, unknown>[] }).containers[0].resources = { limits: { cpu: '2' } };
    expect(msg(client.create(PODS, 'default', p))).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
    // The LimitRange's default limit is defaulted from its max: a container without limits gets cpu 1.
    const none = client.create(PODS, 'default', pod('none'));
    expect(none.code).toBe(201);
    expect(((none.body as KubeObject).spec as { containers: { resources: unknown }[] }).containers[0].resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '1' } });
  });

  it('words the same violation of two containers once (utilerrors.NewAggregate dedupes)', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    client.create(gvr('limitranges'), 'default', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'max' }, spec: { limits: [{ type: 'Container', max: { cpu: '1' } }] } });
    const p = pod('pair');
    const spec = p.spec as { containers: Record<string, unknown>[] };
    spec.containers = [
      { ...spec.containers[0], name: 'a', resources: { limits: { cpu: '2' } } },
      { ...spec.containers[0], name: 'b', resources: { limits: { cpu: '2' } } },
      { ...spec.containers[0], name: 'c', resources: { limits: { cpu: '3' } } },
    ];
    expect(msg(client.create(PODS, 'default', p))).toBe('pods "pair" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum cpu usage per Container is 1, but limit is 3]');
  });
});
