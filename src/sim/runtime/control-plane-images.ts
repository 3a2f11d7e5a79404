/**
 * What the control plane's images hold. kubeadm's etcd and kube-* images are distroless: no
 * shell, no coreutils, only their binaries in /usr/local/bin (etcd's image also has etcdctl and
 * etcdutl, so `kubectl exec etcd-NODE -- etcdctl …` works where `-- sh` does not). A command that
 * names another program fails to start, as runc reports it (a typo'd `kube-schedulerr` in a
 * manifest: StartError, exit code 128, CrashLoopBackOff).
 *
 * The images are known by their name under the registries kubeadm pulls from (registry.k8s.io,
 * k8s.gcr.io, a `google_containers` mirror given as --image-repository); an image of the same name
 * elsewhere (docker.io/bitnami/etcd has a shell) is not one of them.
 */
const BINARIES: Record<string, readonly string[]> = {
  etcd: ['etcd', 'etcdctl', 'etcdutl'],
  'kube-apiserver': ['kube-apiserver'],
  'kube-controller-manager': ['kube-controller-manager'],
  'kube-scheduler': ['kube-scheduler'],
  // kube-proxy's image (distroless-iptables) also holds the iptables tools, which are not modelled here.
  'kube-proxy': ['kube-proxy'],
};

const KUBEADM_REGISTRY = /^(registry\.k8s\.io|k8s\.gcr\.io)\/[^/]+$|\/google_containers\/[^/]+$/;

/** The binaries of a control-plane image (by normalised repository), or undefined for any other image. */
export function controlPlaneImageBinaries(repository: string): readonly string[] | undefined {
  if (!KUBEADM_REGISTRY.test(repository)) return undefined;
  return BINARIES[repository.slice(repository.lastIndexOf('/') + 1)];
}

/** runc's answer to a process whose program is not in the container (the CRI's StartContainer error). */
export function executableNotFound(prog: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${prog}": executable file not found in $PATH: unknown`;
}
