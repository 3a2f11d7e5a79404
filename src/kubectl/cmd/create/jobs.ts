/** kubectl create job NAME --image=… [-- COMMAND] and create cronjob NAME --image --schedule. */
import { fail } from '../../errors';
import { commandAfterDash, meta, registerGenerator } from './generator';

registerGenerator({
  path: 'create job',
  resource: { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true },
  wrapError: 'failed to create job',
  build(inv, name, ns) {
    const image = inv.flags.str('image');
    const from = inv.flags.str('from');
    if (!image && !from) throw fail('either --image or --from must be specified');
    if (image && from) throw fail('--image and --from are mutually exclusive');
    if (from) throw fail('from must be an existing cronjob: cronjob.batch "' + from.split('/').pop() + '" not found');
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
  wrapError: 'failed to create cronjob',
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
