/**
 * The CNI plugins' and add-on agents' footprint on a node, driven by their containers starting and
 * stopping (the cluster calls onCniContainer on every container change):
 *
 * - flannel (pod CIDR 10.244.0.0/16 by default, a /24 per node, host-local IPAM): install-cni writes
 *   /etc/cni/net.d/10-flannel.conflist, which makes the node's runtime network — and the node —
 *   Ready; kube-flannel writes /run/flannel/subnet.env, or exits with flanneld's error when the node
 *   has no podCIDR or the podCIDR lies outside net-conf.json's Network.
 * - calico (manifest or operator): install-cni writes 10-calico.conflist; calico-node creates the
 *   default IPPool (CALICO_IPV4POOL_CIDR, else kubeadm's podSubnet, else 192.168.0.0/16); pods get
 *   addresses from a /26 block of the pool affine to their node (calicoBlockFor).
 * - kindnet (minikube's CNI beside containerd or CRI-O): kindnetd writes 10-kindnet.conflist for the
 *   node's podCIDR.
 * - the Tigera operator reconciles only while its container runs.
 * - kube-webhook-certgen (ingress-nginx admission jobs) creates the webhook Secret / patches the
 *   webhook configuration.
 * Deleting the conflist makes the node NotReady again.
 */
import type { Machine } from '../machine';
import type { Container, ContainerRuntime } from '../runtime/containerd';
import type { ApiRequest, ApiResponse, ApiTransport, KubeObject, UserInfo } from '../apiserver/types';
import type { SimClock } from '../clock';
import { normalizeImage } from '../runtime/images';
import { calicoConflist } from '../addons/calico';
import { KINDNET_CONFLIST_PATH, KINDNET_REPOSITORY, kindnetConflist } from '../addons/kindnet';
import { TigeraOperator } from '../addons/tigera-operator';
import { flannelVtepMac, leaseAnnotations } from './flannel-subnet';

export const FLANNEL_CONFLIST = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
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

export const POD_NETWORK_CIDR = '10.244.0.0/16';

/** What the cluster gives the agents: the node, its runtime, and the API (as an in-cluster client). */
export interface AddonHostContext {
  host: string;
  runtime: ContainerRuntime;
  api: ApiTransport;
  clock: SimClock;
}

type Request = (req: ApiRequest) => ApiResponse<unknown>;

