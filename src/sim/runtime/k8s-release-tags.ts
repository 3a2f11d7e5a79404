/** The control-plane image tags registry.k8s.io (and its mirrors) publish: every patch release pkgs.k8s.io packages. */
import { K8S_LATEST_PATCH } from '../packages/catalogue';

export const K8S_RELEASE_TAGS: readonly string[] = Object.entries(K8S_LATEST_PATCH).flatMap(([minor, last]) => Array.from({ length: last + 1 }, (_, p) => `v1.${minor}.${p}`));
