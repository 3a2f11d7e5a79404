/**
 * The world behind the nodes/proxy goldens: the default kubeadm cluster with a Deployment running,
 * cka03's kubelet stopped, cka01's kubelet restarted without its /logs handler. The same build steps give the same answers, so the recorder (the real
 * kubectl against this world served over HTTP) and the tests see the same API.
 */
import { bootWorld, runScript } from '../../src/runtime/session';
import { clusterOf } from '../../src/sim/cluster/attach';
import type { ApiServer } from '../../src/sim/apiserver';
import type { World } from '../../src/sim/world';

export async function buildNodeProxyWorld(): Promise<{ world: World; server: ApiServer }> {
  const world = bootWorld('cluster');
  await runScript(world, 'cka01', 'kubectl create deployment web --image=nginx:1.27 --replicas=2 >/dev/null; sleep 60');
  await runScript(world, 'cka03', 'systemctl stop kubelet');
  await runScript(world, 'cka01', "echo 'enableSystemLogHandler: false' >> /var/lib/kubelet/config.yaml; systemctl restart kubelet");
  await runScript(world, 'cka01', 'sleep 5');
  return { world, server: clusterOf(world)!.apiServer };
}

/** The kubectl arguments of each case. */
export const CASES: string[] = [
  'get --raw /api/v1/nodes/cka02/proxy/healthz',
  'get --raw /api/v1/nodes/cka02/proxy/healthz?verbose',
  'get --raw /api/v1/nodes/cka02/proxy/configz',
  'get --raw /api/v1/nodes/cka02/proxy/stats/summary',
  'get --raw /api/v1/nodes/cka02/proxy/stats/summary?only_cpu_and_memory=true',
  'get --raw /api/v1/nodes/cka02/proxy/metrics/resource',
  'get --raw /api/v1/nodes/cka02/proxy/logs/',
  'get --raw /api/v1/nodes/cka01/proxy/logs/',
  'get --raw /api/v1/nodes/cka02/proxy/nope',
  'get --raw /api/v1/nodes/cka02/proxy',
  'get --raw /api/v1/nodes/cka09/proxy/healthz',
  'get --raw /api/v1/nodes/cka03/proxy/configz',
  '--as=system:serviceaccount:default:default get --raw /api/v1/nodes/cka02/proxy/healthz',
];

export function goldenName(i: number, args: string): string {
  return `${String(i).padStart(2, '0')}-${args.replace(/^--as=\S+ /, 'as-sa-').replace(/^get --raw \/api\/v1\/nodes\//, '').replace(/[^A-Za-z0-9=.-]+/g, '_')}.txt`;
}
