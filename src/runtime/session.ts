/**
 * Worlds and sessions with every program of the system (shell programs, editors, cluster tools):
 * what the headless CLI, the browser worker, the grader and the lab runner all open.
 */
import { Session, type SessionOptions } from '../shell/session';
import { shellProgramNames } from '../shell/index';
import { createWorld, World, type WorldJSON } from '../sim/world';
import { SeededRandom } from '../sim/random';
import { systemProgramNames, systemPrograms } from './programs';
import './attachments';
import { attachedHostResolver } from './attached-hosts';

/** A world of a scenario whose machines know every program of the system (files in /usr/bin). */
export function bootWorld(scenario: string, seed: number | string = 1): World {
  const names = new Set([...shellProgramNames(), ...systemProgramNames()]);
  return createWorld(scenario, { seed, programs: [...names] });
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

export function openSystemSession(world: World, options: Omit<SessionOptions, 'world' | 'programs'> = {}): Session {
  // Nodes of clusters started beside the world (minikube) are ssh destinations too.
  return new Session({ remoteHost: attachedHostResolver(world), ...options, world, programs: systemPrograms(world) });
}

export interface CapturedRun {
  stdout: string;
  stderr: string;
  status: number;
}

/**
 * Run a script on a host as `bash -s` would, without a terminal, capturing its output. Used for lab
 * setup steps and checks that need a command's view (curl through a Service, systemctl is-active).
 */
export async function runScript(world: World, host: string, script: string, user = 'root'): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const session = openSystemSession(world, {
    host,
    user,
    mode: 'stdin',
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
  });
  await session.feed(script.endsWith('\n') ? script : `${script}\n`);
  const status = await session.finish();
  return { stdout, stderr, status };
}
