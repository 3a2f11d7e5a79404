/** kubectl create job NAME --image=… [-- COMMAND] and create cronjob NAME --image --schedule. */
import type { KubeObject } from '../../../sim/apiserver/types';
import { connect, namespaceOf } from '../../client/connection';
import { statusText } from '../../client/status';
import { KubectlError, fail } from '../../errors';
import type { Invocation } from '../../invocation';
import { commandAfterDash, meta, registerGenerator } from './generator';

registerGenerator({
  path: 'create job',
  resource: { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true },
  wrapError: 'failed to create job: %v',
  build(inv, name, ns) {
    const image = inv.flags.str('image');
    const from = inv.flags.str('from');
    if (!image && !from) throw fail('either --image or --from must be specified');
    if (image && from) throw fail('--image and --from are mutually exclusive');
    if (from) return jobFromCronJob(inv, name, ns, from);
    const command = commandAfterDash(inv);
    const container: Record<string, unknown> = { name, image };
    if (command.length) container.command = command;
    container.resources = {};
    return {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: meta(name, ns),
      spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
      status: {},
    };
  },
});

registerGenerator({
  path: 'create cronjob',
  resource: { group: 'batch', version: 'v1', resource: 'cronjobs', namespaced: true },
  required: ['image', 'schedule'],
  wrapError: 'failed to create cronjob: %v',
  build(inv, name, ns) {
    const restart = inv.flags.str('restart') || 'OnFailure';
    if (restart !== 'OnFailure' && restart !== 'Never' && restart !== 'Always') {
      throw fail(`invalid restart policy: ${restart}`);
    }
    const command = commandAfterDash(inv);
    const container: Record<string, unknown> = { name, image: inv.flags.str('image') };
    if (command.length) container.command = command;
    container.resources = {};
    return {
      kind: 'CronJob',
      apiVersion: 'batch/v1',
      metadata: meta(name, ns),
      spec: {
        schedule: inv.flags.str('schedule'),
        jobTemplate: {
          metadata: { name, creationTimestamp: null },
          spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: restart } } },
        },
      },
      status: {},
    };
  },
});

/** --from=cronjob/NAME: a Job from the CronJob's template, owned by it and marked as manual. */
function jobFromCronJob(inv: Invocation, name: string, ns: string | undefined, from: string): KubeObject {
  const [type, source] = from.split('/', 2);
  if (!source || !['cronjob', 'cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch'].includes(type)) {
    throw fail(`from must be an existing cronjob: unknown object type ${type}`);
  }
  const conn = connect(inv);
  const res = conn.request<KubeObject>({ verb: 'get', group: 'batch', version: 'v1', resource: 'cronjobs', namespace: namespaceOf(inv), name: source });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  const cj = res.body as KubeObject;
  const template = ((cj.spec as Record<string, unknown>)?.jobTemplate ?? {}) as { metadata?: Record<string, unknown>; spec?: unknown };
  const metadata: Record<string, unknown> = { name };
  if (ns) metadata.namespace = ns;
  metadata.creationTimestamp = null;
  const labels = template.metadata?.labels as Record<string, string> | undefined;
  if (labels && Object.keys(labels).length) metadata.labels = labels;
  metadata.annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...((template.metadata?.annotations as Record<string, string>) ?? {}) };
  metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata?.name, uid: cj.metadata?.uid, controller: true }];
  return { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: template.spec ?? {}, status: {} };
}
