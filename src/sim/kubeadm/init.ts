/**
 * kubeadm init and join, phase by phase, driving the cluster through the same paths a real one
 * takes: files on the machine (certificates, kubeconfigs, static pod manifests, kubelet config),
 * the kubelet unit (re)started through systemd, which starts the cluster's kubelet, which runs the
 * static control plane; then kubeadm's objects written through the API.
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { Cluster } from '../cluster/cluster';
import { CLUSTER_ATTACHMENT, clusterOf, registerClusterAttachment } from '../cluster/attach';
import { writeControlPlaneFiles, writeKubeletFiles } from '../cluster/kubeadm-files';
import { bootstrapTokenObjects, corednsObjects, kubeadmConfigObjects, kubeProxyObjects, type AddonParams } from '../cluster/addons';
import { ApiClient, bootstrapPolicy, type KubeObject } from '../apiserver';
import { lookupImage } from '../runtime/images';
import { Systemd } from '../systemd/manager';
import { caCertHash, requiredImages, type KubeadmRelease } from './versions';
import { apiServerAltNames, DEFAULT_IMAGE_REPOSITORY } from '../cluster/kubeadm-files';
import { uploadCerts } from './upload-certs';
import { addEtcdMember } from './etcd-members';
import { controlPlanePreflight, joinControlPlane } from './join-control-plane';
import { discoverWithToken } from './join-discovery';
import { apiCheckFailureHelp, controlPlaneFailureHelp, waitForControlPlaneComponents } from './control-plane-check';
import { canBind } from '../cluster/control-plane-processes';
import { goDuration } from './go-duration';
import { runningHostname } from '../kubelet/flags';

export interface PhaseEnv {
  world: World;
  machine: Machine;
  release: KubeadmRelease;
  now(): number;
  sleep(ms: number): Promise<void>;
  out(line: string): void;
  /** Error lines (stderr); kubeadm's fatal errors go there. */
  err?(line: string): void;
  random(): string;
}

export interface InitOptions {
  kubernetesVersion: string;
  advertiseAddress: string;
  podSubnet: string;
  serviceSubnet: string;
  imageRepository: string;
  /** host:port of the stable endpoint (--control-plane-endpoint / controlPlaneEndpoint). */
  controlPlaneEndpoint?: string;
  /** --upload-certs: the shared certificates go to the kubeadm-certs Secret, encrypted with this key. */
  uploadCerts?: boolean;
  certificateKey?: string;
  certSANs?: string[];
  /** undefined/null: the control-plane taint; []: none. */
  taints?: Array<{ key: string; value?: string; effect: string }> | null;
  /** A bootstrap token given by the configuration (abcdef.0123456789abcdef). */
  token?: string;
  skipTokenPrint?: boolean;
  skipCertificateKeyPrint?: boolean;
  /** nodeRegistration.name, already resolved and validated (src/sim/kubeadm/node-name.ts); default: the lowercased hostname. */
  nodeName?: string;
  /** nodeRegistration.kubeletExtraArgs of the configuration file. */
  kubeletExtraArgs?: Array<{ name: string; value: string }>;
}

/** A random 32-byte certificate key, hex-encoded (kubeadm's CreateCertificateKey). */
export function newCertificateKey(env: Pick<PhaseEnv, 'random'>): string {
  let key = '';
  while (key.length < 64) {
    for (const c of env.random()) key += (c.charCodeAt(0) % 16).toString(16);
  }
  return key.slice(0, 64);
}

/** The upload-certs phase's lines, uploading with a new or given key. */
export function runUploadCerts(env: PhaseEnv, client: ApiClient, key: string): { lines: string[]; error?: string } {
  const t = newToken(env);
  const error = uploadCerts(client, env.machine, key, t.id, t.secret, env.now());
  if (error) return { lines: [], error };
  return { lines: ['[upload-certs] Storing the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace', '[upload-certs] Using certificate key:', key] };
}

const RESOURCES: Record<string, string> = {
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  ServiceAccount: 'serviceaccounts',
  Service: 'services',
  Namespace: 'namespaces',
  Deployment: 'deployments',
  DaemonSet: 'daemonsets',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  Role: 'roles',
  RoleBinding: 'rolebindings',
};

