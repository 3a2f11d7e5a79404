import { describe, expect, it } from 'vitest';
import { newServer, pod, deployment, withNamespace, PODS, DEPLOYMENTS, SERVICES } from './helpers';
import { gvr, type KubeObject, type Status } from '../../../src/sim/apiserver';

const msg = (r: { body: unknown }) => (r.body as Status).message;

describe('decoding', () => {
  it('fails strict decoding of unknown fields like the real server', () => {
    const { client } = newServer();
    const d = deployment('web');
    (d.spec as Record<string, unknown>).replica = 3;
    const r = client.create(DEPLOYMENTS, 'default', d, { fieldValidation: 'Strict' });
    expect(r.code).toBe(400);
    expect(msg(r)).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    const lenient = client.create(DEPLOYMENTS, 'default', d);
    expect(lenient.code).toBe(201);
    expect(lenient.warnings).toEqual(['unknown field "spec.replica"']);
    expect((lenient.body as KubeObject).spec).not.toHaveProperty('replica');
    client.delete(DEPLOYMENTS, 'default', 'web');
    expect(client.create(DEPLOYMENTS, 'default', d, { fieldValidation: 'Ignore' }).warnings).toBeUndefined();
  });

  it('reports nested unknown fields with their index path', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const p = pod('web');
    ((p.spec as { containers: Record<string, unknown>[] }).containers[0]).imagePullPolicyx = 'Always';
    const r = client.create(PODS, 'default', p, { fieldValidation: 'Strict' });
    expect(msg(r)).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyx"');
  });

  it('rejects wrong types with the Go decoder text', () => {
    const { client } = newServer();
    const d = deployment('web');
    (d.spec as Record<string, unknown>).replicas = 'three';
    const r = client.create(DEPLOYMENTS, 'default', d);
    expect(r.code).toBe(400);
    expect(msg(r)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('rejects bodies that are not objects and mismatched apiVersions', () => {
    const { client, server } = newServer();
    const r = server.request({ verb: 'create', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', body: [1, 2] });
    expect(r.code).toBe(400);
    expect(msg(r)).toBe("Object 'Kind' is missing in '[1,2]'");
    const mismatch = client.create(DEPLOYMENTS, 'default', { ...deployment('web'), apiVersion: 'v1' });
    expect(msg(mismatch)).toBe('the API version in the data (v1) does not match the expected API version (apps/v1)');
  });
});

describe('validation', () => {
  it('checks names with the apimachinery texts', () => {
    const { client } = newServer();
    const r = client.create(DEPLOYMENTS, 'default', deployment('Web_1'));
    expect(r.code).toBe(422);
    expect(msg(r)).toBe(
      'Deployment.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
    );
    const ns = client.create(gvr('namespaces'), undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } });
    expect(msg(ns)).toContain('Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label must consist of');
  });

  it('refuses a negative hard limit of a ResourceQuota (ValidateResourceQuantityValue)', () => {
    const { client } = newServer();
    const r = client.create(gvr('resourcequotas'), 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '-1', cpu: '2' } } });
    expect(msg(r)).toBe('ResourceQuota "q" is invalid: spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0');
  });

  it('requires the selector to match the template labels', () => {
    const { client } = newServer();
    const d = deployment('x');
    ((d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels = { app: 'y' });
    const r = client.create(DEPLOYMENTS, 'default', d);
    expect(msg(r)).toBe(
      'Deployment.apps "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`',
    );
    const body = r.body as Status;
    expect(body.reason).toBe('Invalid');
    expect(body.details).toMatchObject({ name: 'x', group: 'apps', kind: 'Deployment' });
    expect(body.details!.causes![0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'spec.template.metadata.labels' });
  });

  it('joins several causes in brackets', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const r = client.create(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'Web' }] } });
    expect(msg(r)).toBe(
      'Pod "x" is invalid: [spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\'), spec.containers[0].image: Required value]',
    );
  });

  it('keeps the deployment selector immutable', () => {
    const { client } = newServer();
    const d = client.create(DEPLOYMENTS, 'default', deployment('web')).body as KubeObject;
    const changed = JSON.parse(JSON.stringify(d)) as KubeObject;
    const spec = changed.spec as { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
    spec.selector.matchLabels = { app: 'other' };
    spec.template.metadata.labels = { app: 'other' };
    const r = client.update(DEPLOYMENTS, 'default', changed);
    expect(msg(r)).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('rejects negative replicas', () => {
    const { client } = newServer();
    const r = client.create(DEPLOYMENTS, 'default', deployment('web', -1));
    expect(msg(r)).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('forbids pod spec changes other than images', () => {
    const { client } = newServer();
    withNamespace(client, 'default');
    const p = client.create(PODS, 'default', pod('web')).body as KubeObject;
    const img = JSON.parse(JSON.stringify(p)) as KubeObject;
    (img.spec as { containers: { image: string }[] }).containers[0].image = 'nginx:1.27';
    expect(client.update(PODS, 'default', img).code).toBe(200);
    const cur = client.get(PODS, 'default', 'web').body as KubeObject;
    (cur.spec as { restartPolicy: string }).restartPolicy = 'Never';
    const r = client.update(PODS, 'default', cur);
    expect(r.code).toBe(422);
    expect(msg(r)).toMatch(/^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
  });
});

describe('services', () => {
  it('allocates cluster IPs and node ports deterministically and without collisions', () => {
    const { client } = newServer();
    const kube = client.get(SERVICES, 'default', 'kubernetes').body as KubeObject;
    expect((kube.spec as { clusterIP: string }).clusterIP).toBe('10.96.0.1');
    const svc = (name: string, spec: Record<string, unknown>) => client.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
    const a = svc('a', { type: 'NodePort', selector: { app: 'a' }, ports: [{ port: 80 }] }).body as KubeObject;
    const spec = a.spec as Record<string, unknown>;
    expect(spec).toMatchObject({ type: 'NodePort', sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', externalTrafficPolicy: 'Cluster' });
    expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    const port = (spec.ports as Record<string, unknown>[])[0];
    expect(port).toMatchObject({ port: 80, targetPort: 80, protocol: 'TCP' });
    expect(port.nodePort as number).toBeGreaterThanOrEqual(30000);
    const dns = svc('kube-dns', { clusterIP: '10.96.0.10', ports: [{ port: 53, name: 'dns' }] });
    expect((dns.body as KubeObject).spec).toMatchObject({ clusterIP: '10.96.0.10' });
    const clash = svc('b', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] });
    expect(msg(clash)).toBe('Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    const portClash = svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: port.nodePort }] });
    expect(msg(portClash)).toBe(`Service "c" is invalid: spec.ports[0].nodePort: Invalid value: ${port.nodePort}: provided port is already allocated`);
    const out = svc('d', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] });
    expect(msg(out)).toBe('Service "d" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });

  it('keeps the cluster IP on an update that leaves it out, and refuses to change it', () => {
    const { client } = newServer();
    const s = client.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } }).body as KubeObject;
    const ip = (s.spec as { clusterIP: string }).clusterIP;
    const noIp = JSON.parse(JSON.stringify(s)) as KubeObject;
    delete (noIp.spec as Record<string, unknown>).clusterIP;
    delete (noIp.spec as Record<string, unknown>).clusterIPs;
    const r = client.update(SERVICES, 'default', noIp);
    expect((r.body as KubeObject).spec).toMatchObject({ clusterIP: ip });
    const changed = r.body as KubeObject;
    (changed.spec as Record<string, unknown>).clusterIP = '10.96.0.77';
    (changed.spec as Record<string, unknown>).clusterIPs = ['10.96.0.77'];
    expect(msg(client.update(SERVICES, 'default', changed))).toBe('Service "a" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.77"}: may not change once set');
  });
});

describe('namespaces', () => {
  it('defaults the name label, finalizer and phase', () => {
    const { client } = newServer();
    const ns = client.create(gvr('namespaces'), undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }).body as KubeObject;
    expect(ns.metadata!.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata!.namespace).toBeUndefined();
  });
});

describe('workload selectors', () => {
  it('reports a missing selector together with the template mismatch, as the real server does', () => {
    const { client } = newServer();
    const d = deployment('x');
    delete (d.spec as Record<string, unknown>).selector;
    expect(msg(client.create(DEPLOYMENTS, 'default', d))).toBe(
      'Deployment.apps "x" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`]',
    );
  });
});

describe('service type changes', () => {
  it('allocates a node port when a ClusterIP service becomes NodePort and drops it when going back', () => {
    const { client } = newServer();
    const s = client.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }).body as KubeObject;
    const ip = (s.spec as { clusterIP: string }).clusterIP;
    const np = client.patch(SERVICES, 'default', 'web', { spec: { type: 'NodePort' } });
    expect(np.code).toBe(200);
    const spec = (np.body as KubeObject).spec as { clusterIP: string; externalTrafficPolicy: string; ports: { nodePort: number }[] };
    expect(spec.clusterIP).toBe(ip);
    expect(spec.externalTrafficPolicy).toBe('Cluster');
    expect(spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const back = client.patch(SERVICES, 'default', 'web', { spec: { type: 'ClusterIP' } });
    expect(back.code).toBe(200);
    const bspec = (back.body as KubeObject).spec as Record<string, unknown> & { ports: Record<string, unknown>[] };
    expect(bspec.ports[0]).not.toHaveProperty('nodePort');
    expect(bspec).not.toHaveProperty('externalTrafficPolicy');
  });
});
