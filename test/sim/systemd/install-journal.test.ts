/**
 * The kubelet's journal after the install chapter on the `machines` world, where kubeadm runs
 * through systemd as on a real node: the package starts the kubelet, which crash-loops without
 * /var/lib/kubelet/config.yaml until `kubeadm init` writes it and restarts the unit; that process
 * prints its start-up once. containerd's journal holds its package start and the chapter's restart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, run, usePackageNetwork } from '../../tools/helpers';
import { PREPARE_NODE } from '../kubeadm/prepare';

beforeAll(() => usePackageNetwork());

describe('the journals a kubeadm install leaves', () => {
  it('the kubelet loops on its missing config until kubeadm init, then starts once; containerd started twice', async () => {
    const w = freshWorld();
    await run(w, PREPARE_NODE);
    const init = await run(w, 'sleep 30; kubeadm init --pod-network-cidr=10.244.0.0/16 >/dev/null 2>&1; echo $?; sleep 5');
    expect(init.stdout).toBe('0\n');
    const kubelet = (await run(w, 'journalctl -u kubelet --no-pager')).stdout;
    const missing = kubelet.indexOf('"command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml');
    const started = kubelet.indexOf('server.go:1287] "Started kubelet"');
    expect(missing).toBeGreaterThan(0);
    expect(started).toBeGreaterThan(missing);
    expect(kubelet).toContain('kubelet.service: Scheduled restart job, restart counter is at ');
    expect(kubelet.match(/"Kubelet version" kubeletVersion="v1\.33\.4"/g)).toHaveLength(1);
    // Its first start on the node: no device-plugin checkpoint yet; the Node is new once the API answers.
    expect(kubelet).toContain('manager.go:519] "Failed to read data from checkpoint" checkpoint="kubelet_internal_checkpoint" err="checkpoint is not found"');
    expect(kubelet.indexOf('"Successfully registered node" node="cka01"')).toBeGreaterThan(started);
    expect(kubelet).not.toContain('previously registered');
    const containerd = (await run(w, 'journalctl -u containerd --no-pager')).stdout;
    expect(containerd.match(/msg="starting containerd" revision= version=1\.7\.27/g)).toHaveLength(2);
    // The second start read the chapter's config.toml.
    expect(containerd.split('msg="starting containerd"')[2]).toContain('SystemdCgroup:true]');
  }, 60_000);
});
