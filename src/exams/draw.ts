/**
 * Drawing an attempt's questions from an exam's bank: 15–17 questions (the exam's `draw` range),
 * spread over the curriculum domains by their weights, never two questions from the same lab (their
 * tasks build on each other and would collide on one cluster).
 *
 * Quotas: each domain expects n × weight questions; the integer parts are given, the remaining seats go
 * to domains with probability equal to their fractional parts (systematic sampling), so that over many
 * attempts every domain's share equals its weight exactly in expectation. Picking then fills the domain
 * furthest below its quota that still has a question from an unused lab; a small bank simply yields
 * fewer questions, and the draw says so.
 */
import { SeededRandom } from '../sim/random';
import { DOMAIN_TITLES, DOMAIN_WEIGHTS, DOMAINS, type Domain } from './schema';

export interface BankEntry {
  lab: string;
  domain: Domain;
}

export interface DrawResult {
  /** Bank positions, in the order the attempt asks them. */
  picks: number[];
  /** How many questions the attempt wanted (within the exam's range). */
  wanted: number;
  /** Per-domain quotas for `picks.length` questions. */
  quotas: Record<Domain, number>;
  /** Why the draw took fewer questions or missed a quota, in both languages: empty when the bank sufficed. */
  notes: { en: string; 'zh-CN': string }[];
}

function shuffle<T>(items: T[], random: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Integer quotas summing to n whose expectations are n × weight / total. */
export function domainQuotas(n: number, random: SeededRandom, weights: Record<Domain, number> = DOMAIN_WEIGHTS): Record<Domain, number> {
  const total = DOMAINS.reduce((s, d) => s + weights[d], 0);
  const quotas = {} as Record<Domain, number>;
  const fractions: [Domain, number][] = [];
  for (const d of DOMAINS) {
    const expected = (n * weights[d]) / total;
    quotas[d] = Math.floor(expected);
    fractions.push([d, expected - quotas[d]]);
  }
  // Systematic sampling over the fractional parts (they sum to the number of seats left).
  const u = random.next();
  let cumulative = 0;
  let next = u;
  for (const [d, f] of fractions) {
    cumulative += f;
    while (next < cumulative - 1e-9) {
      quotas[d] += 1;
      next += 1;
    }
  }
  return quotas;
}

export function drawQuestions(bank: readonly BankEntry[], seed: number, range: { min: number; max: number }): DrawResult {
  const random = new SeededRandom(`draw/${seed}`);
  const wanted = range.min + random.int(range.max - range.min + 1);
  const labs = new Set(bank.map((q) => q.lab));
  const n = Math.min(wanted, labs.size);
  const notes: DrawResult['notes'] = [];
  if (n < wanted) {
    notes.push({
      en: `the bank has questions from ${labs.size} labs and one question per lab is drawn: ${n} questions instead of ${wanted}`,
      'zh-CN': `题库只有 ${labs.size} 个实验的题目，每个实验只抽一题：共 ${n} 题而不是 ${wanted} 题`,
    });
  }

  const quotas = domainQuotas(n, random);
  const got = Object.fromEntries(DOMAINS.map((d) => [d, 0])) as Record<Domain, number>;
  const usedLabs = new Set<string>();
  const order = shuffle(bank.map((_, i) => i), random);
  const picks: number[] = [];
  while (picks.length < n) {
    const open = DOMAINS.filter((d) => order.some((i) => bank[i].domain === d && !usedLabs.has(bank[i].lab)));
    if (!open.length) break;
    // The domain furthest below its quota; ties are broken at random.
    const deficit = (d: Domain) => quotas[d] - got[d];
    const best = Math.max(...open.map(deficit));
    const tied = open.filter((d) => deficit(d) === best);
    const domain = random.pick(tied);
    const pick = order.find((i) => bank[i].domain === domain && !usedLabs.has(bank[i].lab))!;
    picks.push(pick);
    usedLabs.add(bank[pick].lab);
    got[domain] += 1;
  }
  for (const d of DOMAINS) {
    if (got[d] < quotas[d]) {
      notes.push({
        en: `${DOMAIN_TITLES[d].en}: ${got[d]} of ${quotas[d]} questions (the bank has no more from unused labs)`,
        'zh-CN': `${DOMAIN_TITLES[d]['zh-CN']}：${got[d]}/${quotas[d]} 题（题库中没有更多来自未用实验的题目）`,
      });
    }
  }
  return { picks: shuffle(picks, random), wanted, quotas, notes };
}
