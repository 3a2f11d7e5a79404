/**
 * What a kubeadm binary knows about its own release: its version (from the installed package),
 * the component versions it pins (cmd/kubeadm/app/constants per minor) and the images it lists.
 */
import { caPublicKeyHash } from '../pki/cert';
import { releaseBuild } from '../releases';

export interface KubeadmRelease {
  /** v1.33.4 */
  gitVersion: string;
  minor: number;
  etcd: string;
  coredns: string;
  pause: string;
  goVersion: string;
  gitCommit: string;
  buildDate: string;
}

const PINS: Record<number, { etcd: string; coredns: string; pause: string }> = {
  20: { etcd: '3.4.13-0', coredns: '1.7.0', pause: '3.2' },
  21: { etcd: '3.4.13-0', coredns: 'v1.8.0', pause: '3.4.1' },
  28: { etcd: '3.5.9-0', coredns: 'v1.10.1', pause: '3.9' },
  29: { etcd: '3.5.16-0', coredns: 'v1.11.1', pause: '3.9' },
  30: { etcd: '3.5.15-0', coredns: 'v1.11.3', pause: '3.9' },
  31: { etcd: '3.5.15-0', coredns: 'v1.11.3', pause: '3.10' },
  32: { etcd: '3.5.16-0', coredns: 'v1.11.3', pause: '3.10' },
  33: { etcd: '3.5.21-0', coredns: 'v1.12.0', pause: '3.10' },
  34: { etcd: '3.6.4-0', coredns: 'v1.12.1', pause: '3.10.1' },
};

/** The release of a kubeadm package version ('1.33.4-1.1', '1.20.9-00') or git version ('v1.33.4'). */
export function kubeadmRelease(version: string): KubeadmRelease {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  const minor = m ? Number(m[2]) : 33;
  const patch = m ? Number(m[3]) : 4;
  const pins = PINS[minor] ?? PINS[minor < 28 ? 21 : 33];
  const gitVersion = `v1.${minor}.${patch}`;
  const build = releaseBuild(gitVersion);
  return {
    gitVersion,
    minor,
    etcd: pins.etcd,
    coredns: pins.coredns,
    pause: pins.pause,
    goVersion: build.goVersion,
    gitCommit: build.gitCommit,
    buildDate: build.buildDate,
  };
}

/** `kubeadm version` (the Go struct dump; 1.31+ prints the emulation fields). */
export function versionInfoLine(r: KubeadmRelease): string {
  const emulation = r.minor >= 31 ? 'EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", ' : '';
  return `kubeadm version: &version.Info{Major:"1", Minor:"${r.minor}", ${emulation}GitVersion:"${r.gitVersion}", GitCommit:"${r.gitCommit}", GitTreeState:"clean", BuildDate:"${r.buildDate}", GoVersion:"${r.goVersion}", Compiler:"gc", Platform:"linux/amd64"}`;
}

/** The images `kubeadm config images list` prints for a Kubernetes version and repository. */
export function requiredImages(r: KubeadmRelease, kubernetesVersion: string, repository = 'registry.k8s.io'): string[] {
  const v = kubernetesVersion.startsWith('v') ? kubernetesVersion : `v${kubernetesVersion}`;
  const target = kubeadmRelease(v);
  // CoreDNS lives under coredns/ only in the default repository, and there only from CoreDNS v1.8.0
  // (kubeadm 1.21; the older tags have no v: k8s.gcr.io/coredns:1.7.0).
  const nested = (repository === 'registry.k8s.io' || repository === 'k8s.gcr.io') && target.coredns.startsWith('v');
  const coredns = nested ? `${repository}/coredns/coredns:${target.coredns}` : `${repository}/coredns:${target.coredns}`;
  return [
    `${repository}/kube-apiserver:${v}`,
    `${repository}/kube-controller-manager:${v}`,
    `${repository}/kube-scheduler:${v}`,
    `${repository}/kube-proxy:${v}`,
    coredns,
    `${repository}/pause:${r.pause}`,
    `${repository}/etcd:${target.etcd}`,
  ];
}

/** The CA public key hash for --discovery-token-ca-cert-hash: the same function openssl's pipeline computes. */
export function caCertHash(caPem: string): string {
  return caPublicKeyHash(caPem);
}
