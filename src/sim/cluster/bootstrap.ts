/**
 * Bring a kubeadm cluster up on machines the way `kubeadm init`, `kubeadm join` and
 * `kubectl apply -f kube-flannel.yml` do, through the same code paths a real cluster runs:
 * files on the machines, the kubelet starting the static control plane, kubeadm's phases
 * writing through the API, the controllers creating pods and the scheduler placing them.
 * Nothing is written into the store behind the API's back.
 */
import type { SimClock } from '../clock';
import type { SeededRandom } from '../random';
import type { Machine } from '../machine';
import { ApiClient, bootstrapPolicy, type KubeObject } from '../apiserver';
import { lookupImage } from '../runtime/images';
import { Cluster } from './cluster';
import { writeControlPlaneFiles, writeKubeletFiles } from './kubeadm-files';
import { bootstrapTokenObjects, corednsObjects, kubeadmConfigObjects, kubeProxyObjects, type AddonParams } from './addons';
import { POD_NETWORK_CIDR } from '../network/cni';
import { createObjects, markControlPlane } from '../kubeadm/init';
import { kubeadmRelease, requiredImages } from '../kubeadm/versions';
import { flannelManifest, FLANNEL_LATEST } from '../addons/flannel';
import { clientSideApply } from './client-apply';
import { discoveryCacheDirOf, writeServerGroups } from './discovery-cache-file';

export interface KubeadmClusterOptions {
  clock: SimClock;
  random: SeededRandom;
  machines: Machine[];
  controlPlane: string;
  workers: string[];
  /** Kubernetes version of the control plane and kubelets, e.g. v1.33.4. */
  version: string;
  etcdVersion?: string;
  corednsVersion?: string;
  /** Install flannel (default true). Without a CNI the nodes stay NotReady. */
  cni?: boolean;
  /** Before kubeadm's kubelet-start phase on the control plane (a tool's kubeadm.yaml, e.g. minikube's criSocket). */
  beforeKubeletStart?: (machine: Machine) => void;
  /** As soon as `kubeadm init` has exited (a tool that applies its CNI then, as minikube does). */
  afterInit?: (cluster: Cluster) => void;
}

/** Component versions kubeadm pins per Kubernetes minor (cmd/kubeadm/app/constants, see kubeadm/versions). */
export function componentVersions(version: string): { etcd: string; coredns: string } {
  const r = kubeadmRelease(version);
  return { etcd: r.etcd, coredns: r.coredns };
}

const SERVICE_SUBNET = '10.96.0.0/12';

/** The objects kubeadm's phases create, through the API, with kubeadm's field manager (as `kubeadm init`). */
const createAll = createObjects;

/** kubeadm's phases print; building a scenario shows nothing. */
const SILENT = { out: (): void => undefined };

/** Advance the clock in steps until `done()` or `maxMs` passed. */
function advanceUntil(clock: SimClock, done: () => boolean, maxMs: number, stepMs = 500): void {
  const end = clock.now() + maxMs;
  while (!done() && clock.now() < end) clock.advance(stepMs);
}

