/**
 * The table of verbs: command path → handler. Each handler lives in its own file; a command
 * path that is listed in the help but has no handler here reports that it is not available.
 */
import type { Handler } from '../invocation';

const handlers = new Map<string, Handler>();

export function register(path: string, handler: Handler): void {
  handlers.set(path, handler);
}

export function handlerFor(path: string): Handler | undefined {
  return handlers.get(path);
}
