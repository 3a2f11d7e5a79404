/** What the exam page shows of an attempt: both languages, hints only where the mode gives them. */
import { docsLinksFor, type DocsLink } from './docs-links';
import type { Bilingual } from '../labs/schema';
import type { Domain } from './schema';
import type { ExamAttempt } from './world';

export type AttemptMode = 'exam' | 'practice' | 'drill';

export interface QuestionView {
  number: number;
  bankIndex: number;
  /** The lab task it reuses (the history and tests name questions by it). */
  lab: string;
  task: string;
  host: string;
  weight: number;
  domain: Domain;
  title: Bilingual;
  text: Bilingual;
  hints: Bilingual[];
  docs: DocsLink[];
}

export function questionViews(attempt: ExamAttempt, mode: AttemptMode): QuestionView[] {
  return attempt.questions.map((q, i) => ({
    number: i + 1,
    bankIndex: q.bankIndex,
    lab: q.lab.id,
    task: q.task.id,
    host: q.question.host,
    weight: q.question.weight,
    domain: q.question.domain,
    title: q.task.title,
    text: q.task.text,
    // The exam gives no hints; practice and drills do.
    hints: mode === 'exam' ? [] : q.task.hints,
    docs: docsLinksFor(q.task),
  }));
}
