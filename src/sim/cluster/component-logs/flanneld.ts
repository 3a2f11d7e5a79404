/**
 * flanneld v0.27.2 (the kube-flannel.yml release the simulation deploys) as it starts with the
 * kube subnet manager and the VXLAN backend: its flags, the node's subnet manager, the network
 * configuration of kube-flannel-cfg, the interface it picks, the leases of the other nodes, its
 * masquerade and forward rules. Texts and callers are those of the v0.27.2 source (main.go,
 * pkg/subnet/kube/kube.go, pkg/ipmatch/match.go, pkg/backend/vxlan, pkg/trafficmngr,
 * pkg/subnet/subnet.go, pkg/lease), in the order a v0.27 flanneld's `kubectl logs` shows them
 * (pasted in a tutorial: main.go:213 … iptables.go:357; client-go v0.31's client_config.go:659).
 *
 * flanneld leaves its lease in the Node's annotations (flannel.alpha.coreos.com/…), which the
 * simulation does not write; a node whose flanneld holds a lease is one with /run/flannel/subnet.env,
 * as the node network view has it (src/runtime/flannel-links.ts), and the annotations below are
 * those flanneld would have written there. Leases that appear after this flanneld started (a node
 * joining later) are not narrated. A start that fails (no podCIDR, a podCIDR outside the network)
 * is logged by network/cni.ts; configurations whose lines this does not know (the etcd subnet
 * manager, another backend, --iface-regex, a missing br_netfilter) print nothing here.
 */
import type { Narrator, NarrationContext } from './index';
import type { ProcessLine } from '../control-plane-processes';
import type { Machine } from '../../machine/machine';
import { isFlanneld } from '../../network/node-daemons';
import { normalizeImage } from '../../runtime/images';
import { cidrContains } from '../../network/cni';
import { hashString } from '../../random';
import { goQuote } from '../../go-quote';
import { hostRoutes, ipToInt, networkOf } from '../../../shell/commands/lib/net-links';
import { FLANNEL_ANNOTATION_PREFIX, flannelSubnet, flannelVtepMac, leaseAnnotations } from '../../network/flannel-subnet';
import { KlogTimeline } from './timeline';
import { agentPod, configMapData, internalIP } from './agent-objects';
import { storedObject } from './cluster-state';

const PREFIX = FLANNEL_ANNOTATION_PREFIX;
const SUBNET_FILE_KEYS = ['FLANNEL_NETWORK', 'FLANNEL_SUBNET'] as const;

/** flanneld's command line (CmdLineOpts, in its field order) with v0.27.2's defaults. */
interface Options {
  etcdEndpoints: string;
  etcdPrefix: string;
  etcdKeyfile: string;
  etcdCertfile: string;
  etcdCAFile: string;
  etcdUsername: string;
  etcdPassword: string;
  version: boolean;
  kubeSubnetMgr: boolean;
  kubeApiUrl: string;
  kubeAnnotationPrefix: string;
  kubeConfigFile: string;
  iface: string[];
  ifaceRegex: string[];
  ipMasq: boolean;
  ifaceCanReach: string;
  subnetFile: string;
  publicIP: string;
  publicIPv6: string;
  subnetLeaseRenewMargin: number;
  healthzIP: string;
  healthzPort: number;
  iptablesResyncSeconds: number;
  iptablesForwardRules: boolean;
  blackholeRoute: boolean;
  netConfPath: string;
  setNodeNetworkUnavailable: boolean;
}

const DEFAULTS: Options = {
  etcdEndpoints: 'http://127.0.0.1:4001,http://127.0.0.1:2379',
  etcdPrefix: '/coreos.com/network',
  etcdKeyfile: '',
  etcdCertfile: '',
  etcdCAFile: '',
  etcdUsername: '',
  etcdPassword: '',
  version: false,
  kubeSubnetMgr: false,
  kubeApiUrl: '',
  kubeAnnotationPrefix: PREFIX,
  kubeConfigFile: '',
  iface: [],
  ifaceRegex: [],
  ipMasq: false,
  ifaceCanReach: '',
  subnetFile: '/run/flannel/subnet.env',
  publicIP: '',
  publicIPv6: '',
  subnetLeaseRenewMargin: 60,
  healthzIP: '0.0.0.0',
  healthzPort: 0,
  iptablesResyncSeconds: 5,
  iptablesForwardRules: true,
  blackholeRoute: false,
  netConfPath: '/etc/kube-flannel/net-conf.json',
  setNodeNetworkUnavailable: true,
};

