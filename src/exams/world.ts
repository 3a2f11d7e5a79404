/**
 * The exam's worlds. Design (kept deliberately simple):
 *
 *   - Every exam host (`cka7305`, …) is a world of its own: a whole scenario (three machines cka01–03
 *     for `cluster`), booted from the attempt seed plus the host's seed. `ssh cka7305` from the base
 *     machine lands on that world's control plane, cka01, where the question is solved.
 *   - The learner starts as `candidate@base` with no kubeconfig; `base` is a terminal-side machine with
 *     only ssh to the hosts (built by the browser session, not here: headless grading needs only the
 *     host worlds).
 *   - A question's starting state is its lab's setup plus the reference solutions of the lab tasks
 *     before its own, all rendered with the question's parameters, run as root on its host's world.
 *     An attempt never draws two questions from one lab, so questions sharing a host cannot collide.
 *   - Checks already passing on a question's own host at the start are guards (least privilege, keep
 *     the workload Ready): they earn their points only once the question's other checks earn some, so
 *     an untouched question scores 0.
 *   - Before the learner types anything, the checks that could reveal work done on the wrong host
 *     (objects, Pods, files) are run on every other host: the baseline. Later, a failed check that
 *     passes on another host where it did not pass at the start means the work was done there.
 */
import type { Check, Lab, Step } from '../labs/schema';
import { gradeLab } from '../labs/grader';
import { gradeTargetFor, stepOf } from '../runtime/labs';
import { runScript, worldFromSnapshot, type CapturedRun } from '../runtime/session';
import { prepareExamHost } from '../runtime/exam-session';
import type { World } from '../sim/world';
import { drawQuestions, type DrawResult } from './draw';
import { resolveQuestion, type LabSources, type QuestionError, type ResolvedQuestion } from './question';
import { DOMAINS, type Domain, type Exam } from './schema';

export interface ExamAttempt {
  exam: Exam;
  /** Shown to the learner: "retry this seed" rebuilds the same questions, variants and worlds. */
  seed: number;
  draw: DrawResult;
  /** In the order asked; question n is `questions[n - 1]`. */
  questions: ResolvedQuestion[];
}

export interface ExamWorlds {
  hosts: Record<string, World>;
  /** Output of setup steps that failed: a broken question, reported rather than hidden. */
  setupErrors: string[];
  /** `${questionIndex}:${checkIndex}@${host}` for wrong-host-sensitive checks passing at the start. */
  baseline: Set<string>;
  /** `${questionIndex}:${checkIndex}` for checks already passing on the question's own host at the start:
   *  guards ("may not delete", "keeps 4 replicas Ready") that only count once the work is begun. */
  guards: Set<string>;
}

/** Plan an attempt: draw the questions and render their variants. Same exam + seed → same attempt. */
export function planAttempt(exam: Exam, labs: LabSources, seed: number): AttemptPlan {
  return buildAttempt(exam, labs, seed, drawQuestions(exam.questions, seed, exam.draw));
}

export type AttemptPlan = { ok: true; attempt: ExamAttempt } | { ok: false; errors: (QuestionError & { question: number })[] };

/** An attempt of chosen bank questions (drills, tests): variants still come from the seed. */
export function buildAttempt(exam: Exam, labs: LabSources, seed: number, draw: DrawResult | number[]): AttemptPlan {
  const d: DrawResult = Array.isArray(draw) ? { picks: draw, wanted: draw.length, quotas: quotasOf(exam, draw), notes: [] } : draw;
  const questions: ResolvedQuestion[] = [];
  const errors: (QuestionError & { question: number })[] = [];
  for (const i of d.picks) {
    const r = resolveQuestion(exam, i, labs, seed);
    if (r.ok) questions.push(r.resolved);
    else errors.push(...r.errors.map((e) => ({ ...e, question: i })));
  }
  return errors.length ? { ok: false, errors } : { ok: true, attempt: { exam, seed, draw: d, questions } };
}