const repoOf = (c: Container) => normalizeImage(c.imageRef || c.image).repository;
const versionOf = (c: Container) => normalizeImage(c.imageRef || c.image).tag;

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
}
function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
function cidrRange(cidr: string): [number, number] | undefined {
  const [base, bits] = cidr.split('/');
  if (!base || !/^\d+\.\d+\.\d+\.\d+$/.test(base) || !/^\d+$/.test(bits ?? '')) return undefined;
  const size = 2 ** (32 - Number(bits));
  const start = ipToInt(base) - (ipToInt(base) % size);
  return [start, start + size];
}
/** Whether `inner` lies inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = cidrRange(outer);
  const i = cidrRange(inner);
  return !!o && !!i && i[0] >= o[0] && i[1] <= o[1];
}

function getObject(request: Request, req: Omit<ApiRequest, 'verb'>): KubeObject | undefined {
  const r = request({ verb: 'get', ...req } as ApiRequest);
  return r.code === 200 ? (r.body as KubeObject) : undefined;
}

function podOf(request: Request, c: Container): KubeObject | undefined {
  return getObject(request, { group: '', version: 'v1', resource: 'pods', namespace: c.namespace, name: c.podName });
}

function containerSpec(pod: KubeObject | undefined, name: string): { args?: string[]; command?: string[]; env?: { name: string; value?: string }[] } | undefined {
  const spec = pod?.spec as { containers?: any[]; initContainers?: any[] } | undefined;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((x) => x.name === name);
}

// ------------------------------------------------------------------ flannel

function flannelNetwork(request: Request, namespace: string): string {
  const cm = getObject(request, { group: '', version: 'v1', resource: 'configmaps', namespace, name: 'kube-flannel-cfg' });
  try {
    return String(JSON.parse(String((cm?.data as Record<string, string> | undefined)?.['net-conf.json'] ?? '{}')).Network ?? POD_NETWORK_CIDR);
  } catch {
    return POD_NETWORK_CIDR;
  }
}

function crash(ctx: AddonHostContext, c: Container, lines: string[]): void {
  // flanneld logs and exits a moment after it starts; the kubelet restarts it (CrashLoopBackOff).
  ctx.clock.setTimeout(() => {
    const cur = ctx.runtime.containers.get(c.id);
    if (!cur || cur.state !== 'CONTAINER_RUNNING') return;
    const now = ctx.clock.now();
    for (const line of lines) ctx.runtime.log(c.id, now, line, 'stderr');
    ctx.runtime.finish(c.id, 1, 'Error', now);
  }, 600);
}

function klog(level: 'I' | 'E', ms: number, where: string, msg: string): string {
  const d = new Date(ms);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${level}${mm}${dd} ${d.toISOString().slice(11, 23)}000       1 ${where}] ${msg}`;
}

function flanneld(c: Container, machine: Machine, podCidr: string | undefined, ctx: AddonHostContext | undefined): void {
  const fs = machine.rootFs;
  const request: Request | undefined = ctx ? (req) => ctx.api.request(req) : undefined;
  const network = request ? flannelNetwork(request, c.namespace) : POD_NETWORK_CIDR;
  if (ctx && !podCidr) {
    const at = ctx.clock.now();
    crash(ctx, c, [klog('I', at, 'main.go:213', `CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network etcdKeyfile: etcdCertfile: etcdCAFile: etcdUsername: etcdPassword: version:false kubeSubnetMgr:true kubeApiUrl: kubeAnnotationPrefix:flannel.alpha.coreos.com kubeConfigFile: iface:[] ifaceRegex:[] ipMasq:true ifaceCanReach: subnetFile:/run/flannel/subnet.env publicIP: publicIPv6: subnetLeaseRenewMargin:60 healthzIP:0.0.0.0 healthzPort:0 iptablesResyncSeconds:5 iptablesForwardRules:true netConfPath:/etc/kube-flannel/net-conf.json setNodeNetworkUnavailable:true}`), klog('E', at + 500, 'main.go:367', `Error registering network: failed to acquire lease: node "${ctx.host}" pod cidr not assigned`), klog('I', at + 500, 'main.go:499', 'Stopping shutdownHandler...')]);
    return;
  }
  if (ctx && podCidr && !cidrContains(network, podCidr)) {
    const at = ctx.clock.now();
    crash(ctx, c, [klog('E', at + 500, 'main.go:367', `Error registering network: failed to acquire lease: subnet "${network}" specified in the flannel net config doesn't contain "${podCidr}" PodCIDR of the "${ctx.host}" node`), klog('I', at + 500, 'main.go:499', 'Stopping shutdownHandler...')]);
    return;
  }
  if (podCidr) {
    fs.mkdir('/run/flannel', { recursive: true });
    const gw = intToIp((cidrRange(podCidr)?.[0] ?? 0) + 1);
    fs.writeFile('/run/flannel/subnet.env', `FLANNEL_NETWORK=${network}\nFLANNEL_SUBNET=${gw}/${podCidr.split('/')[1]}\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n`);
    if (request && ctx) announceFlannelLease(request, c, machine, ctx.clock.rfc3339());
  }
}

/**
 * What flanneld writes on its Node once it holds its lease, through nodes/status as it does: the
 * lease annotations (kube.go AcquireLease: backend data with its VTEP MAC, type, public IP) and,
 * with --set-node-network-unavailable (the default), NetworkUnavailable set False ("FlannelIsUp").
 */
function announceFlannelLease(request: Request, c: Container, machine: Machine, now: string): void {
  const nodeName = (podOf(request, c)?.spec as { nodeName?: string } | undefined)?.nodeName;
  if (!nodeName) return;
  reportNetworkUp(request, nodeName, now, { reason: 'FlannelIsUp', message: 'Flannel is running on this node' }, (ip) => leaseAnnotations(flannelVni(request, c.namespace), flannelVtepMac(machine), ip));
}

