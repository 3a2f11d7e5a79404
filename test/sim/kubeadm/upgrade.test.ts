import { beforeAll, describe, expect, it } from 'vitest';
import { run, usePackageNetwork, worldOf } from '../../tools/helpers';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { versionSkewErrors } from '../../../src/sim/kubeadm/upgrade-apply';

beforeAll(() => usePackageNetwork());

const NEW_REPO = "sed -i 's/v1.32/v1.33/' /etc/apt/sources.list.d/kubernetes.list\napt-get update >/dev/null\n";

/** The random temporary directory suffixes and the backup time stamp, which differ from run to run. */
function normalized(text: string): string {
  return text
    .replace(/kubeadm-upgraded-manifests\d+/g, 'kubeadm-upgraded-manifestsN')
    .replace(/kubeadm-kubelet-config\d+/g, 'kubeadm-kubelet-configN')
    .replace(/kubeadm-backup-manifests-\d{4}(-\d\d){5}/g, 'kubeadm-backup-manifests-STAMP');
}

function staticPodLines(component: string, certs: string[]): string[] {
  return [
    `[upgrade/staticpods] Preparing for "${component}" upgrade`,
    ...certs.map((c) => `[upgrade/staticpods] Renewing ${c} certificate`),
    `[upgrade/staticpods] Moving new manifest to "/etc/kubernetes/manifests/${component}.yaml" and backing up old manifest to "/etc/kubernetes/tmp/kubeadm-backup-manifests-STAMP/${component}.yaml"`,
    '[upgrade/staticpods] Waiting for the kubelet to restart the component',
    '[upgrade/staticpods] This can take up to 5m0s',
    `[apiclient] Found 1 Pods for label selector component=${component}`,
    `[upgrade/staticpods] Component "${component}" upgraded successfully!`,
  ];
}

const APPLY_HEADER_133 = [
  '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
  "[upgrade] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.",
  '[upgrade/preflight] Running preflight checks',
  '[upgrade] Running cluster health checks',
];

