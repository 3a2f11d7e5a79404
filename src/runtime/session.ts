/**
 * Worlds and sessions with every program of the system (shell programs, editors, cluster tools):
 * what the headless CLI, the browser worker, the grader and the lab runner all open.
 */
import { shellProgramNames } from '../shell/index';
import { createWorld } from '../sim/create-world';
import { World, type WorldJSON } from '../sim/world';
import { SeededRandom } from '../sim/random';
import type { SimClock } from '../sim/clock';
import { systemProgramNames } from './programs';
import './attachments';
import { openSystemSession, runScript, type CapturedRun } from './system-session';

export { openSystemSession, runScript, type CapturedRun };

/**
 * A world of a scenario whose machines know every program of the system (files in /usr/bin).
 * `clock`: a clock of one's own (a recorder starts the world near the real time).
 */
export function bootWorld(scenario: string, seed: number | string = 1, clock?: SimClock): World {
  const names = new Set([...shellProgramNames(), ...systemProgramNames()]);
  return createWorld(scenario, { seed, programs: [...names], clock });
}

/**
 * A world of the scenario whose randomness from now on follows `seed`, restored from one booted
 * snapshot of the scenario: booting a kubeadm cluster takes a few hundred milliseconds of simulated
 * work, restoring its snapshot a few dozen. Used where many worlds of one scenario are needed at
 * once (the exam's hosts): they start from the same cluster and diverge from there.
 */
export function worldFromSnapshot(scenario: string, seed: number): World {
  let text = SNAPSHOTS.get(scenario);
  if (text === undefined) {
    text = JSON.stringify(bootWorld(scenario).toJSON());
    SNAPSHOTS.set(scenario, text);
  }
  const data = JSON.parse(text) as WorldJSON;
  return World.fromJSON({ ...data, random: new SeededRandom(seed).toJSON() });
}

const SNAPSHOTS = new Map<string, string>();
