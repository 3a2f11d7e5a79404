/**
 * The control-plane image tags registry.k8s.io (and its mirrors) publish: every release whose
 * kubeadm a repository offers (pkgs.k8s.io's minors and the legacy apt.kubernetes.io mirrors), so
 * that any kubeadm a learner can install finds its images.
 */
import { REPOSITORIES } from '../packages/catalogue';

export const K8S_RELEASE_TAGS: readonly string[] = [
  ...new Set(
    REPOSITORIES.flatMap((repo) => repo.entries)
      .filter((e) => e.name === 'kubeadm')
      .map((e) => `v${e.version.split('-')[0]}`),
  ),
];
