/**
 * The exam's messages between the exam page and the terminal worker (additive to protocol.ts). The
 * worker owns the attempt's worlds; the page owns the screen, the countdown and the history.
 */
import type { Bilingual } from '../../labs/schema';
import type { Domain } from '../../exams/schema';
import type { ExamScore } from '../../exams/score';
import type { ReviewQuestion } from '../../exams/review';
import type { AttemptMode, QuestionView } from '../../exams/view';

/** Exam: timed, no hints. Practice: untimed, hints, checks and solutions. Drill: one domain, fewer questions. */
export type ExamMode = AttemptMode;

export type ExamPageToWorker =
  /** Plan and boot an attempt (or, with resume, restore the saved one when it is the same attempt). */
  | { type: 'exam-start'; exam: string; seed: number; mode: ExamMode; domain?: Domain; questions?: number[]; resume?: boolean }
  /** Submit (or time-out): freeze every world, grade, review. `times` are ms per question. */
  | { type: 'exam-grade'; times?: number[] }
  /** Practice: grade one question (1-based) now. */
  | { type: 'exam-check'; n: number }
  /** Practice: the reference solution of one question. */
  | { type: 'exam-solution'; n: number };

export type ExamQuestionView = QuestionView;

export interface ExamAttemptView {
  exam: string;
  title: Bilingual;
  seed: number;
  mode: ExamMode;
  durationMinutes: number;
  passPercent: number;
  kubernetesVersion: string;
  /** Bank positions asked, in order ("retry this seed" with a drill replays them). */
  picks: number[];
  questions: ExamQuestionView[];
  notes: Bilingual[];
  setupErrors: string[];
}

/** A question's reference solution as typed on its host. */
export interface ExamSolution {
  number: number;
  host: string;
  steps: string[];
}

export type ExamWorkerToPage =
  | { type: 'exam-ready'; attempt: ExamAttemptView; restored: boolean; bootMs: number }
  | { type: 'exam-review'; score: ExamScore; review: ReviewQuestion[]; solutions: ExamSolution[] }
  | { type: 'exam-checked'; n: number; score: ExamScore }
  | { type: 'exam-solution'; solution: ExamSolution }
  | { type: 'exam-error'; message: string };
