/**
 * Broken variants of the `cluster` scenario that labs and exam questions start from: the cluster is
 * built as usual, then broken the way it breaks on a real node (a unit stopped, a manifest edited),
 * and simulated time runs long enough for the symptoms to show.
 */
import { systemdOf } from '../systemd/manager';
import type { World, WorldOptions } from '../world';
import type { Machine } from '../machine/machine';
import type { Scenario } from './index';
import { clusterScenario } from './cluster';

/** Long enough for the node lifecycle controller (40 s grace) and the kubelet's back-off to show. */
const SETTLE_MS = 90_000;

/** Breaks one machine of the built cluster, then lets simulated time run until the symptoms show. */
function onNode(world: World, host: string, action: (machine: Machine) => void): void {
  const machine = world.resolveHost(host);
  if (!machine) throw new Error(`broken scenario: no machine ${host}`);
  action(machine);
  world.clock.advance(SETTLE_MS);
}

export const BROKEN_SCENARIOS: Record<string, Scenario> = {
  'cluster-kubelet-stopped': {
    description: 'the cluster with the kubelet on cka02 stopped and disabled: cka02 NotReady, its pods unreachable',
    build(world: World, options: WorldOptions): void {
      clusterScenario.build(world, options);
      onNode(world, 'cka02', (machine) => {
        const systemd = systemdOf(machine, world, () => world.clock.now());
        const stopped = systemd.stop('kubelet.service');
        const disabled = systemd.disable('kubelet.service');
        if (!stopped.ok || ('ok' in disabled && !disabled.ok)) throw new Error('broken scenario: cannot stop the kubelet on cka02');
      });
    },
  },
  'cluster-broken-scheduler': {
    description: 'the cluster with a typo in the kube-scheduler static pod manifest (an image tag that does not exist): new pods stay Pending',
    build(world: World, options: WorldOptions): void {
      clusterScenario.build(world, options);
      onNode(world, 'cka01', (machine) => {
        const fs = machine.rootFs;
        const path = '/etc/kubernetes/manifests/kube-scheduler.yaml';
        const manifest = fs.readFile(path);
        const broken = manifest.replace(/(image: registry\.k8s\.io\/kube-scheduler:v\d+\.\d+\.\d+)/, '$14');
        if (broken === manifest) throw new Error('broken scenario: no kube-scheduler image in its manifest');
        fs.writeFile(path, broken);
      });
    },
  },
};