/**
 * A CNI agent's word on its Node (nodes/status): its annotations, computed from the node's
 * InternalIP, and the NetworkUnavailable condition set False with its reason — which `kubectl
 * describe node` lists first, ahead of the kubelet's own conditions.
 */
function reportNetworkUp(request: Request, nodeName: string, now: string, up: { reason: string; message: string }, annotationsFor: (ip: string) => Record<string, string>): void {
  const node = getObject(request, { group: '', version: 'v1', resource: 'nodes', name: nodeName });
  if (!node) return;
  const status = (node.status ?? {}) as { addresses?: { type?: string; address?: string }[]; conditions?: Record<string, unknown>[] };
  const ip = status.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (!ip) return;
  const annotations = { ...(node.metadata?.annotations ?? {}), ...annotationsFor(ip) };
  const conditions = status.conditions ?? [];
  const previous = conditions.find((x) => x.type === 'NetworkUnavailable');
  const condition = { type: 'NetworkUnavailable', status: 'False', lastHeartbeatTime: now, lastTransitionTime: previous?.status === 'False' ? previous.lastTransitionTime : now, ...up };
  const next = previous ? conditions.map((x) => (x === previous ? condition : x)) : [condition, ...conditions];
  request({ verb: 'update', group: '', version: 'v1', resource: 'nodes', name: nodeName, subresource: 'status', body: { ...node, metadata: { ...node.metadata, annotations }, status: { ...status, conditions: next } } });
}

/**
 * calico-node at its start (startup.go): it claims its IPAM block for the tunnel address the pool's
 * encapsulation needs, writes the node's BGP spec as projectcalico.org annotations (the address
 * with its interface's prefix, the IPIP or VXLAN tunnel address) and sets NetworkUnavailable
 * False ("CalicoIsUp").
 */
function announceCalicoNode(request: Request, c: Container, now: string): void {
  const nodeName = (podOf(request, c)?.spec as { nodeName?: string } | undefined)?.nodeName;
  if (!nodeName) return;
  const pools = request({ verb: 'list', ...IPPOOLS });
  const pool = pools.code === 200 ? (pools.body as { items: KubeObject[] }).items.find((p) => !(p.spec as { disabled?: boolean }).disabled) : undefined;
  const spec = (pool?.spec ?? {}) as { ipipMode?: string; vxlanMode?: string };
  const vxlan = (spec.vxlanMode ?? 'Never') !== 'Never';
  const ipip = !vxlan && (spec.ipipMode ?? 'Never') !== 'Never';
  const block = pool && (vxlan || ipip) ? calicoBlockFor(request, nodeName) : undefined;
  const tunnel = block ? { [vxlan ? 'projectcalico.org/IPv4VXLANTunnelAddr' : 'projectcalico.org/IPv4IPIPTunnelAddr']: block.split('/')[0] } : {};
  reportNetworkUp(request, nodeName, now, { reason: 'CalicoIsUp', message: 'Calico is running on this node' }, (ip) => ({ 'projectcalico.org/IPv4Address': `${ip}/${NIC_PREFIX}`, ...tunnel }));
}

/** The prefix of a machine's NIC address (its DHCP /24, as `ip addr` shows it: shell/commands/lib/net-links.ts). */
const NIC_PREFIX = 24;

/** The VNI of the vxlan backend in kube-flannel-cfg's net-conf.json (1 when not set). */
function flannelVni(request: Request, namespace: string): number {
  const cm = getObject(request, { group: '', version: 'v1', resource: 'configmaps', namespace, name: 'kube-flannel-cfg' });
  try {
    const conf = JSON.parse(String((cm?.data as Record<string, string> | undefined)?.['net-conf.json'] ?? '{}')) as { Backend?: { VNI?: unknown } };
    return typeof conf.Backend?.VNI === 'number' ? conf.Backend.VNI : 1;
  } catch {
    return 1;
  }
}

