/**
 * kubectl apply set-last-applied -f FILE [--create-annotation] [--dry-run] [-o]: the
 * last-applied-configuration of each live object set to the file's object, as 'apply -f' would
 * write it, nothing else changed (apply_set_last_applied.go). Its builder does not continue on
 * error: the first error met ends the visit, before any object is patched.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect } from '../client/connection';
import { checkErr, type GoError } from '../client/go-errors';
import { statusText } from '../client/status';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { toCompactJson } from '../printers/json';
import { checkOutputFormat, printStructured, qualifiedName } from '../printers/output';
import { fetchTargetResult, resolveTargets, type Target } from '../resource/targets';
import { dryRunOf, LAST_APPLIED } from './create/generator';
import { VisitorErrors } from './latest-visit';
import { register } from './registry';
import { failOfflineFiles } from '../resource/offline-visit';

async function setLastApplied(inv: Invocation): Promise<number> {
  const dryRun = dryRunOf(inv);
  const spec = checkOutputFormat(inv.flags.str('output'));
  await failOfflineFiles(inv, { firstOnly: true });
  const conn = connect(inv);
  const { targets, fileErrors } = await resolveTargets(inv, conn, { gather: true, args: [] });
  const inner = new VisitorErrors(fileErrors);
  const stopAt = (err?: GoError) => {
    const first = inner.errors[0] ?? err;
    if (first !== undefined) throw checkErr(first);
  };
  const patches: { t: Target; live: KubeObject; config: string }[] = [];
  for (const t of targets) {
    inner.before(t);
    stopAt();
    // GetApplyPatch: the file's object as Unstructured encodes it, JSON with sorted keys.
    const config = `${toCompactJson(t.object, true)}\n`;
    const got = fetchTargetResult(conn, t);
    if ('failure' in got) stopAt(got.failure as GoError);
    const live = (got as { object: KubeObject }).object;
    const original = live.metadata?.annotations?.[LAST_APPLIED];
    if (original === undefined && !inv.flags.bool('create-annotation')) {
      throw fail(`no last-applied-configuration annotation found on resource: ${t.name}, to create the annotation, run the command with --create-annotation`);
    }
    if (original !== config) patches.push({ t, live, config });
    else inv.out(`set-last-applied ${t.name}: no changes required.\n`);
  }
  inner.end();
  stopAt();
  for (const { t, live, config } of patches) {
    let shown = live;
    if (dryRun !== 'client') {
      const res = conn.request<KubeObject>({
        verb: 'patch', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name,
        patchType: 'application/merge-patch+json', body: { metadata: { annotations: { [LAST_APPLIED]: config } } },
        query: dryRun === 'server' ? { dryRun: 'All' } : {},
      });
      if (res.code >= 300) throw new KubectlError(statusText(res.body));
      shown = res.body as KubeObject;
    }
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    if (!printStructured(inv, spec, shown)) inv.out(`${qualifiedName(shown)} configured${suffix}\n`);
  }
  return 0;
}

register('apply set-last-applied', setLastApplied);
