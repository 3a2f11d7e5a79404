/**
 * A program whose code is loaded the first time it runs. The terminal's worker shows its prompt
 * before its biggest program (kubectl with its recorded help texts) is even parsed;
 * it loads them in the background right after (see preloadSystemPrograms in src/runtime), so a
 * learner's first command rarely waits for them.
 */
import type { Program } from './command';

export function lazyProgram(load: () => Promise<Program>): Program {
  let loading: Promise<Program> | undefined;
  return async (ctx) => (await (loading ??= load()))(ctx);
}
