import { SimClock } from '../../../src/sim/clock';
import { SeededRandom } from '../../../src/sim/random';
import { Machine } from '../../../src/sim/machine';
import { Cluster } from '../../../src/sim/cluster/cluster';
import { ApiClient, gvr, type KubeObject } from '../../../src/sim/apiserver';
import { FLANNEL_CONFLIST } from '../../../src/sim/network/cni';

export const HOSTS = [
  ['cka01', '192.168.6.171'],
  ['cka02', '192.168.6.172'],
  ['cka03', '192.168.6.173'],
] as const;

/** A cluster whose components simply run (no static pods), CNI installed, control plane tainted. */
export function simpleCluster(opts: { cni?: boolean; seed?: number } = {}) {
  const clock = new SimClock();
  const random = new SeededRandom(opts.seed ?? 7);
  const machines = HOSTS.map(([hostname, ip]) => Machine.ubuntu({ hostname, ip, cpus: 2, memoryMiB: 4096 }, () => clock.now()));
  if (opts.cni ?? true)
    for (const m of machines) {
      m.rootFs.mkdir('/etc/cni/net.d', { recursive: true });
      m.rootFs.writeFile('/etc/cni/net.d/10-flannel.conflist', FLANNEL_CONFLIST);
    }
  const cluster = new Cluster({ clock, random, machines, controlPlane: 'cka01', version: 'v1.33.4', staticControlPlane: false });
  for (const [h] of HOSTS) cluster.kubelet(h).start();
  cluster.settle();
  const admin = new ApiClient(cluster.apiServer);
  admin.patch(gvr('nodes'), undefined, 'cka01', {
    metadata: { labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } },
    spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  });
  cluster.settle();
  return { clock, random, machines, cluster, admin };
}

export function list(admin: ApiClient, resource: string, namespace?: string, labelSelector?: string): KubeObject[] {
  const r = admin.list(gvr(resource), namespace, { labelSelector });
  if (r.code !== 200) throw new Error(JSON.stringify(r.body));
  return (r.body as { items: KubeObject[] }).items;
}

export function events(admin: ApiClient, namespace: string, name?: string): { reason: string; message: string; type: string; source: string }[] {
  return list(admin, 'events', namespace)
    .filter((e) => !name || (e.involvedObject as { name?: string }).name === name)
    // As kubectl shows "From": the source's component, else the reporting controller (events.k8s.io/v1 events, the scheduler's).
    .map((e) => ({ reason: String(e.reason), message: String(e.message), type: String(e.type), source: String((e.source as { component?: string }).component || e.reportingComponent) }));
}

export function deployment(name: string, image: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: image.split(':')[0].split('/').pop(), image }] } },
      ...extra,
    },
  };
}
