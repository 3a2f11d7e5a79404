import { beforeAll, describe, expect, it } from 'vitest';
import { run, usePackageNetwork } from '../../tools/helpers';
import { bootWorld } from '../../../src/runtime/session';
import { shellProgramNames } from '../../../src/shell/index';
import { systemProgramNames } from '../../../src/runtime/programs';
import { World } from '../../../src/sim/world';
import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { buildKubeadmWorld } from '../../../src/sim/scenarios/kubeadm-world';
import { installPrograms, UBUNTU_BASE_PROGRAMS } from '../../../src/sim/machine/image';
import { toolNames } from '../../../src/tools/index';

beforeAll(() => usePackageNetwork());

/** The upgrade scenario's cluster at another version (kubeadm, kubelets, control plane all at `version`). */
function clusterAt(version: string): World {
  bootWorld('machines'); // registers the runtime's attachments
  const world = new World('upgrade', new SimClock(), new SeededRandom(1));
  const cluster = buildKubeadmWorld(world, { seed: 1, programs: [...new Set([...shellProgramNames(), ...systemProgramNames()])] }, version);
  for (const m of world.machines.values()) installPrograms(m.rootFs, toolNames.filter((n) => UBUNTU_BASE_PROGRAMS.includes(n)));
  world.clock.advance(120_000);
  cluster.settle();
  return world;
}

const CONFIG_TABLE =
  '\nThe table below shows the current state of component configs as understood by this version of kubeadm.\n' +
  'Configs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or\n' +
  'resetting to kubeadm defaults before a successful upgrade can be performed. The version to manually\n' +
  'upgrade to is denoted in the "PREFERRED VERSION" column.\n\n' +
  'API GROUP                 CURRENT VERSION   PREFERRED VERSION   MANUAL UPGRADE REQUIRED\n' +
  'kubeproxy.config.k8s.io   v1alpha1          v1alpha1            no\n' +
  'kubelet.config.k8s.io     v1beta1           v1beta1             no\n' +
  '_____________________________________________________________________\n\n';

describe('kubeadm upgrade plan (cmd/upgrade/plan.go, phases/upgrade/compute.go)', () => {
  it('an older kubeadm patch targets the latest patch of its minor and says to update kubeadm first', async () => {
    const w = clusterAt('v1.32.3');
    const r = await run(w, 'kubeadm upgrade plan');
    expect(r.stdout).toBe(
      '[preflight] Running pre-flight checks.\n' +
        '[upgrade/config] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n' +
        "[upgrade/config] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n" +
        '[upgrade] Running cluster health checks\n' +
        '[upgrade] Fetching available versions to upgrade to\n' +
        '[upgrade/versions] Cluster version: 1.32.3\n' +
        '[upgrade/versions] kubeadm version: v1.32.3\n' +
        '[upgrade/versions] Target version: v1.32.8\n' +
        '[upgrade/versions] Latest version in the v1.32 series: v1.32.8\n\n' +
        "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n" +
        'COMPONENT   NODE      CURRENT   TARGET\n' +
        'kubelet     cka01     v1.32.3   v1.32.8\n' +
        'kubelet     cka02     v1.32.3   v1.32.8\n' +
        'kubelet     cka03     v1.32.3   v1.32.8\n\n' +
        'Upgrade to the latest version in the v1.32 series:\n\n' +
        'COMPONENT                 NODE      CURRENT    TARGET\n' +
        'kube-apiserver            cka01     v1.32.3    v1.32.8\n' +
        'kube-controller-manager   cka01     v1.32.3    v1.32.8\n' +
        'kube-scheduler            cka01     v1.32.3    v1.32.8\n' +
        'kube-proxy                          1.32.3     v1.32.8\n' +
        'CoreDNS                             v1.11.3    v1.11.3\n' +
        'etcd                      cka01     3.5.16-0   3.5.16-0\n\n' +
        'You can now apply the upgrade by executing the following command:\n\n' +
        '\tkubeadm upgrade apply v1.32.8\n\n' +
        'Note: Before you can perform this upgrade, you have to update kubeadm to v1.32.8.\n\n' +
        '_____________________________________________________________________\n\n' +
        CONFIG_TABLE,
    );
  });

  it('with a newer minor installed and the cluster behind on its patch: two upgrades, the series first, then stable', async () => {
    const w = clusterAt('v1.32.3');
    const r = await run(w, "sed -i 's/v1.32/v1.33/' /etc/apt/sources.list.d/kubernetes.list\napt-get update >/dev/null\napt-mark unhold kubeadm >/dev/null\napt-get install -y kubeadm=1.33.4-1.1 >/dev/null\nkubeadm upgrade plan");
    expect(r.stdout).toContain("[upgrade/config] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n");
    expect(r.stdout).toContain('[upgrade/versions] Target version: v1.33.4\n[upgrade/versions] Latest version in the v1.32 series: v1.32.8\n\n');
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('Upgrade to the latest') || l.startsWith('\tkubeadm upgrade apply') || l.startsWith('Note:'));
    expect(headings).toEqual(['Upgrade to the latest version in the v1.32 series:', '\tkubeadm upgrade apply v1.32.8', 'Upgrade to the latest stable version:', '\tkubeadm upgrade apply v1.33.4']);
    // The CoreDNS target is the installed kubeadm's, in both sections.
    expect(r.stdout.match(/^CoreDNS {29}v1\.11\.3 {4}v1\.12\.0$/gm)).toHaveLength(2);
    expect(r.stdout.endsWith(`_____________________________________________________________________\n\n${CONFIG_TABLE}`)).toBe(true);
  });

  it('up to date: the versions and nothing more', async () => {
    const w = clusterAt('v1.32.8');
    const r = await run(w, 'kubeadm upgrade plan');
    expect(r.stdout.split('\n').slice(-5)).toEqual(['[upgrade/versions] kubeadm version: v1.32.8', '[upgrade/versions] Target version: v1.32.8', '[upgrade/versions] Latest version in the v1.32 series: v1.32.8', '', '']);
  });
});
