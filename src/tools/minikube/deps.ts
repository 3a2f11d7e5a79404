/** What the minikube program needs from the runtime: the registry of clusters beside the world, a way to build one, kubectl. */
import type { Program } from '../../shell/command';
import type { AttachedWorlds } from '../../runtime/attached-worlds';
import type { World } from '../../sim/world';
import type { MinikubeRuntime } from '../../sim/scenarios/minikube';

export interface NewClusterOptions {
  profile: string;
  nodes: number;
  cpus: number;
  memoryMiB: number;
  kubernetesVersion: string;
  containerRuntime?: MinikubeRuntime;
}

export interface MinikubeDeps {
  /** The clusters attached to the caller's world (minikube profiles among them). */
  registry(): AttachedWorlds;
  /** Build a cluster world (the `minikube` scenario) on the caller's clock. */
  buildCluster(options: NewClusterOptions): World;
  /** The kubectl that `minikube kubectl --` runs. */
  kubectl: Program;
}

/** Settings minikube keeps in ~/.minikube/profiles/NAME/config.json, as stored in the registry. */
export interface ProfileConfig {
  driver: 'docker' | 'none';
  kubernetesVersion: string;
  cpus: number;
  memoryMiB: number;
  nodes: number;
  addons: string[];
  /** --container-runtime as given (docker when not). */
  containerRuntime?: string;
}
