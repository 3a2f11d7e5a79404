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

/** The upgrade scenario's cluster at an older version (kubeadm, kubelets, control plane all at `version`). */
function clusterAt(version: string): World {
  bootWorld('machines'); // registers the runtime's attachments
  const world = new World('upgrade', new SimClock(), new SeededRandom(1));
  const cluster = buildKubeadmWorld(world, { seed: 1, programs: [...new Set([...shellProgramNames(), ...systemProgramNames()])] }, version);
  for (const m of world.machines.values()) installPrograms(m.rootFs, toolNames.filter((n) => UBUNTU_BASE_PROGRAMS.includes(n)));
  world.clock.advance(120_000);
  cluster.settle();
  return world;
}

function installKubeadm(from: number, to: string): string {
  return `sed -i 's/v1.${from}/v1.${to.split('.')[1]}/' /etc/apt/sources.list.d/kubernetes.list\napt-get update >/dev/null\napt-mark unhold kubeadm >/dev/null\napt-get install -y kubeadm=${to}-1.1 >/dev/null\n`;
}

const RBAC_AND_ADDONS = [
  '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes',
  '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials',
  '[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token',
  '[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster',
  '[addons] Applied essential addon: CoreDNS',
  '[addons] Applied essential addon: kube-proxy',
  '',
];

describe('kubeadm upgrade apply before the phases (v1.31 and older)', () => {
  it('v1.31: [upgrade/version], [upgrade/prepull], [upgrade/apply], no phase closing lines, the "Enjoy!" ending', async () => {
    const w = clusterAt('v1.30.14');
    const r = await run(w, `${installKubeadm(30, '1.31.12')}kubeadm upgrade apply v1.31.12 -y 2>/dev/null`);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 12)).toEqual([
      '[preflight] Running pre-flight checks.',
      '[upgrade/config] Reading configuration from the cluster...',
      "[upgrade/config] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'",
      '[upgrade] Running cluster health checks',
      '[upgrade/version] You have chosen to change the cluster version to "v1.31.12"',
      '[upgrade/versions] Cluster version: v1.30.14',
      '[upgrade/versions] kubeadm version: v1.31.12',
      '[upgrade/prepull] Pulling images required for setting up a Kubernetes cluster',
      '[upgrade/prepull] This might take a minute or two, depending on the speed of your internet connection',
      "[upgrade/prepull] You can also perform this action beforehand using 'kubeadm config images pull'",
      '[upgrade/apply] Upgrading your Static Pod-hosted control plane to version "v1.31.12" (timeout: 5m0s)...',
      lines[11],
    ]);
    expect(lines[11]).toMatch(/^\[upgrade\/staticpods\] Writing new Static Pod manifests to "\/etc\/kubernetes\/tmp\/kubeadm-upgraded-manifests\d+"$/);
    // v1.30 and v1.31 pin the same etcd (3.5.15-0): its manifest is left as it is.
    expect(r.stdout).toContain('[upgrade/staticpods] Preparing for "etcd" upgrade\n[upgrade/staticpods] Current and new manifests of etcd are equal, skipping upgrade\n[upgrade/etcd] Waiting for etcd to become available\n');
    expect(r.stdout).toContain('[upgrade/staticpods] Moving new manifest to "/etc/kubernetes/manifests/kube-apiserver.yaml"');
    const tail = lines.slice(lines.indexOf('[upgrade/staticpods] Component "kube-scheduler" upgraded successfully!') + 1);
    expect(tail.map((l) => l.replace(/kubeadm-kubelet-config\d+/, 'kubeadm-kubelet-configN'))).toEqual([
      '[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace',
      '[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster',
      '[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-configN/config.yaml',
      '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
      ...RBAC_AND_ADDONS,
      '[upgrade/successful] SUCCESS! Your cluster was upgraded to "v1.31.12". Enjoy!',
      '',
      "[upgrade/kubelet] Now that your control plane is upgraded, please proceed with upgrading your kubelets if you haven't already done so.",
      '',
    ]);
  });

  it('v1.30: etcd first ("Upgrading to TLS for etcd"), then the other manifests, "Moved ... backed up"; a refused skew is "[upgrade/version] FATAL"', async () => {
    const w = clusterAt('v1.29.15');
    let r = await run(w, `${installKubeadm(29, '1.30.14')}kubeadm upgrade apply v1.30.15 -y; echo rc=$?`);
    expect(r.stdout).toContain('[upgrade/versions] kubeadm version: v1.30.14\nrc=1\n');
    expect(r.stderr).toBe(
      '[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n' +
        '\t- Specified version to upgrade to "v1.30.15" is higher than the kubeadm version "v1.30.14". Upgrade kubeadm first using the tool you used to install kubeadm\n\n' +
        'Can be bypassed if you pass the --force flag\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
    r = await run(w, 'kubeadm upgrade apply v1.30.14 -y 2>/dev/null | grep -E "prepull\\] You|upgrade/etcd|Writing new|etcd.yaml|kube-apiserver.yaml"');
    const text = r.stdout.replace(/manifests\d+"/, 'manifestsN"').replace(/backup-manifests-[\d-]+/g, 'backup-manifests-STAMP');
    expect(text).toBe(
      [
        "[upgrade/prepull] You can also perform this action in beforehand using 'kubeadm config images pull'",
        '[upgrade/etcd] Upgrading to TLS for etcd',
        '[upgrade/staticpods] Moved new manifest to "/etc/kubernetes/manifests/etcd.yaml" and backed up old manifest to "/etc/kubernetes/tmp/kubeadm-backup-manifests-STAMP/etcd.yaml"',
        '[upgrade/etcd] Waiting for etcd to become available',
        '[upgrade/staticpods] Writing new Static Pod manifests to "/etc/kubernetes/tmp/kubeadm-upgraded-manifestsN"',
        '[upgrade/staticpods] Moved new manifest to "/etc/kubernetes/manifests/kube-apiserver.yaml" and backed up old manifest to "/etc/kubernetes/tmp/kubeadm-backup-manifests-STAMP/kube-apiserver.yaml"',
        '',
      ].join('\n'),
    );
  });
});
