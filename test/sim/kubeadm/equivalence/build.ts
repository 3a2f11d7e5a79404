/** The two paths to a v1.33 cluster: the `cluster` scenario, and the commands a learner types on `machines`. */
import type { World } from '../../../../src/sim/world';
import { bootWorld, runScript, type CapturedRun } from '../../../../src/runtime/session';
import { INIT, KUBECONFIG_AND_CNI, PREPARE_NODE } from './install-script';

export interface TypedCluster {
  world: World;
  runs: Record<string, CapturedRun>;
}

/** How long the learner waits after the last join before looking (flannel, CoreDNS, node status). */
export const SETTLE_MS = 5 * 60_000;

export async function clusterByCommands(): Promise<TypedCluster> {
  const world = bootWorld('machines', 1);
  const runs: Record<string, CapturedRun> = {};
  for (const host of ['cka01', 'cka02', 'cka03']) runs[`prepare ${host}`] = await runScript(world, host, PREPARE_NODE);
  runs.init = await runScript(world, 'cka01', INIT);
  const join = /kubeadm join \S+ --token \S+ \\\n\t--discovery-token-ca-cert-hash \S+/.exec(runs.init.stdout)?.[0].replace('\\\n\t', '');
  runs.cni = await runScript(world, 'cka01', KUBECONFIG_AND_CNI);
  for (const host of ['cka02', 'cka03']) runs[`join ${host}`] = await runScript(world, host, join ?? 'false');
  runs.settle = await runScript(world, 'cka01', `sleep ${SETTLE_MS / 1000}`);
  return { world, runs };
}

export function clusterScenario(): World {
  return bootWorld('cluster', 1);
}
