/**
 * The grader: runs a lab's checks against a world and says, per task and per check, what passes and
 * what is still wrong. The same code serves the browser's lab panel and `npm run grade`.
 */
import type { Bilingual, Lab } from './schema';
import type { GradeTarget } from './target';
import { runCheck, type CheckResult, type CustomCheck } from './checks/index';

export interface TaskResult {
  id: string;
  title: Bilingual;
  pass: boolean;
  checks: CheckResult[];
}

export interface LabResult {
  lab: string;
  pass: boolean;
  tasks: TaskResult[];
}

export async function gradeLab(lab: Lab, target: GradeTarget, custom: Record<string, CustomCheck> = {}): Promise<LabResult> {
  const tasks: TaskResult[] = [];
  for (const task of lab.tasks) {
    const checks: CheckResult[] = [];
    // Checks run in order; all run even after a failure so the learner sees everything still wrong.
    for (const check of task.checks) checks.push(await runCheck(check, target, custom));
    tasks.push({ id: task.id, title: task.title, pass: checks.every((c) => c.pass), checks });
  }
  return { lab: lab.id, pass: tasks.every((t) => t.pass), tasks };
}

/** The text `npm run grade` prints: one line a check, ✔/✘, in the chosen language. */
export function formatLabResult(result: LabResult, lang: 'en' | 'zh-CN' = 'en'): string {
  const lines: string[] = [];
  for (const task of result.tasks) {
    lines.push(`${task.pass ? 'PASS' : 'FAIL'} ${task.id}: ${task.title[lang]}`);
    for (const c of task.checks) lines.push(`  ${c.pass ? '✔' : '✘'} ${c.message[lang]}`);
  }
  const passed = result.tasks.filter((t) => t.pass).length;
  lines.push(`${passed}/${result.tasks.length} tasks pass`);
  return lines.join('\n') + '\n';
}
