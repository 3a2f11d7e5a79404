import { describe, expect, it } from 'vitest';
import { formatRemaining, isOver, openQuestion, questionTimes, remainingMs, startClock } from '../../src/exams/timer';

describe('attempt clock', () => {
  it('counts down from the exam duration and stops at zero', () => {
    const c = startClock(120, 1_000);
    expect(remainingMs(c, 1_000)).toBe(7_200_000);
    expect(formatRemaining(remainingMs(c, 31_000))).toBe('1:59:30');
    expect(isOver(c, 7_200_999)).toBe(false);
    expect(isOver(c, 7_201_000)).toBe(true);
    expect(remainingMs(c, 9_999_999)).toBe(0);
  });

  it('times questions from the navigation timeline, not past the deadline', () => {
    let c = startClock(1, 0);
    c = openQuestion(c, 2, 10_000);
    c = openQuestion(c, 2, 20_000);
    c = openQuestion(c, 1, 30_000);
    expect(c.timeline.length).toBe(3);
    expect(questionTimes(c, 100_000, 2)).toEqual([40_000, 20_000]);
    expect(questionTimes(c, 45_000, 2)).toEqual([25_000, 20_000]);
  });
});
