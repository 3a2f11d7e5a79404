import { describe, expect, it } from 'vitest';
import { Lab } from '../../src/labs/schema';
import { newProgress, recordGrade, restoreProgress, showNextHint, showSolution, summarize } from '../../src/labs/progress';
import type { LabResult } from '../../src/labs/grader';

const text = { en: 'x', 'zh-CN': 'x' };
const lab = Lab.parse({
  id: 'l',
  title: text,
  description: text,
  chapter: 'c',
  scenario: 'cluster',
  tasks: ['a', 'b'].map((id) => ({
    id,
    title: text,
    text,
    checks: [{ type: 'absent', apiVersion: 'v1', kind: 'Pod', name: 'p' }],
    hints: [text, text],
    solution: ['true'],
  })),
});

const result = (a: boolean, b: boolean): LabResult => ({
  lab: 'l',
  pass: a && b,
  tasks: [
    { id: 'a', title: text, pass: a, checks: [] },
    { id: 'b', title: text, pass: b, checks: [] },
  ],
});

describe('lab progress', () => {
  it('marks a task done the first time it passes and keeps it done', () => {
    let p = newProgress(lab);
    p = recordGrade(p, result(true, false), 1000);
    expect(p.tasks.a).toMatchObject({ state: 'done', doneAt: 1000 });
    p = recordGrade(p, result(false, false), 2000);
    expect(p.tasks.a.state).toBe('done');
    expect(summarize(p)).toEqual({ tasks: 2, tasksDone: 1 });
  });

  it('marks a task solved with help after the solution was shown', () => {
    let p = showSolution(newProgress(lab), 'b');
    p = recordGrade(p, result(false, true), 5);
    expect(p.tasks.b.state).toBe('done-with-help');
  });

  it('shows hints one at a time, never more than there are', () => {
    let p = newProgress(lab);
    for (let i = 0; i < 5; i++) p = showNextHint(p, lab, 'a');
    expect(p.tasks.a.hintsShown).toBe(2);
  });

  it('restores stored progress defensively', () => {
    const stored = JSON.parse(JSON.stringify(recordGrade(newProgress(lab), result(true, false), 9)));
    expect(restoreProgress(lab, stored).tasks.a.state).toBe('done');
    expect(restoreProgress(lab, { lab: 'other', tasks: {} })).toEqual(newProgress(lab));
    expect(restoreProgress(lab, 'garbage')).toEqual(newProgress(lab));
    expect(restoreProgress(lab, { lab: 'l', tasks: { a: { state: 'bogus' } } }).tasks.a.state).toBe('todo');
  });
});
