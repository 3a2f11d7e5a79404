/**
 * Every release a repository offers can be bootstrapped: kubeadm's images for it exist in the
 * registry and its aliyun mirror (as registry.k8s.io publishes every patch), and a cluster built at
 * a v1.32 patch comes up Ready. v1.32.4, v1.32.5 and v1.32.7 once failed: their control-plane images were unknown, the
 * API server never started, and the final compaction of an idle store threw
 * "mvcc: required revision has been compacted".
 */
import { describe, expect, it } from 'vitest';
import { World } from '../../../src/sim/world';
import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { Machine } from '../../../src/sim/machine';
import { ApiClient } from '../../../src/sim/apiserver';
import { K8S_LATEST_PATCH, REPOSITORIES } from '../../../src/sim/packages/catalogue';
import { kubeadmRelease, requiredImages } from '../../../src/sim/kubeadm/versions';
import { lookupImage } from '../../../src/sim/runtime/images';
import { buildKubeadmWorld } from '../../../src/sim/scenarios/kubeadm-world';
import { allNodesReady, bootstrapKubeadmCluster } from '../../../src/sim/cluster/bootstrap';
import { HOSTS, list } from './helpers';

function patchesOf(minor: number): string[] {
  return Array.from({ length: K8S_LATEST_PATCH[minor] + 1 }, (_, p) => `v1.${minor}.${p}`);
}

describe('kubeadm images of every release a repository offers', () => {
  const versions = [...new Set(REPOSITORIES.flatMap((r) => r.entries).filter((e) => e.name === 'kubeadm').map((e) => `v${e.version.split('-')[0]}`))];
  it('covers pkgs.k8s.io and the legacy mirror (v1.18 to v1.34)', () => {
    expect(versions).toContain('v1.32.4');
    expect(versions).toContain('v1.24.17');
    expect(versions).toContain('v1.18.0');
  });
  it.each(versions)('%s: every image kubeadm pulls is in the registry and its aliyun mirror', (v) => {
    const images = [...requiredImages(kubeadmRelease(v), v), ...requiredImages(kubeadmRelease(v), v, 'registry.aliyuncs.com/google_containers')];
    expect(images.filter((image) => !lookupImage(image).ok)).toEqual([]);
  });
});

describe('bootstrapping a cluster at a patch release', () => {
  it.each(patchesOf(32))('%s comes up with three Ready nodes running that version', (v) => {
    const world = new World('cluster', new SimClock(), new SeededRandom(1));
    const cluster = buildKubeadmWorld(world, {}, v);
    const admin = new ApiClient(cluster.apiServer);
    expect(allNodesReady(admin)).toBe(true);
    const nodes = list(admin, 'nodes');
    expect(nodes.map((n) => (n.status as { nodeInfo: { kubeletVersion: string } }).nodeInfo.kubeletVersion)).toEqual([v, v, v]);
    const apiserver = list(admin, 'pods', 'kube-system').find((p) => p.metadata?.name === 'kube-apiserver-cka01');
    expect((apiserver?.spec as { containers: { image: string }[] }).containers[0].image).toBe(`registry.k8s.io/kube-apiserver:${v}`);
  });

  it('names the reason when the control plane cannot start, instead of an etcd compaction error', () => {
    const clock = new SimClock();
    const machines = HOSTS.map(([hostname, ip]) => Machine.ubuntu({ hostname, ip, cpus: 2, memoryMiB: 4096 }, () => clock.now()));
    // A release no registry publishes: its images cannot be pulled, so no API server ever answers.
    expect(() => bootstrapKubeadmCluster({ clock, random: new SeededRandom(1), machines, controlPlane: 'cka01', workers: ['cka02', 'cka03'], version: 'v1.32.99' })).toThrow(
      /control plane did not come up.*registry\.k8s\.io\/kube-apiserver:v1\.32\.99/,
    );
  });
});
