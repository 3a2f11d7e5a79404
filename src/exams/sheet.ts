/** What the learner reads: the attempt's header and, per question, where to work and what to do. */
import { DOMAIN_TITLES } from './schema';
import type { ExamAttempt } from './world';

type Lang = 'en' | 'zh-CN';

export interface SheetQuestion {
  number: number;
  host: string;
  /** The first command of every question: the host it must be solved on. */
  ssh: string;
  weight: number;
  domain: string;
  title: string;
  text: string;
}

export interface Sheet {
  title: string;
  seed: number;
  durationMinutes: number;
  passPercent: number;
  kubernetesVersion: string;
  notes: string[];
  questions: SheetQuestion[];
}

export function questionSheet(attempt: ExamAttempt, lang: Lang = 'en'): Sheet {
  return {
    title: attempt.exam.title[lang],
    seed: attempt.seed,
    durationMinutes: attempt.exam.durationMinutes,
    passPercent: attempt.exam.passPercent,
    kubernetesVersion: attempt.exam.kubernetesVersion,
    notes: attempt.draw.notes.map((n) => n[lang]),
    questions: attempt.questions.map((q, i) => ({
      number: i + 1,
      host: q.question.host,
      ssh: `ssh ${q.question.host}`,
      weight: q.question.weight,
      domain: DOMAIN_TITLES[q.question.domain][lang],
      title: q.task.title[lang],
      text: q.task.text[lang],
    })),
  };
}

const WORDS = {
  en: {
    header: (s: Sheet) => `${s.title} — seed ${s.seed}, ${s.questions.length} questions, ${s.durationMinutes} minutes, pass at ${s.passPercent}%, Kubernetes ${s.kubernetesVersion}`,
    start: 'You start as candidate@base without a kubeconfig; ssh to the host each question names.',
    question: (q: SheetQuestion) => `Question ${q.number} (weight ${q.weight}, ${q.domain}) — ${q.ssh}`,
    note: 'note',
  },
  'zh-CN': {
    header: (s: Sheet) => `${s.title} — 种子 ${s.seed}，${s.questions.length} 道题，${s.durationMinutes} 分钟，${s.passPercent}% 及格，Kubernetes ${s.kubernetesVersion}`,
    start: '你以 candidate@base 身份开始，没有 kubeconfig；每道题都要先 ssh 到题目指定的主机。',
    question: (q: SheetQuestion) => `题目 ${q.number}（权重 ${q.weight}，${q.domain}）— ${q.ssh}`,
    note: '说明',
  },
} as const;

export function formatSheet(sheet: Sheet, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const out = [w.header(sheet), ...sheet.notes.map((n) => `${w.note}: ${n}`), w.start];
  for (const q of sheet.questions) out.push('', w.question(q), q.title, q.text);
  return out.join('\n') + '\n';
}
