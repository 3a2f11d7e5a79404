/**
 * Importing this module registers everything a world's saved state may need beyond its machines:
 * the cluster attachment (so that `World.fromJSON` of a saved world with a cluster brings the cluster
 * back), systemd's restart timers of crash-looping services, and the simulated network behind curl,
 * wget and ping. Entry points (CLI, tests of the whole system) get it through src/runtime/session.ts;
 * the terminal's worker loads it right after its first prompt (the second stage of its boot), since
 * it is most of the simulator's code.
 */
import { registerClusterAttachment } from '../sim/cluster/attach';
import { registerRestartTimers } from '../sim/systemd/restart-timers';
import { setNetworkProvider, setSystemProvider } from '../shell/commands/lib/system';
import { serviceNetwork } from './service-network';
import { nodeKill, nodeProcesses, nodeSockets } from './processes';
import { nodeLinks, nodeNeighbours, nodeRoutes } from './node-links';

registerClusterAttachment();
// Crash-looping services go on restarting in a restored world (their timers are not saved).
registerRestartTimers();
// curl, wget and ping on every machine reach the simulated network.
setNetworkProvider(serviceNetwork);
// ps and ss on a node list its kubelet, containerd and the processes of its containers.
setSystemProvider({ processes: nodeProcesses, sockets: nodeSockets, kill: nodeKill });
// ip on a machine shows the links, routes and neighbours its software has created.
setSystemProvider({ links: nodeLinks, routes: nodeRoutes, neighbours: nodeNeighbours });
