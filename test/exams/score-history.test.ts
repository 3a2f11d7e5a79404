import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarize, type QuestionScore } from '../../src/exams/score';
import { buildReview, formatReview, gradedPart, timePerQuestion } from '../../src/exams/review';
import {
  addAttempt,
  attemptRecord,
  domainTrend,
  emptyHistory,
  exportHistory,
  importHistory,
  mergeHistories,
  missDrills,
} from '../../src/exams/history';
import type { Domain } from '../../src/exams/schema';

const say = (en: string) => ({ en, 'zh-CN': en });

function question(number: number, lab: string, domain: Domain, weight: number, checks: [boolean, number][], foundOn?: string): QuestionScore {
  const cs = checks.map(([pass, points]) => ({ pass, points, earned: pass ? points : 0, message: say(pass ? 'ok' : 'wrong'), explain: say(`check of ${lab}`), expected: '"a"', actual: '"b"', foundOn }));
  const points = cs.reduce((s, c) => s + c.points, 0);
  const earned = cs.reduce((s, c) => s + c.earned, 0);
  return { number, bankIndex: number + 10, lab, task: 't', title: say(`Q ${lab}`), host: `h${number}`, domain, weight, points, earned, score: (weight * earned) / points, checks: cs };
}

describe('summarize', () => {
  const qs = [
    question(1, 'a', 'troubleshooting', 8, [[true, 1], [false, 1]]),
    question(2, 'b', 'storage', 4, [[true, 2]]),
    question(3, 'c', 'troubleshooting', 4, [[false, 3]], 'cka9999'),
  ];
  const score = summarize('mock', 9, 66, qs);

  it('gives partial credit by weight and raw points', () => {
    expect(score.score).toBe(8);
    expect(score.weight).toBe(16);
    expect(score.percent).toBe(50);
    expect(score.pass).toBe(false);
    expect([score.earned, score.points]).toEqual([3, 7]);
  });

  it('scores domains, null when absent', () => {
    expect(score.domains.troubleshooting).toEqual({ score: 4, weight: 12, percent: 33.33 });
    expect(score.domains.storage.percent).toBe(100);
    expect(score.domains['services-networking'].percent).toBeNull();
  });

  it('passes at the pass mark', () => {
    expect(summarize('m', 1, 66, [question(1, 'a', 'storage', 100, [[true, 66], [false, 34]])]).pass).toBe(true);
    expect(summarize('m', 1, 66, [question(1, 'a', 'storage', 100, [[true, 65], [false, 35]])]).pass).toBe(false);
  });

  it('reviews failed checks with expected, found and the host where the work was done', () => {
    const text = formatReview(score, buildReview(score, [60_000, 30_000, 5_000]));
    expect(text).toContain('mock (seed 9): FAIL — Score 50% (66%), raw points 3/7');
    expect(text).toContain('Question 1 [h1, Troubleshooting, weight 8] Q a: 1/2 points, time 1m00s');
    expect(text).toContain('Domains: Storage 100%, Troubleshooting 33.33%');
    expect(formatReview(score, buildReview(score), 'zh-CN')).toContain('题目 1 [h1, 故障排查, 权重 8]');
    expect(text).toContain('expected: "a"    found: "b"');
    expect(text).toContain("you created it on cka9999, not on the question's host");
    expect(text).toContain('  ✔ all checks pass');
  });
});

describe('timePerQuestion', () => {
  it('adds up visits and stops at the end', () => {
    const t = timePerQuestion([{ question: 1, at: 0 }, { question: 2, at: 100 }, { question: 1, at: 250 }, { question: 3, at: 900 }], 1000, 3);
    expect(t).toEqual([750, 150, 100]);
  });
  it('never exceeds the attempt duration in total', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ question: fc.integer({ min: 0, max: 5 }), at: fc.integer({ min: 0, max: 10_000 }) })), (timeline) => {
        const total = timePerQuestion(timeline, 10_000, 4).reduce((s, x) => s + x, 0);
        expect(total).toBeLessThanOrEqual(10_000);
      }),
    );
  });
});

describe('gradedPart', () => {
  it('keeps the lines of the graded key of a file', () => {
    expect(gradedPart('a: 1\n  image: x:v1\nb: 2', 'matches /image: y/')).toBe('image: x:v1 …');
    expect(gradedPart('one line', 'matches /x/')).toBe('one line');
  });
});

describe('history', () => {
  const first = summarize('mock', 1, 66, [question(1, 'a', 'storage', 4, [[false, 1], [true, 1]]), question(2, 'b', 'storage', 4, [[false, 2]])]);
  const second = summarize('mock', 2, 66, [question(1, 'a', 'storage', 4, [[true, 1], [true, 1]]), question(2, 'c', 'troubleshooting', 4, [[false, 1]])]);
  let h = addAttempt(emptyHistory(), attemptRecord(first, 1000, 2000, [500, 500]));
  h = addAttempt(h, attemptRecord(second, 3000, 4000));

  it('records attempts with seeds, per-check results and times, once each', () => {
    expect(h.attempts.map((a) => a.seed)).toEqual([1, 2]);
    expect(h.attempts[0].questions[0].checks).toEqual([{ pass: false, points: 1, earned: 0 }, { pass: true, points: 1, earned: 1 }]);
    expect(h.attempts[0].questions[1].timeMs).toBe(500);
    expect(addAttempt(h, h.attempts[0]).attempts.length).toBe(2);
  });

  it('trends per domain', () => {
    const t = domainTrend(h, 'mock');
    expect(t.storage.map((p) => p.percent)).toEqual([25, 100]);
    expect(t.troubleshooting.map((p) => p.percent)).toEqual([0]);
  });

  it('drills the latest misses, one question per lab per round', () => {
    // Bank 11 (lab a) was fixed in the second attempt; bank 12 (lab b and lab c) still fail.
    const drills = missDrills(h, 'mock');
    expect(drills).toEqual([{ exam: 'mock', bankIndexes: [12], focus: { 12: [0] } }]);
  });

  it('exports and imports losslessly and rejects bad files', () => {
    const back = importHistory(exportHistory(h));
    expect(back).toEqual({ ok: true, history: h });
    expect(importHistory('{')).toMatchObject({ ok: false });
    expect(importHistory('{"version":2,"attempts":[]}')).toEqual({ ok: false, error: 'version: Invalid literal value, expected 1' });
    expect(mergeHistories(h, h).attempts.length).toBe(2);
  });
});
