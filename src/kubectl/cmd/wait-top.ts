/** kubectl wait --for=condition=…|delete|jsonpath=…. */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { executeJsonPath, parseJsonPath } from '../printers/jsonpath';
import { relaxedJsonPath } from '../printers/custom-columns';
import { qualifiedName } from '../printers/output';
import { resolveTargets } from '../resource/targets';
import { checkErr, continueOnErrorResult } from '../client/go-errors';
import { register } from './registry';
import { failOfflineFiles } from '../resource/offline-visit';
import './top';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function timeoutMs(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(n) * (unit === 'h' ? 3600e3 : unit === 'm' ? 60e3 : unit === 's' ? 1e3 : 1);
  return ms;
}

type Check = (obj: KubeObject | undefined) => boolean;

function condition(forFlag: string): Check {
  if (forFlag === 'delete') return (o) => o === undefined;
  if (forFlag.startsWith('condition=')) {
    const [type, value = 'true'] = forFlag.slice(10).split('=');
    return (o) => ((((o?.status as Obj)?.conditions ?? []) as Obj[]).some((c) => c.type.toLowerCase() === type.toLowerCase() && String(c.status).toLowerCase() === value.toLowerCase()));
  }
  if (forFlag.startsWith('jsonpath=')) {
    const spec = forFlag.slice(9);
    const eq = spec.lastIndexOf('=');
    const path = eq > 0 && !spec.slice(eq).includes('}') ? spec.slice(0, eq) : spec;
    const want = eq > 0 && path !== spec ? spec.slice(eq + 1) : undefined;
    const tpl = parseJsonPath(relaxedJsonPath(path));
    return (o) => {
      if (!o) return false;
      const got = executeJsonPath(tpl, JSON.parse(JSON.stringify(o)), { allowMissingKeys: true });
      return want === undefined ? got !== '' : got === want;
    };
  }
  if (forFlag.startsWith('create')) return (o) => o !== undefined;
  throw fail(`unrecognized condition: "${forFlag}"`);
}

async function wait(inv: Invocation): Promise<number> {
  const forFlag = inv.flags.str('for');
  const check = condition(forFlag);
  await failOfflineFiles(inv);
  const conn = connect(inv);
  // The finder's builder continues on error: the objects of the files read are waited for, the
  // errors of reading them come after.
  const { targets, errors, fileErrors } = await resolveTargets(inv, conn, { bareTypeListsAll: false, gather: true });
  if (errors.length) throw new KubectlError(errors.join('\n'));
  const readErrors = continueOnErrorResult([], fileErrors?.inner ?? []);
  if (targets.length === 0 && readErrors === undefined) throw fail('no matching resources found');
  const deadline = inv.ctx.clock.now() + timeoutMs(inv.flags.str('timeout') || '30s');
  for (const t of targets) {
    for (;;) {
      const res = conn.request<KubeObject>({ verb: 'get', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name });
      if (res.code >= 300 && res.code !== 404) throw new KubectlError(statusText(res.body));
      if (res.code === 404 && forFlag !== 'delete') throw new KubectlError(statusText(res.body));
      const obj = res.code === 404 ? undefined : ({ kind: t.mapping.kind, apiVersion: t.mapping.group ? `${t.mapping.group}/${t.mapping.version}` : t.mapping.version, ...(res.body as KubeObject) });
      if (check(obj)) {
        const name = qualifiedName({ kind: t.mapping.kind, apiVersion: t.mapping.group ? `${t.mapping.group}/${t.mapping.version}` : 'v1', metadata: { name: t.name } });
        inv.out(`${name} condition met\n`);
        break;
      }
      if (inv.ctx.signal.aborted) return 130;
      if (inv.ctx.clock.now() >= deadline) throw fail(`timed out waiting for the condition on ${t.mapping.resource}${t.mapping.group ? '.' + t.mapping.group : ''}/${t.name}`);
      await inv.ctx.clock.sleep(1000, inv.ctx.signal);
    }
  }
  if (readErrors !== undefined) throw checkErr(readErrors);
  return 0;
}

register('wait', wait);