describe('kubeadm upgrade on the upgrade scenario', () => {
  it('plan shows the tables with the NODE column once kubeadm is upgraded; apply prints v1.33 phases and rewrites the control plane', async () => {
    const w = worldOf('upgrade');
    let r = await run(w, `${NEW_REPO}apt-get install -y kubeadm=1.33.4-1.1 2>&1 | tail -1; apt-mark unhold kubeadm >/dev/null; apt-get install -y kubeadm=1.33.4-1.1 >/dev/null; kubeadm version -o short`);
    expect(r.stdout).toBe('E: Held packages were changed and -y was used without --allow-change-held-packages.\nv1.33.4\n');
    r = await run(w, 'kubeadm upgrade plan');
    expect(r.stdout).toContain('[upgrade/versions] Cluster version: 1.32.8\n[upgrade/versions] kubeadm version: v1.33.4\n[upgrade/versions] Target version: v1.33.4\n');
    expect(r.stdout).toContain('COMPONENT   NODE      CURRENT   TARGET\nkubelet     cka01     v1.32.8   v1.33.4\nkubelet     cka02     v1.32.8   v1.33.4\nkubelet     cka03     v1.32.8   v1.33.4\n');
    expect(r.stdout).toContain('kube-proxy                          1.32.8     v1.33.4\n');
    expect(r.stdout).toContain('\tkubeadm upgrade apply v1.33.4\n');
    // dl.k8s.io's stable.txt names v1.34: kubeadm falls back to stable-1.33 and says so on stderr, between its lines.
    r = await run(w, 'kubeadm upgrade plan 2>&1 | sed -n 7,9p');
    expect(r.stdout).toMatch(/^\[upgrade\/versions\] kubeadm version: v1\.33\.4\nI\d{4} \d\d:\d\d:\d\d\.\d{6} +4242 version\.go:261\] remote version is much newer: v1\.34\.0; falling back to: stable-1\.33\n\[upgrade\/versions\] Target version: v1\.33\.4\n$/);

    r = await run(w, 'kubeadm upgrade apply v1.34.0 -y; echo rc=$?');
    expect(r.stdout).toBe([...APPLY_HEADER_133, '[upgrade/preflight] You have chosen to upgrade the cluster version to "v1.34.0"', '[upgrade/versions] Cluster version: v1.32.8', '[upgrade/versions] kubeadm version: v1.33.4', 'rc=1', ''].join('\n'));
    expect(r.stderr).toBe(
      'error execution phase preflight: the version argument is invalid due to these fatal errors:\n\n' +
        '\t- Specified version to upgrade to "v1.34.0" is too high; kubeadm can upgrade only 1 minor version at a time\n' +
        '\t- Specified version to upgrade to "v1.34.0" is at least one minor release higher than the kubeadm minor release (34 > 33). Such an upgrade is not supported\n\n' +
        'Please fix the misalignments highlighted above and try upgrading again\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );

    r = await run(w, 'echo n | kubeadm upgrade apply v1.33.4; echo rc=$?; grep image: /etc/kubernetes/manifests/kube-apiserver.yaml');
    expect(r.stdout).toContain('[upgrade/versions] kubeadm version: v1.33.4\n[upgrade] Are you sure you want to proceed? [y/N]: rc=1\n    image: registry.k8s.io/kube-apiserver:v1.32.8\n');
    expect(r.stderr).toBe("error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue\nTo see the stack trace of this error execute with --v=5 or higher\n");

    r = await run(w, 'kubeadm upgrade apply v1.33.4 -y; echo rc=$?; grep image: /etc/kubernetes/manifests/kube-apiserver.yaml');
    expect(normalized(r.stdout)).toBe(
      [
        ...APPLY_HEADER_133,
        '[upgrade/preflight] You have chosen to upgrade the cluster version to "v1.33.4"',
        '[upgrade/versions] Cluster version: v1.32.8',
        '[upgrade/versions] kubeadm version: v1.33.4',
        '[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster',
        '[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection',
        "[upgrade/preflight] You can also perform this action beforehand using 'kubeadm config images pull'",
        '[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "v1.33.4" (timeout: 5m0s)...',
        '[upgrade/staticpods] Writing new Static Pod manifests to "/etc/kubernetes/tmp/kubeadm-upgraded-manifestsN"',
        ...staticPodLines('etcd', ['etcd-server', 'etcd-peer', 'etcd-healthcheck-client']),
        '[upgrade/etcd] Waiting for etcd to become available',
        ...staticPodLines('kube-apiserver', ['apiserver', 'apiserver-kubelet-client', 'front-proxy-client', 'apiserver-etcd-client']),
        ...staticPodLines('kube-controller-manager', ['controller-manager.conf']),
        ...staticPodLines('kube-scheduler', ['scheduler.conf']),
        '[upgrade/control-plane] The control plane instance for this node was successfully upgraded!',
        '[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace',
        '[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster',
        '[upgrade/kubeconfig] The kubeconfig files for this node were successfully upgraded!',
        '[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-configN/config.yaml',
        '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
        '[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!',
        '[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules',
        '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes',
        '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials',
        '[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token',
        '[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster',
        '[addons] Applied essential addon: CoreDNS',
        '[addons] Applied essential addon: kube-proxy',
        '',
        '[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.33.4".',
        '',
        '[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.',
        'rc=0',
        '    image: registry.k8s.io/kube-apiserver:v1.33.4',
        '',
      ].join('\n'),
    );
    // klog's warning about the kubelet configuration's temporary directory goes to stderr.
    expect(r.stderr).toMatch(/^W\d{4} [\d:.]+ +\d+ postupgrade\.go:117\] Using temporary directory \/etc\/kubernetes\/tmp\/kubeadm-kubelet-config\d+ for kubelet config\. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR\n$/);
    r = await run(w, 'kubectl -n kube-system get cm kubeadm-config -o yaml | grep kubernetesVersion; kubectl -n kube-system get ds kube-proxy -o jsonpath="{.spec.template.spec.containers[0].image}"');
    expect(r.stdout).toBe('    kubernetesVersion: v1.33.4\nregistry.k8s.io/kube-proxy:v1.33.4');

    await run(w, 'apt-mark unhold kubelet kubectl >/dev/null; apt-get install -y kubelet=1.33.4-1.1 kubectl=1.33.4-1.1 >/dev/null; systemctl daemon-reload; systemctl restart kubelet');
    expect(clusterOf(w)!.kubelets.get('cka01')!.version).toBe('v1.33.4');
    expect(clusterOf(w)!.kubelets.get('cka01')!.running).toBe(true);
  });

  it('kubeadm v1.32 applying its own version keeps v1.32 texts (your-config.yaml, the misspelt [upgrad/kubeconfig])', async () => {
    const w = worldOf('upgrade');
    let r = await run(w, 'kubeadm upgrade apply; echo rc=$?');
    expect(r.stdout).toBe('rc=1\n');
    expect(r.stderr).toBe('missing one or more required arguments. Required arguments: [version]\nTo see the stack trace of this error execute with --v=5 or higher\n');
    r = await run(w, 'kubeadm upgrade apply v1.32.8 -y 2>/dev/null');
    expect(r.stdout).toContain("[upgrade] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n");
    expect(r.stdout).toContain('\n[upgrad/kubeconfig] The kubeconfig files for this node were successfully upgraded!\n');
    // The manifests are already at v1.32.8: etcd restarts for its renewed certificates, the others are skipped.
    expect(r.stdout).toMatch(/\n\[upgrade\/staticpods\] Renewing etcd-healthcheck-client certificate\n\[upgrade\/staticpods\] Restarting the etcd static pod and backing up its manifest to "\/etc\/kubernetes\/tmp\/kubeadm-backup-manifests-[\d-]+\/etcd\.yaml"\n/);
    expect(r.stdout).toContain('\n[upgrade/staticpods] Preparing for "kube-apiserver" upgrade\n[upgrade/staticpods] Current and new manifests of kube-apiserver are equal, skipping upgrade\n');
    expect(r.stdout).toContain('\n\n[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.32.8".\n\n[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n');
  });
});

