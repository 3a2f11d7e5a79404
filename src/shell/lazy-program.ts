/**
 * A program whose code is loaded the first time it runs. The terminal's worker shows its prompt
 * before the bigger programs (kubectl with its recorded help texts, the machine tools, the editors)
 * are even parsed; it loads them in the background right after (see preloadSystemPrograms in
 * src/runtime), so a learner's first command rarely waits for them. Once loaded, the program is
 * called directly, with no extra turn of the event loop: a full-screen program reads the keys typed
 * right after it starts exactly as if it had never been lazy.
 */
import type { Program } from './command';

export interface LazyProgram extends Program {
  /** Loads the code now (once); afterwards a run starts synchronously. */
  preload(): Promise<void>;
}

export function lazyProgram(load: () => Promise<Program>): LazyProgram {
  let loaded: Program | undefined;
  let loading: Promise<Program> | undefined;
  const ensure = () => (loading ??= load().then((program) => (loaded = program)));
  const program: Program = (ctx) => (loaded ? loaded(ctx) : ensure().then((p) => p(ctx)));
  return Object.assign(program, { preload: () => ensure().then(() => undefined) });
}
