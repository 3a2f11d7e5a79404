/**
 * A World: the machines of a scenario, their network names, the simulated clock and the seeded
 * randomness — the one object a lab, a shell session and the UI hold. It serialises to JSON and
 * back without loss, so progress survives a reload and tests start from a known state.
 */
import { SimClock } from './clock';
import { SeededRandom } from './random';
import { Machine, type MachineJSON } from './machine/machine';

export interface WorldOptions {
  seed?: number | string;
  clock?: SimClock;
  /** Program names available to the shell (only these of the base image get files in /usr/bin). */
  programs?: string[];
}

export interface WorldJSON {
  version: 1;
  scenario: string;
  clock: ReturnType<SimClock['toJSON']>;
  random: number[];
  machines: MachineJSON[];
  /** State of attached subsystems (the cluster), by name. */
  ext: Record<string, unknown>;
}

/**
 * A part that attaches to the world (the cluster: etcd, API server, controllers, kubelets).
 * Its state is saved under world.ext[name] and it is re-attached after fromJSON.
 */
export interface WorldAttachment {
  toJSON(): unknown;
  /** Re-attach what its own worlds saved, now that more restorers are registered (see World.restorePending). */
  restorePending?(): void;
}

/** Rebuilds an attachment from its saved state (registered by the part that owns it). */
export type AttachmentRestorer = (world: World, saved: unknown) => WorldAttachment;

const restorers = new Map<string, AttachmentRestorer>();

export function registerAttachment(name: string, restore: AttachmentRestorer): void {
  restorers.set(name, restore);
}

export class World {
  readonly machines = new Map<string, Machine>();
  /** ── Attachment point: the cluster (API server, kubelets, controllers) hangs here by name. ── */
  readonly attachments = new Map<string, WorldAttachment>();
  private savedExt: Record<string, unknown> = {};

  constructor(
    readonly scenario: string,
    readonly clock: SimClock,
    readonly random: SeededRandom,
  ) {}

  addMachine(m: Machine): void {
    this.machines.set(m.hostname, m);
  }

  /** A machine by hostname (short or full) or IP address. */
  resolveHost(nameOrIp: string): Machine | undefined {
    const byName = this.machines.get(nameOrIp);
    if (byName) return byName;
    for (const m of this.machines.values()) {
      if (m.ip === nameOrIp || m.hostname.split('.')[0] === nameOrIp) return m;
    }
    return undefined;
  }

  attach(name: string, part: WorldAttachment): void {
    this.attachments.set(name, part);
  }

  /** Saved state of an attachment whose owner has not re-attached yet (after fromJSON). */
  savedAttachment(name: string): unknown {
    return this.savedExt[name];
  }

  toJSON(): WorldJSON {
    const ext: Record<string, unknown> = { ...this.savedExt };
    for (const [name, part] of this.attachments) ext[name] = part.toJSON();
    return {
      version: 1,
      scenario: this.scenario,
      clock: this.clock.toJSON(),
      random: this.random.toJSON(),
      machines: [...this.machines.values()].map((m) => m.toJSON()),
      ext,
    };
  }

  /**
   * Re-attach the saved parts whose restorer is registered by now. fromJSON restores what it can; a
   * process that loads a part's code later (the terminal's worker shows its prompt on the restored
   * machines, then loads the cluster) calls this once the code is there.
   */
  restorePending(): void {
    for (const [name, saved] of Object.entries(this.savedExt)) {
      const restore = restorers.get(name);
      if (restore) {
        this.attach(name, restore(this, saved));
        delete this.savedExt[name];
      }
    }
    for (const part of this.attachments.values()) part.restorePending?.();
  }

  static fromJSON(data: WorldJSON, options: { clock?: SimClock } = {}): World {
    const clock = options.clock ?? SimClock.fromJSON(data.clock);
    if (options.clock) clock.advanceTo(data.clock.nowMs);
    const world = new World(data.scenario, clock, SeededRandom.fromJSON(data.random));
    for (const m of data.machines) world.addMachine(Machine.fromJSON(m, () => clock.now()));
    world.savedExt = { ...(data.ext ?? {}) };
    world.restorePending();
    return world;
  }
}
