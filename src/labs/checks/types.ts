import type { Bilingual, Check } from '../schema';
import type { GradeTarget } from '../target';

export interface CheckResult {
  pass: boolean;
  /** What is still wrong (or what is right), in the learner's terms, in both languages. */
  message: Bilingual;
  /** For exam reviews: the graded value as expected and as found. */
  expected?: string;
  actual?: string;
}

export type CheckOf<T extends Check['type']> = Extract<Check, { type: T }>;

export type CheckHandler<T extends Check['type']> = (check: CheckOf<T>, target: GradeTarget) => Promise<CheckResult> | CheckResult;

/** A lab's own check module: labs/<id>/checks/<name>.ts exporting `check`. */
export type CustomCheck = (target: GradeTarget) => Promise<CheckResult> | CheckResult;

export const say = (en: string, zh: string): Bilingual => ({ en, 'zh-CN': zh });

export function pass(en: string, zh: string, extra: Partial<CheckResult> = {}): CheckResult {
  return { pass: true, message: say(en, zh), ...extra };
}

export function fail(en: string, zh: string, extra: Partial<CheckResult> = {}): CheckResult {
  return { pass: false, message: say(en, zh), ...extra };
}

export function unreachable(): CheckResult {
  return fail(
    'The API server does not answer: kubectl would print "connection refused". Is kube-apiserver running?',
    'API server 没有响应（kubectl 会报 connection refused）。kube-apiserver 在运行吗？',
  );
}

/** `Deployment default/web`, `Node cka02`. */
export function describeRef(kind: string, name: string, namespace?: string): string {
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

export function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
}
