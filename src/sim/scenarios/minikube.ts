/**
 * The `minikube` scenario: what `minikube start` builds inside its docker container — one node named
 * `minikube` at 192.168.49.2 (more nodes are minikube-m02, -m03 … at .3, .4), a kubeadm cluster with
 * minikube's bridge CNI (kindnet for several nodes or another runtime), CoreDNS, kube-proxy, the storage-provisioner Pod and the default
 * StorageClass `standard`. Built through the cluster's own code paths (src/sim/cluster/bootstrap.ts).
 */
import type { World, WorldOptions } from '../world';
import { Machine } from '../machine/machine';
import { installPrograms } from '../machine/image';
import { basePrograms } from './machines';
import { bootstrapKubeadmCluster } from '../cluster/bootstrap';
import { CLUSTER_ATTACHMENT, registerClusterAttachment } from '../cluster/attach';
import type { Cluster } from '../cluster/cluster';
import { ApiClient } from '../apiserver';
import { KUBERNETES_NODE_PROGRAMS } from './kubeadm-world';
import { adoptClusterNodes } from '../packages/adopt';
import { installDockerRuntime, pointKubeletAt, startDockerRuntime } from './minikube-docker';
import { nodeRuntime } from '../systemd/docker';
import { MINIKUBE_CONTAINERD_ENDPOINT, startContainerdRuntime, useContainerdRuntime } from './minikube-containerd';
import { PAUSE_IMAGE } from '../kubelet/pod-worker';
import { MINIKUBE_CRIO_ENDPOINT, startCrioRuntime, useCrioRuntime } from './minikube-crio';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../apiserver/types';
import { kindnetManifest } from '../addons/kindnet';

/** The Kubernetes version minikube v1.36.0 starts by default. */
export const MINIKUBE_KUBERNETES_VERSION = 'v1.33.1';
export const MINIKUBE_SUBNET_PREFIX = '192.168.49.';

export interface MinikubeOptions {
  /** Profile name (also the first node's name), default `minikube`. */
  profile?: string;
  nodes?: number;
  cpus?: number;
  memoryMiB?: number;
  kubernetesVersion?: string;
  /** --container-runtime: docker (minikube's default), containerd (src/sim/scenarios/minikube-containerd.ts) or cri-o (minikube-crio.ts). */
  containerRuntime?: MinikubeRuntime;
}

export type MinikubeRuntime = 'docker' | 'containerd' | 'cri-o';

/** Node names of a profile: minikube, minikube-m02, minikube-m03 … */
export function minikubeNodeNames(profile: string, nodes: number): string[] {
  return Array.from({ length: Math.max(1, nodes) }, (_, i) => (i === 0 ? profile : `${profile}-m${String(i + 1).padStart(2, '0')}`));
}

/** minikube's bridge CNI configuration (pkg/minikube/cni/bridge.go). */
const BRIDGE_CONFLIST = `{
  "cniVersion": "0.4.0",
  "name": "bridge",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "bridge",
      "addIf": "true",
      "isDefaultGateway": true,
      "forceAddress": false,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
          "type": "host-local",
          "subnet": "10.244.0.0/16"
      }
    },
    {
      "type": "portmap",
      "capabilities": {
          "portMappings": true
      }
    }
  ]
}
`;

export function buildMinikubeWorld(world: World, options: WorldOptions, mk: MinikubeOptions = {}): Cluster {
  const profile = mk.profile ?? 'minikube';
  const names = minikubeNodeNames(profile, mk.nodes ?? 1);
  const runtime = mk.containerRuntime ?? 'docker';
  const programs = basePrograms(options);
  const kindnet = usesKindnet(runtime, names.length);
  names.forEach((hostname, i) => {
    const m = Machine.ubuntu(
      { hostname, ip: `${MINIKUBE_SUBNET_PREFIX}${i + 2}`, cpus: mk.cpus ?? 2, memoryMiB: mk.memoryMiB ?? 3900, users: [{ name: 'docker', uid: 1000, sudo: true }], programs, swap: false },
      () => world.clock.now(),
    );
    installPrograms(m.rootFs, KUBERNETES_NODE_PROGRAMS);
    m.rootFs.mkdir('/etc/cni/net.d', { recursive: true });
    // Bridge.Apply writes its conflist; with kindnet, kindnetd writes its own once it runs.
    if (!kindnet) m.rootFs.writeFile('/etc/cni/net.d/1-k8s.conflist', BRIDGE_CONFLIST);
    installDockerRuntime(m);
    if (runtime === 'containerd') useContainerdRuntime(m, PAUSE_IMAGE);
    if (runtime === 'cri-o') useCrioRuntime(m, PAUSE_IMAGE);
    world.addMachine(m);
  });
  registerClusterAttachment();
  const cluster = bootstrapKubeadmCluster({
    clock: world.clock,
    random: world.random,
    machines: [...world.machines.values()],
    controlPlane: names[0],
    workers: names.slice(1),
    version: mk.kubernetesVersion ?? MINIKUBE_KUBERNETES_VERSION,
    cni: false,
    // minikube's kubeadm.yaml names CRI-O's socket: the kubelet starts on it, once.
    beforeKubeletStart: runtime === 'cri-o' ? (m) => pointKubeletAt(m, MINIKUBE_CRIO_ENDPOINT) : undefined,
    // Bootstrapper.init applies the CNI as soon as `kubeadm init` exits (applyCNI), before labelling the node.
    afterInit: kindnet ? (c) => applyManifest(c, kindnetManifest()) : undefined,
  });
  world.attach(CLUSTER_ATTACHMENT, cluster);
  // The node's packages and enabled units (kubelet, containerd), as on the kubeadm scenarios, then Docker and cri-dockerd on top.
  adoptClusterNodes(world);
  const minor = Number(/^v?1\.(\d+)/.exec(mk.kubernetesVersion ?? MINIKUBE_KUBERNETES_VERSION)?.[1] ?? 33);
  for (const name of names) {
    if (runtime === 'containerd') startContainerdRuntime(world, world.machines.get(name)!);
    else if (runtime === 'cri-o') startCrioRuntime(world, world.machines.get(name)!);
    else startDockerRuntime(world, world.machines.get(name)!, minor);
  }
  addMinikubeAddons(cluster, names[0], world.machines, runtime);
  return cluster;
}

