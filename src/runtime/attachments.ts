/**
 * Importing this module registers every world attachment and scenario that brings Kubernetes up
 * (the cluster), so that `createWorld('cluster')` and `World.fromJSON` of a saved cluster work.
 * Entry points (CLI, worker, tests of the whole system) import it once.
 */
export {};
