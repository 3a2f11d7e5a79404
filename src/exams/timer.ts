/**
 * The attempt's clock as data: when it started, how long it may last, and which question the learner
 * opened when (the review's time per question comes from this timeline). Times are milliseconds of
 * whatever clock the caller uses (SimClock in tests and the CLI, wall time in the browser).
 */
import type { TimelineEntry } from './review';
import { timePerQuestion } from './review';

export interface AttemptClock {
  startedAt: number;
  durationMs: number;
  timeline: TimelineEntry[];
}

export function startClock(durationMinutes: number, now: number): AttemptClock {
  return { startedAt: now, durationMs: durationMinutes * 60_000, timeline: [{ question: 1, at: now }] };
}

/** A new clock with question `n` opened at `now` (reopening the current question changes nothing). */
export function openQuestion(clock: AttemptClock, n: number, now: number): AttemptClock {
  const last = clock.timeline[clock.timeline.length - 1];
  if (last?.question === n) return clock;
  return { ...clock, timeline: [...clock.timeline, { question: n, at: now }] };
}

export function endsAt(clock: AttemptClock): number {
  return clock.startedAt + clock.durationMs;
}

export function remainingMs(clock: AttemptClock, now: number): number {
  return Math.max(0, endsAt(clock) - now);
}

export function isOver(clock: AttemptClock, now: number): boolean {
  return now >= endsAt(clock);
}

/** `1:59:30` as the exam's countdown shows it. */
export function formatRemaining(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Time per question, counting nothing after the deadline or after `endedAt` (an early finish). */
export function questionTimes(clock: AttemptClock, endedAt: number, count: number): number[] {
  return timePerQuestion(clock.timeline, Math.min(endedAt, endsAt(clock)), count);
}