export function createObjects(client: ApiClient, objects: KubeObject[]): void {
  for (const obj of objects) {
    const [group, version] = obj.apiVersion!.includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion!];
    client.request({ verb: 'create', group, version, resource: RESOURCES[obj.kind!], namespace: obj.metadata?.namespace, body: obj, query: { fieldManager: 'kubeadm' } });
  }
}

/** A new bootstrap token `abcdef.0123456789abcdef` from the world's seeded randomness. */
export function newToken(env: Pick<PhaseEnv, 'random'>): { id: string; secret: string } {
  const t = env.random();
  return { id: t.slice(0, 6), secret: t.slice(6, 22) };
}

export function joinCommand(endpoint: string, token: string, hash: string): string {
  return `kubeadm join ${endpoint} --token ${token} \\\n\t--discovery-token-ca-cert-hash sha256:${hash} `;
}

async function waitFor(env: PhaseEnv, done: () => boolean, maxMs: number, stepMs = 500): Promise<boolean> {
  const end = env.now() + maxMs;
  while (!done()) {
    if (env.now() >= end) return false;
    await env.sleep(stepMs);
  }
  return true;
}

/** Phases after preflight. Returns the exit status (0, or 1 when the kubelet never came up). */
export async function runInit(env: PhaseEnv, o: InitOptions): Promise<number> {
  const { machine: m, world, release } = env;
  const node = o.nodeName ?? runningHostname(m).trim().toLowerCase();
  const hadKubeconfig = !!m.rootFs.stat('/root/.kube/config');
  env.out('[preflight] Pulling images required for setting up a Kubernetes cluster');
  env.out('[preflight] This might take a minute or two, depending on the speed of your internet connection');
  env.out("[preflight] You can also perform this action beforehand using 'kubeadm config images pull'");
  await env.sleep(8_000);
  env.out('[certs] Using certificateDir folder "/etc/kubernetes/pki"');
  const certLines = [
    '[certs] Generating "ca" certificate and key',
    '[certs] Generating "apiserver" certificate and key',
    apiServerCertLine({ nodeName: node, advertiseAddress: o.advertiseAddress, controlPlaneEndpoint: o.controlPlaneEndpoint, certSANs: o.certSANs, serviceSubnet: o.serviceSubnet }),
    '[certs] Generating "apiserver-kubelet-client" certificate and key',
    '[certs] Generating "front-proxy-ca" certificate and key',
    '[certs] Generating "front-proxy-client" certificate and key',
    '[certs] Generating "etcd/ca" certificate and key',
    '[certs] Generating "etcd/server" certificate and key',
    `[certs] etcd/server serving cert is signed for DNS names [${node} localhost] and IPs [${o.advertiseAddress} 127.0.0.1 ::1]`,
    '[certs] Generating "etcd/peer" certificate and key',
    `[certs] etcd/peer serving cert is signed for DNS names [${node} localhost] and IPs [${o.advertiseAddress} 127.0.0.1 ::1]`,
    '[certs] Generating "etcd/healthcheck-client" certificate and key',
    '[certs] Generating "apiserver-etcd-client" certificate and key',
    '[certs] Generating "sa" key and public key',
  ];
  for (const l of certLines) env.out(l);
  const { caPem } = writeControlPlaneFiles(m, {
    version: o.kubernetesVersion,
    etcdVersion: release.etcd,
    advertiseAddress: o.advertiseAddress,
    nodeName: node,
    podSubnet: o.podSubnet,
    serviceSubnet: o.serviceSubnet,
    issuedAt: env.now(),
    controlPlaneEndpoint: o.controlPlaneEndpoint,
    certSANs: o.certSANs,
    imageRepository: o.imageRepository,
    kubeletExtraArgs: o.kubeletExtraArgs,
  });
  // kubeadm does not write root's kubeconfig: the learner copies admin.conf (the final message says how).
  if (!hadKubeconfig && m.rootFs.stat('/root/.kube/config')) m.rootFs.remove('/root/.kube/config');
  await env.sleep(300);
  env.out('[kubeconfig] Using kubeconfig folder "/etc/kubernetes"');
  for (const f of ['admin.conf', ...(release.minor >= 29 ? ['super-admin.conf'] : []), 'kubelet.conf', 'controller-manager.conf', 'scheduler.conf']) env.out(`[kubeconfig] Writing "${f}" kubeconfig file`);
  if (release.minor < 29 && m.rootFs.stat('/etc/kubernetes/super-admin.conf')) m.rootFs.remove('/etc/kubernetes/super-admin.conf');
  env.out('[etcd] Creating static Pod manifest for local etcd in "/etc/kubernetes/manifests"');
  env.out('[control-plane] Using manifest folder "/etc/kubernetes/manifests"');
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) env.out(`[control-plane] Creating static Pod manifest for "${c}"`);
  env.out('[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"');
  env.out('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"');
  if (!m.rootFs.stat('/var/lib/kubelet/config.yaml')) writeKubeletFiles(m, o.controlPlaneEndpoint ?? o.advertiseAddress, caPem, node, env.now(), o.kubernetesVersion, { serviceSubnet: o.serviceSubnet, imageRepository: o.imageRepository, extraArgs: o.kubeletExtraArgs });

  // The cluster comes into being with this machine's control plane.
  registerClusterAttachment();
  let cluster = clusterOf(world);
  if (!cluster) {
    cluster = new Cluster({ clock: world.clock, random: world.random, machines: [...world.machines.values()], controlPlane: m.hostname, version: o.kubernetesVersion, advertiseAddress: o.advertiseAddress });
    world.attach(CLUSTER_ATTACHMENT, cluster);
  } else if (cluster.opts.controlPlane === m.hostname && cluster.opts.advertiseAddress !== o.advertiseAddress) {
    // init again after a reset, with another address: the new API server advertises that one.
    cluster.opts.advertiseAddress = o.advertiseAddress;
    const ep = { subsets: [{ addresses: [{ ip: o.advertiseAddress }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }] };
    new ApiClient(cluster.apiServer, undefined, 'kube-apiserver').patch({ group: '', version: 'v1', resource: 'endpoints' }, 'default', 'kubernetes', ep);
  }
  const runtime = cluster.runtimes.get(m.hostname);
  for (const image of requiredImages(release, o.kubernetesVersion, o.imageRepository)) {
    const r = lookupImage(image);
    if (r.ok && runtime) runtime.storeImage(r.image, env.now());
  }
  env.out('[kubelet-start] Starting the kubelet');
  const sd = new Systemd(m, world, () => env.now());
  sd.restart('kubelet.service');
  env.out('[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"');
  env.out('[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s');
  const started = env.now();
  const healthy = await waitFor(env, () => sd.isActive('kubelet.service') && !sd.crashInfo('kubelet.service'), 240_000, 1_000);
  if (!healthy) {
    env.out('[kubelet-check] The kubelet is not healthy after 4m0.000771671s');
    env.out('');
    env.out('Unfortunately, an error has occurred, likely caused by:');
    env.out('\t- The kubelet is not running');
    env.out('\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)');
    env.out('');
    env.out('If you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:');
    env.out("\t- 'systemctl status kubelet'");
    env.out("\t- 'journalctl -xeu kubelet'");
    env.out('');
    return fail(env, "error execution phase wait-control-plane: failed while waiting for the kubelet to start: The HTTP call equal to 'curl -sSL http://127.0.0.1:10248/healthz' returned error: Get \"http://127.0.0.1:10248/healthz\": dial tcp 127.0.0.1:10248: connect: connection refused\n");
  }
  env.out(`[kubelet-check] The kubelet is healthy after ${goDuration((env.now() - started) * 1_000_000 + 501_483_944)}`);
  const c = cluster;
  const waited = await waitControlPlane(env, c, o.advertiseAddress);
  if (waited !== 0) return waited;
  // The controller-manager and scheduler follow the API server within moments (their leases).
  await waitFor(env, () => c.apiReachable() && c.scheduler.isRunning && c.controllerManager.isRunning, 10_000);
  const admin = new ApiClient(c.apiServer, undefined, 'kubeadm');
  bootstrapPolicy(c.apiServer, { kubeadm: true });
  const addon: AddonParams = { version: o.kubernetesVersion, corednsVersion: release.coredns, podSubnet: o.podSubnet, serviceSubnet: o.serviceSubnet, advertiseAddress: o.advertiseAddress, nodeName: node, imageRepository: o.imageRepository };
  env.out('[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace');
  env.out('[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster');
  createObjects(admin, kubeadmConfigObjects(addon));
  if (o.controlPlaneEndpoint) setControlPlaneEndpoint(admin, o.controlPlaneEndpoint);
  addEtcdMember(world, { name: node, ip: o.advertiseAddress });
  let certificateKey: string | undefined;
  if (o.uploadCerts) {
    certificateKey = o.certificateKey ?? newCertificateKey(env);
    const up = runUploadCerts(env, admin, certificateKey);
    if (up.error) return fail(env, up.error);
    for (const l of up.lines) env.out(o.skipCertificateKeyPrint && l === certificateKey ? '[upload-certs] Skipping certificate key print' : l);
  } else env.out('[upload-certs] Skipping phase. Please see --upload-certs');
  await waitFor(env, () => admin.get({ group: '', version: 'v1', resource: 'nodes' }, undefined, node).code === 200, 30_000);
  markControlPlane(env, admin, node, o.taints);
  const token = o.token ? { id: o.token.split('.')[0], secret: o.token.split('.')[1] ?? '' } : newToken(env);
  env.out(`[bootstrap-token] Using token: ${token.id}.${token.secret}`);
  env.out('[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles');
  env.out('[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes');
  env.out('[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials');
  env.out('[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token');
  env.out('[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster');
  env.out('[bootstrap-token] Creating the "cluster-info" ConfigMap in the "kube-public" namespace');
  createObjects(admin, bootstrapTokenObjects({ ...token, expiresAt: new Date(env.now() + 24 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z') }, caPem, `https://${o.advertiseAddress}:6443`));
  env.out('[kubelet-finalize] Updating "/etc/kubernetes/kubelet.conf" to point to a rotatable kubelet client certificate and key');
  createObjects(admin, corednsObjects(addon));
  env.out('[addons] Applied essential addon: CoreDNS');
  createObjects(admin, kubeProxyObjects(addon));
  env.out('[addons] Applied essential addon: kube-proxy');
  env.out('');
  env.out('Your Kubernetes control-plane has initialized successfully!');
  env.out('');
  env.out('To start using your cluster, you need to run the following as a regular user:');
  env.out('');
  env.out('  mkdir -p $HOME/.kube');
  env.out('  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config');
  env.out('  sudo chown $(id -u):$(id -g) $HOME/.kube/config');
  env.out('');
  env.out('Alternatively, if you are the root user, you can run:');
  env.out('');
  env.out('  export KUBECONFIG=/etc/kubernetes/admin.conf');
  env.out('');
  env.out('You should now deploy a pod network to the cluster.');
  env.out('Run "kubectl apply -f [podnetwork].yaml" with one of the options listed at:');
  env.out('  https://kubernetes.io/docs/concepts/cluster-administration/addons/');
  env.out('');
  const endpoint = o.controlPlaneEndpoint ?? `${o.advertiseAddress}:6443`;
  const tokenText = o.skipTokenPrint ? '<value withheld>' : `${token.id}.${token.secret}`;
  const hash = o.skipTokenPrint ? '<value withheld>' : `sha256:${caCertHash(caPem)}`;
  if (o.controlPlaneEndpoint) {
    if (certificateKey) {
      env.out('You can now join any number of control-plane nodes running the following command on each as root:');
      env.out('');
      env.out(`  kubeadm join ${endpoint} --token ${tokenText} \\\n\t--discovery-token-ca-cert-hash ${hash} \\\n\t--control-plane --certificate-key ${o.skipCertificateKeyPrint ? '<value withheld>' : certificateKey}`);
      env.out('');
      env.out('Please note that the certificate-key gives access to cluster sensitive data, keep it secret!');
      env.out('As a safeguard, uploaded-certs will be deleted in two hours; If necessary, you can use');
      env.out('"kubeadm init phase upload-certs --upload-certs" to reload certs afterward.');
    } else {
      env.out('You can now join any number of control-plane nodes by copying certificate authorities');
      env.out('and service account keys on each node and then running the following as root:');
      env.out('');
      env.out(`  kubeadm join ${endpoint} --token ${tokenText} \\\n\t--discovery-token-ca-cert-hash ${hash} \\\n\t--control-plane `);
    }
    env.out('');
  }
  env.out('Then you can join any number of worker nodes by running the following on each as root:');
  env.out('');
  env.out(`kubeadm join ${endpoint} --token ${tokenText} \\\n\t--discovery-token-ca-cert-hash ${hash} `);
  return 0;
}

/**
 * The wait-control-plane phase after the kubelet is healthy: v1.33's per-component checks, or the
 * API server alone before. A failure prints kubeadm's help (stdout) and its error (stderr), status 1.
 */
async function waitControlPlane(env: PhaseEnv, cluster: Cluster, advertiseAddress: string): Promise<number> {
  if (env.release.minor >= 33) {
    const failed = await waitForControlPlaneComponents(env, env.machine, cluster, advertiseAddress);
    if (!failed) return 0;
    for (const l of controlPlaneFailureHelp()) env.out(l);
    return fail(env, `error execution phase wait-control-plane: failed while waiting for the control plane to start: ${failed}`);
  }
  env.out('[api-check] Waiting for a healthy API server. This can take up to 4m0s');
  const start = env.now();
  const url = `https://${advertiseAddress}:6443`;
  const healthy = await waitFor(env, () => canBind(env.machine, advertiseAddress) && cluster.connect(url, env.machine.hostname) !== null, 240_000);
  if (healthy) {
    env.out(`[api-check] The API server is healthy after ${goDuration((env.now() - start) * 1_000_000 + 2_730_417)}`);
    return 0;
  }
  env.out(`[api-check] The API server is not healthy after ${goDuration((env.now() - start) * 1_000_000 + 106_119)}`);
  for (const l of apiCheckFailureHelp()) env.out(l);
  return fail(env, 'error execution phase wait-control-plane: could not initialize a Kubernetes cluster');
}

function fail(env: PhaseEnv, error: string): number {
  env.err?.(`${error}\nTo see the stack trace of this error execute with --v=5 or higher`);
  return 1;
}

/** `[certs] apiserver serving cert is signed for DNS names [...] and IPs [...]` as kubeadm prints it. */
function apiServerCertLine(p: Parameters<typeof apiServerAltNames>[0]): string {
  const { dnsNames, ipAddresses } = apiServerAltNames(p);
  const names = [p.nodeName, ...dnsNames.filter((n) => n !== p.nodeName)];
  return `[certs] apiserver serving cert is signed for DNS names [${names.join(' ')}] and IPs [${ipAddresses.join(' ')}]`;
}

/** kubeadm's mark-control-plane phase: the role labels, and the taints (the control-plane one by default). */
export function markControlPlane(env: Pick<PhaseEnv, 'out'>, admin: ApiClient, node: string, taints?: InitOptions['taints']): void {
  const list = taints ?? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  env.out(`[mark-control-plane] Marking the node ${node} as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]`);
  if (list.length) env.out(`[mark-control-plane] Marking the node ${node} as control-plane by adding the taints [${list.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(' ')}]`);
  admin.patch({ group: '', version: 'v1', resource: 'nodes' }, undefined, node, {
    metadata: { labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } },
    spec: { taints: list.map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect })) },
  });
}

