import { describe, expect, it } from 'vitest';
import { calculateReplicas, CalculationError, type PodInfo, type Sample } from '../../../src/sim/metrics/replicas';

const T0 = Date.parse('2026-01-15T08:00:00Z');
const NOW = T0 + 3600_000;
const pod = (name: string, extra: Partial<PodInfo> = {}): PodInfo => ({ name, phase: 'Running', deleting: false, ready: true, startTime: T0, readySince: T0 + 5000, request: 200, ...extra });
const sample = (value: number): Sample => ({ value, timestamp: NOW - 5000, windowMs: 15000 });
const util = { type: 'Utilization' as const, averageUtilization: 50 };

describe('replica calculator', () => {
  it('scales by the usage ratio: ceil(current × usage / target)', () => {
    const r = calculateReplicas(1, [pod('a')], new Map([['a', sample(500)]]), 'cpu', util, NOW);
    expect(r).toEqual({ replicas: 5, utilization: 250, rawAverage: 500 });
  });

  it('keeps the count inside the 10 % tolerance', () => {
    const pods = ['a', 'b', 'c'].map((n) => pod(n));
    const r = calculateReplicas(3, pods, new Map(pods.map((p) => [p.name, sample(108)])), 'cpu', util, NOW);
    expect(r.replicas).toBe(3);
    expect(r.utilization).toBe(54);
  });

  it('scales down when usage falls', () => {
    const pods = ['a', 'b', 'c', 'd'].map((n) => pod(n));
    expect(calculateReplicas(4, pods, new Map(pods.map((p) => [p.name, sample(10)])), 'cpu', util, NOW).replicas).toBe(1);
  });

  it('treats missing pods as at their request when scaling down, and refuses to flip direction', () => {
    const pods = [pod('a'), pod('b')];
    // a alone is at 30 % (scale down), b missing counts as 100 %: the average, 65 %, would scale up → keep 2.
    expect(calculateReplicas(2, pods, new Map([['a', sample(60)]]), 'cpu', util, NOW).replicas).toBe(2);
  });

  it('counts unready pods as idle when scaling up', () => {
    const pods = [pod('a'), pod('b', { ready: false, startTime: NOW - 10_000, readySince: undefined })];
    const r = calculateReplicas(2, pods, new Map([['a', sample(300)], ['b', sample(300)]]), 'cpu', util, NOW);
    // a at 150 %, b assumed 0: (300 + 0) / 400 = 75 % → ceil(1.5 × 2) = 3
    expect(r.replicas).toBe(3);
  });

  it('supports AverageValue targets', () => {
    const pods = [pod('a'), pod('b')];
    const r = calculateReplicas(2, pods, new Map([['a', sample(300 * 1024 ** 2)], ['b', sample(300 * 1024 ** 2)]]), 'memory', { type: 'AverageValue', averageValue: 100 * 1024 ** 2 }, NOW);
    expect(r.replicas).toBe(6);
    expect(r.utilization).toBeUndefined();
  });

  it('fails with the real texts', () => {
    expect(() => calculateReplicas(1, [pod('a')], new Map(), 'cpu', util, NOW)).toThrow(new CalculationError('no metrics returned from resource metrics API'));
    expect(() => calculateReplicas(1, [pod('a', { request: undefined, missingRequestIn: 'app' })], new Map([['a', sample(1)]]), 'cpu', util, NOW)).toThrow(
      'missing request for cpu in container app of Pod a',
    );
  });
});
