/**
 * Scoring an attempt: every check earns its points or none; a question scores its weight times the
 * share of its points earned (partial credit); the exam passes at `passPercent` of the weighted total.
 * Raw points and a score per curriculum domain are reported too. Work done on the wrong host scores
 * nothing, but the review says where it was found. Checks that pass before any work (guards such as
 * "the account may not delete Deployments") earn their points only once the question is begun.
 */
import type { Bilingual } from '../labs/schema';
import { gradeLab } from '../labs/grader';
import { gradeTargetFor } from '../runtime/labs';
import { gradedPart } from './review';
import { DOMAINS, type Domain } from './schema';
import { passesOn, revealsWrongHost, type ExamAttempt, type ExamWorlds } from './world';

export interface CheckScore {
  pass: boolean;
  points: number;
  earned: number;
  message: Bilingual;
  explain: Bilingual;
  expected?: string;
  actual?: string;
  /** Another exam host where this check passes (and did not at the start): the work was done there. */
  foundOn?: string;
}

export interface QuestionScore {
  /** 1-based position in the attempt. */
  number: number;
  bankIndex: number;
  lab: string;
  task: string;
  title: Bilingual;
  host: string;
  domain: Domain;
  weight: number;
  points: number;
  earned: number;
  /** weight × earned / points. */
  score: number;
  checks: CheckScore[];
}

export interface DomainScore {
  score: number;
  weight: number;
  /** 0–100, or null when the attempt had no question of the domain. */
  percent: number | null;
}

export interface ExamScore {
  exam: string;
  seed: number;
  questions: QuestionScore[];
  points: number;
  earned: number;
  weight: number;
  score: number;
  percent: number;
  passPercent: number;
  pass: boolean;
  domains: Record<Domain, DomainScore>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function gradeAttempt(attempt: ExamAttempt, worlds: ExamWorlds): Promise<ExamScore> {
  const questions: QuestionScore[] = [];
  for (const [n, q] of attempt.questions.entries()) {
    const host = q.question.host;
    const result = await gradeLab({ ...q.lab, tasks: [q.task] }, gradeTargetFor(worlds.hosts[host]));
    const checks: CheckScore[] = [];
    for (const [c, r] of result.tasks[0].checks.entries()) {
      const check = q.task.checks[c];
      const points = check.points ?? 1;
      const score: CheckScore = { pass: r.pass, points, earned: r.pass ? points : 0, message: r.message, explain: check.explain!, expected: r.expected, actual: r.actual };
      // A file check reports the file's head; the review wants the graded lines of the whole file.
      if (!r.pass && check.type === 'file' && (check.matches || check.contains)) {
        const text = gradeTargetFor(worlds.hosts[host]).readFile(check.host, check.path);
        if (text !== null) score.actual = gradedPart(text, r.expected);
      }
      if (!r.pass && revealsWrongHost(check)) {
        for (const [other, world] of Object.entries(worlds.hosts)) {
          if (other === host || worlds.baseline.has(`${n}:${c}@${other}`)) continue;
          if (await passesOn(world, q.lab, check)) {
            score.foundOn = other;
            break;
          }
        }
      }
      checks.push(score);
    }
    // Guards count only when work on the question has begun: an untouched question earns nothing.
    const isGuard = (c: number) => worlds.guards.has(`${n}:${c}`);
    const begun = checks.some((c, i) => c.pass && !isGuard(i));
    if (!begun) checks.forEach((c, i) => isGuard(i) && (c.earned = 0));
    const points = checks.reduce((s, c) => s + c.points, 0);
    const earned = checks.reduce((s, c) => s + c.earned, 0);
    questions.push({
      number: n + 1,
      bankIndex: q.bankIndex,
      lab: q.lab.id,
      task: q.task.id,
      title: q.task.title,
      host,
      domain: q.question.domain,
      weight: q.question.weight,
      points,
      earned,
      score: (q.question.weight * earned) / points,
      checks,
    });
  }
  return summarize(attempt.exam.id, attempt.seed, attempt.exam.passPercent, questions);
}

/** Totals, pass/fail and domain scores from question scores (also used when importing history). */
export function summarize(exam: string, seed: number, passPercent: number, questions: QuestionScore[]): ExamScore {
  const sum = (f: (q: QuestionScore) => number, qs = questions) => qs.reduce((s, q) => s + f(q), 0);
  const weight = sum((q) => q.weight);
  const score = sum((q) => q.score);
  const percent = weight ? round2((100 * score) / weight) : 0;
  const domains = {} as Record<Domain, DomainScore>;
  for (const d of DOMAINS) {
    const qs = questions.filter((q) => q.domain === d);
    const w = sum((q) => q.weight, qs);
    const s = sum((q) => q.score, qs);
    domains[d] = { score: round2(s), weight: w, percent: w ? round2((100 * s) / w) : null };
  }
  return {
    exam,
    seed,
    questions,
    points: sum((q) => q.points),
    earned: sum((q) => q.earned),
    weight,
    score: round2(score),
    percent,
    passPercent,
    pass: percent >= passPercent,
    domains,
  };
}
