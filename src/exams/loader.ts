/**
 * Reads an exam file: YAML → schema-checked Exam, then each question against the lab it reuses (the
 * lab and task exist, one overlay per check, parameters the lab declares). Errors name the file, the
 * line and the field, as lab errors do:
 *   exams/mock-1/exam.yaml:40: questions[3].checks: the task has 2 checks; the question lists 3
 */
import { fieldName, lineOf, parseYamlFile, type LabLoadError } from '../labs/loader';
import { Exam } from './schema';
import { resolveQuestion, type LabSources } from './question';

export type ExamLoadError = LabLoadError;
export type ExamLoadResult = { ok: true; exam: Exam } | { ok: false; errors: ExamLoadError[] };

export function parseExam(file: string, text: string, labs: LabSources): ExamLoadResult {
  const { doc, lines, errors: syntax } = parseYamlFile(file, text);
  if (syntax.length) return { ok: false, errors: syntax };
  const at = (path: (string | number)[], message: string): ExamLoadError => ({ file, line: lineOf(doc.contents, path, lines), field: fieldName(path), message });
  const parsed = Exam.safeParse(doc.toJS());
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => at(i.path as (string | number)[], i.message)) };
  const exam = parsed.data;
  const errors: ExamLoadError[] = [];
  exam.questions.forEach((q, i) => {
    // Seed 0 renders the lab's defaults overridden by one draw: enough to prove every name resolves.
    const r = resolveQuestion(exam, i, labs, 0);
    if (!r.ok) for (const e of r.errors) errors.push(at(['questions', i, ...e.path], e.message));
  });
  return errors.length ? { ok: false, errors } : { ok: true, exam };
}
