/**
 * Exam benchmarks (wall time on this machine, simulated time advanced by the sessions):
 * - exam.start_ms: a mock-1 attempt from the exam file to every host world booted, every question set
 *   up and the wrong-host baseline taken (headless: what stands between "start" and the first prompt).
 * - exam.grade_ms: grading that whole attempt after the reference solutions (every check on its host,
 *   plus the wrong-host probes of failed checks; here none fail).
 * Medians of 3 runs after 1 warm-up: an attempt boots several clusters.
 */
import type { BenchResult } from '../cli/bench';
import { medianMs, result } from './_measure';
import { readExam } from '../exams/files';
import { gradeAttempt } from '../exams/score';
import { planAttempt, solveQuestion, startExam, type ExamAttempt, type ExamWorlds } from '../exams/world';
import '../runtime/attachments';

const SEED = 4242;

export async function run(): Promise<BenchResult[]> {
  const read = readExam('mock-1');
  if ('error' in read) throw new Error(read.error);
  const plan = planAttempt(read.exam, read.labs, SEED);
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  const attempt: ExamAttempt = plan.attempt;
  const startMs = await medianMs(() => startExam(attempt), 3, 1);

  const worlds: ExamWorlds = await startExam(attempt);
  for (let n = 1; n <= attempt.questions.length; n++) await solveQuestion(attempt, worlds, n);
  const gradeMs = await medianMs(() => gradeAttempt(attempt, worlds), 3, 1);
  return [result('exam.start_ms', startMs, 'ms'), result('exam.grade_ms', gradeMs, 'ms')];
}
