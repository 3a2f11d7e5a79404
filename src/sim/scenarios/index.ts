/**
 * The table of scenarios: builders of starting worlds. Names are stable (labs refer to them).
 * `cluster` and `upgrade` are registered by the parts that bring Kubernetes up.
 */
import type { World, WorldOptions } from '../world';
import { buildMachines } from './machines';
import { buildExamBase } from './exam-base';
import { BROKEN_SCENARIOS } from './broken';
import { CLUSTER_SCENARIOS } from './cluster';
import { buildCentosMachines } from './machines-centos';
import { minikubeScenario } from './minikube';

export interface Scenario {
  description: string;
  build(world: World, options: WorldOptions): void;
}

export const scenarios: Record<string, Scenario> = {
  machines: {
    description: 'three fresh Ubuntu 22.04 machines (cka01 control plane, cka02 and cka03 workers), nothing of Kubernetes installed',
    build: buildMachines,
  },
  'machines-centos': {
    description: 'three fresh CentOS Linux 7 (Core) machines (cka01, cka02, cka03) for the older notes\' yum and Docker path',
    build: buildCentosMachines,
  },
  'exam-base': {
    description: "the CKA candidate's base machine: user candidate, kubectl without a kubeconfig, ssh to the exam's hosts",
    build: buildExamBase,
  },
  ...CLUSTER_SCENARIOS,
  minikube: minikubeScenario,
  ...BROKEN_SCENARIOS,
};

/** Register a scenario (cluster, upgrade, broken variants) from the part that builds it. */
export function registerScenario(name: string, scenario: Scenario): void {
  scenarios[name] = scenario;
}
