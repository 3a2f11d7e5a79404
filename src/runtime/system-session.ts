/**
 * Shell sessions with every program of the system (shell programs, editors, cluster tools) on a
 * world's machine. Kept apart from session.ts (which also builds scenarios' worlds and registers
 * the cluster's code) so that the terminal's worker can open a session on a restored world before
 * the cluster's code has loaded.
 */
import { Session, type SessionOptions } from '../shell/session';
import type { World } from '../sim/world';
import { systemPrograms } from './programs';
import { attachedHostResolver } from './attached-hosts';

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
