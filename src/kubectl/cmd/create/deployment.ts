/** kubectl create deployment NAME --image=… [--replicas] [--port] [-- COMMAND…] */
import { fail } from '../../errors';
import { commandAfterDash, meta, registerGenerator } from './generator';

/** The container name kubectl derives from an image: last path segment, tag/digest dropped. */
export function containerNameFromImage(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0].split('@')[0];
  return name.replace(/_/g, '-');
}

registerGenerator({
  path: 'create deployment',
  resource: { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true },
  required: ['image'],
  wrapError: 'failed to create deployment: %v',
  build(inv, name, namespace) {
    const images = inv.flags.list('image');
    const command = commandAfterDash(inv);
    if (images.length > 1 && command.length > 0) throw fail('cannot specify multiple --image options and command');
    const labels = { app: name };
    const port = inv.flags.int('port');
    const containers = images.map((image) => {
      const c: Record<string, unknown> = { name: containerNameFromImage(image), image };
      if (command.length) c.command = command;
      if (port >= 0 && inv.flags.has('port')) c.ports = [{ containerPort: port }];
      c.resources = {};
      return c;
    });
    return {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: meta(name, namespace, { labels }),
      spec: {
        replicas: inv.flags.int('replicas'),
        selector: { matchLabels: labels },
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
        strategy: {},
      },
      status: {},
    };
  },
});
