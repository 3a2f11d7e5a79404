/** kubectl autoscale (deployment|replicaset|statefulset|rc) NAME --max=N [--min=N] [--cpu-percent=N] */
import { recordChangeCause } from './mutate';
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, namespaceOf } from '../client/connection';
import { isStatus, statusText } from '../client/status';
import { checkErr, continueOnErrorResult, type GoError } from '../client/go-errors';
import { VisitorErrors } from './latest-visit';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { checkOutputFormat, printStructured, printTypedResponse, qualifiedName } from '../printers/output';
import { NO_RESOURCES, fetchTargetResult, resolveTargets } from '../resource/targets';
import { checkRequired, dryRunOf, meta } from './create/generator';
import { register } from './registry';
import { failOfflineFiles } from '../resource/offline-visit';

async function autoscale(inv: Invocation): Promise<number> {
  if (inv.flags.args.length === 0 && inv.flags.list('filename').length === 0) throw raw(NO_RESOURCES);
  checkRequired(inv, ['max']);
  const max = inv.flags.int('max');
  const min = inv.flags.int('min');
  if (max < 1) throw fail(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (min > max) throw fail(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const dryRun = dryRunOf(inv);
  const spec = checkOutputFormat(inv.flags.str('output'));
  await failOfflineFiles(inv);
  const conn = connect(inv);
  // The builder continues on error: each object's errors in turn, those of reading -f (and of
  // fetching a named object) last; nothing found and nothing failed is an error of its own.
  const { targets, errors, fileErrors } = await resolveTargets(inv, conn, { gather: true });
  const outer: GoError[] = [];
  const inner = new VisitorErrors(fileErrors);
  let count = 0;
  for (const t of targets) {
    // The builder reads each object named on the command line (a file's are taken as they are): one that does not exist is the server's NotFound.
    const live = t.object ? { object: t.object } : fetchTargetResult(conn, t);
    inner.before(t, 'failure' in live ? (live.failure as GoError) : undefined);
    if ('failure' in live) continue;
    if (!['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'].includes(t.mapping.resource)) {
      outer.push(`cannot autoscale a ${t.mapping.kind}: cannot autoscale a ${t.mapping.kind}`);
      continue;
    }
    const name = inv.flags.str('name') || t.name;
    const hpaSpec: Record<string, unknown> = {
      scaleTargetRef: { kind: t.mapping.kind, name: t.name, apiVersion: `${t.mapping.group}/${t.mapping.version}`.replace(/^\//, '') },
    };
    if (min > 0) hpaSpec.minReplicas = min;
    hpaSpec.maxReplicas = max;
    const cpu = inv.flags.int('cpu-percent');
    if (cpu >= 0) {
      hpaSpec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
    }
    const hpa: KubeObject = {
      kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2',
      metadata: meta(name, inv.flags.str('namespace') || undefined), spec: hpaSpec, status: { desiredReplicas: 0, currentMetrics: null },
    };
    if (inv.flags.bool('record')) recordChangeCause(hpa, inv);
    if (dryRun === 'client') {
      if (!printStructured(inv, spec, hpa, { typed: true })) inv.out(`${qualifiedName(hpa)} created (dry run)\n`);
      count++;
      continue;
    }
    // The HorizontalPodAutoscaler is created through the generated clientset (protobuf).
    const res = conn.typed(() =>
      conn.request<KubeObject>({
        verb: 'create', group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: t.namespace ?? namespaceOf(inv), body: hpa,
        query: { fieldManager: 'kubectl-autoscale', ...(dryRun === 'server' ? { dryRun: 'All' } : {}) },
      }),
    );
    if (res.code >= 300) {
      outer.push(isStatus(res.body) ? res.body : statusText(res.body));
      continue;
    }
    if (!printTypedResponse(inv, spec, res.body as KubeObject)) inv.out(`${qualifiedName(res.body as KubeObject)} autoscaled\n`);
    count++;
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
  const err = continueOnErrorResult(outer, inner.end());
  if (err !== undefined) throw checkErr(err);
  if (count === 0) throw fail('no objects passed to autoscale');
  return 0;
}

register('autoscale', autoscale);
