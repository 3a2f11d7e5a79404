/**
 * The shell's public face: a session on a world's machine, wired to the program registry.
 *
 *   const world = createWorld('machines', { seed: 1, programs: shellProgramNames() });
 *   const session = openSession(world, { host: 'cka01', user: 'root' });
 *   await session.run('echo hi', tty);
 */
import { programs } from './commands/index';
import { sessionPrograms, builtins } from './builtins/index';
import { Session, type SessionOptions, type WorldLike } from './session';

export { Session, expandPrompt } from './session';
export type { SessionOptions, WorldLike } from './session';
export { Parser } from './parse/parser';
export { Shell } from './exec/interpreter';
export type { ShellMode, Builtin, SessionProgram, ShellHost } from './exec/interpreter';
export { builtins, sessionPrograms };

/** Every program name the shell can run from a file (registry plus session programs). */
export function shellProgramNames(): string[] {
  return [...new Set([...Object.keys(programs), ...Object.keys(sessionPrograms)])];
}

/** A session on a world with the full program registry. */
export function openSession(world: WorldLike, options: Omit<SessionOptions, 'world' | 'programs'> = {}): Session {
  return new Session({ ...options, world, programs });
}
