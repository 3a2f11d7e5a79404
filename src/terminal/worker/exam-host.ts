/**
 * The exam in the terminal worker: plans an attempt from the bundled exam, boots its host worlds and
 * the candidate's base machine, and puts `candidate@base` on the screen; grades (freezing every world
 * first), checks one question in practice, and shows reference solutions. The attempt's worlds are
 * saved under an exam key, so a reload in the middle of an attempt finds the work as it was.
 */
import { bootExamBase, openExamSession } from '../../runtime/exam-session';
import { connectToServer } from '../../runtime/network';
import type { Session } from '../../shell/session';
import type { ApiTransport } from '../../sim/apiserver/types';
import { World, type WorldJSON } from '../../sim/world';
import { drawQuestions } from '../../exams/draw';
import { drillPicks, validPicks } from '../../exams/drill';
import { gradeQuestion, solutionSteps } from '../../exams/practice';
import { buildReview } from '../../exams/review';
import { gradeAttempt } from '../../exams/score';
import { questionViews } from '../../exams/view';
import { buildAttempt, startExam, type ExamAttempt, type ExamWorlds } from '../../exams/world';
import type { ExamAttemptView, ExamPageToWorker, ExamSolution } from './exam-protocol';
import { loadBundledExam } from './exam-sources';
import type { WorkerToPage } from './protocol';
import type { SnapshotCache } from './snapshot-cache';

/** Where kubeadm clusters of the exam hosts listen (each host's control plane cka01). */
const API_SERVER_URL = 'https://192.168.6.171:6443';

/** What the exam needs of the terminal host. */
export interface ExamTerminal {
  post(message: WorkerToPage): void;
  runSession(session: Session, worlds: readonly World[], transport: () => ApiTransport | undefined, started?: number): Promise<void>;
  /** Stop the session on the screen and every clock (the worlds freeze as they are). */
  stop(): void;
  clearScreen(): void;
  snapshots: SnapshotCache;
  buildId: string;
  columns(): number;
  now(): number;
}

/** What is saved of a running attempt (the attempt itself is planned again from exam + seed + picks). */
interface SavedAttempt {
  key: string;
  finished?: boolean;
  base?: WorldJSON;
  hosts?: Record<string, WorldJSON>;
  guards?: string[];
  baseline?: string[];
  setupErrors?: string[];
}

interface Running {
  key: string;
  attempt: ExamAttempt;
  mode: ExamAttemptView['mode'];
  worlds: ExamWorlds;
  base: World;
  finished: boolean;
}

type StartMessage = Extract<ExamPageToWorker, { type: 'exam-start' }>;

/** Identifies an attempt: the same exam, seed, mode and questions rebuild the same worlds. */
export function attemptKey(exam: string, seed: number, mode: string, picks: readonly number[]): string {
  return `${exam}/${seed}/${mode}/${picks.join(',')}`;
}

export class ExamDriver {
  private running: Running | undefined;

  constructor(private readonly term: ExamTerminal) {}

  /** An attempt is on the screen and not yet submitted. */
  get active(): boolean {
    return this.running !== undefined && !this.running.finished;
  }

  private storageKey(exam: string): string {
    return `exam:${exam}@${this.term.buildId}`;
  }

  async handle(message: ExamPageToWorker): Promise<void> {
    try {
      switch (message.type) {
        case 'exam-start':
          return await this.start(message);
        case 'exam-grade':
          return await this.grade(message.times ?? []);
        case 'exam-check':
          return await this.check(message.n);
        case 'exam-solution':
          return this.solution(message.n);
      }
    } catch (err) {
      this.term.post({ type: 'exam-error', message: String((err as Error)?.message ?? err) });
    }
  }

  private async start(message: StartMessage): Promise<void> {
    const started = this.term.now();
    const read = await loadBundledExam(message.exam);
    if ('error' in read) return this.term.post({ type: 'exam-error', message: read.error });
    const { exam, labs } = read;
    const picks = message.questions?.length
      ? validPicks(exam, message.questions)
      : message.mode === 'drill' && message.domain
        ? drillPicks(exam, message.domain, message.seed)
        : drawQuestions(exam.questions, message.seed, exam.draw);
    const plan = buildAttempt(exam, labs, message.seed, picks);
    if (!plan.ok) return this.term.post({ type: 'exam-error', message: plan.errors.map((e) => `question ${e.question}: ${e.path.join('.')}: ${e.message}`).join('\n') });
    const attempt = plan.attempt;
    const key = attemptKey(exam.id, message.seed, message.mode, attempt.draw.picks);

    if (this.running) this.running.finished = true;
    this.term.stop();
    this.term.clearScreen();
    const saved = message.resume ? await this.term.snapshots.get(this.storageKey(exam.id)) : undefined;
    const restored = restore(saved as unknown as SavedAttempt | undefined, key);
    const worlds = restored?.worlds ?? (await startExam(attempt));
    const base = restored?.base ?? bootExamBase(message.seed);
    this.running = { key, attempt, mode: message.mode, worlds, base, finished: false };
    if (!restored) await this.save();

    const session = openExamSession(base, worlds.hosts, { columns: this.term.columns() });
    const all = [base, ...Object.values(worlds.hosts)];
    // Completion asks the cluster of the machine the learner is on (none on base: no kubeconfig there).
    const transport = () => {
      const machine = session.machine;
      const world = Object.values(worlds.hosts).find((w) => [...w.machines.values()].includes(machine));
      return world ? (connectToServer(world, API_SERVER_URL, machine.hostname) ?? undefined) : undefined;
    };
    await this.term.runSession(session, all, transport, started);
    this.term.post({ type: 'exam-ready', attempt: this.view(), restored: restored !== undefined, bootMs: this.term.now() - started });
  }