/**
 * cni.chooseDefault (minikube v1.36.0 pkg/minikube/cni/cni.go) for the docker driver and no --cni:
 * kindnet for more than one node or a runtime other than Docker, minikube's bridge otherwise.
 */
export function usesKindnet(runtime: MinikubeRuntime, nodes: number): boolean {
  return nodes > 1 || runtime !== 'docker';
}

/** Where each kind of a CNI manifest goes in the API (the kinds minikube's manifests hold). */
const MANIFEST_RESOURCES: Record<string, { group: string; version: string; resource: string }> = {
  ClusterRole: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
  ClusterRoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' },
  ServiceAccount: { group: '', version: 'v1', resource: 'serviceaccounts' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
};

/** applyManifest: minikube runs `kubectl apply -f /var/tmp/minikube/cni.yaml` on the node, once the control plane is up. */
function applyManifest(cluster: Cluster, text: string): void {
  const client = new ApiClient(cluster.apiServer, undefined, 'kubectl-client-side-apply');
  for (const doc of parseAllDocuments(text)) {
    const body = doc.toJS() as KubeObject | null;
    if (!body?.kind) continue;
    const target = MANIFEST_RESOURCES[body.kind];
    client.request({ verb: 'create', ...target, namespace: body.metadata?.namespace, body });
  }
}

/** minikube leaves its control-plane node schedulable and enables two add-ons by default. */
function addMinikubeAddons(cluster: Cluster, controlPlane: string, machines: ReadonlyMap<string, Machine>, runtime: MinikubeRuntime): void {
  const client = new ApiClient(cluster.apiServer, undefined, 'kubectl-client-side-apply');
  const nodes = { group: '', version: 'v1', resource: 'nodes' };
  client.patch(nodes, undefined, controlPlane, { metadata: { labels: { 'minikube.k8s.io/name': controlPlane, 'minikube.k8s.io/primary': 'true' } }, spec: { taints: null } });
  // kubeadm annotated each node with its criSocket: minikube's kubeadm.yaml names its runtime's (Docker's: nodeRuntime).
  for (const [node, kubelet] of cluster.kubelets) {
    const socket = runtime === 'containerd' ? MINIKUBE_CONTAINERD_ENDPOINT : runtime === 'cri-o' ? MINIKUBE_CRIO_ENDPOINT : nodeRuntime(machines.get(node)!, Number(/^v?1\.(\d+)/.exec(kubelet.version)?.[1] ?? 33)).socket;
    client.patch(nodes, undefined, node, { metadata: { annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': socket } } });
  }
  client.request({
    verb: 'create', group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses',
    body: {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' } },
      provisioner: 'k8s.io/minikube-hostpath', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate',
    },
  });
  const core = (resource: string, namespace: string | undefined, body: Record<string, unknown>) =>
    client.request({ verb: 'create', group: '', version: 'v1', resource, namespace, body });
  core('serviceaccounts', 'kube-system', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'storage-provisioner', namespace: 'kube-system', labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile' } } });
  core('pods', 'kube-system', {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'storage-provisioner', namespace: 'kube-system', labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'integration-test': 'storage-provisioner' } },
    spec: {
      serviceAccountName: 'storage-provisioner', hostNetwork: true,
      containers: [{ name: 'storage-provisioner', image: 'gcr.io/k8s-minikube/storage-provisioner:v5', imagePullPolicy: 'IfNotPresent', command: ['/storage-provisioner'], volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }] }],
      volumes: [{ name: 'tmp', hostPath: { path: '/tmp', type: 'Directory' } }],
    },
  });
  // minikube runs a single CoreDNS replica.
  client.patch({ group: 'apps', version: 'v1', resource: 'deployments' }, 'kube-system', 'coredns', { spec: { replicas: 1 } });
  cluster.clock.advance(30_000);
  cluster.settle();
}

export const minikubeScenario = {
  description: 'the node `minikube` (192.168.49.2) that `minikube start` creates: a single-node kubeadm cluster at v1.33 on Docker 28.1.1 through cri-dockerd, with storage-provisioner and the StorageClass standard',
  build(world: World, options: WorldOptions): void {
    buildMinikubeWorld(world, options);
  },
};
