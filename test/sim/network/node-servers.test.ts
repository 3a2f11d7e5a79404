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
    expect((await run('cka02', 'curl -sk https://192.168.6.171:6443/version | grep gitVersion')).stdout).toBe('  "gitVersion": "v1.33.1",\n');
    // a stopped kubelet answers nothing; a Pod's loopback is its own
    expect((await run('cka03', 'systemctl stop kubelet; curl -sS http://localhost:10248/healthz; echo rc=$?')).stdout).toBe('rc=7\n');
    await run('cka01', 'kubectl run c --image=busybox:1.36 --restart=Never -- sleep 3600; sleep 10');
    expect(await run('cka01', 'kubectl exec c -- wget -qO- -T 2 http://127.0.0.1:10248/healthz')).toMatchObject({ stderr: "wget: can't connect to remote host (127.0.0.1): Connection refused\ncommand terminated with exit code 1\n", status: 1 });
  });
});
