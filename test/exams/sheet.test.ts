import { describe, expect, it } from 'vitest';
import { readExam } from '../../src/exams/files';
import { formatSheet, questionSheet } from '../../src/exams/sheet';
import { planAttempt } from '../../src/exams/world';

describe('question sheet', () => {
  const read = readExam('mock-1');
  if ('error' in read) throw new Error(read.error);
  const plan = planAttempt(read.exam, read.labs, 77);
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));

  it('names the host of every question and shows the seed', () => {
    const sheet = questionSheet(plan.attempt);
    expect(sheet.seed).toBe(77);
    for (const q of sheet.questions) {
      expect(read.exam.hosts.map((h) => h.id)).toContain(q.host);
      expect(q.ssh).toBe(`ssh ${q.host}`);
      expect(q.text).not.toMatch(/\{\{\s*[A-Za-z_]/);
    }
    const text = formatSheet(sheet);
    expect(text.split('\n')[0]).toBe(`Mock CKA exam 1 — seed 77, ${sheet.questions.length} questions, 120 minutes, pass at 66%, Kubernetes v1.33.4`);
    expect(text).toContain(`Question 1 (weight ${sheet.questions[0].weight}, ${sheet.questions[0].domain}) — ssh ${sheet.questions[0].host}`);
  });

  it('reads in Chinese too', () => {
    const text = formatSheet(questionSheet(plan.attempt, 'zh-CN'), 'zh-CN');
    expect(text).toContain('你以 candidate@base 身份开始，没有 kubeconfig');
    expect(text).toContain('题目 1（权重');
  });
});
