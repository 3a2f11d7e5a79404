/**
 * The exam in the terminal worker, driven by messages as the exam page drives it: start an attempt of
 * two questions, work as candidate (ssh to the right host for one, the wrong host for the other),
 * reload (restore the saved worlds), submit, and read the review.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readExam } from '../../src/exams/files';
import type { Exam } from '../../src/exams/schema';
import type { WorkerToPage } from '../../src/terminal/worker/protocol';
import { memorySnapshotCache, type SnapshotCache } from '../../src/terminal/worker/snapshot-cache';
import { TerminalHost } from '../../src/terminal/worker/terminal-host';
import { HeadlessRig } from '../terminal/support/headless';
import '../../src/runtime/attachments';

let exam: Exam;
const bankIndex = (lab: string, task: string) => exam.questions.findIndex((q) => q.lab === lab && q.task === task);

beforeAll(() => {
  const read = readExam('mock-1');
  if ('error' in read) throw new Error(read.error);
  exam = read.exam;
});

function setup(cache: SnapshotCache) {
  const messages: WorkerToPage[] = [];
  const rig = new HeadlessRig(100, 30);
  const intervals = new Map<number, () => void>();
  let next = 1;
  let now = 0;
  const host = new TerminalHost(
    (m) => {
      messages.push(m);
      if (m.type === 'output') rig.io.write(m.data);
    },
    { setInterval: (fn) => (intervals.set(next, fn), next++), clearInterval: (h) => void intervals.delete(h as number), now: () => now },
    cache,
    'build-1',
    undefined,
    undefined,
    () => import('../../src/terminal/worker/exam-host'),
  );
  const settle = async () => {
    for (let i = 0; i < 20; i++) await rig.flush();
  };
  /** Real time passes in steps of 100 ms: every world's clock follows. */
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      now += 100;
      for (const fn of [...intervals.values()]) fn();
      await rig.flush();
    }
    await settle();
  };
  const type = async (line: string) => {
    await host.handle({ type: 'data', data: `${line}\r` });
    await settle();
  };
  const last = <T extends WorkerToPage['type']>(type: T) => [...messages].reverse().find((m) => m.type === type) as Extract<WorkerToPage, { type: T }> | undefined;
  return { host, messages, rig, settle, advance, type, last };
}

