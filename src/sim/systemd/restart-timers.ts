/**
 * systemd restarts a Restart=always service that keeps failing on its own, every RestartSec,
 * whether anyone looks or not: a kubelet whose config file was put back runs again at its next
 * attempt, and its Node comes back Ready without anyone running systemctl on that machine.
 *
 * A crash loop's state is plain data (machine.ext.systemd, see manager.ts); what it printed is
 * computed from the clock. What needs a timer is only the attempt that may find the service's
 * inputs changed: one timer per crash-looping unit, due at its next attempt start
 * (since + k * period), which brings the loop up to date (the manager's settle) and arms the next.
 * Nothing is armed while no unit is in a loop; timers are not saved, so the part is a world
 * attachment that re-arms them from the machines' state after World.fromJSON.
 */
import { registerAttachment, type World, type WorldAttachment } from '../world';
import type { Machine } from '../machine/machine';
import type { TimerHandle } from '../clock';
import type { SystemdState } from './manager';

export const RESTART_TIMERS_ATTACHMENT = 'systemd-restarts';

/** Brings one unit's crash loop up to now (set by manager.ts, which owns the loop's logic). */
type AttemptHandler = (world: World, machine: Machine, unit: string) => void;

let onAttempt: AttemptHandler | undefined;

export function setAttemptHandler(handler: AttemptHandler): void {
  onAttempt = handler;
}

/** Start of the first attempt of a machine's crash loop on `unit` after now, if it is in one. */
function nextAttemptAt(machine: Machine, unit: string, now: number): number | undefined {
  const r = (machine.ext.systemd as SystemdState | undefined)?.units[unit];
  // A service killed from outside: its one restart.
  if (r?.autoRestart) return Math.max(now, r.autoRestart.at);
  const c = r?.crash;
  if (!c) return undefined;
  return c.since + (Math.floor((now - c.since) / c.period) + 1) * c.period;
}

export class RestartTimers implements WorldAttachment {
  private readonly timers = new Map<string, { machine: Machine; unit: string; handle: TimerHandle }>();

  constructor(private readonly world: World) {}

  /** (Re)arm the timer of a unit's crash loop at its next attempt; drop it when it is in none. */
  arm(machine: Machine, unit: string): void {
    const key = `${machine.hostname}\u0000${unit}`;
    const clock = this.world.clock;
    clock.clearTimeout(this.timers.get(key)?.handle);
    const at = nextAttemptAt(machine, unit, clock.now());
    if (at === undefined) {
      this.timers.delete(key);
      // No loop left: the world is saved without the part, as one that never had a loop.
      if (!this.timers.size && this.world.attachments.get(RESTART_TIMERS_ATTACHMENT) === this) this.world.attachments.delete(RESTART_TIMERS_ATTACHMENT);
      return;
    }
    const handle = clock.setTimeout(() => {
      onAttempt?.(this.world, machine, unit);
      if (this.timers.get(key)?.handle === handle) this.arm(machine, unit);
    }, at - clock.now());
    this.timers.set(key, { machine, unit, handle });
  }

  /** Units with an armed timer, `host unit` (tests; what is saved only says that there are some). */
  armed(): string[] {
    return [...this.timers.values()].map((t) => `${t.machine.hostname} ${t.unit}`).sort();
  }

  /** The machines whose loops to re-arm after a restore (their state says which units). */
  toJSON(): string[] {
    return [...new Set([...this.timers.values()].map((t) => t.machine.hostname))].sort();
  }

  /** Timers again for every crash loop of the saved machines, from their state. */
  static fromJSON(world: World, hosts: string[]): RestartTimers {
    const part = new RestartTimers(world);
    for (const host of hosts) {
      const machine = world.machines.get(host);
      const units = (machine?.ext.systemd as SystemdState | undefined)?.units ?? {};
      for (const [unit, r] of Object.entries(units)) if (machine && (r.crash || r.autoRestart)) part.arm(machine, unit);
    }
    return part;
  }
}

/**
 * The timer of a unit follows its state: armed at the next attempt of a crash loop that began (or
 * changed), dropped with a loop that ended. A world gets the part with its first loop.
 */
export function followCrashLoop(world: World, machine: Machine, unit: string): void {
  const part = world.attachments.get(RESTART_TIMERS_ATTACHMENT);
  if (part instanceof RestartTimers) return part.arm(machine, unit);
  if (nextAttemptAt(machine, unit, world.clock.now()) === undefined) return;
  const timers = new RestartTimers(world);
  world.attach(RESTART_TIMERS_ATTACHMENT, timers);
  timers.arm(machine, unit);
}

export function registerRestartTimers(): void {
  registerAttachment(RESTART_TIMERS_ATTACHMENT, (world, saved) => RestartTimers.fromJSON(world, Array.isArray(saved) ? (saved as string[]) : []));
}
