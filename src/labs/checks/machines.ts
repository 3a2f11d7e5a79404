/** Checks on machines: files, and what only a command reveals (services, packages, curl through a Service). */
import { fail, pass, type CheckHandler } from './types';

export const fileCheck: CheckHandler<'file'> = (check, target) => {
  const text = target.readFile(check.host, check.path);
  if (text === null) {
    return check.exists
      ? fail(`${check.path} does not exist on ${check.host}.`, `${check.host} 上不存在 ${check.path}。`, { expected: 'exists', actual: 'absent' })
      : pass(`${check.path} is absent on ${check.host}.`, `${check.host} 上已没有 ${check.path}。`);
  }
  if (!check.exists) return fail(`${check.path} still exists on ${check.host}.`, `${check.host} 上仍有 ${check.path}。`, { expected: 'absent', actual: 'exists' });
  if (check.contains !== undefined && !text.includes(check.contains)) {
    return fail(`${check.path} on ${check.host} does not contain "${check.contains}".`, `${check.host} 上的 ${check.path} 不包含“${check.contains}”。`, {
      expected: `contains ${check.contains}`,
      actual: text.slice(0, 200),
    });
  }
  if (check.matches !== undefined && !new RegExp(check.matches, 'm').test(text)) {
    return fail(`${check.path} on ${check.host} does not match /${check.matches}/.`, `${check.host} 上的 ${check.path} 不匹配 /${check.matches}/。`, {
      expected: `matches /${check.matches}/`,
      actual: text.slice(0, 200),
    });
  }
  return pass(`${check.path} on ${check.host} is as the task asks.`, `${check.host} 上的 ${check.path} 符合要求。`);
};

export const commandCheck: CheckHandler<'command'> = async (check, target) => {
  const r = await target.exec(check.host, check.run);
  const ok =
    r.status === check.status &&
    (check.stdoutContains === undefined || r.stdout.includes(check.stdoutContains)) &&
    (check.stdoutMatches === undefined || new RegExp(check.stdoutMatches, 'm').test(r.stdout));
  const actual = `exit ${r.status}: ${(r.stdout + r.stderr).trim().slice(0, 200)}`;
  return ok ? { pass: true, message: check.message, actual } : { pass: false, message: check.message, actual, expected: check.stdoutContains ?? check.stdoutMatches ?? `exit ${check.status}` };
};