// ------------------------------------------------------------------ calico

const IPPOOLS = { group: 'crd.projectcalico.org', version: 'v1', resource: 'ippools' };
const BLOCKS = { group: 'crd.projectcalico.org', version: 'v1', resource: 'blockaffinities' };

function kubeadmPodSubnet(request: Request): string | undefined {
  const cm = getObject(request, { group: '', version: 'v1', resource: 'configmaps', namespace: 'kube-system', name: 'kubeadm-config' });
  const text = String((cm?.data as Record<string, string> | undefined)?.ClusterConfiguration ?? '');
  return /podSubnet:\s*(\S+)/.exec(text)?.[1];
}

function calicoNode(c: Container, ctx: AddonHostContext): void {
  const request: Request = (req) => ctx.api.request(req);
  if (getObject(request, { ...IPPOOLS, name: 'default-ipv4-ippool' })) return;
  if (request({ verb: 'list', ...IPPOOLS }).code !== 200) return;
  const env = containerSpec(podOf(request, c), c.name)?.env ?? [];
  const envValue = (name: string) => env.find((e) => e.name === name)?.value;
  // calico-node: CALICO_IPV4POOL_CIDR, else the kubeadm podSubnet, else 192.168.0.0/16.
  const cidr = envValue('CALICO_IPV4POOL_CIDR') ?? kubeadmPodSubnet(request) ?? '192.168.0.0/16';
  if (c.namespace === 'calico-system') return; // the operator creates the pools of the Installation
  const ipip = envValue('CALICO_IPV4POOL_IPIP') ?? 'Always';
  const vxlan = envValue('CALICO_IPV4POOL_VXLAN') ?? 'Never';
  request({
    verb: 'create',
    ...IPPOOLS,
    body: { apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: { name: 'default-ipv4-ippool' }, spec: { allowedUses: ['Workload', 'Tunnel'], blockSize: Number(envValue('CALICO_IPV4POOL_BLOCK_SIZE') ?? 26), cidr, ipipMode: ipip, natOutgoing: true, nodeSelector: 'all()', vxlanMode: vxlan } },
  });
}

/** Where the runtime looks for CNI configurations. */
const CNI_CONF_DIR = '/etc/cni/net.d';

/** The CNI configuration files of CNI_CONF_DIR in the order the runtime tries them (undefined: no directory). */
export function cniConfigFiles(machine: Machine): string[] | undefined {
  try {
    return machine.rootFs.readdir(CNI_CONF_DIR).filter((f) => /\.(conf|conflist|json)$/.test(f)).sort();
  } catch {
    return undefined;
  }
}

/** The CNI configuration the runtime uses: the first of `files`, as the kubelet picks it. */
export function cniKindOf(files: readonly string[] | undefined): 'calico' | 'flannel' | 'other' | undefined {
  if (!files?.length) return undefined;
  if (files[0].includes('calico')) return 'calico';
  if (files[0].includes('flannel')) return 'flannel';
  return 'other';
}

/** Who the Calico CNI plugin is to the API: the calico-cni-plugin ServiceAccount its kubeconfig names. */
export function calicoCniUser(machine: Machine): UserInfo {
  let ns = 'kube-system';
  try {
    ns = /namespace: (\S+)/.exec(machine.rootFs.readFile('/etc/cni/net.d/calico-kubeconfig'))?.[1] ?? ns;
  } catch {
    // no kubeconfig yet: the plugin cannot authenticate either
  }
  return { username: `system:serviceaccount:${ns}:calico-cni-plugin`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] };
}

/**
 * calico-ipam: the /26 block of the node's affinity (claimed from the first IP pool when the node
 * has none yet, as the CNI plugin does on its first pod), or undefined when there is no pool.
 */
