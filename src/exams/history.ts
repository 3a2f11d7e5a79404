/**
 * Exam history, as plain data (the site stores it in the browser; the UI comes later): every attempt
 * with its seed, per-check results and time per question; a trend per domain; "retry my misses" drills
 * built from failed checks; export and import as JSON, validated on the way in.
 */
import { z } from 'zod';
import { DOMAINS, DomainId, type Domain } from './schema';
import type { ExamScore } from './score';

const CheckRecord = z.object({ pass: z.boolean(), points: z.number().int().nonnegative(), earned: z.number().nonnegative() }).strict();

const QuestionRecord = z
  .object({
    number: z.number().int().positive(),
    bankIndex: z.number().int().nonnegative(),
    lab: z.string(),
    task: z.string(),
    host: z.string(),
    domain: DomainId,
    weight: z.number().positive(),
    points: z.number().nonnegative(),
    earned: z.number().nonnegative(),
    timeMs: z.number().nonnegative(),
    checks: z.array(CheckRecord),
  })
  .strict();

export const AttemptRecord = z
  .object({
    exam: z.string(),
    seed: z.number().int().nonnegative(),
    /** Epoch milliseconds. */
    startedAt: z.number(),
    endedAt: z.number(),
    percent: z.number(),
    pass: z.boolean(),
    domains: z.record(DomainId, z.number().nullable()),
    questions: z.array(QuestionRecord),
  })
  .strict();
export type AttemptRecord = z.infer<typeof AttemptRecord>;

export const History = z.object({ version: z.literal(1), attempts: z.array(AttemptRecord) }).strict();
export type History = z.infer<typeof History>;

export const emptyHistory = (): History => ({ version: 1, attempts: [] });

/** The record of a graded attempt. `times` are ms per question (review.ts: timePerQuestion). */
export function attemptRecord(score: ExamScore, startedAt: number, endedAt: number, times: readonly number[] = []): AttemptRecord {
  return {
    exam: score.exam,
    seed: score.seed,
    startedAt,
    endedAt,
    percent: score.percent,
    pass: score.pass,
    domains: Object.fromEntries(DOMAINS.map((d) => [d, score.domains[d].percent])) as Record<Domain, number | null>,
    questions: score.questions.map((q) => ({
      number: q.number,
      bankIndex: q.bankIndex,
      lab: q.lab,
      task: q.task,
      host: q.host,
      domain: q.domain,
      weight: q.weight,
      points: q.points,
      earned: q.earned,
      timeMs: times[q.number - 1] ?? 0,
      checks: q.checks.map((c) => ({ pass: c.pass, points: c.points, earned: c.earned })),
    })),
  };
}

const keyOf = (a: AttemptRecord) => `${a.exam}/${a.seed}/${a.startedAt}`;

/** A new history with the attempt added (an attempt recorded twice is kept once), oldest first. */
export function addAttempt(history: History, attempt: AttemptRecord): History {
  const attempts = history.attempts.filter((a) => keyOf(a) !== keyOf(attempt));
  attempts.push(attempt);
  attempts.sort((a, b) => a.startedAt - b.startedAt);
  return { version: 1, attempts };
}

/** Per domain, the attempts' scores in time order (attempts without a question of the domain skipped). */
export function domainTrend(history: History, exam?: string): Record<Domain, { startedAt: number; seed: number; percent: number }[]> {
  const trend = Object.fromEntries(DOMAINS.map((d) => [d, []])) as unknown as Record<Domain, { startedAt: number; seed: number; percent: number }[]>;
  for (const a of history.attempts) {
    if (exam && a.exam !== exam) continue;
    for (const d of DOMAINS) {
      const p = a.domains[d];
      if (p !== null && p !== undefined) trend[d].push({ startedAt: a.startedAt, seed: a.seed, percent: p });
    }
  }
  return trend;
}

export interface Drill {
  exam: string;
  /** Bank positions to play, at most one per lab (questions of one lab would collide on one host). */
  bankIndexes: number[];
  /** Per bank position, the check indexes that failed last time: the review focuses on them. */
  focus: Record<number, number[]>;
}

/**
 * "Retry my misses": the questions of an exam whose latest result had a failed check, most missed
 * points first, split into rounds of one question per lab. `lastAttempts` limits how far back to look.
 */
export function missDrills(history: History, exam: string, lastAttempts = Infinity): Drill[] {
  const attempts = history.attempts.filter((a) => a.exam === exam).slice(-lastAttempts);
  // The latest result of each bank question wins: a question fixed later is no longer a miss.
  const latest = new Map<number, AttemptRecord['questions'][number]>();
  for (const a of attempts) for (const q of a.questions) latest.set(q.bankIndex, q);
  const misses = [...latest.values()]
    .filter((q) => q.checks.some((c) => !c.pass))
    .sort((a, b) => b.points - b.earned - (a.points - a.earned) || a.bankIndex - b.bankIndex);
  const rounds: Drill[] = [];
  for (const q of misses) {
    let round = rounds.find((r) => !r.bankIndexes.some((i) => latest.get(i)!.lab === q.lab));
    if (!round) rounds.push((round = { exam, bankIndexes: [], focus: {} }));
    round.bankIndexes.push(q.bankIndex);
    round.focus[q.bankIndex] = q.checks.flatMap((c, i) => (c.pass ? [] : [i]));
  }
  return rounds;
}

export function exportHistory(history: History): string {
  return JSON.stringify(history, null, 2);
}

/** Parse an exported history; a bad file changes nothing and says what is wrong. */
export function importHistory(text: string): { ok: true; history: History } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  const parsed = History.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  return { ok: true, history: parsed.data };
}

/** Merge an imported history into the current one (same attempt kept once). */
export function mergeHistories(current: History, imported: History): History {
  return imported.attempts.reduce(addAttempt, current);
}
