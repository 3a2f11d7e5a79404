/**
 * crictl ps and crictl logs on a cluster node, as cri-tools 1.33 prints them.
 *
 * - `crictl ps` ends its header with NAMESPACE (cri-tools v1.33.0 cmd/crictl/container.go:1301,
 *   added by "crictl ps: output container namespace" in v1.32.0); a real listing on a killercoda
 *   control plane (https://killercoda.com/killer-shell-cka/scenario/apiserver-misconfigured, pasted
 *   in a 2026-04-18 blog post "Killercoda Apiserver Misconfigured") shows
 *   `CONTAINER  IMAGE  CREATED  STATE  NAME  ATTEMPT  POD ID  POD  NAMESPACE`, each row ending
 *   with `kube-system`.
 * - `crictl logs ID` reads the container's log file: what the program printed, the same lines as
 *   `kubectl logs` (the kubelet serves that very file), and never a line the process has not
 *   written yet.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('crictl ps', () => {
  it('prints the pod namespace in a last NAMESPACE column', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'crictl ps --name kube-scheduler 2>/dev/null');
    const [header, row] = r.stdout.split('\n');
    expect(header).toBe('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                    NAMESPACE');
    expect(row).toMatch(/^[0-9a-f]{13} {7}[0-9a-f]{13} {7}.+ago +Running +kube-scheduler +0 +[0-9a-f]{13} {7}kube-scheduler-cka01 {3}kube-system$/);
  });
});

describe('crictl logs', () => {
  it("prints a workload container's output, as kubectl logs does", async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubectl run web --image=nginx --overrides=\'{"spec":{"nodeName":"cka02"}}\' >/dev/null; sleep 20');
    const viaKubectl = await runScript(world, 'cka01', 'kubectl logs web');
    const viaCrictl = await runScript(world, 'cka02', 'crictl logs $(crictl ps --name web -q 2>/dev/null) 2>/dev/null');
    expect(viaKubectl.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(viaCrictl.stdout).toBe(viaKubectl.stdout);
  });

  it('prints no line stamped later than now (kube-apiserver writes its periodic lines ahead)', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'crictl logs $(crictl ps --name kube-apiserver -q 2>/dev/null) 2>&1 >/dev/null | tail -1; date -u +%m%d%H%M%S');
    const [last, now] = r.stdout.trim().split('\n');
    const stamp = /^I(\d{4}) (\d\d):(\d\d):(\d\d)/.exec(last)!;
    expect(`${stamp[1]}${stamp[2]}${stamp[3]}${stamp[4]}` <= now).toBe(true);
  });
});