export function bootstrapKubeadmCluster(o: KubeadmClusterOptions): Cluster {
  const { clock, random } = o;
  const byName = new Map(o.machines.map((m) => [m.hostname, m]));
  const cp = byName.get(o.controlPlane);
  if (!cp) throw new Error(`no machine ${o.controlPlane}`);
  const versions = componentVersions(o.version);
  const etcdVersion = o.etcdVersion ?? versions.etcd;
  const corednsVersion = o.corednsVersion ?? versions.coredns;
  const issuedAt = clock.now();

  // kubeadm init: certificates, kubeconfigs, static pod manifests, kubelet configuration.
  const { caPem } = writeControlPlaneFiles(cp, {
    version: o.version,
    etcdVersion,
    advertiseAddress: cp.ip,
    nodeName: o.controlPlane,
    podSubnet: POD_NETWORK_CIDR,
    serviceSubnet: SERVICE_SUBNET,
    issuedAt,
  });
  const cluster = new Cluster({ clock, random, machines: o.machines, controlPlane: o.controlPlane, version: o.version, advertiseAddress: cp.ip });
  // [preflight] Pulling images required for setting up a Kubernetes cluster
  const runtime = cluster.runtimes.get(o.controlPlane)!;
  const pullErrors: string[] = [];
  for (const image of requiredImages(kubeadmRelease(o.version), o.version)) {
    const r = lookupImage(image);
    if (r.ok) runtime.storeImage(r.image, clock.now());
    else pullErrors.push(r.message);
  }
  clock.advance(20_000);
  // [kubelet-start] Starting the kubelet; [wait-control-plane] static pods come up.
  o.beforeKubeletStart?.(cp);
  cluster.kubelet(o.controlPlane).start();
  advanceUntil(clock, () => cluster.apiReachable() && cluster.scheduler.isRunning && cluster.controllerManager.isRunning, 120_000);
  // A scenario that cannot come up is a defect of its builder: say why rather than fail later.
  if (!cluster.apiReachable()) throw new Error(`kubeadm cluster at ${o.version}: the control plane did not come up${pullErrors.length ? `: ${pullErrors.join('; ')}` : ''}`);
  clock.advance(5_000);
  const admin = new ApiClient(cluster.apiServer, undefined, 'kubeadm');
  // [upload-config], [kubelet], RBAC of kubeadm.
  bootstrapPolicy(cluster.apiServer, { kubeadm: true });
  const addon: AddonParams = { version: o.version, corednsVersion, podSubnet: POD_NETWORK_CIDR, serviceSubnet: SERVICE_SUBNET, advertiseAddress: cp.ip, nodeName: o.controlPlane };
  createAll(admin, kubeadmConfigObjects(addon));
  // [mark-control-plane]
  advanceUntil(clock, () => admin.get({ group: '', version: 'v1', resource: 'nodes' }, undefined, o.controlPlane).code === 200, 30_000);
  markControlPlane(SILENT, admin, o.controlPlane);
  // [bootstrap-token]
  const alnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const token = { id: random.string(6, alnum), secret: random.string(16, alnum), expiresAt: clock.rfc3339(clock.now() + 24 * 3600_000) };
  createAll(admin, bootstrapTokenObjects(token, caPem, `https://${cp.ip}:6443`));
  // [addons] Applied essential addon: CoreDNS / kube-proxy
  createAll(admin, corednsObjects(addon));
  createAll(admin, kubeProxyObjects(addon));
  o.afterInit?.(cluster);
  clock.advance(30_000);
  // The learner copies admin.conf, applies kube-flannel.yml and waits for the control plane node to
  // turn Ready (CoreDNS lands there, the only schedulable node for it yet), then joins the workers.
  if (o.cni ?? true) {
    clientSideApply(new ApiClient(cluster.apiServer, undefined, 'kubectl-client-side-apply'), flannelManifest(FLANNEL_LATEST));
    // ...with kubectl, which keeps the API server's discovery in root's cache from then on.
    writeServerGroups(cp.rootFs, discoveryCacheDirOf('/root', `${cp.ip}:6443`), cluster.apiServer.discovery());
    advanceUntil(clock, () => allNodesReady(admin), 180_000, 1000);
  }
  for (const w of o.workers) {
    const m = byName.get(w);
    if (!m) continue;
    writeKubeletFiles(m, cp.ip, caPem, w, clock.now(), o.version, { tlsBootstrapped: true });
    cluster.kubelet(w).start();
    clock.advance(15_000);
  }
  if (o.cni ?? true) advanceUntil(clock, () => allNodesReady(admin), 180_000, 1000);
  clock.advance(60_000);
  cluster.settle();
  // The API server compacts etcd's history every 5 minutes; start the learner's world compacted
  // (the saved world is then a few hundred kB instead of megabytes of bootstrap history).
  // (The periodic compaction may already have compacted an idle store up to its last revision.)
  const etcd = cluster.apiServer.etcd;
  // Not a compaction of the cluster's life (its API server's come every 5 minutes): etcd logs nothing of it.
  if (etcd.revision > etcd.compactRevision) etcd.compact(etcd.revision, { unobserved: true });
  return cluster;
}

export function allNodesReady(client: ApiClient): boolean {
  const r = client.list({ group: '', version: 'v1', resource: 'nodes' });
  if (r.code !== 200) return false;
  const items = (r.body as { items: KubeObject[] }).items;
  return items.length > 0 && items.every((n) => ((n.status as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
}
