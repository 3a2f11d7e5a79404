/**
 * A fresh attempt seed for the page ("new exam"), from the browser's randomness. Kept apart from
 * world.ts (whose newSeed takes its source) so the page does not load the engine to draw a number.
 */
export function newSeed(random: () => number = Math.random): number {
  const bytes = new Uint32Array(1);
  globalThis.crypto?.getRandomValues?.(bytes);
  return bytes[0] ? bytes[0] % 1_000_000 : Math.floor(random() * 1_000_000);
}
