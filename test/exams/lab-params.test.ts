/** Templated labs: every declared parameter is used, defaults leave no placeholder, variants differ. */
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../src/labs/loader';
import { placeholders } from '../../src/labs/template';
import { readLabSources } from '../../src/exams/files';
import { buildAttempt } from '../../src/exams/world';
import { readExam } from '../../src/exams/files';
import { addAttempt, attemptRecord, emptyHistory, missDrills } from '../../src/exams/history';
import { summarize, type QuestionScore } from '../../src/exams/score';

const labs = readLabSources();

for (const [id, source] of Object.entries(labs)) {
  const parsed = parseLab(`labs/${id}/lab.yaml`, source.text);
  if (!parsed.ok || !parsed.lab.params) continue;
  const params = parsed.lab.params;
  describe(`lab ${id} parameters`, () => {
    it('uses every declared parameter and renders without placeholders', () => {
      const used = new Set(placeholders(source.text));
      for (const name of Object.keys(params)) expect(used.has(name), `{{${name}}} is declared but unused`).toBe(true);
      const { params: _declared, ...rendered } = parsed.lab;
      expect(placeholders(JSON.stringify(rendered))).toEqual([]);
    });

    it('renders other values everywhere the default appeared', () => {
      // A variant keeps the default's shape: a number, an absolute path, or a name.
      const variant = (d: string | number, i: number) => (typeof d === 'number' ? 40000 + i : d.startsWith('/') ? `/zz-variant-${i}/file` : `zz-variant-${i}`);
      const values = Object.fromEntries(Object.keys(params).map((n, i) => [n, variant(params[n].default, i)]));
      const other = parseLab(`labs/${id}/lab.yaml`, source.text, values);
      expect(other.ok).toBe(true);
      if (!other.ok) return;
      const { params: _p, ...rendered } = other.lab;
      const text = JSON.stringify(rendered);
      for (const v of Object.values(values)) expect(text).toContain(String(v));
    });
  });
}

describe('retry my misses', () => {
  it('builds a playable attempt from the failed checks of a graded attempt', () => {
    const read = readExam('mock-1', labs);
    if ('error' in read) throw new Error(read.error);
    const plan = buildAttempt(read.exam, labs, 11, [0, 5, 13]);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    const questions: QuestionScore[] = plan.attempt.questions.map((q, i) => {
      const checks = q.task.checks.map((c, k) => ({ pass: i === 0 || k > 0, points: c.points ?? 1, earned: 0, message: c.explain!, explain: c.explain! }));
      checks.forEach((c) => (c.earned = c.pass ? c.points : 0));
      const points = checks.reduce((s, c) => s + c.points, 0);
      const earned = checks.reduce((s, c) => s + c.earned, 0);
      return { number: i + 1, bankIndex: q.bankIndex, lab: q.lab.id, task: q.task.id, title: q.task.title, host: q.question.host, domain: q.question.domain, weight: q.question.weight, points, earned, score: (q.question.weight * earned) / points, checks };
    });
    const history = addAttempt(emptyHistory(), attemptRecord(summarize('mock-1', 11, 66, questions), 0, 1));
    const drills = missDrills(history, 'mock-1');
    expect(drills.length).toBe(1);
    expect([...drills[0].bankIndexes].sort((a, b) => a - b)).toEqual([5, 13]);
    expect(drills[0].focus[5]).toEqual([0]);
    const drill = buildAttempt(read.exam, labs, 12, drills[0].bankIndexes);
    expect(drill.ok).toBe(true);
  });
});
