/**
 * `kubeadm upgrade node` as kubeadm v1.33 runs it: on an additional control plane node (joined
 * with --control-plane) it upgrades that node's static pods to the version `upgrade apply` stored,
 * then the kubelet configuration and, once every control plane is upgraded, the addons; on a
 * worker only the kubelet configuration.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../../../src/sim/world';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { freshWorld, run, usePackageNetwork } from '../../tools/helpers';
import { PREPARE_NODE } from './prepare';

beforeAll(() => usePackageNetwork());

const HOSTS = "printf '%s\\n' '192.168.6.171 cka01 k8s-api.cka.lab' '192.168.6.172 cka02' '192.168.6.173 cka03' >> /etc/hosts\n";
const PREPARE_132 = PREPARE_NODE.replaceAll('v1.33', 'v1.32');
const KUBEADM_133 = "sed -i 's#/v1.32/#/v1.33/#' /etc/apt/sources.list.d/kubernetes.list\napt-get update >/dev/null\napt-mark unhold kubeadm >/dev/null\napt-get install -y kubeadm=1.33.4-1.1 >/dev/null\n";

describe('kubeadm upgrade node', () => {
  let w: World;
  let node: { stdout: string; stderr: string };
  let worker: { stdout: string; stderr: string };
  let before: string;

  beforeAll(async () => {
    w = freshWorld();
    for (const host of ['cka01', 'cka02', 'cka03']) await run(w, HOSTS + PREPARE_132, { host });
    const init = await run(w, 'kubeadm init --control-plane-endpoint=k8s-api.cka.lab:6443 --upload-certs --pod-network-cidr=10.244.0.0/16');
    const cp = /kubeadm join (\S+) --token (\S+) \\\n\t--discovery-token-ca-cert-hash (\S+) \\\n\t--control-plane --certificate-key (\S+)/.exec(init.stdout)!;
    await run(w, `kubeadm join ${cp[1]} --token ${cp[2]} --discovery-token-ca-cert-hash ${cp[3]} --control-plane --certificate-key ${cp[4]}`, { host: 'cka02' });
    await run(w, `kubeadm join ${cp[1]} --token ${cp[2]} --discovery-token-ca-cert-hash ${cp[3]}`, { host: 'cka03' });
    for (const host of ['cka01', 'cka02', 'cka03']) await run(w, KUBEADM_133, { host });
    before = (await run(w, 'grep image: /etc/kubernetes/manifests/*.yaml', { host: 'cka02' })).stdout;
    await run(w, 'kubeadm upgrade apply v1.33.4 -y');
    node = await run(w, 'kubeadm upgrade node', { host: 'cka02' });
    worker = await run(w, 'kubeadm upgrade node', { host: 'cka03' });
  }, 240_000);

  it('on the second control plane: the static pod upgrade of that instance, kubelet configuration, then the addons', () => {
    const lines = node.stdout.split('\n');
    const tmp = /kubeadm-upgraded-manifests(\d+)/.exec(node.stdout)![1];
    const backup = /kubeadm-backup-manifests-(\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d)/.exec(node.stdout)![1];
    const kubeletTmp = /kubeadm-kubelet-config(\d+)/.exec(node.stdout)![1];
    const component = (name: string, certs: string[]) => [
      `[upgrade/staticpods] Preparing for "${name}" upgrade`,
      ...certs.map((c) => `[upgrade/staticpods] Renewing ${c} certificate`),
      `[upgrade/staticpods] Moving new manifest to "/etc/kubernetes/manifests/${name}.yaml" and backing up old manifest to "/etc/kubernetes/tmp/kubeadm-backup-manifests-${backup}/${name}.yaml"`,
      '[upgrade/staticpods] Waiting for the kubelet to restart the component',
      '[upgrade/staticpods] This can take up to 5m0s',
      `[apiclient] Found 2 Pods for label selector component=${name}`,
      `[upgrade/staticpods] Component "${name}" upgraded successfully!`,
    ];
    expect(lines).toEqual([
      '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
      "[upgrade] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.",
      '[upgrade/preflight] Running pre-flight checks',
      '[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster',
      '[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection',
      "[upgrade/preflight] You can also perform this action beforehand using 'kubeadm config images pull'",
      '[upgrade/control-plane] Upgrading your Static Pod-hosted control plane instance to version "v1.33.4"...',
      `[upgrade/staticpods] Writing new Static Pod manifests to "/etc/kubernetes/tmp/kubeadm-upgraded-manifests${tmp}"`,
      ...component('etcd', ['etcd-server', 'etcd-peer', 'etcd-healthcheck-client']),
      '[upgrade/etcd] Waiting for etcd to become available',
      ...component('kube-apiserver', ['apiserver', 'apiserver-kubelet-client', 'front-proxy-client', 'apiserver-etcd-client']),
      ...component('kube-controller-manager', ['controller-manager.conf']),
      ...component('kube-scheduler', ['scheduler.conf']),
      '[upgrade/control-plane] The control plane instance for this node was successfully upgraded!',
      '[upgrade/kubeconfig] The kubeconfig files for this node were successfully upgraded!',
      `[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-config${kubeletTmp}/config.yaml`,
      '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
      '[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!',
      '[addons] Applied essential addon: CoreDNS',
      '[addons] Applied essential addon: kube-proxy',
      '',
    ]);
    expect(node.stderr).toMatch(new RegExp(`^W\\d{4} [\\d:.]+ +\\d+ postupgrade\\.go:117\\] Using temporary directory /etc/kubernetes/tmp/kubeadm-kubelet-config${kubeletTmp} for kubelet config\\. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR\\n$`));
  });

  it("rewrites that node's manifests (etcd to v1.33's etcd), keeps the old ones as backups, and its kubelet runs the new images", async () => {
    expect(before).toContain('registry.k8s.io/kube-apiserver:v1.32');
    const r = await run(w, 'grep -h image: /etc/kubernetes/manifests/*.yaml; ls /etc/kubernetes/tmp/kubeadm-backup-manifests-*; grep -h image: /etc/kubernetes/tmp/kubeadm-backup-manifests-*/kube-apiserver.yaml', { host: 'cka02' });
    expect(r.stdout).toMatch(
      /^ {4}image: registry\.k8s\.io\/etcd:3\.5\.21-0\n {4}image: registry\.k8s\.io\/kube-apiserver:v1\.33\.4\n {4}image: registry\.k8s\.io\/kube-controller-manager:v1\.33\.4\n {4}image: registry\.k8s\.io\/kube-scheduler:v1\.33\.4\netcd\.yaml\nkube-apiserver\.yaml\nkube-controller-manager\.yaml\nkube-scheduler\.yaml\n {4}image: registry\.k8s\.io\/kube-apiserver:v1\.32\.\d+\n$/,
    );
    const running = [...clusterOf(w)!.runtimes.get('cka02')!.containers.values()].filter((c) => c.state === 'CONTAINER_RUNNING' && c.name === 'kube-apiserver');
    expect(running.map((c) => c.image)).toEqual(['registry.k8s.io/kube-apiserver:v1.33.4']);
  });

  it('run again: every manifest is already at the version; etcd is restarted for its renewed certificates', async () => {
    const r = await run(w, 'kubeadm upgrade node 2>/dev/null | grep -E "staticpods|etcd\\]"', { host: 'cka02' });
    const backup = /kubeadm-backup-manifests-[\d-]+/.exec(r.stdout)?.[0];
    expect(r.stdout).toBe(
      [
        /\[upgrade\/staticpods\] Writing new Static Pod manifests to "\/etc\/kubernetes\/tmp\/kubeadm-upgraded-manifests\d+"/.exec(r.stdout)![0],
        '[upgrade/staticpods] Preparing for "etcd" upgrade',
        '[upgrade/staticpods] Renewing etcd-server certificate',
        '[upgrade/staticpods] Renewing etcd-peer certificate',
        '[upgrade/staticpods] Renewing etcd-healthcheck-client certificate',
        `[upgrade/staticpods] Restarting the etcd static pod and backing up its manifest to "/etc/kubernetes/tmp/${backup}/etcd.yaml"`,
        '[upgrade/staticpods] Waiting for the kubelet to restart the component',
        '[upgrade/staticpods] This can take up to 5m0s',
        '[upgrade/staticpods] Component "etcd" upgraded successfully!',
        '[upgrade/etcd] Waiting for etcd to become available',
        ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].flatMap((c) => [`[upgrade/staticpods] Preparing for "${c}" upgrade`, `[upgrade/staticpods] Current and new manifests of ${c} are equal, skipping upgrade`]),
        '',
      ].join('\n'),
    );
  });

  it('on a worker: only the kubelet configuration', () => {
    const kubeletTmp = /kubeadm-kubelet-config(\d+)/.exec(worker.stdout)![1];
    expect(worker.stdout).toBe(
      [
        '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
        "[upgrade] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.",
        '[upgrade/preflight] Running pre-flight checks',
        '[upgrade/preflight] Skipping prepull. Not a control plane node.',
        '[upgrade/control-plane] Skipping phase. Not a control plane node.',
        '[upgrade/kubeconfig] Skipping phase. Not a control plane node.',
        `[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-config${kubeletTmp}/config.yaml`,
        '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
        '[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!',
        '[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.',
        '[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.',
        '',
      ].join('\n'),
    );
    expect(worker.stderr).toContain('postupgrade.go:117] Using temporary directory');
  });
});

