/**
 * The lab file schema: the single source of truth for what a lab may say. Its inferred types drive
 * the runtime (grader, panel) and its errors, mapped to lines of the YAML file, fail the build.
 *
 * A lab is data: a starting world (scenario + setup), tasks in both languages, checks on the state of
 * the world (never on the command history), hints and a reference solution.
 */
import { z } from 'zod';
import { PARAM_NAME, ParamGenerator } from './template';

/** Text in both languages of the courseware. */
export const Bilingual = z
  .object({ en: z.string().min(1), 'zh-CN': z.string().min(1) })
  .strict();
export type Bilingual = z.infer<typeof Bilingual>;

const Host = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'a hostname such as cka01');

/** One way a value at a path may be required to be. Exactly one operator per matcher. */
export const FieldMatcher = z
  .object({
    /** A JSONPath-like path into the object: `.spec.replicas`, `.spec.template.spec.containers[0].image`,
     *  `.metadata.labels.app`, `.spec.ports[?(@.port==80)].nodePort`. */
    path: z.string().regex(/^\./, 'a path starting with "."'),
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    matches: z.string().optional(),
    contains: z.string().optional(),
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine(
    (m) => ['equals', 'matches', 'contains', 'atLeast', 'atMost', 'exists'].filter((k) => k in m).length === 1,
    { message: 'exactly one of equals, matches, contains, atLeast, atMost, exists' },
  );
export type FieldMatcher = z.infer<typeof FieldMatcher>;

const ObjectRef = {
  /** `apps/v1`, `v1`, … */
  apiVersion: z.string(),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
};

const common = {
  /** Which host's cluster / machine the check looks at (exams: a question's host). */
  host: Host.optional(),
  /** Shown in exam reviews: the field or state the check grades. */
  explain: Bilingual.optional(),
  points: z.number().int().positive().optional(),
};

export const Check = z.discriminatedUnion('type', [
  z.object({ type: z.literal('object'), ...ObjectRef, fields: z.array(FieldMatcher).default([]), ...common }).strict(),
  z.object({ type: z.literal('absent'), ...ObjectRef, ...common }).strict(),
  z
    .object({
      type: z.literal('count'),
      apiVersion: z.string(),
      kind: z.string(),
      namespace: z.string().optional(),
      selector: z.string().optional(),
      atLeast: z.number().int().nonnegative().optional(),
      equals: z.number().int().nonnegative().optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('pods'),
      namespace: z.string().default('default'),
      selector: z.string(),
      /** How many pods must be Running and Ready. */
      ready: z.number().int().nonnegative(),
      /** When set, every matching pod must run this image. */
      image: z.string().optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('node'),
      name: z.string(),
      ready: z.boolean().optional(),
      unschedulable: z.boolean().optional(),
      kubeletVersion: z.string().optional(),
      taint: z.object({ key: z.string(), effect: z.string().optional(), present: z.boolean().default(true) }).strict().optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('file'),
      host: Host,
      path: z.string().regex(/^\//, 'an absolute path'),
      exists: z.boolean().default(true),
      contains: z.string().optional(),
      matches: z.string().optional(),
      explain: Bilingual.optional(),
      points: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('command'),
      host: Host,
      /** Run as root on the host; the check passes when the status and output match. */
      run: z.string(),
      status: z.number().int().default(0),
      stdoutContains: z.string().optional(),
      stdoutMatches: z.string().optional(),
      /** What to tell the learner when it fails. */
      message: Bilingual,
      explain: Bilingual.optional(),
      points: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('package'),
      host: Host,
      name: z.string(),
      /** The installed version must start with this (`1.33.4`, `1.33.4-1.1`). */
      version: z.string().optional(),
      installed: z.boolean().default(true),
      held: z.boolean().optional(),
      explain: Bilingual.optional(),
      points: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('service'),
      host: Host,
      unit: z.string(),
      active: z.boolean().optional(),
      enabled: z.boolean().optional(),
      explain: Bilingual.optional(),
      points: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('kernel'),
      host: Host,
      /** A kernel module that must be loaded (`br_netfilter`). */
      module: z.string().optional(),
      /** A sysctl key and the value it must have now (`net.ipv4.ip_forward` = `1`). */
      sysctl: z.object({ key: z.string(), value: z.string() }).strict().optional(),
      /** Swap must be off (no active swap area). */
      swapOff: z.boolean().optional(),
      explain: Bilingual.optional(),
      points: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('custom'),
      /** A TypeScript module beside the lab (labs/<id>/checks/<module>.ts) exporting `check(world)`. */
      module: z.string().regex(/^[a-z0-9-]+$/),
      ...common,
    })
    .strict(),
]);
export type Check = z.infer<typeof Check>;

export const Step = z.union([
  z.string(),
  z.object({ host: Host.optional(), user: z.string().optional(), run: z.string() }).strict(),
]);
export type Step = z.infer<typeof Step>;

export const Task = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: Bilingual,
    text: Bilingual,
    checks: z.array(Check).min(1),
    hints: z.array(Bilingual).default([]),
    solution: z.array(Step).min(1),
  })
  .strict();
export type Task = z.infer<typeof Task>;

/** A lab parameter: its default (what the lab reads as on its own) and how exams may vary it. */
export const LabParam = z
  .object({ default: z.union([z.string(), z.number()]), gen: ParamGenerator.optional() })
  .strict();
export type LabParam = z.infer<typeof LabParam>;

/**
 * The scenarios a lab or an exam host may start from (src/sim/scenarios/index.ts registers them;
 * a test keeps the two lists equal, minus the candidate's exam-base machine and the world
 * `minikube start` attaches).
 */
export const LAB_SCENARIOS = ['machines', 'machines-centos', 'cluster', 'upgrade', 'cluster-kubelet-stopped', 'cluster-broken-scheduler', 'cluster-wrong-cgroup-driver', 'cluster-expired-token'] as const;
export const LabScenario = z.enum(LAB_SCENARIOS);

export const Lab = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: Bilingual,
    description: Bilingual,
    chapter: z.string(),
    scenario: LabScenario,
    seed: z.number().int().optional(),
    host: Host.default('cka01'),
    setup: z
      .object({
        steps: z.array(Step).default([]),
        files: z
          .array(z.object({ host: Host, path: z.string().regex(/^\//), from: z.string(), mode: z.string().optional() }).strict())
          .default([]),
      })
      .strict()
      .default({}),
    timeLimitMinutes: z.number().positive().optional(),
    /** Variant parameters: `{{name}}` in any string of the lab takes the value (the default unless an
     *  exam question draws another). Rendered before validation, see loader.ts and template.ts. */
    params: z.record(z.string().regex(PARAM_NAME, 'a parameter name such as name or replicas'), LabParam).optional(),
    tasks: z.array(Task).min(1),
  })
  .strict();
export type Lab = z.infer<typeof Lab>;

/**
 * labs/<id>/tests.yaml: how CI proves a lab's checks are right. For every task, near-miss solutions
 * (wrong namespace, wrong replica count, a typo in a label…) that must leave a check failing, and the
 * words its message must contain to count as helpful.
 */
export const LabTests = z
  .object({
    nearMisses: z.record(
      z.string(),
      z
        .array(
          z
            .object({
              name: z.string(),
              /** Run after the reference solutions of the tasks before this one. */
              steps: z.array(Step).min(1),
              /** A failing check's English message must contain this. */
              expectMessage: z.string(),
            })
            .strict(),
        )
        .min(2),
    ),
  })
  .strict();
export type LabTests = z.infer<typeof LabTests>;
