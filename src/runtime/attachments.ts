/**
 * Importing this module registers every world attachment (today: the cluster), so that
 * `World.fromJSON` of a saved world with a cluster brings the cluster back. Entry points (CLI, worker,
 * tests of the whole system) get it through src/runtime/session.ts.
 */
import { registerClusterAttachment } from '../sim/cluster/attach';

registerClusterAttachment();