/** Flag names as flanneld registers them, to their option. */
const FLAGS: Record<string, keyof Options> = {
  'etcd-endpoints': 'etcdEndpoints', 'etcd-prefix': 'etcdPrefix', 'etcd-keyfile': 'etcdKeyfile', 'etcd-certfile': 'etcdCertfile',
  'etcd-cafile': 'etcdCAFile', 'etcd-username': 'etcdUsername', 'etcd-password': 'etcdPassword', iface: 'iface', 'iface-regex': 'ifaceRegex',
  'iface-can-reach': 'ifaceCanReach', 'subnet-file': 'subnetFile', 'public-ip': 'publicIP', 'public-ipv6': 'publicIPv6',
  'subnet-lease-renew-margin': 'subnetLeaseRenewMargin', 'ip-masq': 'ipMasq', 'kube-subnet-mgr': 'kubeSubnetMgr', 'kube-api-url': 'kubeApiUrl',
  'kube-annotation-prefix': 'kubeAnnotationPrefix', 'kubeconfig-file': 'kubeConfigFile', version: 'version', 'healthz-ip': 'healthzIP',
  'healthz-port': 'healthzPort', 'iptables-resync': 'iptablesResyncSeconds', 'iptables-forward-rules': 'iptablesForwardRules',
  'ip-blackhole-route': 'blackholeRoute', 'net-config-path': 'netConfPath', 'set-node-network-unavailable': 'setNodeNetworkUnavailable',
};

/** Go's flag package: -name or --name, `=value` or the next word (not for booleans). Undefined when flanneld would refuse them. */
function parseOptions(argv: readonly string[]): Options | undefined {
  const opts: Options = { ...DEFAULTS, iface: [], ifaceRegex: [] };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(argv[i]);
    const key = m && FLAGS[m[1]];
    if (!m || !key) return undefined;
    const current = opts[key];
    if (typeof current === 'boolean') {
      if (m[2] !== undefined && !/^(true|false|1|0|t|f|TRUE|FALSE|True|False|T|F)$/.test(m[2])) return undefined;
      (opts[key] as boolean) = m[2] === undefined || /^(true|1|t|TRUE|True|T)$/.test(m[2]);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) return undefined;
    if (Array.isArray(current)) current.push(value);
    else if (typeof current === 'number') {
      if (!/^-?\d+$/.test(value)) return undefined;
      (opts[key] as number) = Number(value);
    } else (opts[key] as string) = value;
  }
  return opts;
}

/** `%+v` of the options, as the "CLI flags config" line prints them. */
function formatOptions(opts: Options): string {
  const fields = (Object.keys(DEFAULTS) as (keyof Options)[]).map((k) => {
    const v = opts[k];
    return `${k}:${Array.isArray(v) ? `[${v.join(' ')}]` : String(v)}`;
  });
  return `{${fields.join(' ')}}`;
}

/** `%#+v` of a map[string]string (fmt prints it with its keys sorted). */
function goStringMap(m: Record<string, string>): string {
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ')}}`;
}

const hex = (n: number) => `0x${n.toString(16)}`;

interface NetConf {
  network: string;
  enableNFTables: boolean;
  backendType: string;
  vni: number;
  port: number;
  gbp: boolean;
  learning: boolean;
  directRouting: boolean;
}

