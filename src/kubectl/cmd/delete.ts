/** kubectl delete (TYPE NAME… | TYPE/NAME | -f FILE | TYPE -l SEL | TYPE --all) [--grace-period] [--force] [--now] [--wait] */
import { connect } from '../client/connection';
import { statusText } from '../client/status';
import { VisitErrors } from '../client/visit-errors';
import { aggregate } from '../client/go-errors';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { displayName } from '../resource/objects';
import { NO_RESOURCES, resolveTargets } from '../resource/targets';
import { dryRunOf } from './create/generator';
import { register } from './registry';
import { hasFileSource } from '../resource/kustomize-source';

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

async function del(inv: Invocation): Promise<number> {
  const dryRun = dryRunOf(inv);
  let grace = inv.flags.int('grace-period');
  const force = inv.flags.bool('force');
  if (inv.flags.bool('now')) {
    if (grace !== -1) throw fail('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace < 0) grace = 0;
  if (grace === 0 && !force) grace = 1;
  if (!hasFileSource(inv) && inv.flags.args.length > 0 && inv.flags.bool('all') && inv.flags.args.length > 1) {
    throw fail('name cannot be provided when a selector is specified');
  }
  if (inv.flags.args.length === 0 && !hasFileSource(inv)) throw raw(NO_RESOURCES);
  const conn = connect(inv);
  const { targets, errors, fileErrors } = await resolveTargets(inv, conn, { gather: true });
  // With -f, DeleteResult's errors (each with its file) come in turn, then the visitors' aggregate.
  const fileFailures = new VisitErrors();
  for (const e of fileErrors?.outer ?? []) fileFailures.push(e);
  if (force && grace === 0) inv.err(FORCE_WARNING);
  if (targets.length === 0 && errors.length === 0 && !fileErrors?.outer.length && !fileErrors?.inner.length) {
    inv.out('No resources found\n');
    return 0;
  }
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const deleted: typeof targets = [];
  for (const t of targets) {
    if (t.refused !== undefined) {
      fileFailures.push(t.refused);
      continue;
    }
    if (dryRun === 'client') {
      inv.out(`${displayName(t.mapping)} "${t.name}" deleted${suffix}\n`);
      continue;
    }
    const query: Record<string, string> = {};
    if (grace >= 0) query.gracePeriodSeconds = String(grace);
    if (inv.flags.str('cascade') === 'orphan') query.propagationPolicy = 'Orphan';
    else if (inv.flags.str('cascade') === 'foreground') query.propagationPolicy = 'Foreground';
    else query.propagationPolicy = 'Background';
    if (dryRun === 'server') query.dryRun = 'All';
    const res = conn.request({
      verb: 'delete', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name, query,
    });
    if (res.code === 404 && inv.flags.bool('ignore-not-found')) continue;
    if (res.code >= 300) {
      if (fileErrors) fileFailures.add(res.body, 'deleting', t.source);
      else errors.push(statusText(res.body));
      continue;
    }
    inv.out(`${displayName(t.mapping)} "${t.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}${suffix}\n`);
    deleted.push(t);
  }
  if (dryRun === 'none' && inv.flags.bool('wait')) await waitGone(inv, conn, deleted);
  fileFailures.push(aggregate(fileErrors?.inner ?? []));
  if (fileFailures.length) throw fileFailures.toError();
  if (errors.length) throw new KubectlError(errors.join('\n'));
  return 0;
}

/** --wait (the default): let simulated time pass until the objects are gone (bounded). */
async function waitGone(inv: Invocation, conn: ReturnType<typeof connect>, targets: { mapping: { group: string; version: string; resource: string }; name: string; namespace?: string }[]): Promise<void> {
  const deadline = inv.ctx.clock.now() + 120_000;
  // The real wait reads through the dynamic client (its body lines at -v=8 say so).
  conn.caller = 'simple.go:247';
  for (const t of targets) {
    for (;;) {
      const res = conn.request({ verb: 'get', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name });
      if (res.code === 404 || inv.ctx.clock.now() >= deadline || inv.ctx.signal.aborted) break;
      await inv.ctx.clock.sleep(1000, inv.ctx.signal);
    }
  }
  conn.caller = undefined;
}

register('delete', del);
