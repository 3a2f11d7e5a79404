/**
 * The machines of attached clusters as ssh destinations: `minikube ssh` (and `ssh docker@192.168.49.2`
 * from the docker host) reach the node of a running minikube cluster, a machine of another world,
 * through the session's remoteHost hook — the way the exam reaches its hosts.
 */
import type { RemoteHost } from '../shell/session';
import type { Program } from '../shell/command';
import type { World } from '../sim/world';
import { attachedWorlds } from './attached-worlds';
import { systemPrograms } from './programs';

const programsOf = new WeakMap<World, Record<string, Program>>();

/** Resolves an address of a running attached cluster's node (by IP, as on the docker network). */
export function attachedHostResolver(world: World): (nameOrIp: string) => RemoteHost | undefined {
  return (nameOrIp) => {
    if (!world.attachments.has('attached-worlds') && !world.savedAttachment('attached-worlds')) return undefined;
    for (const c of attachedWorlds(world).list()) {
      if (c.status !== 'Running') continue;
      const machine = [...c.world.machines.values()].find((m) => m.ip === nameOrIp);
      if (!machine) continue;
      let programs = programsOf.get(c.world);
      if (!programs) {
        programs = systemPrograms(c.world);
        programsOf.set(c.world, programs);
      }
      return { machine, world: c.world, clock: c.world.clock, programs };
    }
    return undefined;
  };
}
