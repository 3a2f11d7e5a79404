/**
 * NodeRestriction through the API: each rule of plugin/pkg/admission/noderestriction (v1.33) as a
 * kubelet's credentials meet it, after the Node authorizer let the request through.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { createApiServer, ApiClient, gvr, type ApiServer, type KubeObject, type Status } from '../../../src/sim/apiserver';
import {
  applyAdmissionPluginFlags,
  applyKubeApiServerManifest,
  isKubeletLabel,
  isKubernetesLabel,
  nodeRestrictionEnabled,
} from '../../../src/sim/apiserver/admission/node-restriction';
import { withNamespace } from './helpers';
import { encodeRequest } from '../../../src/sim/pki/csr';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { clusterOf } from '../../../src/sim/cluster/attach';

const NODES = gvr('nodes');
const PODS = gvr('pods');
const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
const CSINODES = { group: 'storage.k8s.io', version: 'v1', resource: 'csinodes' };
const SERVICEACCOUNTS = gvr('serviceaccounts');
const SECRETS = gvr('secrets');

const nodeUser = (name: string) => ({ username: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] });

function setup(version?: string) {
  const clock = new SimClock();
  const server = createApiServer({ clock, random: new SeededRandom(7), ...(version ? { version } : {}) });
  const admin = new ApiClient(server);
  withNamespace(admin, 'default');
  const cka02 = new ApiClient(server, nodeUser('cka02'), 'kubelet');
  const cka03 = new ApiClient(server, nodeUser('cka03'), 'kubelet');
  expect(cka02.create(NODES, undefined, node('cka02')).code).toBe(201);
  expect(cka03.create(NODES, undefined, node('cka03')).code).toBe(201);
  return { server, admin, cka02, cka03 };
}

function node(name: string, labels: Record<string, string> = {}, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } }, spec };
}

function boundPod(name: string, nodeName: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName, containers: [{ name: 'web', image: 'nginx' }], ...extra } };
}

function mirrorPod(server: ApiServer, nodeName: string, name = `etcd-${nodeName}`, owner: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): KubeObject {
  const uid = (new ApiClient(server).get(NODES, undefined, nodeName).body as KubeObject).metadata!.uid!;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      annotations: { 'kubernetes.io/config.mirror': 'abc', 'kubernetes.io/config.source': 'file' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid, controller: true, ...owner }],
    },
    spec: { nodeName, containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.21-0' }], ...spec },
  };
}

const message = (r: { code: number; body: unknown }) => (r.body as Status).message;

describe('NodeRestriction: nodes', () => {
  it('lets a kubelet write only its own Node', () => {
    const { cka02 } = setup();
    const r = cka02.patch(NODES, undefined, 'cka03', { metadata: { labels: { a: 'b' } } });
    expect(r.code).toBe(403);
    expect(message(r)).toBe('nodes "cka03" is forbidden: node "cka02" is not allowed to modify node "cka03"');
    expect((r.body as Status).reason).toBe('Forbidden');
    expect((r.body as Status).details).toEqual({ name: 'cka03', kind: 'nodes' });
    const c = cka02.create(NODES, undefined, node('cka09'));
    expect(message(c)).toBe('nodes "cka09" is forbidden: node "cka02" is not allowed to modify node "cka09"');
    expect(cka02.patch(NODES, undefined, 'cka02', { metadata: { labels: { a: 'b' } } }).code).toBe(200);
  });

  it('refuses restricted labels when a node registers, naming them sorted', () => {
    const { cka02 } = setup();
    const r = cka02.create(NODES, undefined, node('cka04', { 'node-role.kubernetes.io/worker': '', 'node-restriction.kubernetes.io/pool': 'a', 'example.k8s.io/x': 'y' }));
    // Not cka04's credentials: the name is checked first.
    expect(message(r)).toBe('nodes "cka04" is forbidden: node "cka02" is not allowed to modify node "cka04"');
    const self = new ApiClient(cka02.transport, nodeUser('cka04'));
    const refused = self.create(NODES, undefined, node('cka04', { 'node-role.kubernetes.io/worker': '', 'node-restriction.kubernetes.io/pool': 'a', 'example.k8s.io/x': 'y' }));
    expect(refused.code).toBe(403);
    expect(message(refused)).toBe(
      'nodes "cka04" is forbidden: node "cka04" is not allowed to set the following labels: example.k8s.io/x, node-restriction.kubernetes.io/pool, node-role.kubernetes.io/worker',
    );
    const allowed = { 'node.kubernetes.io/role': 'worker', 'kubelet.kubernetes.io/x': '1', 'disktype': 'ssd', 'topology.kubernetes.io/zone': 'a', 'team.example.com/x': 'y' };
    expect(self.create(NODES, undefined, node('cka04', allowed)).code).toBe(201);
  });

  it('refuses a configSource on registration', () => {
    const { server } = setup();
    const self = new ApiClient(server, nodeUser('cka05'));
    const r = self.create(NODES, undefined, node('cka05', {}, { configSource: { configMap: { name: 'c', namespace: 'kube-system', kubeletConfigKey: 'kubelet' } } }));
    expect(message(r)).toBe('nodes "cka05" is forbidden: node "cka05" is not allowed to create pods with a non-nil configSource');
  });

  it('refuses label changes outside the kubelet set on its own Node, also removals', () => {
    const { admin, cka02 } = setup();
    const r = cka02.patch(NODES, undefined, 'cka02', { metadata: { labels: { 'node-role.kubernetes.io/worker': '' } } });
    expect(message(r)).toBe('nodes "cka02" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/worker');
    expect(admin.patch(NODES, undefined, 'cka02', { metadata: { labels: { 'node-role.kubernetes.io/worker': '' } } }).code).toBe(200);
    const removal = cka02.patch(NODES, undefined, 'cka02', { metadata: { labels: { 'node-role.kubernetes.io/worker': null } } });
    expect(message(removal)).toBe('nodes "cka02" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/worker');
    // Labels the kubelet owns, and other domains, stay writable; an unchanged restricted label is no change.
    expect(cka02.patch(NODES, undefined, 'cka02', { metadata: { labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '', gpu: 'true' } } }).code).toBe(200);
  });

  it('refuses taint changes but not status updates', () => {
    const { cka02, admin } = setup();
    const r = cka02.patch(NODES, undefined, 'cka02', { spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] } });
    expect(message(r)).toBe('nodes "cka02" is forbidden: node "cka02" is not allowed to modify taints');
    admin.patch(NODES, undefined, 'cka02', { spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] } });
    const current = cka02.get(NODES, undefined, 'cka02').body as KubeObject;
    const s = cka02.updateStatus(NODES, undefined, { ...current, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(s.code).toBe(200);
    const other = cka02.updateStatus(NODES, undefined, { ...(admin.get(NODES, undefined, 'cka03').body as KubeObject), status: {} });
    expect(message(other)).toBe('nodes "cka03" is forbidden: node "cka02" is not allowed to modify node "cka03"');
  });

  it('guards ownerReferences only from the release that fixed CVE-2025-5187 (v1.33.4)', () => {
    const owner = { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'u-1' }] } };
    expect(setup('v1.33.1').cka02.patch(NODES, undefined, 'cka02', owner).code).toBe(200);
    const r = setup('v1.33.4').cka02.patch(NODES, undefined, 'cka02', owner);
    expect(message(r)).toBe('nodes "cka02" is forbidden: node "cka02" is not allowed to modify ownerReferences');
  });
});

describe('NodeRestriction: pods', () => {
  it('lets a kubelet create only mirror pods', () => {
    const { cka02 } = setup();
    const r = cka02.create(PODS, 'default', boundPod('web', 'cka02'));
    expect(r.code).toBe(403);
    expect(message(r)).toBe('pods "web" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "cka02" can only create mirror pods');
  });

  it('checks the mirror pod is bound to the node and owned by it', () => {
    const { server, cka02 } = setup();
    const cases: Array<[KubeObject, string]> = [
      [mirrorPod(server, 'cka03', 'm1'), 'node "cka02" can only create pods with spec.nodeName set to itself'],
      [{ ...mirrorPod(server, 'cka02', 'm2'), metadata: { ...mirrorPod(server, 'cka02', 'm2').metadata, ownerReferences: [] } }, 'node "cka02" can only create pods with an owner reference set to itself'],
      [mirrorPod(server, 'cka02', 'm3', { name: 'cka03' }), 'node "cka02" can only create pods with an owner reference set to itself'],
      [mirrorPod(server, 'cka02', 'm4', { controller: false }), 'node "cka02" can only create pods with a controller owner reference set to itself'],
      [mirrorPod(server, 'cka02', 'm5', { blockOwnerDeletion: true }), 'node "cka02" must not set blockOwnerDeletion on an owner reference'],
      [mirrorPod(server, 'cka02', 'm6', { uid: 'not-the-uid' }), `node cka02 UID mismatch: expected not-the-uid got ${(new ApiClient(server).get(NODES, undefined, 'cka02').body as KubeObject).metadata!.uid}`],
    ];
    const two = mirrorPod(server, 'cka02', 'm7');
    two.metadata!.ownerReferences!.push({ ...two.metadata!.ownerReferences![0] });
    cases.push([two, 'node "cka02" can only create pods with a single owner reference set to itself']);
    for (const [pod, why] of cases) expect(message(cka02.create(PODS, 'kube-system', pod))).toBe(`pods "${pod.metadata!.name}" is forbidden: ${why}`);
    expect(cka02.create(PODS, 'kube-system', mirrorPod(server, 'cka02')).code).toBe(201);
  });

  it('refuses mirror pods that reference other API objects', () => {
    const { server, cka02 } = setup();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ serviceAccountName: 'default' }, 'reference a service account'],
      [{ imagePullSecrets: [{ name: 'regcred' }] }, 'reference secrets'],
      [{ volumes: [{ name: 'v', secret: { secretName: 's' } }] }, 'reference secrets'],
      [{ containers: [{ name: 'c', image: 'nginx', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] }, 'reference secrets'],
      [{ volumes: [{ name: 'v', csi: { driver: 'd', nodePublishSecretRef: { name: 's' } } }] }, 'reference secrets'],
      [{ containers: [{ name: 'c', image: 'nginx', envFrom: [{ configMapRef: { name: 'cm' } }] }] }, 'reference configmaps'],
      [{ volumes: [{ name: 'v', projected: { sources: [{ configMap: { name: 'cm' } }] } }] }, 'reference configmaps'],
      [{ volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }] }, 'reference persistentvolumeclaims'],
    ];
    cases.forEach(([spec, what], i) => {
      const r = cka02.create(PODS, 'kube-system', mirrorPod(server, 'cka02', `p${i}`, {}, spec));
      expect(message(r)).toBe(`pods "p${i}" is forbidden: node "cka02" can not create pods that ${what}`);
    });
    // hostPath volumes (what kubeadm's static pods use) are fine.
    expect(cka02.create(PODS, 'kube-system', mirrorPod(server, 'cka02', 'ok', {}, { volumes: [{ name: 'certs', hostPath: { path: '/etc/kubernetes/pki' } }] })).code).toBe(201);
  });

  it('lets a kubelet delete only pods bound to itself', () => {
    const { admin, cka02 } = setup();
    admin.create(PODS, 'default', boundPod('theirs', 'cka03'));
    admin.create(PODS, 'default', boundPod('mine', 'cka02'));
    const r = cka02.delete(PODS, 'default', 'theirs', { gracePeriodSeconds: '0' });
    expect(r.code).toBe(403);
    expect(message(r)).toBe('pods "theirs" is forbidden: node "cka02" can only delete pods with spec.nodeName set to itself');
    expect(admin.get(PODS, 'default', 'theirs').code).toBe(200);
    expect(cka02.delete(PODS, 'default', 'mine', { gracePeriodSeconds: '0' }).code).toBe(200);
    expect(message(cka02.delete(PODS, 'default', 'nothing'))).toBe('pods "nothing" not found');
    expect(admin.delete(PODS, 'default', 'theirs', { gracePeriodSeconds: '0' }).code).toBe(200);
  });

  it('lets a kubelet update the status of its own pods only, without their labels', () => {
    const { admin, cka02 } = setup();
    admin.create(PODS, 'default', boundPod('theirs', 'cka03'));
    admin.create(PODS, 'default', boundPod('mine', 'cka02'));
    const theirs = admin.get(PODS, 'default', 'theirs').body as KubeObject;
    const r = cka02.updateStatus(PODS, 'default', { ...theirs, status: { phase: 'Running' } });
    expect(message(r)).toBe('pods "theirs" is forbidden: node "cka02" can only update pod status for pods with spec.nodeName set to itself');
    const mine = admin.get(PODS, 'default', 'mine').body as KubeObject;
    expect(cka02.updateStatus(PODS, 'default', { ...mine, status: { phase: 'Running' } }).code).toBe(200);
    const p = cka02.patch(PODS, 'default', 'theirs', { status: { phase: 'Failed' } }, 'application/merge-patch+json', { subresource: 'status' });
    expect(message(p)).toBe('pods "theirs" is forbidden: node "cka02" can only update pod status for pods with spec.nodeName set to itself');
  });

  it('lets a kubelet evict only pods bound to itself', () => {
    const { admin, cka02 } = setup();
    admin.create(PODS, 'default', boundPod('theirs', 'cka03'));
    admin.create(PODS, 'default', boundPod('mine', 'cka02'));
    const eviction = (name: string) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } });
    const r = cka02.createSubresource(PODS, 'default', 'theirs', 'eviction', eviction('theirs'));
    expect(r.code).toBe(403);
    expect(message(r)).toBe('pods "theirs" is forbidden: node cka02 can only evict pods with spec.nodeName set to itself');
    expect(admin.get(PODS, 'default', 'theirs').code).toBe(200);
    expect(cka02.createSubresource(PODS, 'default', 'mine', 'eviction', eviction('mine')).code).toBe(201);
  });
});

describe('NodeRestriction: leases, CSINodes, tokens', () => {
  it('keeps a kubelet to its own Lease', () => {
    const { cka02 } = setup();
    const lease = (name: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: { holderIdentity: name } });
    const r = cka02.create(LEASES, 'kube-node-lease', lease('cka03'));
    expect(r.code).toBe(403);
    expect(message(r)).toBe('leases.coordination.k8s.io "cka03" is forbidden: can only access node lease with the same name as the requesting node');
    expect((r.body as Status).details).toEqual({ name: 'cka03', group: 'coordination.k8s.io', kind: 'leases' });
    expect(cka02.create(LEASES, 'kube-node-lease', lease('cka02')).code).toBe(201);
  });

  it('keeps a kubelet to its own CSINode', () => {
    const { cka02 } = setup();
    const csinode = (name: string) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name }, spec: { drivers: [] } });
    const r = cka02.create(CSINODES, undefined, csinode('cka03'));
    expect(message(r)).toBe('csinodes.storage.k8s.io "cka03" is forbidden: can only access CSINode with the same name as the requesting node');
    expect(cka02.create(CSINODES, undefined, csinode('cka02')).code).toBe(201);
  });

  it('gives a kubelet only tokens bound to its own pods', () => {
    const { admin, cka02 } = setup();
    admin.create(SERVICEACCOUNTS, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app' } });
    admin.create(PODS, 'default', boundPod('mine', 'cka02', { serviceAccountName: 'app' }));
    admin.create(PODS, 'default', boundPod('theirs', 'cka03', { serviceAccountName: 'app' }));
    const uid = (name: string) => (admin.get(PODS, 'default', name).body as KubeObject).metadata!.uid!;
    const request = (boundObjectRef?: Record<string, unknown>, audiences?: string[]) => ({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { ...(audiences ? { audiences } : {}), ...(boundObjectRef ? { boundObjectRef } : {}) },
    });
    const token = (body: unknown) => cka02.createSubresource(SERVICEACCOUNTS, 'default', 'app', 'token', body);
    expect(message(token(request()))).toBe('serviceaccounts "app" is forbidden: node requested token not bound to a pod');
    expect(message(token(request({ apiVersion: 'v1', kind: 'Pod', name: 'mine' })))).toBe('serviceaccounts "app" is forbidden: node requested token with a pod binding without a uid');
    expect(message(token(request({ apiVersion: 'v1', kind: 'Pod', name: 'mine', uid: 'old' })))).toBe(
      'serviceaccounts "app" is forbidden: the UID in the bound object reference (old) does not match the UID in record. The object might have been deleted and then recreated',
    );
    expect(message(token(request({ apiVersion: 'v1', kind: 'Pod', name: 'theirs', uid: uid('theirs') })))).toBe(
      'serviceaccounts "app" is forbidden: node requested token bound to a pod scheduled on a different node',
    );
    expect(token(request({ apiVersion: 'v1', kind: 'Pod', name: 'mine', uid: uid('mine') })).code).toBe(201);
  });

  it('gives a kubelet tokens only for an audience its pod uses, or that RBAC grants it (v1.33)', () => {
    const { admin, cka02 } = setup();
    admin.create(SERVICEACCOUNTS, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app' } });
    const vaultVolume = { name: 'vault-token', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } }] } };
    admin.create(PODS, 'default', boundPod('plain', 'cka02', { serviceAccountName: 'app' }));
    admin.create(PODS, 'default', boundPod('vaulted', 'cka02', { serviceAccountName: 'app', volumes: [vaultVolume] }));
    const ref = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', name, uid: (admin.get(PODS, 'default', name).body as KubeObject).metadata!.uid! });
    const token = (pod: string, audiences?: string[]) =>
      cka02.createSubresource(SERVICEACCOUNTS, 'default', 'app', 'token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { boundObjectRef: ref(pod), ...(audiences ? { audiences } : {}) } });
    expect(message(token('plain', ['a', 'b']))).toBe('serviceaccounts "app" is forbidden: node may only request 0 or 1 audiences');
    expect(message(token('plain', ['vault']))).toBe(
      'serviceaccounts "app" is forbidden: audience "vault" not found in pod spec volume, system:node:cka02 is not authorized to request tokens for this audience',
    );
    expect(token('vaulted', ['vault']).code).toBe(201);
    // An administrator may grant a node an audience (verb request-serviceaccounts-token-audience, the audience as resource).
    const RBAC = (resource: string) => ({ group: 'rbac.authorization.k8s.io', version: 'v1', resource });
    admin.create(RBAC('clusterroles'), undefined, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'vault-audience' }, rules: [{ apiGroups: [''], resources: ['vault'], verbs: ['request-serviceaccounts-token-audience'] }] });
    admin.create(RBAC('clusterrolebindings'), undefined, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'vault-audience' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'vault-audience' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:nodes' }],
    });
    expect(token('plain', ['vault']).code).toBe(201);
    // A v1.32 server does not restrict audiences (the gate was alpha).
    const old = setup('v1.32.4');
    old.admin.create(SERVICEACCOUNTS, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'app' } });
    old.admin.create(PODS, 'default', boundPod('plain', 'cka02', { serviceAccountName: 'app' }));
    const uid = (old.admin.get(PODS, 'default', 'plain').body as KubeObject).metadata!.uid!;
    const r = old.cka02.createSubresource(SERVICEACCOUNTS, 'default', 'app', 'token', { spec: { audiences: ['vault'], boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'plain', uid } } });
    expect(r.code).toBe(201);
  });

  it('lets a kubelet ask kubelet certificates only in its own name', () => {
    const { cka02 } = setup();
    const CSRS = { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests' };
    const csr = (name: string, cn: string, signerName: string) => ({
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name },
      spec: {
        signerName,
        usages: ['digital signature', 'client auth'],
        request: btoa(encodeRequest({ subject: { commonName: cn, organizations: ['system:nodes'] }, publicKey: { bits: 2048, id: name } })),
      },
    });
    const r = cka02.create(CSRS, undefined, csr('other', 'system:node:cka03', 'kubernetes.io/kube-apiserver-client-kubelet'));
    expect(message(r)).toBe('certificatesigningrequests.certificates.k8s.io "other" is forbidden: can only create a node CSR with CN=system:node:cka02');
    const junk = { ...csr('junk', 'x', 'kubernetes.io/kubelet-serving'), spec: { signerName: 'kubernetes.io/kubelet-serving', usages: ['server auth'], request: btoa('not a pem') } };
    expect(message(cka02.create(CSRS, undefined, junk))).toBe('certificatesigningrequests.certificates.k8s.io "junk" is forbidden: unable to parse csr: PEM block type must be CERTIFICATE REQUEST');
    expect(cka02.create(CSRS, undefined, csr('mine', 'system:node:cka02', 'kubernetes.io/kube-apiserver-client-kubelet')).code).toBe(201);
  });

  it('leaves other resources and other users alone', () => {
    const { admin, server } = setup();
    // A user named like a node but outside system:nodes is no node identity.
    const impostor = new ApiClient(server, { username: 'system:node:cka02', groups: ['system:masters', 'system:authenticated'] });
    expect(impostor.patch(NODES, undefined, 'cka03', { metadata: { labels: { 'node-role.kubernetes.io/worker': '' } } }).code).toBe(200);
    expect(admin.create(SECRETS, 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }).code).toBe(201);
  });

  it('refuses a node identity without a name', () => {
    const { server } = setup();
    const nameless = new ApiClient(server, { username: 'system:node:', groups: ['system:nodes', 'system:authenticated'] });
    server.authorization = false;
    const r = nameless.patch(NODES, undefined, 'cka02', { metadata: { labels: { a: 'b' } } });
    expect(message(r)).toBe('nodes "cka02" is forbidden: could not determine node from user "system:node:"');
  });
});

describe('NodeRestriction: the API server flags', () => {
  it('runs only when --enable-admission-plugins names it', () => {
    const { server, cka02 } = setup();
    expect(nodeRestrictionEnabled(server)).toBe(true);
    applyAdmissionPluginFlags(server, { enable: 'NamespaceLifecycle,LimitRanger' });
    expect(nodeRestrictionEnabled(server)).toBe(false);
    // The Node authorizer still lets a kubelet patch nodes: without the plugin, any node.
    expect(cka02.patch(NODES, undefined, 'cka03', { metadata: { labels: { a: 'b' } } }).code).toBe(200);
    applyAdmissionPluginFlags(server, { enable: 'NodeRestriction', disable: 'NodeRestriction' });
    expect(nodeRestrictionEnabled(server)).toBe(false);
    applyAdmissionPluginFlags(server, { enable: 'NamespaceLifecycle,NodeRestriction' });
    expect(cka02.patch(NODES, undefined, 'cka03', { metadata: { labels: { a: 'c' } } }).code).toBe(403);
  });

  it('reads the flags from a kube-apiserver manifest', () => {
    const { server } = setup();
    const manifest = (flags: string) => `spec:\n  containers:\n  - command:\n    - kube-apiserver\n    - --advertise-address=192.168.6.171\n${flags}    - --authorization-mode=Node,RBAC\n`;
    applyKubeApiServerManifest(server, manifest(''));
    expect(nodeRestrictionEnabled(server)).toBe(false);
    applyKubeApiServerManifest(server, manifest('    - --enable-admission-plugins=NodeRestriction\n'));
    expect(nodeRestrictionEnabled(server)).toBe(true);
    applyKubeApiServerManifest(server, manifest('    - --enable-admission-plugins=NodeRestriction,PodNodeSelector\n    - --disable-admission-plugins=NodeRestriction\n'));
    expect(nodeRestrictionEnabled(server)).toBe(false);
    applyKubeApiServerManifest(server, undefined);
    expect(nodeRestrictionEnabled(server)).toBe(false);
  });
});

describe('kubelet label rules (k8s.io/kubelet/pkg/apis)', () => {
  it('knows the kubelet set and namespaces', () => {
    expect(isKubeletLabel('kubernetes.io/hostname')).toBe(true);
    expect(isKubeletLabel('node.kubernetes.io/anything')).toBe(true);
    expect(isKubeletLabel('x.kubelet.kubernetes.io/a')).toBe(true);
    expect(isKubeletLabel('node-role.kubernetes.io/worker')).toBe(false);
    expect(isKubernetesLabel('node-role.kubernetes.io/worker')).toBe(true);
    expect(isKubernetesLabel('kubernetes.io')).toBe(false);
    expect(isKubernetesLabel('example.k8s.io/a')).toBe(true);
    expect(isKubernetesLabel('mykubernetes.io/a')).toBe(false);
  });

  it('a label outside the kubernetes domains is never restricted', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), word, (domain, name) => {
        const key = `${domain.join('.')}.example/${name}`;
        return !isKubernetesLabel(key);
      }),
    );
    fc.assert(fc.property(word, (name) => isKubernetesLabel(`${name}.kubernetes.io/x`) && isKubeletLabel(`${name}.node.kubernetes.io/x`)));
  });
});

describe('NodeRestriction in the cluster scenario', () => {
  it('meets kubectl with the kubelet kubeconfig, and goes with the flag', async () => {
    const world = bootWorld('cluster');
    const asKubelet = (cmd: string) => runScript(world, 'cka02', `kubectl --kubeconfig /etc/kubernetes/kubelet.conf ${cmd}; echo "rc=$?"`);
    let r = await asKubelet('label node cka03 a=b');
    expect(r.stderr).toBe('Error from server (Forbidden): nodes "cka03" is forbidden: node "cka02" is not allowed to modify node "cka03"\n');
    expect(r.stdout).toBe('rc=1\n');
    r = await asKubelet('label node cka02 node-role.kubernetes.io/worker=');
    expect(r.stderr).toBe('Error from server (Forbidden): nodes "cka02" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/worker\n');
    r = await asKubelet('label node cka02 disktype=ssd');
    expect(r.stdout).toBe('node/cka02 labeled\nrc=0\n');
    // The mirror pods of the control plane were created under the plugin.
    const server = clusterOf(world)!.apiServer;
    expect(nodeRestrictionEnabled(server)).toBe(true);
    const mirror = new ApiClient(server).get(PODS, 'kube-system', 'kube-apiserver-cka01').body as KubeObject;
    expect(mirror.metadata!.ownerReferences).toMatchObject([{ apiVersion: 'v1', kind: 'Node', name: 'cka01', controller: true }]);
    // kube-apiserver restarted without NodeRestriction: the Node authorizer alone lets a kubelet label any node.
    await runScript(world, 'cka01', 'sed -i "s/--enable-admission-plugins=NodeRestriction/--enable-admission-plugins=NamespaceLifecycle/" /etc/kubernetes/manifests/kube-apiserver.yaml\nsleep 60');
    expect(nodeRestrictionEnabled(server)).toBe(false);
    r = await asKubelet('label node cka03 a=b');
    expect(r.stdout).toBe('node/cka03 labeled\nrc=0\n');
  });
});
