/**
 * The second stage of the terminal's boot, a chunk of its own: the cluster's code (API server,
 * controllers, scheduler, kubelets, network — most of the simulator) and what needs it. The first
 * stage restores the machines and shows the prompt; this re-attaches the saved cluster to them.
 */
import '../../runtime/attachments';
import type { World } from '../../sim/world';

export { VizFeed } from './viz-feed';

/** Re-attach what the world saved beyond its machines (its cluster, clusters started beside it). */
export function completeWorld(world: World): void {
  world.restorePending();
}