  private view(): ExamAttemptView {
    const { attempt, mode, worlds } = this.running!;
    return {
      exam: attempt.exam.id,
      title: attempt.exam.title,
      seed: attempt.seed,
      mode,
      durationMinutes: attempt.exam.durationMinutes,
      passPercent: attempt.exam.passPercent,
      kubernetesVersion: attempt.exam.kubernetesVersion,
      picks: attempt.draw.picks,
      questions: questionViews(attempt, mode),
      notes: attempt.draw.notes,
      setupErrors: worlds.setupErrors,
    };
  }

  /** Save the attempt's worlds (the page calls this every few seconds after typing). */
  async save(): Promise<void> {
    const r = this.running;
    if (!r || r.finished) return;
    const json = (w: World) => JSON.parse(JSON.stringify(w.toJSON())) as WorldJSON;
    const data: SavedAttempt = {
      key: r.key,
      base: json(r.base),
      hosts: Object.fromEntries(Object.entries(r.worlds.hosts).map(([id, w]) => [id, json(w)])),
      guards: [...r.worlds.guards],
      baseline: [...r.worlds.baseline],
      setupErrors: r.worlds.setupErrors,
    };
    await this.term.snapshots.put(this.storageKey(r.attempt.exam.id), data as unknown as WorldJSON);
  }

  /** Submit or time-out: every world stops where it is, then the attempt is graded on them. */
  private async grade(times: number[]): Promise<void> {
    const r = this.running;
    if (!r) return this.term.post({ type: 'exam-error', message: 'no exam is running' });
    r.finished = true;
    this.term.stop();
    const finished: SavedAttempt = { key: r.key, finished: true };
    await this.term.snapshots.put(this.storageKey(r.attempt.exam.id), finished as unknown as WorldJSON);
    const score = await gradeAttempt(r.attempt, r.worlds);
    const solutions: ExamSolution[] = r.attempt.questions.map((q, i) => ({ number: i + 1, host: q.question.host, steps: solutionSteps(r.attempt, i + 1) }));
    this.term.post({ type: 'exam-review', score, review: buildReview(score, times), solutions });
  }

  private async check(n: number): Promise<void> {
    const r = this.running;
    if (!r || r.finished) return this.term.post({ type: 'exam-error', message: 'no exam is running' });
    if (r.mode === 'exam') return this.term.post({ type: 'exam-error', message: 'checks are not available in exam mode' });
    if (!(n >= 1 && n <= r.attempt.questions.length)) return this.term.post({ type: 'exam-error', message: `no question ${n}` });
    this.term.post({ type: 'exam-checked', n, score: await gradeQuestion(r.attempt, r.worlds, n) });
  }

  private solution(n: number): void {
    const r = this.running;
    if (!r) return this.term.post({ type: 'exam-error', message: 'no exam is running' });
    if (r.mode === 'exam' && !r.finished) return this.term.post({ type: 'exam-error', message: 'solutions are shown after the exam' });
    if (!(n >= 1 && n <= r.attempt.questions.length)) return this.term.post({ type: 'exam-error', message: `no question ${n}` });
    this.term.post({ type: 'exam-solution', solution: { number: n, host: r.attempt.questions[n - 1].question.host, steps: solutionSteps(r.attempt, n) } });
  }
}

/** The saved worlds of this attempt, or undefined when the save is of another attempt, finished or unreadable. */
function restore(saved: SavedAttempt | undefined, key: string): { worlds: ExamWorlds; base: World } | undefined {
  if (!saved || saved.key !== key || saved.finished || !saved.base || !saved.hosts) return undefined;
  try {
    const hosts = Object.fromEntries(Object.entries(saved.hosts).map(([id, json]) => [id, World.fromJSON(json)]));
    return {
      base: World.fromJSON(saved.base),
      worlds: { hosts, guards: new Set(saved.guards ?? []), baseline: new Set(saved.baseline ?? []), setupErrors: saved.setupErrors ?? [] },
    };
  } catch {
    return undefined; // saved by code that reads it no more: start the attempt afresh
  }
}
