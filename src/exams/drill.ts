/**
 * Drills: a short attempt on one curriculum domain. The questions of the domain are shuffled by the
 * seed and taken one per lab (two questions of one lab would collide on one host), up to `max`.
 */
import { SeededRandom } from '../sim/random';
import type { Domain, Exam } from './schema';

export const DRILL_QUESTIONS = 5;
/** A drill lasts a share of the exam in proportion to its questions (at least 15 minutes). */
export function drillMinutes(exam: Pick<Exam, 'durationMinutes'>, questions: number, examQuestions = 16): number {
  return Math.max(15, Math.round((exam.durationMinutes * questions) / examQuestions));
}

export function drillPicks(exam: Pick<Exam, 'questions'>, domain: Domain, seed: number, max = DRILL_QUESTIONS): number[] {
  const random = new SeededRandom(`drill/${domain}/${seed}`);
  const candidates = exam.questions.flatMap((q, i) => (q.domain === domain ? [i] : []));
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  const labs = new Set<string>();
  const picks: number[] = [];
  for (const i of candidates) {
    if (picks.length >= max) break;
    if (labs.has(exam.questions[i].lab)) continue;
    labs.add(exam.questions[i].lab);
    picks.push(i);
  }
  return picks;
}

/** Chosen bank positions kept valid: known, unique, one per lab (the first of a lab wins). */
export function validPicks(exam: Pick<Exam, 'questions'>, picks: readonly number[]): number[] {
  const labs = new Set<string>();
  const out: number[] = [];
  for (const i of picks) {
    const q = Number.isInteger(i) ? exam.questions[i] : undefined;
    if (!q || labs.has(q.lab)) continue;
    labs.add(q.lab);
    out.push(i);
  }
  return out;
}
