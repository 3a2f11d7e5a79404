/**
 * Worlds and sessions with every program of the system (shell programs, editors, cluster tools):
 * what the headless CLI, the browser worker, the grader and the lab runner all open.
 */
import { Session, type SessionOptions } from '../shell/session';
import { shellProgramNames } from '../shell/index';
import { createWorld, type World } from '../sim/world';
import { systemProgramNames, systemPrograms } from './programs';
import './attachments';

/** A world of a scenario whose machines know every program of the system (files in /usr/bin). */
export function bootWorld(scenario: string, seed: number | string = 1): World {
  const names = new Set([...shellProgramNames(), ...systemProgramNames()]);
  return createWorld(scenario, { seed, programs: [...names] });
}

export function openSystemSession(world: World, options: Omit<SessionOptions, 'world' | 'programs'> = {}): Session {
  return new Session({ ...options, world, programs: systemPrograms(world) });
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