describe('exam in the terminal worker', () => {
  it('runs an attempt: candidate@base, ssh to hosts, reload keeps the work, submit grades with the wrong-host hint', async () => {
    const cache = memorySnapshotCache();
    const questions = [bankIndex('rbac-basics', 'account'), bankIndex('deploy-and-expose', 'create')];
    expect(questions.every((i) => i >= 0)).toBe(true);
    const a = setup(cache);
    await a.host.handle({ type: 'init', scenario: 'exam-base', host: 'base', cols: 100, rows: 30, histories: {}, deferBoot: true });
    expect(a.messages).toEqual([]);
    await a.host.handle({ type: 'exam-start', exam: 'mock-1', seed: 11, mode: 'exam', questions });
    await a.settle();
    const ready = a.last('exam-ready')!;
    expect(ready.restored).toBe(false);
    expect(ready.attempt.picks).toEqual(questions);
    const [account, deploy] = ready.attempt.questions;
    expect(account.host).toBe(exam.questions[questions[0]].host);
    expect(account.hints).toEqual([]); // exam mode: no hints
    expect(account.docs.map((d) => d.url)).toContain('https://kubernetes.io/docs/concepts/security/service-accounts/');
    expect(a.rig.screen().split('\n').pop()).toBe('candidate@base:~$');

    // Question 1 on its host; question 2 on question 1's host (the wrong one).
    const [ns, sa] = [...account.text.en.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const name = /`([^`]+)`/.exec(deploy.text.en)![1];
    await a.type(`ssh ${account.host}`);
    expect(a.rig.screen().split('\n').pop()).toBe('candidate@cka01:~$');
    await a.type(`k create ns ${ns} && k -n ${ns} create sa ${sa}`);
    await a.type(`kubectl create deployment ${name} --image=nginx --replicas=3`);
    await a.advance(5000);
    expect(a.rig.screen()).toContain(`deployment.apps/${name} created`);
    await a.type('exit');
    expect(a.rig.screen().split('\n').pop()).toBe('candidate@base:~$');
    // The save after typing.
    await a.advance(3100);
    a.host.stop();

    // A reload: a new worker restores the same attempt from the cache.
    const b = setup(cache);
    await b.host.handle({ type: 'init', scenario: 'exam-base', host: 'base', cols: 100, rows: 30, histories: {}, deferBoot: true });
    await b.host.handle({ type: 'exam-start', exam: 'mock-1', seed: 11, mode: 'exam', questions, resume: true });
    await b.settle();
    expect(b.last('exam-ready')!.restored).toBe(true);
    await b.type(`ssh ${account.host} kubectl get sa -n ${ns} ${sa} -o name`);
    expect(b.rig.screen()).toContain(`serviceaccount/${sa}`);
    await b.host.handle({ type: 'exam-check', n: 1 });
    expect(b.last('exam-error')!.message).toBe('checks are not available in exam mode');

    await b.host.handle({ type: 'exam-grade', times: [60_000, 30_000] });
    await b.settle();
    const review = b.last('exam-review')!;
    expect(review.score.questions.map((q) => [q.earned, q.points])).toEqual([[2, 2], [0, 3]]);
    expect(review.review[1].failed[0].foundOn).toBe(account.host);
    expect(review.review[1].timeMs).toBe(30_000);
    expect(review.solutions[1].steps[0]).toBe(`kubectl create deployment ${name} --image=nginx --replicas=3`);
    // Frozen: keys no longer reach a shell.
    const before = b.rig.screen();
    await b.type('echo after');
    expect(b.rig.screen()).toBe(before);

    // The finished attempt is not restored again.
    const c = setup(cache);
    await c.host.handle({ type: 'init', scenario: 'exam-base', host: 'base', cols: 100, rows: 30, histories: {}, deferBoot: true });
    await c.host.handle({ type: 'exam-start', exam: 'mock-1', seed: 11, mode: 'exam', questions, resume: true });
    expect(c.last('exam-ready')!.restored).toBe(false);
    c.host.stop();
  }, 240_000);

  it('practice mode gives hints, checks one question and shows its solution; bad requests say why', async () => {
    const p = setup(memorySnapshotCache());
    const questions = [bankIndex('rbac-basics', 'account')];
    await p.host.handle({ type: 'init', scenario: 'exam-base', host: 'base', cols: 100, rows: 30, histories: {}, deferBoot: true });
    await p.host.handle({ type: 'exam-start', exam: 'nope', seed: 1, mode: 'practice' });
    expect(p.last('exam-error')!.message).toBe('unknown exam "nope"');
    await p.host.handle({ type: 'exam-start', exam: 'mock-1', seed: 3, mode: 'practice', questions });
    await p.settle();
    const q = p.last('exam-ready')!.attempt.questions[0];
    expect(q.hints.length).toBeGreaterThan(0);
    await p.host.handle({ type: 'exam-check', n: 1 });
    expect(p.last('exam-checked')!.score.questions[0].earned).toBe(0);
    await p.host.handle({ type: 'exam-check', n: 7 });
    expect(p.last('exam-error')!.message).toBe('no question 7');
    await p.host.handle({ type: 'exam-solution', n: 1 });
    const solution = p.last('exam-solution')!.solution;
    expect(solution.host).toBe(q.host);
    for (const step of solution.steps) await p.type(`ssh ${q.host} '${step}'`);
    await p.host.handle({ type: 'exam-check', n: 1 });
    expect(p.last('exam-checked')!.score.questions[0]).toMatchObject({ number: 1, earned: 2, points: 2 });
    p.host.stop();
  }, 120_000);
});