describe('version skew policy (phases/upgrade/policy.go)', () => {
  it('one minor at a time, no newer minor than kubeadm, a newer patch only with --force', () => {
    expect(versionSkewErrors('v1.33.4', 'v1.32.8', 'v1.33.4', ['v1.32.8'])).toEqual({ mandatory: [], skippable: [] });
    expect(versionSkewErrors('v1.33.5', 'v1.32.8', 'v1.33.4', []).skippable).toEqual(['Specified version to upgrade to "v1.33.5" is higher than the kubeadm version "v1.33.4". Upgrade kubeadm first using the tool you used to install kubeadm']);
    expect(versionSkewErrors('v1.34.0', 'v1.32.8', 'v1.34.0', []).mandatory).toEqual(['Specified version to upgrade to "v1.34.0" is too high; kubeadm can upgrade only 1 minor version at a time']);
    expect(versionSkewErrors('v1.32.8', 'v1.32.8', 'v1.33.4', []).skippable).toEqual(['Kubeadm version v1.33.4 can only be used to upgrade to Kubernetes version 1.33']);
    expect(versionSkewErrors('v1.30.0', 'v1.32.8', 'v1.33.4', []).mandatory).toEqual([
      'Specified version to upgrade to "v1.30.0" is equal to or lower than the minimum supported version "v1.32.8". Please specify a higher version to upgrade to',
      'Specified version to downgrade to "v1.30.0" is too low; kubeadm can downgrade only 1 minor version at a time',
    ]);
    expect(versionSkewErrors('v1.33.4', 'v1.32.8', 'v1.33.4', ['v1.29.1', 'v1.32.8']).skippable).toEqual(['There are kubelets in this cluster that are too old that have these versions [v1.29.1]']);
  });
});
