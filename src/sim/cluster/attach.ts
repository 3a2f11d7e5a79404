/**
 * The cluster as a world attachment (world.attachments 'cluster'): saved with the world and
 * rebuilt after World.fromJSON. Registration with the world happens when a cluster scenario is
 * built, and — for processes that only restore worlds — as soon as the module graph has loaded.
 */
import { registerAttachment, type World } from '../world';
import { Cluster, type ClusterJSON } from './cluster';

export const CLUSTER_ATTACHMENT = 'cluster';

function restore(world: World, saved: unknown): Cluster {
  return Cluster.fromJSON(saved as ClusterJSON, { clock: world.clock, random: world.random, machines: [...world.machines.values()] });
}

export function registerClusterAttachment(): void {
  registerAttachment(CLUSTER_ATTACHMENT, restore);
}

/** world.ts may still be evaluating (an import cycle through the scenario table): retry until it is done. */
function registerWhenReady(attempts: number): void {
  try {
    registerClusterAttachment();
  } catch {
    if (attempts > 0) setTimeout(() => registerWhenReady(attempts - 1), 0);
  }
}
registerWhenReady(100);

/** The cluster of a world, restoring it from saved state if it has not been re-attached yet. */
export function clusterOf(world: World): Cluster | undefined {
  const part = world.attachments.get(CLUSTER_ATTACHMENT);
  if (part instanceof Cluster) return part;
  const saved = world.savedAttachment(CLUSTER_ATTACHMENT);
  if (!saved) return undefined;
  const cluster = restore(world, saved);
  world.attach(CLUSTER_ATTACHMENT, cluster);
  return cluster;
}
