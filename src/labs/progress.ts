/**
 * A learner's progress through a lab: per task, done or not, whether help was used, how many hints
 * were shown. Pure data, saved by the page (localStorage/IndexedDB) next to the world itself.
 *
 * A task counts as done the first time all its checks pass; later changes to the world do not take
 * it back (tasks build on each other: rolling back an image must not un-do "roll out the image").
 */
import type { LabResult } from './grader';
/** What progress needs of a lab: its id, and each task's id and number of hints (a Lab fits). */
export interface LabOutline {
  id: string;
  tasks: { id: string; hints: readonly unknown[] }[];
}

export type TaskState = 'todo' | 'done' | 'done-with-help';

export interface TaskProgress {
  state: TaskState;
  hintsShown: number;
  solutionShown: boolean;
  /** Simulated-clock ms of the check that first passed. */
  doneAt?: number;
}

export interface LabProgress {
  lab: string;
  tasks: Record<string, TaskProgress>;
}

/** The summary the labs index reads from localStorage key `cka-lab:progress`. */
export interface LabSummary {
  tasksDone: number;
  tasks: number;
}

export const PROGRESS_KEY = 'cka-lab:progress';

export function newProgress(lab: LabOutline): LabProgress {
  const tasks: Record<string, TaskProgress> = {};
  for (const t of lab.tasks) tasks[t.id] = { state: 'todo', hintsShown: 0, solutionShown: false };
  return { lab: lab.id, tasks };
}

/** Record a grading: tasks that pass now become done (with help if the solution was shown). */
export function recordGrade(progress: LabProgress, result: LabResult, nowMs: number): LabProgress {
  const tasks = { ...progress.tasks };
  for (const t of result.tasks) {
    const cur = tasks[t.id] ?? { state: 'todo', hintsShown: 0, solutionShown: false };
    if (t.pass && cur.state === 'todo') {
      tasks[t.id] = { ...cur, state: cur.solutionShown ? 'done-with-help' : 'done', doneAt: nowMs };
    }
  }
  return { ...progress, tasks };
}

/** After a failed check the panel offers the next hint, one at a time. */
export function showNextHint(progress: LabProgress, lab: LabOutline, taskId: string): LabProgress {
  const task = lab.tasks.find((t) => t.id === taskId);
  const cur = progress.tasks[taskId];
  if (!task || !cur) return progress;
  const hintsShown = Math.min(task.hints.length, cur.hintsShown + 1);
  return { ...progress, tasks: { ...progress.tasks, [taskId]: { ...cur, hintsShown } } };
}

export function showSolution(progress: LabProgress, taskId: string): LabProgress {
  const cur = progress.tasks[taskId];
  if (!cur) return progress;
  return { ...progress, tasks: { ...progress.tasks, [taskId]: { ...cur, solutionShown: true } } };
}

export function summarize(progress: LabProgress): LabSummary {
  const all = Object.values(progress.tasks);
  return { tasks: all.length, tasksDone: all.filter((t) => t.state !== 'todo').length };
}

/** Parse stored progress defensively: a corrupt or outdated entry starts the lab afresh. */
export function restoreProgress(lab: LabOutline, stored: unknown): LabProgress {
  const fresh = newProgress(lab);
  if (!stored || typeof stored !== 'object' || (stored as LabProgress).lab !== lab.id) return fresh;
  const tasks = (stored as LabProgress).tasks ?? {};
  for (const id of Object.keys(fresh.tasks)) {
    const t = tasks[id];
    if (t && ['todo', 'done', 'done-with-help'].includes(t.state)) {
      fresh.tasks[id] = {
        state: t.state,
        hintsShown: Number.isInteger(t.hintsShown) ? t.hintsShown : 0,
        solutionShown: t.solutionShown === true,
        ...(typeof t.doneAt === 'number' ? { doneAt: t.doneAt } : {}),
      };
    }
  }
  return fresh;
}