describe('kubeadm upgrade node with three control planes', () => {
  it('the addons wait for the last control plane instance', async () => {
    const w = freshWorld();
    for (const host of ['cka01', 'cka02', 'cka03']) await run(w, HOSTS + PREPARE_132, { host });
    const init = await run(w, 'kubeadm init --control-plane-endpoint=k8s-api.cka.lab:6443 --upload-certs --pod-network-cidr=10.244.0.0/16');
    const cp = /kubeadm join (\S+) --token (\S+) \\\n\t--discovery-token-ca-cert-hash (\S+) \\\n\t--control-plane --certificate-key (\S+)/.exec(init.stdout)!;
    for (const host of ['cka02', 'cka03']) await run(w, `kubeadm join ${cp[1]} --token ${cp[2]} --discovery-token-ca-cert-hash ${cp[3]} --control-plane --certificate-key ${cp[4]}`, { host });
    for (const host of ['cka01', 'cka02', 'cka03']) await run(w, KUBEADM_133, { host });
    await run(w, 'kubeadm upgrade apply v1.33.4 -y');
    const second = await run(w, 'kubeadm upgrade node 2>/dev/null | tail -2', { host: 'cka02' });
    expect(second.stdout).toBe(
      '[upgrade/addon] Skipping upgrade of addons because control plane instances [cka03] have not been upgraded\n'.repeat(2),
    );
    const last = await run(w, 'kubeadm upgrade node 2>/dev/null | tail -2', { host: 'cka03' });
    expect(last.stdout).toBe('[addons] Applied essential addon: CoreDNS\n[addons] Applied essential addon: kube-proxy\n');
  }, 240_000);
});