export function calicoBlockFor(request: Request, node: string): string | undefined {
  const blocks = request({ verb: 'list', ...BLOCKS });
  if (blocks.code !== 200) return undefined;
  const items = (blocks.body as { items: KubeObject[] }).items;
  const mine = items.find((b) => (b.spec as { node?: string } | undefined)?.node === node);
  if (mine) return String((mine.spec as { cidr: string }).cidr);
  const pools = request({ verb: 'list', ...IPPOOLS });
  if (pools.code !== 200) return undefined;
  const pool = (pools.body as { items: KubeObject[] }).items.find((p) => !(p.spec as { disabled?: boolean }).disabled);
  if (!pool) return undefined;
  const spec = pool.spec as { cidr: string; blockSize?: number };
  const range = cidrRange(spec.cidr);
  if (!range) return undefined;
  const size = 2 ** (32 - (spec.blockSize ?? 26));
  const taken = new Set(items.map((b) => String((b.spec as { cidr: string }).cidr)));
  // Never a block holding a node's own address (a pool overlapping the host network breaks routing).
  const nodes = request({ verb: 'list', group: '', version: 'v1', resource: 'nodes' });
  const hostIps = nodes.code === 200 ? (nodes.body as { items: KubeObject[] }).items.flatMap((n) => ((n.status as { addresses?: { address: string }[] } | undefined)?.addresses ?? []).map((a) => ipToInt(a.address))) : [];
  // Calico picks blocks pseudo-randomly; a hash of the node name keeps worlds repeatable.
  const count = Math.max(1, (range[1] - range[0]) / size);
  let h = 0;
  for (const ch of node) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  for (let i = 0; i < count; i++) {
    const start = range[0] + ((h + i * 7) % count) * size;
    const cidr = `${intToIp(start)}/${spec.blockSize ?? 26}`;
    if (taken.has(cidr) || hostIps.some((ip) => ip >= start && ip < start + size)) continue;
    request({ verb: 'create', ...BLOCKS, body: { apiVersion: 'crd.projectcalico.org/v1', kind: 'BlockAffinity', metadata: { name: `${node}-${intToIp(start).replace(/\./g, '-')}-${spec.blockSize ?? 26}` }, spec: { cidr, deleted: 'false', node, state: 'confirmed' } } });
    return cidr;
  }
  return undefined;
}

// ------------------------------------------------------------------ ingress-nginx admission jobs