/** net-conf.json of kube-flannel-cfg, as flanneld reads it at --net-config-path. */
function netConf(data: Record<string, string> | undefined): NetConf | undefined {
  try {
    const c = JSON.parse(String(data?.['net-conf.json'])) as Record<string, unknown>;
    const b = (c.Backend ?? {}) as Record<string, unknown>;
    if (typeof c.Network !== 'string') return undefined;
    return {
      network: c.Network,
      enableNFTables: c.EnableNFTables === true,
      backendType: typeof b.Type === 'string' ? b.Type : 'udp',
      vni: typeof b.VNI === 'number' ? b.VNI : 1,
      port: typeof b.Port === 'number' ? b.Port : 0,
      gbp: b.GBP === true,
      learning: b.Learning === true,
      directRouting: b.DirectRouting === true,
    };
  } catch {
    return undefined;
  }
}

/** A node as flanneld's node informer lists it: its subnet, address, and lease when its flanneld holds one. */
interface NodeLease {
  name: string;
  ip: string;
  podCIDRs: string[];
  annotations: Record<string, string>;
  /** The node's VXLAN device, when its flanneld holds a lease (the annotations then carry it). */
  vtepMac?: string;
}

function nodeLease(ctx: NarrationContext, name: string, machine: Machine | undefined, vni: number): NodeLease | undefined {
  const node = storedObject(ctx.cluster, 'nodes', undefined, name);
  if (!node) return undefined;
  const spec = (node.spec ?? {}) as { podCIDR?: string; podCIDRs?: string[] };
  const ip = internalIP(node) ?? machine?.ip ?? '';
  const annotations = { ...((node.metadata?.annotations ?? {}) as Record<string, string>) };
  const leased = machine && flannelSubnet(machine);
  const vtepMac = leased ? flannelVtepMac(machine) : undefined;
  if (vtepMac) Object.assign(annotations, leaseAnnotations(vni, vtepMac, ip));
  return { name, ip, podCIDRs: spec.podCIDRs ?? (spec.podCIDR ? [spec.podCIDR] : []), annotations, vtepMac };
}

/** The subnet file's previous values (net.ParseCIDR's network of each), as main.go reads them before the masquerade rules. */
function previousSubnets(machine: Machine, path: string): Partial<Record<(typeof SUBNET_FILE_KEYS)[number], string>> {
  let text: string;
  try {
    text = machine.rootFs.readFile(path);
  } catch {
    return {};
  }
  const out: Partial<Record<(typeof SUBNET_FILE_KEYS)[number], string>> = {};
  for (const key of SUBNET_FILE_KEYS) {
    const m = new RegExp(`^${key}=(\\d+\\.\\d+\\.\\d+\\.\\d+)/(\\d+)$`, 'm').exec(text);
    if (m) out[key] = `${networkOf(m[1], Number(m[2]))}/${m[2]}`;
  }
  return out;
}

/** `%#v` of the lease event WatchLeases hands the backend for another node's lease. */
function leaseEvent(subnet: string, ip: string, backendData: string): string {
  const [net, prefix] = subnet.split('/');
  const bytes = [...new TextEncoder().encode(backendData)].map(hex).join(', ');
  return `lease.Event{Type:0, Lease:lease.Lease{EnableIPv4:true, EnableIPv6:false, Subnet:ip.IP4Net{IP:${hex(ipToInt(net))}, PrefixLen:${hex(Number(prefix))}}, IPv6Subnet:ip.IP6Net{IP:(*ip.IP6)(nil), PrefixLen:0x0}, Attrs:lease.LeaseAttrs{PublicIP:${hex(ipToInt(ip))}, PublicIPv6:(*ip.IP6)(nil), BackendType:"vxlan", BackendData:json.RawMessage{${bytes}}, BackendV6Data:json.RawMessage(nil)}, Expiration:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC), Asof:0}}`;
}

/** The release whose lines these are; each release moves them (a lab may install an older one: it prints nothing here). */
const RELEASE = 'v0.27.2';

