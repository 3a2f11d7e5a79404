import type { SimClock } from '../../sim/clock';

/**
 * What a serving command (proxy, port-forward) does once it serves: nothing, until its process is
 * signalled (Ctrl-C, kill). It waits on no timer: in the background, a hand-driven clock is told
 * it idles (SimClock.idle), so that the foreground's sleeps neither wait for it nor run away.
 */
export function untilSignalled(signal: AbortSignal, clock: SimClock): Promise<void> {
  return clock.idle(
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    }),
  );
}
