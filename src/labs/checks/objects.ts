/** Checks on API objects: exists with fields, absent, counts by selector, ready pods. */
import type { KubeObject } from '../../sim/apiserver/types';
import { evaluatePath } from '../path';
import type { Bilingual, FieldMatcher } from '../schema';
import { fetchObject, listObjects } from '../target';
import { describeRef, fail, pass, show, unreachable, type CheckHandler, type CheckResult } from './types';

interface FieldMatch {
  ok: boolean;
  actual: unknown;
  want: Bilingual;
}

const want = (en: string, zh: string): Bilingual => ({ en, 'zh-CN': zh });

function matchField(obj: KubeObject, m: FieldMatcher): FieldMatch {
  const got = evaluatePath(obj, m.path);
  if (!got.ok) return { ok: false, actual: undefined, want: want(got.error, got.error) };
  const values = got.values;
  const actual = values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
  if (m.exists !== undefined) return { ok: (values.length > 0) === m.exists, actual, want: m.exists ? want('it to be set', '设置该字段') : want('it not to be set', '不设置该字段') };
  if (m.equals !== undefined) {
    // YAML authors write 3 or "3"; the API may hold either: compare as kubectl prints them.
    return { ok: values.some((v) => String(v) === String(m.equals)), actual, want: want(show(m.equals), show(m.equals)) };
  }
  if (m.matches !== undefined) {
    const re = new RegExp(m.matches);
    return { ok: values.some((v) => typeof v !== 'object' && re.test(String(v))), actual, want: want(`a value matching /${m.matches}/`, `匹配 /${m.matches}/ 的值`) };
  }
  if (m.contains !== undefined) {
    const needle = m.contains;
    return {
      ok: values.some((v) => (Array.isArray(v) ? v.map(String).includes(needle) : String(typeof v === 'object' ? JSON.stringify(v) : v).includes(needle))),
      actual,
      want: want(`a value containing ${show(needle)}`, `包含 ${show(needle)} 的值`),
    };
  }
  const n = values.map(Number).find((v) => !Number.isNaN(v));
  if (m.atLeast !== undefined) return { ok: n !== undefined && n >= m.atLeast, actual, want: want(`at least ${m.atLeast}`, `至少 ${m.atLeast}`) };
  return { ok: n !== undefined && n <= (m.atMost as number), actual, want: want(`at most ${m.atMost}`, `至多 ${m.atMost}`) };
}

export const objectCheck: CheckHandler<'object'> = (check, target) => {
  const ref = describeRef(check.kind, check.name, check.namespace ?? (check.kind === 'Node' || check.kind === 'Namespace' ? undefined : 'default'));
  const fetched = fetchObject(target, check);
  if (fetched.state === 'unreachable') return unreachable();
  if (fetched.state !== 'found') {
    return fail(`${ref} does not exist yet.`, `${ref} 还不存在。`, { expected: 'exists', actual: 'absent' });
  }
  for (const m of check.fields) {
    const r = matchField(fetched.object, m);
    if (!r.ok) {
      return fail(
        `${ref}: ${m.path} is ${show(r.actual)}; the task asks for ${r.want.en}.`,
        `${ref}：${m.path} 当前为 ${show(r.actual)}，任务要求${r.want['zh-CN']}。`,
        { expected: `${m.path} ${r.want.en}`, actual: show(r.actual) },
      );
    }
  }
  return pass(`${ref} is as the task asks.`, `${ref} 符合任务要求。`);
};

export const absentCheck: CheckHandler<'absent'> = (check, target) => {
  const ref = describeRef(check.kind, check.name, check.namespace);
  const fetched = fetchObject(target, check);
  if (fetched.state === 'unreachable') return unreachable();
  if (fetched.state === 'found') return fail(`${ref} still exists.`, `${ref} 仍然存在。`, { expected: 'absent', actual: 'exists' });
  return pass(`${ref} is gone.`, `${ref} 已删除。`);
};

export const countCheck: CheckHandler<'count'> = (check, target) => {
  const items = listObjects(target, check);
  if (items === 'unreachable') return unreachable();
  const n = items === 'unknown-kind' ? 0 : items.length;
  const what = `${check.kind} objects${check.selector ? ` with labels ${check.selector}` : ''}${check.namespace ? ` in namespace ${check.namespace}` : ''}`;
  const whatZh = `${check.selector ? `标签为 ${check.selector} 的` : ''}${check.kind}${check.namespace ? `（命名空间 ${check.namespace}）` : ''}`;
  if (check.equals !== undefined && n !== check.equals) {
    return fail(`There are ${n} ${what}; the task asks for ${check.equals}.`, `现有 ${n} 个${whatZh}，任务要求 ${check.equals} 个。`, { expected: String(check.equals), actual: String(n) });
  }
  if (check.atLeast !== undefined && n < check.atLeast) {
    return fail(`There are ${n} ${what}; the task asks for at least ${check.atLeast}.`, `现有 ${n} 个${whatZh}，任务要求至少 ${check.atLeast} 个。`, { expected: `≥ ${check.atLeast}`, actual: String(n) });
  }
  return pass(`There are ${n} ${what}.`, `现有 ${n} 个${whatZh}。`);
};

function isReady(pod: KubeObject): boolean {
  const status = pod.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
  return status?.phase === 'Running' && !!status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && !pod.metadata?.deletionTimestamp;
}

export const podsCheck: CheckHandler<'pods'> = (check, target): CheckResult => {
  const pods = listObjects(target, { apiVersion: 'v1', kind: 'Pod', namespace: check.namespace, selector: check.selector, host: check.host });
  if (pods === 'unreachable') return unreachable();
  const list = pods === 'unknown-kind' ? [] : pods;
  const ready = list.filter(isReady);
  const where = `pods with labels ${check.selector} in namespace ${check.namespace}`;
  const whereZh = `命名空间 ${check.namespace} 中标签为 ${check.selector} 的 Pod `;
  if (check.image) {
    const wrong = list.filter((p) => {
      const containers = ((p.spec as { containers?: { image?: string }[] })?.containers ?? []);
      return !containers.some((c) => c.image === check.image);
    });
    if (wrong.length) {
      const img = ((wrong[0].spec as { containers?: { image?: string }[] }).containers ?? [])[0]?.image;
      return fail(
        `Pod ${wrong[0].metadata?.name} runs ${img}; the task asks for ${check.image}.`,
        `Pod ${wrong[0].metadata?.name} 运行的镜像是 ${img}，任务要求 ${check.image}。`,
        { expected: check.image, actual: String(img) },
      );
    }
  }
  if (ready.length < check.ready) {
    return fail(
      `${ready.length} of ${list.length} ${where} are Running and Ready; the task asks for ${check.ready}.`,
      `${whereZh}中有 ${ready.length}/${list.length} 个处于 Running 且 Ready，任务要求 ${check.ready} 个。`,
      { expected: String(check.ready), actual: String(ready.length) },
    );
  }
  return pass(`${ready.length} ${where} are Running and Ready.`, `${whereZh}中有 ${ready.length} 个 Running 且 Ready。`);
};
