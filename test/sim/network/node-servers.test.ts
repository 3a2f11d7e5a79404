/**
 * What the cluster's own servers answer curl from a node: the kubelet's health endpoint on
 * 127.0.0.1:10248 (what kubeadm tells you to curl when the kubelet does not come up), the kubelet's
 * API refusing anonymous clients, the scheduler's and controller manager's endpoints bound to
 * 127.0.0.1, and the API server answering system:anonymous as RBAC allows.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe("a node's own servers", () => {
  it('answer on the addresses and with the words of the real ones', async () => {
    const world = bootWorld('cluster');
    const run = (host: string, s: string) => runScript(world, host, s);
    expect((await run('cka02', 'curl -sSL http://localhost:10248/healthz')).stdout).toBe('ok');
    expect((await run('cka02', 'curl -s http://127.0.0.1:10248/metrics')).stdout).toBe('404 page not found\n');
    // bound to 127.0.0.1 only
    expect((await run('cka01', 'curl -s http://192.168.6.172:10248/healthz; echo rc=$?')).stdout).toBe('rc=7\n');
    expect((await run('cka01', 'curl -sk https://192.168.6.172:10250/pods')).stdout).toBe('Unauthorized');
    expect((await run('cka01', 'curl -sk https://127.0.0.1:10259/healthz')).stdout).toBe('ok');
    expect((await run('cka01', 'curl -sk https://127.0.0.1:10257/metrics')).stdout).toBe(
      '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"/metrics\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}\n',
    );
    expect((await run('cka02', 'curl -sk https://192.168.6.171:10259/healthz; echo rc=$?')).stdout).toBe('rc=7\n');
    expect((await run('cka02', 'curl -sk https://192.168.6.171:6443/livez')).stdout).toBe('ok');
    expect((await run('cka02', 'curl -sk https://192.168.6.171:6443/api/v1/namespaces/default/pods')).stdout).toBe(
      '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "pods is forbidden: User \\"system:anonymous\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"",\n  "reason": "Forbidden",\n  "details": {\n    "kind": "pods"\n  },\n  "code": 403\n}\n',
    );
    expect((await run('cka02', 'curl -sk https://192.168.6.171:6443/version | grep gitVersion')).stdout).toBe('  "gitVersion": "v1.33.4",\n');
    // a stopped kubelet answers nothing; a Pod's loopback is its own
    expect((await run('cka03', 'systemctl stop kubelet; curl -sS http://localhost:10248/healthz; echo rc=$?')).stdout).toBe('rc=7\n');
    await run('cka01', 'kubectl run c --image=busybox:1.36 --restart=Never -- sleep 3600; sleep 10');
    expect(await run('cka01', 'kubectl exec c -- wget -qO- -T 2 http://127.0.0.1:10248/healthz')).toMatchObject({ stderr: "wget: can't connect to remote host (127.0.0.1): Connection refused\ncommand terminated with exit code 1\n", status: 1 });
  });
});

describe("kube-proxy's own servers", () => {
  it('answer its mode on 127.0.0.1:10249 and its health as JSON on 10256', async () => {
    const world = bootWorld('cluster');
    const run = (host: string, s: string) => runScript(world, host, s);
    expect((await run('cka02', 'curl -s localhost:10249/proxyMode')).stdout).toBe('iptables');
    expect((await run('cka01', 'curl -s 192.168.6.172:10249/proxyMode; echo rc=$?')).stdout).toBe('rc=7\n');
    const health = (await run('cka01', 'curl -si 192.168.6.172:10256/healthz')).stdout;
    expect(health).toMatch(/^HTTP\/1\.1 200 OK\r?\nContent-Type: application\/json\r?\nX-Content-Type-Options: nosniff\r?\n/);
    const body = health.split(/\r?\n\r?\n/)[1];
    expect(body).toMatch(/^\{"lastUpdated": "(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC m=\+\d+\.\d{9})","currentTime": "\1", "nodeEligible": true\}$/);
    expect((await run('cka01', 'curl -s localhost:10256/livez')).stdout).toMatch(/^\{"lastUpdated": "[^"]+","currentTime": "[^"]+"\}$/);
    expect((await run('cka01', 'curl -s localhost:10256/metrics')).stdout).toBe('404 page not found\n');
    // the mode it started with, not the ConfigMap's until it restarts
    await run('cka01', `kubectl -n kube-system get cm kube-proxy -o yaml | sed 's/^    mode: ""/    mode: "ipvs"/' | kubectl apply -f - >/dev/null 2>&1`);
    expect((await run('cka02', 'curl -s localhost:10249/proxyMode')).stdout).toBe('iptables');
    await run('cka01', 'kubectl -n kube-system delete pod -l k8s-app=kube-proxy --field-selector spec.nodeName=cka02 >/dev/null; sleep 20');
    expect((await run('cka02', 'curl -s localhost:10249/proxyMode')).stdout).toBe('ipvs');
    // a node the cluster autoscaler is removing is not eligible: 503 with the last sync's time
    await run('cka01', 'kubectl taint node cka03 ToBeDeletedByClusterAutoscaler=1:NoSchedule >/dev/null');
    expect((await run('cka01', 'curl -s -o /dev/null -w "%{http_code}" 192.168.6.173:10256/healthz')).stdout).toBe('503');
    // no kube-proxy on the node: nothing listens
    expect((await run('cka01', 'kubectl -n kube-system delete ds kube-proxy >/dev/null; sleep 30; curl -s localhost:10256/healthz; echo rc=$?')).stdout).toBe('rc=7\n');
  });
});
