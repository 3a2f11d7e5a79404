import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { createApiServer, ApiClient, gvr, type ApiServer, type KubeObject } from '../../../src/sim/apiserver';

export function newServer(opts: { bootstrap?: boolean } = {}): { server: ApiServer; client: ApiClient; clock: SimClock } {
  const clock = new SimClock();
  const server = createApiServer({ clock, random: new SeededRandom(42), bootstrap: opts.bootstrap ?? true });
  return { server, client: new ApiClient(server), clock };
}

export const PODS = gvr('pods');
export const DEPLOYMENTS = gvr('deployments');
export const SERVICES = gvr('services');
export const NAMESPACES = gvr('namespaces');
export const SERVICEACCOUNTS = gvr('serviceaccounts');

export function pod(name: string, labels: Record<string, string> = {}, image = 'nginx'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'web', image }] } };
}

export function deployment(name: string, replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    },
  };
}

/** A namespace with its default ServiceAccount (what the serviceaccount controller would add). */
export function withNamespace(client: ApiClient, ns: string): void {
  if (ns !== 'default' && ns !== 'kube-system') client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  client.create(SERVICEACCOUNTS, ns, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
}
