/**
 * cluster-wrong-cgroup-driver: the kubelet of cka02 on cgroupfs, containerd's runc on systemd
 * cgroups. New pods on cka02 fail in RunPodSandbox with runc's cgroupsPath error (event, kubelet
 * and containerd journals), running pods keep running, and making either side match the other —
 * with the restart that makes it read its configuration — heals the node.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript, worldFromSnapshot } from '../../../src/runtime/session';
import { cgroupfsParent, containerdSystemdCgroup, sandboxRefusal } from '../../../src/sim/runtime/cgroup-driver';
import type { World } from '../../../src/sim/world';

const PIN = `--overrides='{"spec":{"nodeName":"cka02"}}'`;
const RUNC = /runc create failed: expected cgroupsPath to be of format "slice:prefix:name" for systemd cgroups, got "\/kubepods\/besteffort\/pod[0-9a-f-]{36}\/[0-9a-f]{64}" instead: unknown/;

async function phase(world: World, pod: string): Promise<string> {
  return (await runScript(world, 'cka01', `kubectl get pod ${pod} --no-headers | awk '{print $3}'`)).stdout.trim();
}

describe('cluster-wrong-cgroup-driver', () => {
  it('new pods on cka02 stay ContainerCreating with FailedCreatePodSandBox; the node stays Ready and its running pods run', async () => {
    const world = bootWorld('cluster-wrong-cgroup-driver');
    const cfg = await runScript(world, 'cka02', "grep cgroupDriver /var/lib/kubelet/config.yaml; grep -c 'SystemdCgroup = true' /etc/containerd/config.toml");
    expect(cfg.stdout).toBe('cgroupDriver: cgroupfs\n1\n');
    await runScript(world, 'cka01', `kubectl run web --image=nginx ${PIN}`);
    world.clock.advance(45_000);
    expect(await phase(world, 'web')).toBe('ContainerCreating');
    const describe = await runScript(world, 'cka01', 'kubectl describe pod web');
    expect(describe.stdout).toMatch(/Warning {2}FailedCreatePodSandBox {2}\S+ +kubelet {2}Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create containerd task: failed to create shim task: OCI runtime create failed: /);
    expect(describe.stdout).toMatch(RUNC);
    // One attempt every 10 s, each with a sandbox id of its own.
    expect(describe.stdout.match(/FailedCreatePodSandBox/g)?.length).toBeGreaterThanOrEqual(4);
    const nodes = await runScript(world, 'cka01', "kubectl get node cka02 --no-headers | awk '{print $2}'\nkubectl get pods -A -o wide --field-selector spec.nodeName=cka02 --no-headers | grep -v ' web ' | awk '{print $4}' | sort -u");
    expect(nodes.stdout).toBe('Ready\nRunning\n');
  });

  it('the kubelet and containerd journals and crictl show what a real node shows', async () => {
    const world = bootWorld('cluster-wrong-cgroup-driver');
    await runScript(world, 'cka01', `kubectl run web --image=nginx ${PIN}`);
    world.clock.advance(15_000);
    const j = await runScript(world, 'cka02', 'journalctl -u kubelet --no-pager | grep -c \'"RunPodSandbox from runtime service failed"\'; journalctl -u kubelet --no-pager | grep \'"Error syncing pod, skipping"\' | tail -1; journalctl -u containerd --no-pager | grep RunPodSandbox | tail -1; crictl pods 2>/dev/null | grep -c \' web \'');
    const [count, sync, containerd, sandboxes] = j.stdout.trim().split('\n');
    expect(Number(count)).toBeGreaterThanOrEqual(1);
    expect(sync).toMatch(/^\w{3} \d\d \d\d:\d\d:\d\d cka02 kubelet\[\d+\]: E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ pod_workers\.go:\d+\] "Error syncing pod, skipping" err="failed to \\"CreatePodSandbox\\" for \\"web_default\([0-9a-f-]{36}\)\\" with CreatePodSandboxError: \\"Failed to create sandbox for pod \\\\\\"web_default\(/);
    expect(sync).toContain('expected cgroupsPath to be of format \\\\\\"slice:prefix:name\\\\\\" for systemd cgroups');
    expect(sync).toMatch(/ pod="default\/web" podUID="[0-9a-f-]{36}"$/);
    expect(containerd).toMatch(/cka02 containerd\[\d+\]: time="[^"]+" level=error msg="RunPodSandbox for &PodSandboxMetadata\{Name:web,Uid:[0-9a-f-]{36},Namespace:default,Attempt:0,\} failed, error" error="failed to create containerd task: /);
    // containerd cleans up the sandbox it could not start: crictl has none for the pod.
    expect(sandboxes).toBe('0');
  });

  it('the kubelet back on systemd (restarted) heals the node: the waiting pod and new pods run', async () => {
    const world = bootWorld('cluster-wrong-cgroup-driver');
    await runScript(world, 'cka01', `kubectl run web --image=nginx ${PIN}`);
    world.clock.advance(20_000);
    // Editing the file alone is not enough: the kubelet reads it when it starts.
    await runScript(world, 'cka02', "sed -i 's/cgroupDriver: cgroupfs/cgroupDriver: systemd/' /var/lib/kubelet/config.yaml");
    world.clock.advance(30_000);
    expect(await phase(world, 'web')).toBe('ContainerCreating');
    await runScript(world, 'cka02', 'systemctl restart kubelet');
    world.clock.advance(30_000);
    expect(await phase(world, 'web')).toBe('Running');
    await runScript(world, 'cka01', `kubectl run web2 --image=nginx ${PIN}`);
    world.clock.advance(30_000);
    expect(await phase(world, 'web2')).toBe('Running');
  });

  it('containerd back on cgroupfs heals the node only once containerd restarts', async () => {
    const world = bootWorld('cluster-wrong-cgroup-driver');
    await runScript(world, 'cka01', `kubectl run web --image=nginx ${PIN}`);
    await runScript(world, 'cka02', "sed -i 's/SystemdCgroup = true/SystemdCgroup = false/' /etc/containerd/config.toml");
    world.clock.advance(30_000);
    expect(await phase(world, 'web')).toBe('ContainerCreating');
    await runScript(world, 'cka02', 'systemctl restart containerd');
    world.clock.advance(30_000);
    expect(await phase(world, 'web')).toBe('Running');
  });

  it('a saved and restored world is still broken (the kubelet rereads its file) and heals the same way', async () => {
    const world = worldFromSnapshot('cluster-wrong-cgroup-driver', 7);
    await runScript(world, 'cka01', `kubectl run web --image=nginx ${PIN}`);
    world.clock.advance(30_000);
    expect(await phase(world, 'web')).toBe('ContainerCreating');
    await runScript(world, 'cka02', "sed -i 's/cgroupDriver: cgroupfs/cgroupDriver: systemd/' /var/lib/kubelet/config.yaml && systemctl restart kubelet");
    world.clock.advance(30_000);
    expect(await phase(world, 'web')).toBe('Running');
  });

  it('other nodes are untouched: a pod on cka03 runs', async () => {
    const world = bootWorld('cluster-wrong-cgroup-driver');
    await runScript(world, 'cka01', `kubectl run web3 --image=nginx --overrides='{"spec":{"nodeName":"cka03"}}'`);
    world.clock.advance(30_000);
    expect(await phase(world, 'web3')).toBe('Running');
  });
});

describe('sandboxRefusal', () => {
  it('refuses only a cgroupfs kubelet on a systemd-cgroup containerd, with the QoS class in the cgroup path', () => {
    const world = bootWorld('cluster-wrong-cgroup-driver');
    const m = world.resolveHost('cka02')!;
    const pod = (qosClass: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: '0e9f2c1a-1111-2222-3333-444455556666' }, status: { qosClass } });
    expect(containerdSystemdCgroup(m)).toBe(true);
    expect(sandboxRefusal(m, 'systemd', pod('BestEffort'), world.clock.now())).toBeUndefined();
    expect(sandboxRefusal(m, 'cgroupfs', pod('Burstable'), world.clock.now())).toMatch(/got "\/kubepods\/burstable\/pod0e9f2c1a-1111-2222-3333-444455556666\/[0-9a-f]{64}" instead: unknown$/);
    expect(cgroupfsParent(pod('Guaranteed'))).toBe('/kubepods/pod0e9f2c1a-1111-2222-3333-444455556666');
    expect(cgroupfsParent(pod('BestEffort'))).toBe('/kubepods/besteffort/pod0e9f2c1a-1111-2222-3333-444455556666');
  });

  it('containerd keeps the SystemdCgroup it started with until it restarts', async () => {
    const world = bootWorld('cluster-wrong-cgroup-driver');
    const m = world.resolveHost('cka02')!;
    expect(containerdSystemdCgroup(m)).toBe(true);
    await runScript(world, 'cka02', "sed -i 's/SystemdCgroup = true/SystemdCgroup = false/' /etc/containerd/config.toml");
    expect(containerdSystemdCgroup(m)).toBe(true);
    await runScript(world, 'cka02', 'systemctl restart containerd');
    expect(containerdSystemdCgroup(m)).toBe(false);
  });
});