function certgen(c: Container, ctx: AddonHostContext): void {
  const request: Request = (req) => ctx.api.request(req);
  const args = containerSpec(podOf(request, c), c.name)?.args ?? [];
  const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3).replace('$(POD_NAMESPACE)', c.namespace);
  const secret = arg('secret-name');
  if (args[0] === 'create' && secret) {
    const pem = (what: string) => btoa(`-----BEGIN ${what}-----\nMIIB${secret}${what.length}\n-----END ${what}-----\n`);
    request({ verb: 'create', group: '', version: 'v1', resource: 'secrets', namespace: arg('namespace') ?? c.namespace, body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: secret, namespace: arg('namespace') ?? c.namespace }, data: { ca: pem('CERTIFICATE'), cert: pem('CERTIFICATE'), key: pem('EC PRIVATE KEY') } } });
  }
  if (args[0] === 'patch') {
    const name = arg('webhook-name');
    const cfg = name ? getObject(request, { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingwebhookconfigurations', name }) : undefined;
    if (cfg && secret) {
      const s = getObject(request, { group: '', version: 'v1', resource: 'secrets', namespace: c.namespace, name: secret });
      const ca = String((s?.data as Record<string, string> | undefined)?.ca ?? '');
      const webhooks = ((cfg as { webhooks?: any[] }).webhooks ?? []).map((w) => ({ ...w, failurePolicy: arg('patch-failure-policy') ?? w.failurePolicy, clientConfig: { ...w.clientConfig, caBundle: ca } }));
      request({ verb: 'update', group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingwebhookconfigurations', name, body: { ...cfg, webhooks } });
    }
  }
}

// ------------------------------------------------------------------ entry point

/** Running operators by runtime (one world's containers never meet another's). */
const operatorsByRuntime = new WeakMap<ContainerRuntime, Map<string, TigeraOperator>>();

/** What a starting (or stopping) add-on container does to its host. Returns true when the node's network config may have changed. */
/** `podCidr`: the node's podCIDR, or a function that reads it (asked only for a CNI agent's container). */
export function onCniContainer(c: Container, machine: Machine, podCidr: string | undefined | (() => string | undefined), ctx?: AddonHostContext): boolean {
  const repo = repoOf(c);
  if (c.name === 'tigera-operator' && ctx) {
    let operators = operatorsByRuntime.get(ctx.runtime);
    if (!operators) operatorsByRuntime.set(ctx.runtime, (operators = new Map()));
    if (c.state === 'CONTAINER_RUNNING' && !operators.has(c.id)) {
      const op = new TigeraOperator(ctx.api, ctx.clock, `v3.${({ 29: 25, 30: 26, 32: 27, 34: 28, 36: 29, 38: 30 } as Record<number, number>)[Number(/^v1\.(\d+)/.exec(versionOf(c))?.[1])] ?? 29}.${/^v1\.\d+\.(\d+)/.exec(versionOf(c))?.[1] ?? 0}`);
      operators.set(c.id, op);
      op.start();
    } else if (c.state === 'CONTAINER_EXITED') {
      operators.get(c.id)?.stop();
      operators.delete(c.id);
    }
    return false;
  }
  if (c.state !== 'CONTAINER_RUNNING') return false;
  const fs = machine.rootFs;
  if (repo === 'docker.io/flannel/flannel') {
    if (c.name === 'install-cni') {
      fs.mkdir('/etc/cni/net.d', { recursive: true });
      fs.writeFile('/etc/cni/net.d/10-flannel.conflist', FLANNEL_CONFLIST);
      return true;
    }
    if (c.name === 'kube-flannel') {
      fs.mkdir('/etc/cni/net.d', { recursive: true });
      if (!fs.stat('/etc/cni/net.d/10-flannel.conflist')) fs.writeFile('/etc/cni/net.d/10-flannel.conflist', FLANNEL_CONFLIST);
      flanneld(c, machine, typeof podCidr === 'function' ? podCidr() : podCidr, ctx);
      return true;
    }
  }
  if (repo === KINDNET_REPOSITORY && c.name === 'kindnet-cni') {
    // kindnetd writes its conflist for the node's podCIDR (src/sim/addons/kindnet.ts).
    const cidr = typeof podCidr === 'function' ? podCidr() : podCidr;
    if (!cidr) return false;
    fs.mkdir('/etc/cni/net.d', { recursive: true });
    fs.writeFile(KINDNET_CONFLIST_PATH, kindnetConflist(cidr));
    return true;
  }
  if (repo === 'docker.io/calico/cni' && c.name === 'install-cni') {
    fs.mkdir('/etc/cni/net.d', { recursive: true });
    fs.writeFile('/etc/cni/net.d/10-calico.conflist', calicoConflist(machine.hostname));
    fs.writeFile('/etc/cni/net.d/calico-kubeconfig', `# Kubeconfig file for Calico CNI plugin. Installed by calico/node.\napiVersion: v1\nkind: Config\nclusters:\n- name: local\n  cluster:\n    server: https://10.96.0.1:443\n    certificate-authority-data: "LS0tLS1CRUdJTi..."\nusers:\n- name: calico\n  user:\n    token: eyJhbGciOiJSUzI1NiIs...\ncontexts:\n- name: calico-context\n  context:\n    cluster: local\n    namespace: ${c.namespace}\n    user: calico\ncurrent-context: calico-context\n`);
    fs.mkdir('/opt/cni/bin', { recursive: true });
    return true;
  }
  if (repo === 'docker.io/calico/node' && c.name === 'calico-node' && ctx) {
    fs.mkdir('/var/lib/calico', { recursive: true });
    fs.writeFile('/var/lib/calico/nodename', machine.hostname);
    calicoNode(c, ctx);
    announceCalicoNode((req) => ctx.api.request(req), c, ctx.clock.rfc3339());
    return false;
  }
  if (repo === 'registry.k8s.io/ingress-nginx/kube-webhook-certgen' && ctx) {
    certgen(c, ctx);
    return false;
  }
  return false;
}
