/**
 * `journalctl -u kubelet` and `journalctl -u containerd` on the kubeadm cluster: the start-up lines
 * each daemon writes, once per start (src/sim/kubelet/start-journal.ts,
 * src/sim/runtime/containerd-journal.ts). The goldens (test/golden/daemon-journals) are the
 * simulation's output, checked line by line against the real daemons' journals and sources named
 * in those files; `WRITE_GOLDEN=1` rewrites them after such a review.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { goldenChecker } from '../cluster/component-logs/golden';

const expectGolden = goldenChecker(join(__dirname, '../../golden/daemon-journals'));

async function journalMatchesGolden(world: World, host: string, script: string, file: string): Promise<string> {
  const r = await runScript(world, host, script);
  expect(r.stderr).toBe('');
  expectGolden(file, script, r.stdout);
  return r.stdout;
}

describe('the daemons of a kubeadm node write their start-up to the journal', () => {
  it('on the booted cluster: containerd since the chapter restarted it, the kubelet since it registered its Node', async () => {
    const world = bootWorld('cluster');
    const kubelet = await journalMatchesGolden(world, 'cka01', 'journalctl -u kubelet --no-pager', 'cka01-kubelet.txt');
    expect(kubelet).toMatch(/^Jan 15 08:00:20 cka01 systemd\[1\]: Started kubelet: The Kubernetes Node Agent\.\n/);
    expect(kubelet).toContain('server.go:520] "Kubelet version" kubeletVersion="v1.33.4"\n');
    expect(kubelet).toContain('kuberuntime_manager.go:269] "Container runtime initialized" containerRuntime="containerd" version="1.7.27" apiVersion="v1"\n');
    // A new Node: registered, not "previously registered"; its pod CIDR comes later, from the controller.
    expect(kubelet).toContain('kubelet_node_status.go:78] "Successfully registered node" node="cka01"\n');
    expect(kubelet).not.toContain('previously registered');
    await journalMatchesGolden(world, 'cka02', 'journalctl -u kubelet --no-pager', 'cka02-kubelet.txt');
    const containerd = await journalMatchesGolden(world, 'cka01', 'journalctl -u containerd --no-pager', 'cka01-containerd.txt');
    const lines = containerd.trim().split('\n');
    expect(lines[0]).toBe('Jan 15 08:00:00 cka01 systemd[1]: Starting containerd container runtime...');
    expect(lines[1]).toMatch(/ containerd\[\d+\]: time="2026-01-15T08:00:00\.\d{9}Z" level=info msg="starting containerd" revision= version=1\.7\.27$/);
    expect(lines.at(-2)).toMatch(/level=info msg="containerd successfully booted in 0\.\d{6}s"$/);
    expect(lines.at(-1)).toBe('Jan 15 08:00:00 cka01 systemd[1]: Started containerd container runtime.');
    // The CRI plugin's config is the one config.toml gives (the chapter's systemd cgroup driver and pause image).
    expect(containerd).toContain('SystemdCgroup:true] ');
    expect(containerd).toContain(' SandboxImage:registry.k8s.io/pause:3.10 ');
  });

  it('systemctl restart kubelet: a new process that finds its Node registered and hands containerd the pod CIDR', async () => {
    const world = bootWorld('cluster');
    const script = "systemctl restart kubelet; sleep 2; journalctl -u kubelet --no-pager | sed -n '/Stopping kubelet/,$p'";
    const out = await journalMatchesGolden(world, 'cka01', script, 'cka01-kubelet-restarted.txt');
    expect(out).toMatch(/^.* systemd\[1\]: Stopping kubelet: The Kubernetes Node Agent\.\.\.\n/);
    expect(out).toContain('kubelet_node_status.go:124] "Node was previously registered" node="cka01"\n');
    expect(out).toContain('kubelet_network.go:47] "Updating Pod CIDR" originalPodCIDR="" newPodCIDR="10.244.0.0/24"\n');
    expect(out).not.toContain('"Failed to read data from checkpoint"');
    const containerd = (await runScript(world, 'cka01', 'journalctl -u containerd --no-pager | tail -1')).stdout;
    expect(containerd).toMatch(/level=info msg="No cni config template is specified, wait for other system components to drop the config\."\n$/);
  });

  it('systemctl restart containerd: stopped, then its start-up with a new pid', async () => {
    const world = bootWorld('cluster');
    const script = "systemctl restart containerd; sleep 2; journalctl -u containerd --no-pager | sed -n '/Stopping containerd/,$p'";
    const out = await journalMatchesGolden(world, 'cka01', script, 'cka01-containerd-restarted.txt');
    expect(out).toContain('systemd[1]: containerd.service: Deactivated successfully.\n');
    expect(out.match(/msg="starting containerd"/g)).toHaveLength(1);
  });

  it('a kubelet started while the API is down registers when it comes back, and says so then, once', async () => {
    const world = bootWorld('cluster');
    const script = [
      'mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/; sleep 30',
      'systemctl restart kubelet; sleep 20',
      'mv /root/kube-apiserver.yaml /etc/kubernetes/manifests/; sleep 90',
      "journalctl -u kubelet --no-pager | sed -n '/Stopping kubelet/,$p'",
    ].join('\n');
    const out = (await runScript(world, 'cka01', script)).stdout;
    const failed = out.lastIndexOf('"Unable to register node with API server"');
    const found = out.indexOf('"Node was previously registered" node="cka01"');
    expect(failed).toBeGreaterThan(out.indexOf('"Started kubelet"'));
    expect(found).toBeGreaterThan(failed);
    expect(out.match(/"Successfully registered node"/g)).toHaveLength(1);
    expect(out).toMatch(/"Successfully registered node" node="cka01"\n.* kuberuntime_manager\.go:1828\] "Updating runtime config through cri with podcidr" CIDR="10\.244\.0\.0\/24"\n/);
  });

  it('a kubelet that fails to start prints its error, not the start-up of a running kubelet; fixed, the next attempt does', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka02', 'mv /var/lib/kubelet/config.yaml /root/; systemctl restart kubelet');
    const failing = (await runScript(world, 'cka02', "sleep 30; journalctl -u kubelet --no-pager | sed -n '/Stopping kubelet/,$p'")).stdout;
    expect(failing).toContain('run.go:72] "command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml');
    expect(failing).toContain('kubelet.service: Scheduled restart job, restart counter is at ');
    for (const line of ['"Kubelet version"', '"Started kubelet"', '"Starting kubelet main sync loop"', 'Successfully registered node']) expect(failing).not.toContain(line);
    // pflag's notices come as it parses the flags, before the config file is read: a failing
    // KodeKloud kubelet journals them at each attempt, then its error.
    expect(failing).toMatch(/kubelet\[\d+\]: Flag --container-runtime-endpoint has been deprecated, .*\n.*kubelet\[\d+\]: Flag --pod-infra-container-image has been deprecated, .*\n.*run\.go:72\] "command failed" err="failed to load kubelet config file/);
    // The loop heals: the attempt that runs prints the start-up once, with its own pid.
    const healed = (await runScript(world, 'cka02', "mv /root/config.yaml /var/lib/kubelet/; sleep 15; journalctl -u kubelet --no-pager | sed -n '/Stopping kubelet/,$p'")).stdout;
    expect(healed.match(/"Started kubelet"/g)).toHaveLength(1);
    const pid = /kubelet\[(\d+)\]: I\d{4} [\d:.]+ +\d+ server\.go:1287\] "Started kubelet"/.exec(healed)?.[1];
    expect(healed).toContain(`kubelet[${pid}]: I`);
    expect(healed).toContain('"Node was previously registered" node="cka02"');
  });
});
