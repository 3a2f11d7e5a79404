/** The countdown's warnings: announced once each when the remaining time falls below them. */
export const WARN_AT_MINUTES = [30, 15, 5] as const;

/** The warnings (minutes) to announce now: below their threshold and not yet announced. */
export function warningsDue(remainingMs: number, announced: readonly number[]): number[] {
  return WARN_AT_MINUTES.filter((m) => remainingMs <= m * 60_000 && remainingMs > 0 && !announced.includes(m));
}

/** The level the countdown is shown at: the lowest threshold reached. */
export function warningLevel(remainingMs: number): number | undefined {
  return [...WARN_AT_MINUTES].reverse().find((m) => remainingMs <= m * 60_000);
}

/** `1h 05m` or `12m 30s` for the review's times. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(s % 60).padStart(2, '0')}s`;
}
