/**
 * A unit's run as the service manager records it on its machine (machine.ext.systemd), read by
 * programs beside systemd that look at a unit's state without a Systemd object (the kubelet's CRI
 * dial, cri-docker.socket's activation).
 */
import type { Machine } from '../machine/machine';

export interface UnitRecord {
  state?: string;
  /** Set while the unit is in a restart loop. */
  crash?: unknown;
  since?: number;
}

export function unitRecord(machine: Machine, name: string): UnitRecord | undefined {
  return (machine.ext.systemd as { units?: Record<string, UnitRecord> } | undefined)?.units?.[name];
}

/** Is the unit running (active, not in a restart loop)? */
export function unitRunning(machine: Machine, name: string): boolean {
  const unit = unitRecord(machine, name);
  return !!unit && unit.state === 'active' && !unit.crash;
}
