/**
 * The exam file schema (exams/<id>/exam.yaml): a timed mock CKA exam as data. Its questions reuse lab
 * tasks; an exam adds where each is done (a host: its own simulated cluster), its curriculum domain, its
 * weight, how its parameters vary, and per check the points and the review's explanation.
 */
import { z } from 'zod';
import { Bilingual, LabScenario } from '../labs/schema';
import { PARAM_NAME, ParamGenerator } from '../labs/template';

/** The CKA curriculum domains and their weights in percent (cncf/curriculum, CKA v1.35). */
export const DOMAIN_WEIGHTS = {
  'storage': 10,
  'troubleshooting': 30,
  'workloads-scheduling': 15,
  'cluster-architecture': 25,
  'services-networking': 20,
} as const;
export type Domain = keyof typeof DOMAIN_WEIGHTS;
export const DOMAINS = Object.keys(DOMAIN_WEIGHTS) as Domain[];
/** How the curriculum names each domain, in both languages of the courseware. */
export const DOMAIN_TITLES: Record<Domain, { en: string; 'zh-CN': string }> = {
  'storage': { en: 'Storage', 'zh-CN': '存储' },
  'troubleshooting': { en: 'Troubleshooting', 'zh-CN': '故障排查' },
  'workloads-scheduling': { en: 'Workloads & Scheduling', 'zh-CN': '工作负载与调度' },
  'cluster-architecture': { en: 'Cluster Architecture, Installation & Configuration', 'zh-CN': '集群架构、安装与配置' },
  'services-networking': { en: 'Services & Networking', 'zh-CN': '服务与网络' },
};
export const DomainId = z.enum(DOMAINS as [Domain, ...Domain[]]);

const HostId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a hostname such as cka7305');

/** One exam host: a cluster world of its own, reached with `ssh <id>` from the base machine. */
export const ExamHost = z
  .object({
    id: HostId,
    scenario: LabScenario,
    /** Added to the attempt's seed, so the same attempt seed always builds the same worlds. */
    seed: z.number().int(),
  })
  .strict();
export type ExamHost = z.infer<typeof ExamHost>;

/** What the exam adds to one of the task's checks, by position. */
export const CheckOverlay = z
  .object({
    points: z.number().int().positive().default(1),
    /** Names the field or state the check grades, for the review. */
    explain: Bilingual,
  })
  .strict();
export type CheckOverlay = z.infer<typeof CheckOverlay>;

export const Question = z
  .object({
    lab: z.string().regex(/^[a-z0-9-]+$/),
    task: z.string().regex(/^[a-z0-9-]+$/),
    host: HostId,
    domain: DomainId,
    /** The question's share of the exam total, like the percentages printed beside CKA questions. */
    weight: z.number().int().positive(),
    /** How hard it is next to the real exam's tasks: most are `exam-level`; `harder` ones take longer. */
    level: z.enum(['exam-level', 'harder']).default('exam-level'),
    /** Generators overriding the lab's parameters for this question. */
    params: z.record(z.string().regex(PARAM_NAME), ParamGenerator).default({}),
    /** One entry per check of the task, in order. */
    checks: z.array(CheckOverlay).min(1),
  })
  .strict();
export type Question = z.infer<typeof Question>;

export const Exam = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: Bilingual,
    durationMinutes: z.number().int().positive().default(120),
    passPercent: z.number().min(0).max(100).default(66),
    kubernetesVersion: z.string().regex(/^v\d+\.\d+\.\d+$/, 'a version such as v1.33.0'),
    /** How many questions an attempt draws when the bank allows (a real CKA has 15–17). */
    draw: z
      .object({ min: z.number().int().positive(), max: z.number().int().positive() })
      .strict()
      .refine((d) => d.min <= d.max, 'min must not exceed max')
      .default({ min: 15, max: 17 }),
    hosts: z.array(ExamHost).min(1),
    questions: z.array(Question).min(1),
  })
  .strict()
  .superRefine((exam, ctx) => {
    const hosts = new Set(exam.hosts.map((h) => h.id));
    exam.questions.forEach((q, i) => {
      if (!hosts.has(q.host)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'host'], message: `unknown host "${q.host}" (hosts: ${[...hosts].join(', ')})` });
    });
    exam.hosts.forEach((h, i) => {
      if (exam.hosts.findIndex((o) => o.id === h.id) !== i) ctx.addIssue({ code: 'custom', path: ['hosts', i, 'id'], message: `duplicate host "${h.id}"` });
    });
  });
export type Exam = z.infer<typeof Exam>;
