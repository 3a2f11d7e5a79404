/**
 * Clusters that a machine's tools create beside the world (today: minikube profiles). Each is a World
 * of its own — its machines, its cluster — that shares the parent world's clock, hangs on the parent
 * as the attachment `attached-worlds` (so it is saved and restored with it), and answers at an API
 * address that clients on the parent's machines can reach (https://192.168.49.2:8443).
 */
import { registerAttachment, World, type WorldAttachment, type WorldJSON } from '../sim/world';
import type { ApiTransport } from '../sim/apiserver/types';
import { clusterOf } from './network';

export const ATTACHED_WORLDS = 'attached-worlds';

/** What the creating tool records about an attached cluster (minikube's profile config). */
export interface AttachedClusterInfo {
  /** The profile name (minikube's -p), the key of the registry. */
  name: string;
  /** Who made it: `minikube`. */
  owner: string;
  /** The machine whose user created it (the docker host). */
  host: string;
  /** https://IP:PORT as written into the kubeconfig. */
  serverUrl: string;
  /** Host-level state: the container runs or is stopped. */
  status: 'Running' | 'Stopped';
  /** Tool-specific settings (driver, versions, cpus, memory, enabled add-ons). */
  config: Record<string, unknown>;
}

export interface AttachedCluster extends AttachedClusterInfo {
  world: World;
}

interface SavedAttachedWorlds {
  clusters: Array<AttachedClusterInfo & { world: WorldJSON }>;
}

export class AttachedWorlds implements WorldAttachment {
  private readonly clusters = new Map<string, AttachedCluster>();

  list(owner?: string): AttachedCluster[] {
    return [...this.clusters.values()].filter((c) => !owner || c.owner === owner).sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): AttachedCluster | undefined {
    return this.clusters.get(name);
  }

  add(cluster: AttachedCluster): void {
    this.clusters.set(cluster.name, cluster);
  }

  remove(name: string): boolean {
    return this.clusters.delete(name);
  }

  /** The API server an attached cluster serves at serverUrl, or null (nothing there, or stopped). */
  connect(serverUrl: string): ApiTransport | null {
    const origin = /^https:\/\/([^/]+)/.exec(serverUrl)?.[1];
    if (!origin) return null;
    for (const c of this.clusters.values()) {
      if (c.status !== 'Running' || /^https:\/\/([^/]+)/.exec(c.serverUrl)?.[1] !== origin) continue;
      // The attached cluster's own API server, whatever its address (it is the only one there).
      return clusterOf(c.world)?.connect() ?? null;
    }
    return null;
  }

  restorePending(): void {
    for (const c of this.clusters.values()) c.world.restorePending();
  }

  toJSON(): SavedAttachedWorlds {
    return { clusters: this.list().map(({ world, ...info }) => ({ ...info, world: world.toJSON() })) };
  }

  static fromJSON(saved: SavedAttachedWorlds, parent: World): AttachedWorlds {
    const registry = new AttachedWorlds();
    for (const { world, ...info } of saved?.clusters ?? []) {
      registry.add({ ...info, world: World.fromJSON(world, { clock: parent.clock }) });
    }
    return registry;
  }
}

function restore(world: World, saved: unknown): AttachedWorlds {
  return AttachedWorlds.fromJSON(saved as SavedAttachedWorlds, world);
}

/** world.ts may still be evaluating (an import cycle through the scenario table): retry until it is done. */
function registerWhenReady(attempts: number): void {
  try {
    registerAttachment(ATTACHED_WORLDS, restore);
  } catch {
    if (attempts > 0) setTimeout(() => registerWhenReady(attempts - 1), 0);
  }
}
registerWhenReady(100);

/** The registry of a world (restored from its saved state, or created empty on first use). */
export function attachedWorlds(world: World): AttachedWorlds {
  const part = world.attachments.get(ATTACHED_WORLDS);
  if (part instanceof AttachedWorlds) return part;
  const saved = world.savedAttachment(ATTACHED_WORLDS);
  const registry = saved ? restore(world, saved) : new AttachedWorlds();
  world.attach(ATTACHED_WORLDS, registry);
  return registry;
}

/** The API server of an attached cluster at serverUrl, without creating the registry when there is none. */
export function connectAttached(world: World, serverUrl: string): ApiTransport | null {
  if (!world.attachments.has(ATTACHED_WORLDS) && !world.savedAttachment(ATTACHED_WORLDS)) return null;
  return attachedWorlds(world).connect(serverUrl);
}
