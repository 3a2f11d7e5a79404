/**
 * The `upgrade` scenario: the same kubeadm cluster at v1.32 with a few workloads running, ready
 * for `kubeadm upgrade` to v1.33.
 */
import type { World, WorldOptions } from '../world';
import { ApiClient } from '../apiserver';
import { buildKubeadmWorld } from './kubeadm-world';

export const UPGRADE_FROM_VERSION = 'v1.32.8';

const WORKLOADS = [
  { name: 'web', image: 'nginx:1.27', replicas: 3 },
  { name: 'cache', image: 'redis:7.2', replicas: 1 },
];

export const upgradeScenario = {
  description: 'a kubeadm cluster at v1.32 with flannel and a few workloads, ready to be upgraded to v1.33',
  build(world: World, options: WorldOptions): void {
    const cluster = buildKubeadmWorld(world, options, UPGRADE_FROM_VERSION);
    const client = new ApiClient(cluster.apiServer, undefined, 'kubectl-create');
    for (const w of WORKLOADS) {
      client.create({ group: 'apps', version: 'v1', resource: 'deployments' }, 'default', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: w.name, labels: { app: w.name } },
        spec: {
          replicas: w.replicas,
          selector: { matchLabels: { app: w.name } },
          template: { metadata: { labels: { app: w.name } }, spec: { containers: [{ name: w.image.split(':')[0], image: w.image }] } },
        },
      });
    }
    world.clock.advance(120_000);
    cluster.settle();
  },
};
