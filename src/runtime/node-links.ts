/**
 * A node's network as `ip` sees it, derived from the world's state: the machine's loopback and NIC,
 * then what its software has created — Docker's bridge, the CNI's devices and one veth per Pod
 * sandbox (src/runtime/flannel-links.ts, calico-links.ts, docker-links.ts), and kube-proxy's
 * kube-ipvs0 in IPVS mode (kube-ipvs-links.ts).
 */
import type { CommandContext } from '../shell/command';
import { hostLinks, hostNeighbours, hostRoutes, type NetLink, type NetRoute, type Neighbour } from '../shell/commands/lib/net-links';
import type { Machine } from '../sim/machine/machine';
import type { World } from '../sim/world';
import { clusterOf } from '../sim/cluster/attach';
import { flannelLinks, type LinkContribution } from './flannel-links';
import { calicoLinks } from './calico-links';
import { dockerLinks } from './docker-links';
import { kubeIpvsLinks } from './kube-ipvs-links';

interface NodeNetwork {
  links: NetLink[];
  routes: NetRoute[];
  neighbours: Neighbour[];
}

function nodeNetwork(ctx: CommandContext): NodeNetwork | undefined {
  const machine = ctx.machine as Machine | undefined;
  const world = ctx.world as World | undefined;
  // A container's shell holds a world of its own machine only (no attachments): it sees its NIC alone.
  if (!machine?.ip || !world || typeof world.resolveHost !== 'function' || typeof world.attachments?.get !== 'function') return undefined;
  const links = hostLinks(machine.ip);
  const routes = hostRoutes(machine.ip);
  const neighbours = hostNeighbours(machine.ip);
  const cluster = clusterOf(world);
  const sandboxes = [...(cluster?.runtimes.get(machine.hostname)?.sandboxes.values() ?? [])];
  const others = [...world.machines.values()];
  const parts: (LinkContribution | undefined)[] = [
    dockerLinks(machine, world, ctx.clock.now()),
    flannelLinks(machine, sandboxes, others),
    cluster ? calicoLinks(machine, sandboxes, cluster) : undefined,
    kubeIpvsLinks(machine),
  ];
  for (const part of parts) {
    if (!part) continue;
    for (const d of part.devices) links.push({ ...d, index: links.length + 1 } as NetLink);
    routes.push(...part.routes);
    neighbours.push(...part.neighbours);
  }
  const veths = parts.flatMap((p) => p?.veths ?? []);
  return { links: [...links, ...veths].sort((a, b) => a.index - b.index), routes, neighbours };
}

const plain = (ctx: CommandContext) => String((ctx.machine as Machine | undefined)?.ip ?? '192.168.6.171');

export const nodeLinks = (ctx: CommandContext): NetLink[] => nodeNetwork(ctx)?.links ?? hostLinks(plain(ctx));
export const nodeRoutes = (ctx: CommandContext): NetRoute[] => nodeNetwork(ctx)?.routes ?? hostRoutes(plain(ctx));
export const nodeNeighbours = (ctx: CommandContext): Neighbour[] => nodeNetwork(ctx)?.neighbours ?? hostNeighbours(plain(ctx));
