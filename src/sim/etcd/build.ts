/** The etcd release kubeadm 1.33 deploys (registry.k8s.io/etcd:3.5.21-0), as its binaries report it. */
export const ETCD_BUILD = {
  version: '3.5.21',
  /** `git rev-parse --short=9` of the v3.5.21 tag, as the release build stamps it. */
  gitSha: 'a17edfd59',
  /** The Go that built v3.5.21 (its .go-version). */
  goVersion: 'go1.23.7',
} as const;

/** `etcd --version` (etcdmain's version flag). */
export function etcdVersionText(): string {
  return `etcd Version: ${ETCD_BUILD.version}\nGit SHA: ${ETCD_BUILD.gitSha}\nGo Version: ${ETCD_BUILD.goVersion}\nGo OS/Arch: linux/amd64\n`;
}
