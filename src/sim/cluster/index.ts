/**
 * The simulated cluster, for the rest of the simulator (kubectl, kubeadm, crictl, curl, labs):
 *
 *   clusterOf(world) → Cluster | undefined                the world's cluster (restored lazily after fromJSON)
 *   cluster.connect(serverUrl, fromHost) → ApiTransport | null   what a kubeconfig's server answers (null: refused)
 *   cluster.apiReachable()                                 kube-apiserver and etcd static pods running on the control plane
 *   cluster.apiServer                                      the ApiServer (etcd snapshots, traces)
 *   cluster.network                                        ClusterNetwork: resolve, httpGet, tcpConnect, ping, resolvConf
 *   cluster.kubelets.get(host) / cluster.kubelet(host)     Kubelet: start(), stop(), running, podWorkers, logs(), exec(), poke()
 *   cluster.runtimes.get(host)                             ContainerRuntime: images, sandboxes, containers (crictl)
 *   cluster.restartKubelet(host, version?)                 a kubelet restart (upgrade)
 *   cluster.controllerManager / cluster.scheduler          start()/stop()/isRunning (driven by their static pods)
 *   cluster.settle(maxMs?) / cluster.advance(ms)           run the simulated clock
 *   bootstrapKubeadmCluster(options) → Cluster             a kubeadm cluster built the real way (the `cluster` scenario)
 *
 * A kubelet watches its manifest directory (inotify): a manifest written, moved or removed is
 * acted on as soon as the clock runs. After writing /etc/cni/net.d, call kubelet.poke() to have it
 * look now rather than at its next heartbeat.
 */
export { Cluster, type ClusterOptions, type ClusterJSON } from './cluster';
export { clusterOf, registerClusterAttachment, CLUSTER_ATTACHMENT } from './attach';
export { bootstrapKubeadmCluster, componentVersions, allNodesReady, type KubeadmClusterOptions } from './bootstrap';
export { staticPodManifests, writeControlPlaneFiles, writeKubeletFiles, kubeletConfigYaml } from './kubeadm-files';
export { ClusterNetwork, type From, type HttpResult } from '../network/network';
export { Kubelet } from '../kubelet/kubelet';
export { ContainerRuntime } from '../runtime/containerd';
