/**
 * What a serving command (proxy, port-forward) does once it serves: nothing, until its process is
 * signalled (Ctrl-C, kill). No clock is involved, so a hand-driven clock is not run away with.
 */
export function untilSignalled(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
