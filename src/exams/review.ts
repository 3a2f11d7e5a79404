/**
 * The review after an attempt: for every failed check its explanation (the field or state it grades),
 * the expected value beside the one found, and, when the work was done on another host, which one; the
 * time spent on each question, from the attempt's navigation timeline.
 */
import type { Bilingual } from '../labs/schema';
import type { ExamScore } from './score';
import { DOMAIN_TITLES, type Domain } from './schema';

/** The learner opened question `question` (1-based) at `at` ms of simulated or wall time. */
export interface TimelineEntry {
  question: number;
  at: number;
}

/** Milliseconds spent on each question: the time from opening it until opening another (or the end). */
export function timePerQuestion(timeline: readonly TimelineEntry[], endedAt: number, count: number): number[] {
  const times = new Array<number>(count).fill(0);
  const sorted = [...timeline].sort((a, b) => a.at - b.at);
  sorted.forEach((e, i) => {
    const until = Math.min(i + 1 < sorted.length ? sorted[i + 1].at : endedAt, endedAt);
    if (e.question >= 1 && e.question <= count && until > e.at) times[e.question - 1] += until - e.at;
  });
  return times;
}

export interface ReviewCheck {
  explain: Bilingual;
  message: Bilingual;
  expected?: string;
  actual?: string;
  points: number;
  foundOn?: string;
}

export interface ReviewQuestion {
  number: number;
  title: Bilingual;
  host: string;
  domain: string;
  weight: number;
  earned: number;
  points: number;
  timeMs: number;
  failed: ReviewCheck[];
}

/**
 * Only the graded part of a found value: a file check reports the whole file, so keep the lines that
 * carry the key its pattern looks for (`image:` for /image: registry…/), else the first lines.
 */
export function gradedPart(actual: string | undefined, expected: string | undefined): string | undefined {
  if (actual === undefined || !actual.includes('\n')) return actual;
  const key = /^(?:matches \/|contains )\^?([A-Za-z][\w.-]*):/.exec(expected ?? '')?.[1];
  const lines = actual.split('\n');
  const keep = key ? lines.filter((l) => l.trimStart().startsWith(`${key}:`) || l.trimStart().startsWith(`- ${key}:`)) : [];
  const shown = keep.length ? keep : lines.slice(0, 3);
  return shown.map((l) => l.trim()).join(' | ') + (shown.length < lines.length ? ' …' : '');
}

export function buildReview(score: ExamScore, times: readonly number[] = []): ReviewQuestion[] {
  return score.questions.map((q) => ({
    number: q.number,
    title: q.title,
    host: q.host,
    domain: q.domain,
    weight: q.weight,
    earned: q.earned,
    points: q.points,
    timeMs: times[q.number - 1] ?? 0,
    failed: q.checks
      .filter((c) => !c.pass)
      .map((c) => ({ explain: c.explain, message: c.message, expected: c.expected, actual: gradedPart(c.actual, c.expected), points: c.points, foundOn: c.foundOn })),
  }));
}

const WORDS = {
  en: { weight: 'weight', question: 'Question', points: 'points', expected: 'expected', actual: 'found', elsewhere: (h: string) => `you created it on ${h}, not on the question's host`, time: 'time', all: 'all checks pass', pass: 'PASS', fail: 'FAIL', score: 'Score', raw: 'raw points', domains: 'Domains', seed: 'seed' },
  'zh-CN': { weight: '权重', question: '题目', points: '分', expected: '期望', actual: '实际', elsewhere: (h: string) => `你是在 ${h} 上创建的，而不是题目指定的主机`, time: '用时', all: '全部检查通过', pass: '通过', fail: '未通过', score: '得分', raw: '原始分', domains: '考试领域', seed: '种子' },
} as const;

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** The review as text (the CLI prints it; the site renders the same data). */
export function formatReview(score: ExamScore, review: ReviewQuestion[], lang: 'en' | 'zh-CN' = 'en'): string {
  const w = WORDS[lang];
  const out: string[] = [];
  out.push(`${score.exam} (${w.seed} ${score.seed}): ${score.pass ? w.pass : w.fail} — ${w.score} ${score.percent}% (${score.passPercent}%), ${w.raw} ${score.earned}/${score.points}`);
  const domains = Object.entries(score.domains).filter(([, d]) => d.percent !== null);
  out.push(`${w.domains}: ${domains.map(([name, d]) => `${DOMAIN_TITLES[name as Domain][lang]} ${d.percent}%`).join(', ')}`);
  for (const q of review) {
    out.push(`${w.question} ${q.number} [${q.host}, ${DOMAIN_TITLES[q.domain as Domain]?.[lang] ?? q.domain}, ${w.weight} ${q.weight}] ${q.title[lang]}: ${q.earned}/${q.points} ${w.points}, ${w.time} ${minutes(q.timeMs)}`);
    if (!q.failed.length) out.push(`  ✔ ${w.all}`);
    for (const c of q.failed) {
      out.push(`  ✘ ${c.explain[lang]} (${c.points} ${w.points})`);
      if (c.expected !== undefined || c.actual !== undefined) out.push(`    ${w.expected}: ${c.expected ?? '-'}    ${w.actual}: ${c.actual ?? '-'}`);
      out.push(`    ${c.message[lang]}`);
      if (c.foundOn) out.push(`    ${w.elsewhere(c.foundOn)}`);
    }
  }
  return out.join('\n') + '\n';
}
