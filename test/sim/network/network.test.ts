import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/sim/create-world';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { ApiClient, gvr, type KubeObject } from '../../../src/sim/apiserver';
import { NGINX_WELCOME } from '../../../src/sim/network/responses';
import { deployment, list } from '../cluster/helpers';

describe('the cluster network', () => {
  const world = createWorld('cluster', { seed: 21 });
  const cluster = clusterOf(world)!;
  const admin = new ApiClient(cluster.apiServer);
  const net = cluster.network;
  admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 2));
  admin.create(gvr('services'), 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } });
  admin.create(gvr('services'), 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'empty' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } });
  admin.create(gvr('pods'), 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', labels: { role: 'client' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } });
  world.clock.advance(30_000);
  const fromClient = { pod: { namespace: 'default', name: 'client' } };
  const svcIp = (admin.get(gvr('services'), 'default', 'web').body as { spec: { clusterIP: string } }).spec.clusterIP;

  it('resolves Service names through the search path, and fails unknown names', () => {
    expect(net.resolve('web', fromClient)).toEqual({ ok: true, name: 'web.default.svc.cluster.local', addresses: [svcIp] });
    expect(net.resolve('kubernetes.default', fromClient)).toMatchObject({ ok: true, addresses: ['10.96.0.1'] });
    expect(net.resolve('kube-dns.kube-system.svc.cluster.local', fromClient)).toMatchObject({ ok: true, addresses: ['10.96.0.10'] });
    expect(net.resolve('nope', fromClient)).toEqual({ ok: false, reason: 'NXDOMAIN', name: 'nope' });
    expect(net.resolve('web', { host: 'cka01' })).toMatchObject({ ok: false, reason: 'NXDOMAIN' });
    expect(net.resolve('cka02', { host: 'cka01' })).toMatchObject({ ok: true, addresses: ['192.168.6.172'] });
  });

  it('serves the nginx welcome page through the Service, a pod IP and from a node', () => {
    const r = net.httpGet(fromClient, 'http://web');
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(r.ok && r.body).toBe(NGINX_WELCOME);
    const podIp = (list(admin, 'pods', 'default', 'app=web')[0].status as { podIP: string }).podIP;
    expect(net.httpGet({ host: 'cka01' }, `http://${podIp}/`)).toMatchObject({ ok: true, status: 200 });
    expect(net.httpGet({ host: 'cka01' }, `http://${svcIp}/missing`)).toMatchObject({ ok: true, status: 404 });
    expect(net.httpGet(fromClient, 'http://web:8080')).toMatchObject({ ok: false, reason: 'timeout' });
    expect(net.httpGet(fromClient, 'http://empty')).toMatchObject({ ok: false, reason: 'refused' });
    expect(net.httpGet(fromClient, `http://${podIp}:81`)).toMatchObject({ ok: false, reason: 'refused' });
  });

  it('reaches a NodePort on every node', () => {
    admin.create(gvr('services'), 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-np' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] } });
    // kube-proxy routes to the endpoints of the Service's EndpointSlice, which its controller writes within a second
    expect(net.httpGet({ host: 'cka01' }, 'http://192.168.6.172:30080/')).toMatchObject({ ok: false, reason: 'refused' });
    world.clock.advance(2_000);
    for (const ip of ['192.168.6.171', '192.168.6.172', '192.168.6.173']) expect(net.httpGet({ host: 'cka01' }, `http://${ip}:30080/`)).toMatchObject({ ok: true, status: 200 });
  });

  it('writes the pod resolv.conf of ClusterFirst', () => {
    const p = admin.get(gvr('pods'), 'default', 'client').body as KubeObject;
    expect(net.resolvConf(p)).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('enforces NetworkPolicy: default deny, then allow from labelled pods', () => {
    admin.create(gvr('networkpolicies'), 'default', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] } });
    expect(net.httpGet(fromClient, 'http://web')).toMatchObject({ ok: false, reason: 'timeout' });
    admin.create(gvr('networkpolicies'), 'default', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-client' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }] },
    });
    expect(net.httpGet(fromClient, 'http://web')).toMatchObject({ ok: true, status: 200 });
    expect(net.httpGet({ host: 'cka02' }, `http://${svcIp}`)).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('times out DNS when CoreDNS is gone', () => {
    admin.patch(gvr('deployments'), 'kube-system', 'coredns', { spec: { replicas: 0 } }, 'application/merge-patch+json');
    world.clock.advance(40_000);
    expect(net.resolve('web', fromClient)).toEqual({ ok: false, reason: 'timeout', name: 'web' });
  });
});

describe('kubectl exec in a container', () => {
  const world = createWorld('cluster', { seed: 22 });
  const cluster = clusterOf(world)!;
  const admin = new ApiClient(cluster.apiServer);
  admin.create(gvr('configmaps'), 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.conf': 'mode=fast\n' } });
  admin.create(gvr('pods'), 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'box' },
    spec: { containers: [{ name: 'box', image: 'busybox', command: ['sleep', '3600'], env: [{ name: 'GREETING', value: 'hi' }], volumeMounts: [{ name: 'c', mountPath: '/config' }] }], volumes: [{ name: 'c', configMap: { name: 'cfg' } }] },
  });
  admin.create(gvr('services'), 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  admin.create(gvr('deployments'), 'default', deployment('web', 'nginx', 1));
  world.clock.advance(30_000);
  /** The exec answer as a client that cannot stream reads it (its lazily computed outcome). */
  const exec = (command: string[]) => {
    const body = admin.request({ verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace: 'default', name: 'box', body: { command, container: 'box' } }).body as { stdout: string; stderr: string; exitCode: number; message?: string };
    return body.message !== undefined ? body : { stdout: body.stdout, stderr: body.stderr, exitCode: body.exitCode };
  };

  it('reads mounted ConfigMaps, env, resolv.conf and the service-account namespace', () => {
    expect(exec(['cat', '/config/app.conf'])).toEqual({ stdout: 'mode=fast\n', stderr: '', exitCode: 0 });
    expect(exec(['sh', '-c', 'echo $GREETING'])).toMatchObject({ stdout: 'hi\n' });
    expect(exec(['cat', '/etc/resolv.conf']).stdout).toContain('nameserver 10.96.0.10');
    expect(exec(['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).stdout).toBe('default');
    expect(exec(['ls', '/config']).stdout).toBe('app.conf\n');
    expect(exec(['cat', '/nope'])).toEqual({ stdout: '', stderr: 'cat: /nope: No such file or directory\n', exitCode: 1 });
  });

  it('uses the cluster network for nslookup and wget', () => {
    const svcIp = (admin.get(gvr('services'), 'default', 'web').body as { spec: { clusterIP: string } }).spec.clusterIP;
    expect(exec(['nslookup', 'web']).stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${svcIp}\n\n`);
    expect(exec(['wget', '-qO-', 'http://web']).stdout).toBe(NGINX_WELCOME);
  });

  it('fails like the runtime for a program the image lacks', () => {
    const r = exec(['curl', 'http://web']);
    expect(r.message).toMatch(/OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown$/);
  });
});
