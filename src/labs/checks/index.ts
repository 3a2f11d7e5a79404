/** Every kind of check, by its `type`: a table, so a new kind is one entry and one file. */
import type { Check } from '../schema';
import type { GradeTarget } from '../target';
import { commandCheck, fileCheck } from './machines';
import { nodeCheck } from './nodes';
import { kernelCheck, packageCheck, serviceCheck } from './system';
import { absentCheck, countCheck, objectCheck, podsCheck } from './objects';
import { fail, type CheckHandler, type CheckResult, type CustomCheck } from './types';

type HandlerTable = { [T in Exclude<Check['type'], 'custom'>]: CheckHandler<T> };

const handlers: HandlerTable = {
  object: objectCheck,
  absent: absentCheck,
  count: countCheck,
  pods: podsCheck,
  node: nodeCheck,
  file: fileCheck,
  command: commandCheck,
  package: packageCheck,
  service: serviceCheck,
  kernel: kernelCheck,
};

export async function runCheck(check: Check, target: GradeTarget, custom: Record<string, CustomCheck> = {}): Promise<CheckResult> {
  try {
    if (check.type === 'custom') {
      const fn = custom[check.module];
      if (!fn) return fail(`Check module "${check.module}" is missing.`, `缺少检查模块“${check.module}”。`);
      return await fn(target);
    }
    const handler = handlers[check.type] as CheckHandler<typeof check.type>;
    return await handler(check as never, target);
  } catch (err) {
    // A check must never break the panel: report the failure as a result.
    return fail(`The check could not run: ${(err as Error).message}`, `检查无法运行：${(err as Error).message}`);
  }
}

export type { CheckResult, CustomCheck } from './types';
