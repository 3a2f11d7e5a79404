/**
 * What the exam page keeps in the browser (localStorage): the running attempt (so that a reload keeps
 * the timer, the flags and where the learner was; the worlds themselves are saved by the worker), the
 * last review (shown again after a reload) and the history of attempts. A bad or missing entry reads
 * as nothing; a full storage loses the write, never the page.
 */
import type { Domain } from '../../exams/schema';
import { emptyHistory, importHistory, type History } from '../../exams/history';
import type { AttemptClock } from '../../exams/timer';
import type { ExamMode } from '../../terminal/worker/exam-protocol';

export const ATTEMPT_KEY = 'cka-exam:attempt';
export const REVIEW_KEY = 'cka-exam:review';
export const HISTORY_KEY = 'cka-exam:history';

export interface RunningAttempt {
  exam: string;
  seed: number;
  mode: ExamMode;
  domain?: Domain;
  /** Bank positions asked (after the worker planned them; absent until then). */
  picks?: number[];
  multiplier: number;
  /** Wall-clock epoch ms; durationMs is 0 when untimed (practice). */
  clock: AttemptClock;
  flags: number[];
  visited: number[];
  current: number;
  /** Warnings already announced (minutes). */
  warned: number[];
}

function read<T>(storage: Storage | undefined, key: string): T | undefined {
  try {
    const text = storage?.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the attempt goes on, only a reload would lose it.
  }
}

function isRunningAttempt(v: unknown): v is RunningAttempt {
  const a = v as RunningAttempt | undefined;
  return (
    typeof a === 'object' && a !== null && typeof a.exam === 'string' && Number.isInteger(a.seed) && ['exam', 'practice', 'drill'].includes(a.mode) &&
    typeof a.clock?.startedAt === 'number' && typeof a.clock.durationMs === 'number' && Array.isArray(a.clock.timeline) &&
    Array.isArray(a.flags) && Array.isArray(a.visited) && Number.isInteger(a.current) && Array.isArray(a.warned)
  );
}

export const loadAttempt = (s: Storage | undefined): RunningAttempt | undefined => {
  const a = read<unknown>(s, ATTEMPT_KEY);
  return isRunningAttempt(a) ? a : undefined;
};
export const saveAttempt = (s: Storage | undefined, a: RunningAttempt | undefined) => write(s, ATTEMPT_KEY, a);

export function loadHistory(s: Storage | undefined): History {
  let text: string | null | undefined;
  try {
    text = s?.getItem(HISTORY_KEY);
  } catch {
    text = undefined;
  }
  if (!text) return emptyHistory();
  const parsed = importHistory(text);
  return parsed.ok ? parsed.history : emptyHistory();
}
export const saveHistory = (s: Storage | undefined, h: History) => write(s, HISTORY_KEY, h);

export const loadReview = <T>(s: Storage | undefined): T | undefined => read<T>(s, REVIEW_KEY);
export const saveReview = (s: Storage | undefined, r: unknown) => write(s, REVIEW_KEY, r);

/** A new flag set with question n flagged or unflagged. */
export function toggleFlag(flags: readonly number[], n: number): number[] {
  return flags.includes(n) ? flags.filter((f) => f !== n) : [...flags, n].sort((a, b) => a - b);
}
