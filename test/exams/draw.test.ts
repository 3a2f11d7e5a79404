import { describe, expect, it } from 'vitest';
import { domainQuotas, drawQuestions, type BankEntry } from '../../src/exams/draw';
import { DOMAIN_WEIGHTS, DOMAINS, type Domain } from '../../src/exams/schema';
import { SeededRandom } from '../../src/sim/random';

/** A large synthetic bank: 120 labs of 1–4 tasks, domains skewed away from the curriculum on purpose. */
function syntheticBank(): BankEntry[] {
  const random = new SeededRandom('bank');
  const skew: Domain[] = ['storage', 'storage', 'storage', 'troubleshooting', 'workloads-scheduling', 'workloads-scheduling', 'cluster-architecture', 'services-networking'];
  const bank: BankEntry[] = [];
  for (let lab = 0; lab < 120; lab++) {
    const tasks = 1 + random.int(4);
    for (let t = 0; t < tasks; t++) bank.push({ lab: `lab-${lab}`, domain: random.pick(skew) });
  }
  return bank;
}

describe('domainQuotas', () => {
  it('sums to n and stays within one of the expectation', () => {
    for (let seed = 0; seed < 200; seed++) {
      for (const n of [1, 5, 15, 16, 17]) {
        const q = domainQuotas(n, new SeededRandom(seed));
        expect(DOMAINS.reduce((s, d) => s + q[d], 0)).toBe(n);
        for (const d of DOMAINS) expect(Math.abs(q[d] - (n * DOMAIN_WEIGHTS[d]) / 100)).toBeLessThan(1);
      }
    }
  });
});

describe('drawQuestions on a large bank', () => {
  const bank = syntheticBank();
  const seeds = Array.from({ length: 600 }, (_, i) => i * 7919 + 1);
  const draws = seeds.map((s) => drawQuestions(bank, s, { min: 15, max: 17 }));

  it('draws 15–17 questions, never two from one lab, with no notes', () => {
    for (const d of draws) {
      expect(d.picks.length).toBeGreaterThanOrEqual(15);
      expect(d.picks.length).toBeLessThanOrEqual(17);
      expect(new Set(d.picks.map((i) => bank[i].lab)).size).toBe(d.picks.length);
      expect(d.notes).toEqual([]);
    }
  });

  it('gives every domain its curriculum share within 2 points over many seeds', () => {
    const counts = Object.fromEntries(DOMAINS.map((d) => [d, 0])) as Record<Domain, number>;
    let total = 0;
    for (const d of draws) for (const i of d.picks) (counts[bank[i].domain] += 1), (total += 1);
    for (const d of DOMAINS) expect(Math.abs((100 * counts[d]) / total - DOMAIN_WEIGHTS[d]), d).toBeLessThanOrEqual(2);
  });

  it('is deterministic per seed and varies across seeds', () => {
    expect(drawQuestions(bank, 42, { min: 15, max: 17 })).toEqual(drawQuestions(bank, 42, { min: 15, max: 17 }));
    expect(new Set(draws.map((d) => d.picks.join(','))).size).toBeGreaterThan(590);
  });
});

describe('drawQuestions on a small bank', () => {
  it('takes one question per lab and says why there are fewer', () => {
    const bank: BankEntry[] = [
      { lab: 'a', domain: 'storage' },
      { lab: 'a', domain: 'troubleshooting' },
      { lab: 'b', domain: 'troubleshooting' },
      { lab: 'c', domain: 'services-networking' },
    ];
    const d = drawQuestions(bank, 3, { min: 15, max: 17 });
    expect(d.picks.length).toBe(3);
    expect(new Set(d.picks.map((i) => bank[i].lab))).toEqual(new Set(['a', 'b', 'c']));
    expect(d.notes[0].en).toMatch(/^the bank has questions from 3 labs and one question per lab is drawn: 3 questions instead of 1[5-7]$/);
  });
});
