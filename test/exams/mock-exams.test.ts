/**
 * Every exam, in CI: it loads; over 20 seeds every question renders completely (no placeholder left,
 * an explanation in both languages on every check); and on real worlds, a fresh start scores 0 for
 * every question and the rendered reference solution scores full marks.
 *
 * On every one of the 20 seeds every question of the bank is played on real worlds. Questions of one
 * lab build on each other and would collide on a host, so each seed runs in rounds: round r takes the
 * r-th question of every lab that has one (hosts restore from a snapshot, so a round costs seconds).
 */
import { describe, expect, it } from 'vitest';
import { examIds, readExam } from '../../src/exams/files';
import type { LabSources } from '../../src/exams/question';
import type { Exam } from '../../src/exams/schema';
import { gradeAttempt } from '../../src/exams/score';
import { buildAttempt, startExam, solveQuestion, planAttempt } from '../../src/exams/world';
import { runScript } from '../../src/runtime/session';

const SEEDS = Array.from({ length: 20 }, (_, i) => 1000 + i * 37);

/** Round r: the r-th bank question of every lab that has one (empty once every question was taken). */
function round(exam: Exam, r: number): number[] {
  const byLab = new Map<string, number[]>();
  exam.questions.forEach((q, i) => byLab.set(q.lab, [...(byLab.get(q.lab) ?? []), i]));
  return [...byLab.values()].flatMap((qs) => (r < qs.length ? [qs[r]] : []));
}

for (const id of examIds()) {
  const read = readExam(id);
  if ('error' in read) throw new Error(read.error);
  const { exam, labs } = read as { exam: Exam; labs: LabSources };

  describe(`exam ${id}`, () => {
    it('renders every question completely over 20 seeds', () => {
      for (const seed of SEEDS) {
        const plan = buildAttempt(exam, labs, seed, exam.questions.map((_, i) => i));
        expect(plan.ok, JSON.stringify(!plan.ok && plan.errors)).toBe(true);
        if (!plan.ok) continue;
        for (const q of plan.attempt.questions) {
          expect(JSON.stringify(q.task), `${q.lab.id}/${q.task.id}`).not.toMatch(/\{\{\s*[A-Za-z_]/);
          for (const c of q.task.checks) {
            expect(c.explain?.en.trim(), `${q.lab.id}/${q.task.id}`).toBeTruthy();
            expect(c.explain?.['zh-CN'].trim(), `${q.lab.id}/${q.task.id}`).toBeTruthy();
            expect(c.points).toBeGreaterThan(0);
          }
        }
      }
    });

    it('draws what the bank allows, one question per lab, and says so', () => {
      const labsInBank = new Set(exam.questions.map((q) => q.lab)).size;
      for (const seed of SEEDS) {
        const plan = planAttempt(exam, labs, seed);
        if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
        const n = plan.attempt.questions.length;
        expect(n).toBe(Math.min(labsInBank, plan.attempt.draw.wanted));
        expect(new Set(plan.attempt.questions.map((q) => q.lab.id)).size).toBe(n);
        if (n < exam.draw.min) expect(plan.attempt.draw.notes.map((x) => x.en).join('\n')).toContain(`one question per lab is drawn: ${n} questions`);
      }
    });

    it('retry this seed rebuilds the same attempt; a new seed draws another', () => {
      const summary = (seed: number) => {
        const plan = planAttempt(exam, labs, seed);
        if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
        return plan.attempt.questions.map((q) => `${q.bankIndex}:${JSON.stringify(q.values)}:${q.task.text.en}`);
      };
      for (const seed of SEEDS) expect(summary(seed)).toEqual(summary(seed));
      expect(new Set(SEEDS.map((s) => summary(s).join('|'))).size).toBeGreaterThan(SEEDS.length / 2);
    });

    const rounds = Array.from({ length: Math.max(...[...new Set(exam.questions.map((q) => q.lab))].map((lab) => exam.questions.filter((q) => q.lab === lab).length)) }, (_, r) => r);
    for (const seed of SEEDS) for (const r of rounds) {
      it(`seed ${seed}, round ${r + 1}: a fresh world scores 0 and the reference solutions score full marks`, async () => {
        const plan = buildAttempt(exam, labs, seed, round(exam, r));
        if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
        const { attempt } = plan;
        const worlds = await startExam(attempt);
        expect(worlds.setupErrors).toEqual([]);
        const before = await gradeAttempt(attempt, worlds);
        for (const q of before.questions) expect(q.earned, `${q.lab}/${q.task} on a fresh world`).toBe(0);
        expect(before.pass).toBe(false);
        for (let n = 1; n <= attempt.questions.length; n++) {
          for (const { step, run } of await solveQuestion(attempt, worlds, n)) expect(run.status, `${step}\n${run.stdout}${run.stderr}`).toBe(0);
        }
        const after = await gradeAttempt(attempt, worlds);
        const missing = after.questions.flatMap((q) => q.checks.filter((c) => !c.pass).map((c) => `${q.lab}/${q.task}: ${c.message.en}`));
        expect(missing).toEqual([]);
        expect(after.percent).toBe(100);
        expect(after.pass).toBe(true);
      }, 120_000);
    }

    it('plays every question of the bank on every seed', () => {
      const played = rounds.flatMap((r) => round(exam, r)).sort((a, b) => a - b);
      expect(played).toEqual(exam.questions.map((_, i) => i));
    });

    it('scores work done on the wrong host as zero and says where it was found', async () => {
      const rbac = exam.questions.findIndex((q) => q.lab === 'rbac-basics' && q.task === 'account');
      const other = exam.questions.findIndex((q) => q.lab === 'architecture-tour');
      if (rbac < 0 || other < 0) return;
      const plan = buildAttempt(exam, labs, 7, [rbac, other]);
      if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
      const { attempt } = plan;
      const worlds = await startExam(attempt);
      const wrongHost = attempt.questions[1].question.host;
      for (const step of attempt.questions[0].task.solution) await runScript(worlds.hosts[wrongHost], 'cka01', typeof step === 'string' ? step : step.run);
      const score = await gradeAttempt(attempt, worlds);
      expect(score.questions[0].earned).toBe(0);
      expect(score.questions[0].checks.map((c) => c.foundOn)).toEqual([wrongHost, wrongHost]);
    }, 120_000);
  });
}

describe('the bank of mock-1', () => {
  it('holds at least 40 questions from at least 17 labs over all five domains, with harder ones tagged', () => {
    const read = readExam('mock-1');
    if ('error' in read) throw new Error(read.error);
    const { questions } = read.exam;
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(questions.map((q) => q.lab)).size).toBeGreaterThanOrEqual(17);
    expect(new Set(questions.map((q) => q.domain))).toEqual(new Set(['storage', 'troubleshooting', 'workloads-scheduling', 'cluster-architecture', 'services-networking']));
    expect(questions.some((q) => q.level === 'harder')).toBe(true);
    expect(questions.some((q) => q.level === 'exam-level')).toBe(true);
  });
});
