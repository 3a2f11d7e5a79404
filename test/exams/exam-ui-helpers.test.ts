/** Pure helpers of the exam page and the exam's UI-facing engine helpers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segments } from '../../src/components/exam/task-text';
import { formatDuration, warningLevel, warningsDue } from '../../src/components/exam/countdown';
import { ATTEMPT_KEY, HISTORY_KEY, loadAttempt, loadHistory, saveAttempt, toggleFlag, type RunningAttempt } from '../../src/components/exam/attempt-store';
import { weakestDomains } from '../../src/components/exam/history-view';
import { examStrings } from '../../src/components/exam/strings';
import { docsLinksFor } from '../../src/exams/docs-links';
import { drillMinutes, drillPicks, validPicks } from '../../src/exams/drill';
import { newSeed } from '../../src/exams/seed';
import { emptyHistory, type AttemptRecord } from '../../src/exams/history';
import type { Exam } from '../../src/exams/schema';

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

describe('question text', () => {
  it('splits code spans from text', () => {
    expect(segments('Create the namespace `dev` and the ServiceAccount `ci-bot`.')).toEqual([
      { kind: 'text', text: 'Create the namespace ' },
      { kind: 'code', text: 'dev' },
      { kind: 'text', text: ' and the ServiceAccount ' },
      { kind: 'code', text: 'ci-bot' },
      { kind: 'text', text: '.' },
    ]);
    expect(segments('an unclosed `tick stays text')).toEqual([{ kind: 'text', text: 'an unclosed `tick stays text' }]);
  });

  it('loses no character (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const joined = segments(text).map((s) => (s.kind === 'code' ? `\`${s.text}\`` : s.text)).join('');
        expect(joined).toBe(text);
      }),
    );
  });
});

describe('countdown', () => {
  it('warns once at 30, 15 and 5 minutes', () => {
    expect(warningsDue(31 * 60_000, [])).toEqual([]);
    expect(warningsDue(30 * 60_000, [])).toEqual([30]);
    expect(warningsDue(29 * 60_000, [30])).toEqual([]);
    // A reload after a long pause announces every threshold passed meanwhile.
    expect(warningsDue(4 * 60_000, [30])).toEqual([15, 5]);
    expect(warningsDue(0, [])).toEqual([]);
    expect(warningLevel(14 * 60_000)).toBe(15);
    expect(warningLevel(4 * 60_000)).toBe(5);
    expect(warningLevel(40 * 60_000)).toBeUndefined();
  });

  it('formats review times', () => {
    expect(formatDuration(75_000)).toBe('1m 15s');
    expect(formatDuration(3_900_000)).toBe('1h 05m');
  });
});

describe('attempt store', () => {
  const attempt: RunningAttempt = {
    exam: 'mock-1',
    seed: 42,
    mode: 'exam',
    picks: [0, 5],
    multiplier: 1.5,
    clock: { startedAt: 1000, durationMs: 180 * 60_000, timeline: [{ question: 1, at: 1000 }] },
    flags: [2],
    visited: [1, 2],
    current: 2,
    warned: [],
  };

  it('keeps the running attempt across a reload and reads bad entries as nothing', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    saveAttempt(storage, attempt);
    expect(loadAttempt(storage)).toEqual(attempt);
    storage.setItem(ATTEMPT_KEY, '{"exam":"mock-1"}');
    expect(loadAttempt(storage)).toBeUndefined();
    storage.setItem(ATTEMPT_KEY, 'not json');
    expect(loadAttempt(storage)).toBeUndefined();
    saveAttempt(storage, undefined);
    expect(storage.getItem(ATTEMPT_KEY)).toBeNull();
    storage.setItem(HISTORY_KEY, '{"version":2}');
    expect(loadHistory(storage)).toEqual(emptyHistory());
    expect(loadAttempt(undefined)).toBeUndefined();
  });

  it('toggles flags', () => {
    expect(toggleFlag([3], 1)).toEqual([1, 3]);
    expect(toggleFlag([1, 3], 1)).toEqual([3]);
  });
});

describe('history view', () => {
  it('names the weakest domains by their average', () => {
    const record = (startedAt: number, domains: AttemptRecord['domains']): AttemptRecord => ({ exam: 'mock-1', seed: 1, startedAt, endedAt: startedAt + 1, percent: 50, pass: false, domains, questions: [] });
    const none = { 'storage': null, 'troubleshooting': null, 'workloads-scheduling': null, 'cluster-architecture': null, 'services-networking': null };
    const history = { version: 1 as const, attempts: [record(1, { ...none, storage: 20, troubleshooting: 90 }), record(2, { ...none, storage: 60, 'services-networking': 30 })] };
    expect(weakestDomains(history, 'mock-1')).toEqual(['services-networking', 'storage']);
    expect(weakestDomains(history, 'other')).toEqual([]);
  });
});

describe('strings', () => {
  it('has every key in both languages, with the same placeholders', () => {
    const en = examStrings('en');
    const zh = examStrings('zh-CN');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const holes = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(holes(zh[key]), key).toEqual(holes(en[key]));
  });
});

describe('drills and picks', () => {
  const q = (lab: string, domain: Exam['questions'][number]['domain']) => ({ lab, task: 't', host: 'h', domain, weight: 1, params: {}, checks: [] });
  const exam = { questions: [q('a', 'storage'), q('a', 'storage'), q('b', 'storage'), q('c', 'troubleshooting'), q('d', 'storage')] } as unknown as Exam;

  it('draws one question per lab of the domain, the same for the same seed', () => {
    const picks = drillPicks(exam, 'storage', 7);
    expect(picks).toEqual(drillPicks(exam, 'storage', 7));
    expect(picks).toHaveLength(3);
    expect(new Set(picks.map((i) => exam.questions[i].lab)).size).toBe(3);
    expect(picks.every((i) => exam.questions[i].domain === 'storage')).toBe(true);
    expect(drillPicks(exam, 'storage', 7, 2)).toHaveLength(2);
  });

  it('keeps chosen picks valid', () => {
    expect(validPicks(exam, [0, 1, 9, -1, 2.5, 3])).toEqual([0, 3]);
  });

  it('gives drills time in proportion, at least 15 minutes', () => {
    expect(drillMinutes({ durationMinutes: 120 }, 5)).toBe(38);
    expect(drillMinutes({ durationMinutes: 120 }, 1)).toBe(15);
  });

  it('draws new seeds in range', () => {
    for (let i = 0; i < 20; i++) {
      const s = newSeed();
      expect(Number.isInteger(s) && s >= 0 && s < 1_000_000).toBe(true);
    }
  });
});

describe('docs links', () => {
  it('links the kinds a question grades and the topics its text names', () => {
    const links = docsLinksFor({
      text: { en: 'Drain the node cka02 and back up etcd.', 'zh-CN': '' },
      checks: [{ type: 'object', apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default', fields: [] }] as never,
    });
    expect(links.map((l) => l.url)).toEqual([
      'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/',
      'https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/',
      'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
    ]);
    expect(docsLinksFor({ text: { en: 'Write a file.', 'zh-CN': '' }, checks: [{ type: 'file' }] as never })).toEqual([]);
  });
});
