import { describe, expect, it } from 'vitest';
import { absorb, dwellMs, initialView, next, replayLast, setSpeed } from '../../src/viz/model';
import type { DiagramStep } from '../../src/viz/steps';

const step = (seq: number, from: string, to: string, kind: 'request' | 'write' | 'deliver' | 'runtime' = 'request', verb = 'create', resource = 'pods'): DiagramStep => ({
  seq,
  at: seq,
  from,
  to,
  caption: { en: `${from}->${to}`, 'zh-CN': `${from}->${to}` },
  detail: { kind, verb, resource },
});

describe('architecture view model', () => {
  it('queues steps in order and learns node names from kubelet actors', () => {
    let s = absorb(initialView(), [step(1, 'kubectl', 'apiserver'), step(2, 'apiserver', 'etcd', 'write'), step(3, 'kubelet:cka02', 'apiserver', 'request', 'patch')]);
    expect(s.nodes).toEqual(['cka02']);
    s = next(s);
    expect(s.current?.from).toBe('kubectl');
    s = next(next(s));
    expect(s.current?.from).toBe('kubelet:cka02');
    expect(next(s).current).toBeUndefined();
  });

  it('learns nodes from runtime steps too', () => {
    const s = absorb(initialView(['cka01']), [step(1, 'kubelet:cka03', 'runtime:cka03', 'runtime', 'container-started'), step(2, 'runtime:cka02', 'kubelet:cka02', 'runtime', 'container-exited')]);
    expect(s.nodes).toEqual(['cka01', 'cka02', 'cka03']);
  });

  it('folds bursts and keeps the log bounded', () => {
    const burst = Array.from({ length: 1000 }, (_, i) => step(i, 'controller-manager', 'apiserver'));
    const s = absorb(initialView([], 50), burst);
    expect(s.log).toHaveLength(1);
    expect(s.log[0].count).toBe(1000);
    // batches arriving one after the other: the log keeps the newest `limit` entries
    let s2 = initialView([], 50);
    for (let i = 0; i < 12; i++) s2 = absorb(s2, Array.from({ length: 10 }, (_, j) => step(i * 10 + j, j % 2 ? 'scheduler' : 'kubectl', 'apiserver')));
    expect(s2.log).toHaveLength(50);
    expect(s2.log[49].seq).toBe(119);
    expect(s2.queue.length).toBeLessThanOrEqual(50);
  });

  it('replays from the last kubectl request', () => {
    let s = absorb(initialView(), [step(1, 'kubectl', 'apiserver'), step(2, 'apiserver', 'etcd', 'write'), step(3, 'kubectl', 'apiserver', 'request', 'delete'), step(4, 'apiserver', 'etcd', 'write', undefined)]);
    while (s.queue.length) s = next(s);
    s = replayLast(s);
    expect(s.queue.map((q) => q.seq)).toEqual([3, 4]);
  });

  it('speed changes how long a step stays, within bounds', () => {
    expect(dwellMs(setSpeed(initialView(), 2))).toBe(350);
    expect(setSpeed(initialView(), 100).speed).toBe(4);
    expect(setSpeed(initialView(), 0).speed).toBe(0.25);
  });

  it('hurries through a backlog so that it never lags far behind', () => {
    const batches = (n: number) => {
      let s = initialView();
      for (let i = 0; i < n / 10; i++) s = absorb(s, Array.from({ length: 10 }, (_, j) => step(i * 10 + j, j % 2 ? 'scheduler' : 'kubectl', 'apiserver')));
      return s;
    };
    expect(dwellMs(batches(100))).toBe(70);
    expect(dwellMs(batches(1000))).toBe(60);
  });
});
