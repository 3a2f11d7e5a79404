/**
 * The exam terminal: candidate@base without a kubeconfig, `ssh <host>` to each exam host (a cluster
 * of its own) as candidate with sudo and the admin kubeconfig; work on one host is not on another.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootExamBase, openExamSession, prepareExamHost } from '../../src/runtime/exam-session';
import { bootWorld } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let base: World;
let hosts: Record<string, World>;

async function run(script: string): Promise<{ out: string; status: number }> {
  let out = '';
  const session = openExamSession(base, hosts, { mode: 'stdin', stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (out += s) } });
  await session.feed(`${script}\n`);
  const status = await session.finish();
  return { out, status };
}

beforeAll(async () => {
  base = bootExamBase();
  hosts = { cka7305: bootWorld('cluster', 7305), cka5248: bootWorld('cluster', 5248) };
  for (const world of Object.values(hosts)) await prepareExamHost(world);
}, 120_000);

describe('exam session', () => {
  it('starts as candidate@base with kubectl but no kubeconfig', async () => {
    const r = await run('whoami; hostname; grep "^alias k=" ~/.bashrc; kubectl get nodes');
    expect(r.out).toContain('candidate\nbase\nalias k=kubectl\n');
    expect(r.out).toContain('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
    expect(r.status).toBe(1);
  });

  it('reaches each host by ssh as candidate, with the cluster admin kubeconfig and sudo', async () => {
    const r = await run("ssh cka7305 'whoami; hostname; kubectl get nodes -o name; sudo -n id -u'");
    expect(r.out).toBe('candidate\ncka01\nnode/cka01\nnode/cka02\nnode/cka03\n0\n');
    expect(r.status).toBe(0);
  });

  it("runs machine tools against the host's own world (its systemd, its runtime)", async () => {
    const r = await run("ssh cka7305 'systemctl is-active kubelet; sudo crictl ps --name kube-apiserver -q 2>/dev/null | wc -l'");
    expect(r.out).toBe('active\n1\n');
  });

  it('keeps the hosts apart: an object made on one host is absent on the other', async () => {
    const r = await run("ssh cka7305 'kubectl create namespace q1'\nssh cka5248 'kubectl get namespace q1'\nssh cka7305 'kubectl get namespace q1 -o name'");
    expect(r.out).toBe('namespace/q1 created\nError from server (NotFound): namespaces "q1" not found\nnamespace/q1\n');
  });

  it('resolves names inside a host from that host, and unknown names fail as ssh does', async () => {
    const inner = await run("ssh cka7305 'ssh cka02 hostname'");
    expect(inner.out).toBe('cka02\n');
    const unknown = await run('ssh cka9999 true');
    expect(unknown.out).toBe('ssh: Could not resolve hostname cka9999: Name or service not known\n');
    expect(unknown.status).toBe(255);
  });
});