function flanneldLines(ctx: NarrationContext): ProcessLine[] {
  const { machine } = ctx;
  if (normalizeImage(ctx.container.imageRef || ctx.container.image).tag !== RELEASE) return [];
  const pod = agentPod(ctx);
  const spec = (pod.containers ?? []).find((c) => c.name === ctx.container.name);
  const opts = parseOptions([...(spec?.command ?? []).slice(1), ...(spec?.args ?? [])]);
  const conf = netConf(configMapData(ctx, ctx.container.namespace, 'kube-flannel-cfg'));
  const nodeName = pod.nodeName;
  if (!opts || !opts.kubeSubnetMgr || opts.version || opts.ifaceRegex.length || opts.ifaceCanReach || opts.publicIP || !conf || conf.backendType !== 'vxlan' || !nodeName) return [];
  const own = nodeLease(ctx, nodeName, machine, conf.vni);
  const podCIDR = own?.podCIDRs.find((c) => !c.includes(':'));
  // No subnet, or one outside the network: flanneld fails to register (network/cni.ts logs it).
  if (!own || !podCIDR || !cidrContains(conf.network, podCIDR)) return [];
  // From Kubernetes 1.30 flanneld checks for br_netfilter itself and exits without it.
  if (!machine.rootFs.stat('/proc/sys/net/bridge/bridge-nf-call-iptables')) return [];
  const nic = hostRoutes(machine.ip).find((r) => r.dst === 'default')?.dev ?? '';
  // --iface: a name or address of the node's NIC (anything else fails to find an interface).
  if (opts.iface.length && opts.iface[0] !== nic && opts.iface[0] !== machine.ip) return [];

  const restarted = !!own.vtepMac;
  const others: NodeLease[] = [];
  for (const [host, kubelet] of ctx.cluster.kubelets) {
    if (kubelet.nodeName === nodeName) continue;
    const lease = nodeLease(ctx, kubelet.nodeName, ctx.cluster.machine(host), conf.vni);
    if (lease?.vtepMac && lease.podCIDRs.length) others.push(lease);
  }
  others.sort((a, b) => (a.name < b.name ? -1 : 1));

  const t = new KlogTimeline(ctx.startedAt, hashString(ctx.container.id));
  const createLease = (at: number, n: NodeLease) => t.info(at, 'kube.go:558', `Creating the node lease for IPv4. This is the n.Spec.PodCIDRs: [${n.podCIDRs.join(' ')}]`);
  t.info(30, 'main.go:213', `CLI flags config: ${formatOptions(opts)}`);
  t.log(30, 'W', 'client_config.go:659', 'Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.');
  t.info(55, 'kube.go:139', 'Waiting 10m0s for node controller to sync');
  t.info(55, 'kube.go:537', 'Starting kube subnet manager');
  // The informer's first list (by name): a lease for each node flanneld already annotated, this one's on a restart.
  for (const n of [...others, ...(restarted ? [own] : [])].sort((a, b) => (a.name < b.name ? -1 : 1))) createLease(58, n);
  t.info(1055, 'kube.go:163', 'Node controller sync successful');
  t.info(1055, 'main.go:239', `Created subnet manager: Kubernetes Subnet Manager - ${nodeName}`);
  t.info(1055, 'main.go:242', 'Installing signal handlers');
  if (opts.healthzPort > 0) t.info(1055, 'main.go:533', `Start healthz server on ${opts.healthzIP}:${opts.healthzPort}`);
  t.info(1055, 'main.go:519', `Found network config - Backend type: ${conf.backendType}`);
  t.info(1059, 'kube.go:737', `List of node(${nodeName}) annotations: ${goStringMap(own.annotations)}`);
  if (opts.iface.length) {
    if (opts.iface[0] === machine.ip) t.info(1059, 'match.go:74', `Searching for interface using ${machine.ip}`);
  } else t.info(1059, 'match.go:211', 'Determining IP address of default interface');
  t.info(1061, 'match.go:264', `Using interface with name ${nic} and address ${machine.ip}`);
  t.info(1061, 'match.go:286', `Defaulting external address to interface address (${machine.ip})`);
  t.info(1061, 'vxlan.go:141', `VXLAN config: VNI=${conf.vni} Port=${conf.port} GBP=${conf.gbp} Learning=${conf.learning} DirectRouting=${conf.directRouting}`);
  t.info(1064, 'kube.go:704', `List of node(${nodeName}) annotations: ${goStringMap(own.annotations)}`);
  if (own.vtepMac) t.info(1064, 'vxlan.go:155', `Interface flannel.${conf.vni} mac address set to: ${own.vtepMac}`);
  // A first start annotates the Node as it acquires the lease; the informer sees the update.
  else createLease(1068, own);
  t.info(1069, 'main.go:375', 'Cleaning-up unused traffic manager rules');
  if (conf.enableNFTables) {
    t.info(1069, 'iptables.go:59', 'Cleaning-up iptables rules...');
    t.info(1109, 'nftables.go:43', 'Starting flannel in nftables mode...');
  } else {
    t.info(1069, 'nftables.go:278', 'Cleaning-up nftables rules...');
    t.info(1109, 'iptables.go:50', 'Starting flannel in iptables mode...');
  }
  let bootstraps = 0;
  if (opts.ipMasq) {
    const prev = previousSubnets(machine, opts.subnetFile);
    for (const key of SUBNET_FILE_KEYS) if (!prev[key]) t.log(1110, 'W', 'main.go:573', `no subnet found for key: ${key} in file: ${opts.subnetFile}`);
    for (const key of ['FLANNEL_IPV6_NETWORK', 'FLANNEL_IPV6_SUBNET']) t.log(1110, 'W', 'main.go:608', `no subnet found for key: ${key} in file: ${opts.subnetFile}`);
    if (conf.enableNFTables) t.info(1110, 'nftables.go:154', 'nftables: setting up masking rules (ipv4)');
    else {
      const podNet = `${networkOf(podCIDR.split('/')[0], Number(podCIDR.split('/')[1]))}/${podCIDR.split('/')[1]}`;
      if (prev.FLANNEL_NETWORK !== conf.network || prev.FLANNEL_SUBNET !== podNet)
        t.info(1110, 'iptables.go:100', `Current network or subnet (${conf.network}, ${podNet}) is not equal to previous one (${prev.FLANNEL_NETWORK ?? '0.0.0.0/0'}, ${prev.FLANNEL_SUBNET ?? '0.0.0.0/0'}), trying to recycle old iptables rules`);
      t.info(1110, 'iptables.go:110', 'Setting up masking rules');
      bootstraps++;
    }
  }
  if (opts.iptablesForwardRules) {
    t.info(1125, conf.enableNFTables ? 'nftables.go:80' : 'iptables.go:211', 'Changing default FORWARD chain policy to ACCEPT');
    if (!conf.enableNFTables) bootstraps++;
  }
  t.info(1129, 'main.go:463', `Wrote subnet file to ${opts.subnetFile}`);
  t.info(1129, 'main.go:467', 'Running backend.');
  t.info(1130, 'vxlan_network.go:65', 'watching for new subnet leases');
  // The other nodes' leases, one event each, as the backend receives them.
  for (const n of others) {
    const data = n.annotations[`${PREFIX}/backend-data`];
    const subnet = n.podCIDRs.find((c) => !c.includes(':'))!;
    t.info(1130, 'subnet.go:150', `Batch elem [0] is { ${leaseEvent(subnet, n.ip, data)} }`);
    t.info(1130, 'vxlan_network.go:100', `Received Subnet Event with VxLan: BackendType: vxlan, PublicIP: ${n.ip}, PublicIPv6: (nil), BackendData: ${data}, BackendV6Data: (nil)`);
  }
  t.info(1138, 'main.go:488', 'Waiting for all goroutines to exit');
  for (let i = 0; i < bootstraps; i++) t.info(1145 + 12 * i, 'iptables.go:357', 'bootstrap done');
  return t.lines;
}

export const FLANNELD_NARRATOR: Narrator = {
  matches: (repo, c) => isFlanneld(repo, c.name),
  lines: flanneldLines,
};