/** Record controlPlaneEndpoint in the ClusterConfiguration stored in kubeadm-config. */
function setControlPlaneEndpoint(admin: ApiClient, endpoint: string): void {
  const cm = admin.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config');
  if (cm.code !== 200) return;
  const text = String(((cm.body as KubeObject).data as Record<string, string>)?.ClusterConfiguration ?? '');
  if (text.includes('controlPlaneEndpoint:')) return;
  const updated = text.replace('controllerManager: {}', `controlPlaneEndpoint: ${endpoint}\ncontrollerManager: {}`);
  admin.patch({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config', { data: { ClusterConfiguration: updated } });
}

/** The controlPlaneEndpoint of the cluster's stored ClusterConfiguration, if any. */
export function storedControlPlaneEndpoint(admin: ApiClient): string | undefined {
  const cm = admin.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config');
  if (cm.code !== 200) return undefined;
  const text = String(((cm.body as KubeObject).data as Record<string, string>)?.ClusterConfiguration ?? '');
  return /^controlPlaneEndpoint:\s*(\S+)/m.exec(text)?.[1];
}

/** What a joining node takes from the stored ClusterConfiguration (kubeadm-config): networking and images. */
export function storedClusterSettings(admin: ApiClient): { serviceSubnet: string; podSubnet: string; imageRepository: string } {
  const cm = admin.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'kubeadm-config');
  const text = cm.code === 200 ? String(((cm.body as KubeObject).data as Record<string, string>)?.ClusterConfiguration ?? '') : '';
  return {
    serviceSubnet: /^\s+serviceSubnet:\s*(\S+)/m.exec(text)?.[1] ?? '10.96.0.0/12',
    podSubnet: /^\s+podSubnet:\s*(\S+)/m.exec(text)?.[1] ?? '10.244.0.0/16',
    imageRepository: /^imageRepository:\s*(\S+)/m.exec(text)?.[1] ?? DEFAULT_IMAGE_REPOSITORY,
  };
}

/** The bootstrap tokens stored in the cluster (kube-system Secrets of type bootstrap.kubernetes.io/token). */
export function listTokens(client: ApiClient): Array<{ id: string; secret: string; expiration: string; groups: string; usages: string[]; description: string }> {
  const r = client.list({ group: '', version: 'v1', resource: 'secrets' }, 'kube-system');
  if (r.code !== 200) return [];
  const items = (r.body as { items: KubeObject[] }).items;
  const dec = (s?: string) => (s ? atob(s) : '');
  return items
    .filter((s) => (s as { type?: string }).type === 'bootstrap.kubernetes.io/token')
    .map((s) => {
      const d = ((s as { data?: Record<string, string> }).data ?? {}) as Record<string, string>;
      const usages = Object.keys(d)
        .filter((k) => k.startsWith('usage-bootstrap-') && dec(d[k]) === 'true')
        .map((k) => k.slice('usage-bootstrap-'.length))
        .sort();
      return { id: dec(d['token-id']), secret: dec(d['token-secret']), expiration: dec(d.expiration), groups: dec(d['auth-extra-groups']), usages, description: dec(d.description) };
    });
}

export interface JoinOptions {
  endpoint: string;
  token: string;
  caCertHash: string;
  /** --control-plane: a new control plane instance. */
  controlPlane?: boolean;
  certificateKey?: string;
  advertiseAddress?: string;
  /** nodeRegistration.name, already resolved and validated; default: the lowercased hostname. */
  nodeName?: string;
  /** --discovery-token-unsafe-skip-ca-verification: the CA in cluster-info is not checked against a pin. */
  unsafeSkipCAVerification?: boolean;
  /** nodeRegistration.kubeletExtraArgs of the configuration file. */
  kubeletExtraArgs?: Array<{ name: string; value: string }>;
}

/**
 * kubeadm's check before the kubelet's TLS bootstrap: joining under the name of a Node that is
 * Ready would take it over. The error, or undefined.
 */
export function readyNodeNamed(admin: ApiClient, node: string): string | undefined {
  const r = admin.get({ group: '', version: 'v1', resource: 'nodes' }, undefined, node);
  if (r.code !== 200) return undefined;
  const conditions = ((r.body as KubeObject).status as { conditions?: Array<{ type?: string; status?: string }> } | undefined)?.conditions ?? [];
  if (!conditions.some((c) => c.type === 'Ready' && c.status === 'True')) return undefined;
  return `error execution phase kubelet-start: a Node with name "${node}" and status "Ready" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node\nTo see the stack trace of this error execute with --v=5 or higher`;
}

/** kubeadm join after preflight: discovery through cluster-info, TLS bootstrap, the kubelet started. */
export async function runJoin(env: PhaseEnv, o: JoinOptions): Promise<{ status: number; error?: string }> {
  const { machine: m, world } = env;
  const node = o.nodeName ?? runningHostname(m).trim().toLowerCase();
  const cluster = clusterOf(world);
  // The endpoint as this machine resolves it (/etc/hosts for a controlPlaneEndpoint name).
  const cp = cluster && cluster.connect(`https://${o.endpoint}`, m.hostname) ? world.machines.get(cluster.opts.controlPlane) : undefined;
  if (!cluster || !cp || !cluster.apiReachable()) {
    await env.sleep(10_000);
    return { status: 1, error: `error execution phase preflight: couldn't validate the identity of the API Server: Get "https://${o.endpoint}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp ${o.endpoint}: connect: connection refused\nTo see the stack trace of this error execute with --v=5 or higher` };
  }
  const admin = new ApiClient(cluster.apiServer, undefined, 'kubeadm');
  const readClusterInfo = () => {
    const r = admin.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-public', 'cluster-info');
    return r.code === 200 ? ((r.body as KubeObject).data as Record<string, string> | undefined) : undefined;
  };
  const discovery = await discoverWithToken(readClusterInfo, o.token, (ms) => env.sleep(ms));
  if (!discovery.ok) {
    return { status: 1, error: `${discovery.error}\nTo see the stack trace of this error execute with --v=5 or higher` };
  }
  let caPem = '';
  try {
    caPem = cp.rootFs.readFile('/etc/kubernetes/pki/ca.crt');
  } catch {
    /* no CA: hash cannot match */
  }
  const expected = caCertHash(caPem);
  if (!o.unsafeSkipCAVerification && o.caCertHash.replace(/^sha256:/, '') !== expected) {
    return { status: 1, error: `error execution phase preflight: couldn't validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "sha256:${expected}" are pinned\nTo see the stack trace of this error execute with --v=5 or higher` };
  }
  env.out('[preflight] Reading configuration from the cluster...');
  env.out("[preflight] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'");
  if (o.controlPlane) {
    const j = { cluster, admin, certificateKey: o.certificateKey, advertiseAddress: o.advertiseAddress, nodeName: node, kubeletExtraArgs: o.kubeletExtraArgs };
    const refused = controlPlanePreflight(j);
    if (refused) return { status: 1, error: refused };
    return joinControlPlane(env, j);
  }
  const taken = readyNodeNamed(admin, node);
  if (taken) return { status: 1, error: taken };
  env.out('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"');
  env.out('[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"');
  const settings = storedClusterSettings(admin);
  writeKubeletFiles(m, cp.ip, caPem, node, env.now(), cluster.version, { ...settings, extraArgs: o.kubeletExtraArgs, tlsBootstrapped: true });
  env.out('[kubelet-start] Starting the kubelet');
  const sd = new Systemd(m, world, () => env.now());
  sd.restart('kubelet.service');
  env.out('[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s');
  const ok = await waitFor(env, () => sd.isActive('kubelet.service') && !sd.crashInfo('kubelet.service'), 240_000, 1_000);
  if (!ok) {
    env.out('[kubelet-check] The kubelet is not healthy after 4m0.000771671s');
    return { status: 1, error: "error execution phase kubelet-start: The kubelet is not healthy after 4m0.000771671s\nTo see the stack trace of this error execute with --v=5 or higher" };
  }
  env.out('[kubelet-check] The kubelet is healthy after 1.001502132s');
  env.out('[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap');
  await env.sleep(3_000);
  env.out('');
  env.out('This node has joined the cluster:');
  env.out('* Certificate signing request was sent to apiserver and a response was received.');
  env.out('* The Kubelet was informed of the new secure connection details.');
  env.out('');
  env.out("Run 'kubectl get nodes' on the control-plane to see this node join the cluster.");
  env.out('');
  return { status: 0 };
}