function quotasOf(exam: Exam, picks: number[]): Record<Domain, number> {
  const q = Object.fromEntries(DOMAINS.map((d) => [d, 0])) as Record<Domain, number>;
  for (const i of picks) q[exam.questions[i].domain] += 1;
  return q;
}

/** A fresh seed for "new exam" (the caller supplies the randomness: tests and the CLI pass their own). */
export function newSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 1_000_000);
}

async function runSteps(world: World, lab: Lab, steps: Step[]): Promise<{ step: string; run: CapturedRun }[]> {
  const out: { step: string; run: CapturedRun }[] = [];
  for (const s of steps) {
    const { host, user, run } = stepOf(s, lab);
    out.push({ step: `${host}$ ${run}`, run: await runScript(world, host, run, user) });
  }
  return out;
}

/** Checks whose passing on another host means "the work was done there". */
export function revealsWrongHost(check: Check): boolean {
  return check.type === 'object' || check.type === 'pods' || check.type === 'file';
}

/** Boot every host that has a question and set each question up on it. */
export async function startExam(attempt: ExamAttempt): Promise<ExamWorlds> {
  const hosts: Record<string, World> = {};
  const setupErrors: string[] = [];
  for (const q of attempt.questions) {
    const spec = attempt.exam.hosts.find((h) => h.id === q.question.host)!;
    if (hosts[spec.id]) continue;
    // From one snapshot of the scenario, each host with randomness of its own (see worldFromSnapshot).
    hosts[spec.id] = worldFromSnapshot(spec.scenario, attempt.seed + spec.seed);
    // The candidate's account and kubeconfig, so `ssh <host>` from base works as on the exam.
    await prepareExamHost(hosts[spec.id]);
  }
  for (const [n, q] of attempt.questions.entries()) {
    const world = hosts[q.question.host];
    for (const f of q.lab.setup.files) {
      const machine = world.resolveHost(f.host);
      const text = q.files[f.from];
      if (!machine || text === undefined) {
        setupErrors.push(`question ${n + 1}: file ${f.from} → ${f.host}:${f.path}: ${machine ? 'missing lab file' : 'unknown host'}`);
        continue;
      }
      machine.rootFs.mkdir(f.path.replace(/\/[^/]*$/, '') || '/', { recursive: true });
      machine.rootFs.writeFile(f.path, text);
      if (f.mode) machine.rootFs.chmod(f.path, parseInt(f.mode, 8));
    }
    const steps = [...q.lab.setup.steps, ...q.before.flatMap((t) => t.solution)];
    for (const { step, run } of await runSteps(world, q.lab, steps)) {
      if (run.status !== 0) setupErrors.push(`question ${n + 1} on ${q.question.host}: ${step}\n${run.stdout}${run.stderr}(exit ${run.status})`);
    }
  }
  const baseline = new Set<string>();
  const guards = new Set<string>();
  for (const [n, q] of attempt.questions.entries()) {
    for (const [c, check] of q.task.checks.entries()) {
      if (await passesOn(hosts[q.question.host], q.lab, check)) guards.add(`${n}:${c}`);
      if (!revealsWrongHost(check)) continue;
      for (const [host, world] of Object.entries(hosts)) {
        if (host !== q.question.host && (await passesOn(world, q.lab, check))) baseline.add(`${n}:${c}@${host}`);
      }
    }
  }
  return { hosts, setupErrors, baseline, guards };
}

/** Does one check pass on a world? */
export async function passesOn(world: World, lab: Lab, check: Check): Promise<boolean> {
  const task = { id: 'probe', title: lab.title, text: lab.title, checks: [check], hints: [], solution: ['true'] };
  const r = await gradeLab({ ...lab, tasks: [task] }, gradeTargetFor(world));
  return r.pass;
}

/** Type question n's reference solution (1-based) on its host, as the learner would. */
export async function solveQuestion(attempt: ExamAttempt, worlds: ExamWorlds, n: number): Promise<{ step: string; run: CapturedRun }[]> {
  const q = attempt.questions[n - 1];
  return runSteps(worlds.hosts[q.question.host], q.lab, q.task.solution);
}
