/**
 * Practice mode's helpers: grade one question while the attempt runs, and show a question's reference
 * solution as the learner would type it on its host.
 */
import { stepOf } from '../runtime/labs';
import { gradeAttempt, type ExamScore } from './score';
import type { ExamAttempt, ExamWorlds } from './world';

/** Grade question n (1-based) alone, with its own guards and wrong-host baseline. */
export async function gradeQuestion(attempt: ExamAttempt, worlds: ExamWorlds, n: number): Promise<ExamScore> {
  const index = n - 1;
  const only = (keys: Set<string>) => new Set([...keys].filter((k) => k.startsWith(`${index}:`)).map((k) => `0:${k.slice(`${index}:`.length)}`));
  const single: ExamAttempt = { ...attempt, questions: [attempt.questions[index]] };
  const score = await gradeAttempt(single, { ...worlds, guards: only(worlds.guards), baseline: only(worlds.baseline) });
  for (const q of score.questions) q.number = n;
  return score;
}

/** The reference solution's commands; a step on another machine of the host's cluster says where. */
export function solutionSteps(attempt: ExamAttempt, n: number): string[] {
  const q = attempt.questions[n - 1];
  return q.task.solution.map((s) => {
    const { host, user, run } = stepOf(s, q.lab);
    if (host === q.lab.host && user === 'root') return run;
    return `# ${user}@${host}\n${run}`;
  });
}
