/**
 * A question made concrete: its lab rendered with the parameters drawn for this attempt, its task with
 * the exam's points and explanations on every check, and the tasks before it in the lab (their
 * reference solutions are part of the question's starting state, as a lab learner would have done them).
 */
import { formatLabErrors, parseLab } from '../labs/loader';
import type { Lab, Task } from '../labs/schema';
import { drawParams, renderTree, type ParamGenerator, type ParamValues } from '../labs/template';
import type { Exam, Question } from './schema';

/** Lab files by lab id: lab.yaml's text and the files under labs/<id>/files/. */
export type LabSources = Record<string, { text: string; files: Record<string, string> }>;

export interface ResolvedQuestion {
  /** Position in the exam's question bank. */
  bankIndex: number;
  question: Question;
  /** The parameter values of this variant (defaults overridden by the draw). */
  values: ParamValues;
  /** The lab rendered with `values`. */
  lab: Lab;
  /** The question's task, its checks carrying the exam's points and explanations. */
  task: Task;
  /** Tasks of the lab before this one: their solutions run during setup. */
  before: Task[];
  files: Record<string, string>;
}

export interface QuestionError {
  path: (string | number)[];
  message: string;
}

/** The seed of one question's parameters in an attempt: stable per attempt seed and bank position. */
export function questionSeed(attemptSeed: number, exam: Exam, bankIndex: number): string {
  return `${exam.id}/${attemptSeed}/${bankIndex}`;
}

export function resolveQuestion(
  exam: Exam,
  bankIndex: number,
  labs: LabSources,
  attemptSeed: number,
): { ok: true; resolved: ResolvedQuestion } | { ok: false; errors: QuestionError[] } {
  const question = exam.questions[bankIndex];
  const source = labs[question.lab];
  if (!source) return { ok: false, errors: [{ path: ['lab'], message: `unknown lab "${question.lab}" (known: ${Object.keys(labs).sort().join(', ')})` }] };
  const file = `labs/${question.lab}/lab.yaml`;
  const plain = parseLab(file, source.text);
  if (!plain.ok) return { ok: false, errors: [{ path: ['lab'], message: formatLabErrors(plain.errors) }] };
  const declared = plain.lab.params ?? {};
  const errors: QuestionError[] = [];
  for (const name of Object.keys(question.params)) {
    if (!(name in declared)) errors.push({ path: ['params', name], message: `lab ${question.lab} declares no parameter "${name}" (declared: ${Object.keys(declared).join(', ') || 'none'})` });
  }
  if (errors.length) return { ok: false, errors };

  const generators: Record<string, ParamGenerator> = {};
  for (const [name, p] of Object.entries(declared)) if (p.gen) generators[name] = p.gen;
  Object.assign(generators, question.params);
  const defaults: ParamValues = Object.fromEntries(Object.entries(declared).map(([n, p]) => [n, p.default]));
  const drawn = drawParams(generators, questionSeed(attemptSeed, exam, bankIndex), defaults);
  if (drawn.errors.length) return { ok: false, errors: drawn.errors.map((m) => ({ path: ['params'], message: m })) };

  const rendered = parseLab(file, source.text, drawn.values);
  if (!rendered.ok) return { ok: false, errors: [{ path: ['params'], message: formatLabErrors(rendered.errors) }] };
  const lab = rendered.lab;
  const at = lab.tasks.findIndex((t) => t.id === question.task);
  if (at < 0) return { ok: false, errors: [{ path: ['task'], message: `lab ${lab.id} has no task "${question.task}" (tasks: ${lab.tasks.map((t) => t.id).join(', ')})` }] };
  const task = lab.tasks[at];
  if (task.checks.length !== question.checks.length) {
    return { ok: false, errors: [{ path: ['checks'], message: `task ${lab.id}/${task.id} has ${task.checks.length} checks; the question lists ${question.checks.length}` }] };
  }
  // Explanations may name the variant's objects too.
  const overlays = renderTree(question.checks, drawn.values);
  if (!overlays.ok) return { ok: false, errors: [{ path: ['checks'], message: `unknown template parameter "${overlays.unknown.join('", "')}"` }] };
  const checks = task.checks.map((c, i) => ({ ...c, points: overlays.value[i].points, explain: overlays.value[i].explain }));
  return {
    ok: true,
    resolved: { bankIndex, question, values: drawn.values, lab, task: { ...task, checks }, before: lab.tasks.slice(0, at), files: source.files },
  };
}
