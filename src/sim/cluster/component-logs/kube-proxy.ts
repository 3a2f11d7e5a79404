/**
 * kube-proxy v1.33 (klog) as it starts on a kubeadm node with the configuration it reads then
 * (config.conf of the kube-proxy ConfigMap, mounted at /var/lib/kube-proxy): the proxy mode, the
 * conntrack settings it writes, the node's address, then its informers. A changed ConfigMap
 * shows only in the log of a kube-proxy started after the change, as on a real cluster.
 *
 * Texts, order and callers: a v1.33.1 kube-proxy in iptables mode (`crictl logs`, pasted in an
 * issue: server_linux.go:63, server.go:715/245/254/516/518, conntrack.go:60, server_linux.go:145,
 * proxier.go:243, config.go:199/105/440/329, shared_informer.go:350/357), a v1.33.0 one in IPVS
 * mode (server_linux.go:202), earlier and later releases' logs for what a line is when it appears
 * (conntrack.go:121's "Set sysctl" only when the value changes; IPVS's scheduler line once per
 * family, ipset's truncated IPv6 names), and cmd/kube-proxy/app (server.go, server_linux.go,
 * conntrack.go) for the conditions. Not taken from a v1.33 log or source: the line numbers of
 * "Using nftables Proxier" (server_linux.go:259, counted from the IPVS branch of the v1.33 layout),
 * IPVS's proxier.go:353 and ipset.go:117 (those of the nearest later releases).
 *
 * A mode v1.33 does not know (`mode: foo`) ends the real kube-proxy at once with a validation
 * error; the simulation keeps such a container running (with no rules), so it prints nothing here
 * rather than a start that never happens.
 */
import { configuredMode, conntrackSettings, parseKubeProxyConfig } from '../../network/kube-proxy-config';
import type { Narrator, NarrationContext } from './index';
import type { ProcessLine } from '../control-plane-processes';
import { isKubeProxy } from '../../network/node-daemons';
import { normalizeImage } from '../../runtime/images';
import { readSysctl } from '../../kernel/sysctl';
import { hashString } from '../../random';
import { kubernetesMinor } from '../component-flags';
import { inPrefix } from '../../../shell/commands/lib/net-links';
import { KlogTimeline } from './timeline';
import { agentPod, configMapData, internalIP } from './agent-objects';
import { storedObject } from './cluster-state';

type Config = Record<string, unknown>;

const MODES = new Set(['', 'iptables', 'ipvs', 'nftables']);

/** The kernel's values of the conntrack parameters kube-proxy sets, when /proc/sys does not hold them. */
const KERNEL_DEFAULTS: Record<string, number> = {
  nf_conntrack_max: 65536,
  nf_conntrack_tcp_timeout_established: 432000,
  nf_conntrack_tcp_timeout_close_wait: 60,
  nf_conntrack_tcp_be_liberal: 0,
  nf_conntrack_udp_timeout: 30,
  nf_conntrack_udp_timeout_stream: 120,
};

/** config.conf as kube-proxy decodes it; undefined when it would not start (no ConfigMap, bad YAML). */
function proxyConfiguration(ctx: NarrationContext): Config | undefined {
  const text = configMapData(ctx, 'kube-system', 'kube-proxy')?.['config.conf'];
  return text === undefined ? undefined : parseKubeProxyConfig(text);
}

const section = (cfg: Config, key: string): Config => (cfg[key] && typeof cfg[key] === 'object' ? (cfg[key] as Config) : {});

/** The node's InternalIP, which kube-proxy reads from its Node (named by --hostname-override=$(NODE_NAME)). */
function nodeIP(ctx: NarrationContext): string {
  const nodeName = agentPod(ctx).nodeName;
  return internalIP(nodeName ? storedObject(ctx.cluster, 'nodes', undefined, nodeName) : undefined) ?? ctx.machine.ip;
}

/**
 * setupConntrack's lines: "Set sysctl" for each parameter (conntrackSettings) the kernel holds
 * another value of — the machine's /proc/sys says; kube-proxy writes them there when it starts
 * (node-rules.ts), so a restart with the same configuration logs no "Set sysctl" — and the
 * nf_conntrack_max it settled on.
 */
function conntrackLines(t: KlogTimeline, at: number, cfg: Config, ctx: NarrationContext): void {
  const current = (name: string) => Number(readSysctl(ctx.machine.rootFs, `net.netfilter.${name}`) ?? KERNEL_DEFAULTS[name]);
  for (const { name, value } of conntrackSettings(cfg, ctx.machine.cpus)) {
    if (current(name) !== value) t.info(at, 'conntrack.go:121', `"Set sysctl" entry="net/netfilter/${name}" value=${value}`);
    if (name === 'nf_conntrack_max') t.info(at, 'conntrack.go:60', `"Setting nf_conntrack_max" nfConntrackMax=${value}`);
  }
}

/** Does nodePortAddresses let NodePorts answer on 127.0.0.1 (unset: every local address)? */
function nodePortsOnLoopback(addresses: string[]): boolean {
  if (!addresses.length) return true;
  return addresses.some((cidr) => /^[\d.]+\/\d+$/.test(cidr) && inPrefix('127.0.0.1', cidr));
}

function kubeProxyLines(ctx: NarrationContext): ProcessLine[] {
  // Other releases print other callers (and v1.32 unstructured informer lines): only v1.33's are known here.
  const version = normalizeImage(ctx.container.imageRef || ctx.container.image).tag;
  if (kubernetesMinor(version) !== 33) return [];
  const cfg = proxyConfiguration(ctx);
  if (!cfg) return [];
  const mode = configuredMode(cfg);
  if (!MODES.has(mode)) return [];
  const effective = mode || 'iptables';
  const t = new KlogTimeline(ctx.startedAt, hashString(ctx.container.id));
  // platformApplyDefaults: a blank mode is iptables on Linux; nftables binds NodePorts to the primary IP by default.
  if (mode === '') t.info(40, 'server_linux.go:63', '"Using iptables proxy"');
  let nodePortAddresses = Array.isArray(cfg.nodePortAddresses) ? (cfg.nodePortAddresses as unknown[]).map(String) : [];
  if (effective === 'nftables' && !nodePortAddresses.length) nodePortAddresses = ['primary'];
  const ip = nodeIP(ctx);
  if (nodePortAddresses.length === 1 && nodePortAddresses[0] === 'primary') nodePortAddresses = [`${ip}/32`];
  t.info(192, 'server.go:715', `"Successfully retrieved node IP(s)" IPs=["${ip}"]`);
  conntrackLines(t, 199, cfg, ctx);
  if (!nodePortAddresses.length) t.log(199, 'E', 'server.go:245', '"Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using `--nodeport-addresses primary`"');
  // ip6tables and the IPv6 kernel are there: both families, IPv4 first (the node's address).
  t.info(282, 'server.go:254', '"kube-proxy running in dual-stack mode" primary ipFamily="IPv4"');
  if (effective === 'iptables') {
    t.info(282, 'server_linux.go:145', '"Using iptables Proxier"');
    const localhostNodePorts = section(cfg, 'iptables').localhostNodePorts !== false;
    if (localhostNodePorts && nodePortsOnLoopback(nodePortAddresses))
      t.info(312, 'proxier.go:243', '"Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"');
  } else if (effective === 'ipvs') {
    t.info(282, 'server_linux.go:202', '"Using ipvs Proxier"');
    // One proxier per family; the IPv6 one's ipset names grow by "6-" past ipset's 31 characters.
    const scheduler = section(cfg, 'ipvs').scheduler;
    for (const family of ['IPv4', 'IPv6']) if (!scheduler) t.info(309, 'proxier.go:353', `"IPVS scheduler not specified, use rr by default" ipFamily="${family}"`);
    t.info(310, 'ipset.go:117', '"Ipset name truncated" ipSetName="KUBE-6-LOAD-BALANCER-SOURCE-CIDR" truncatedName="KUBE-6-LOAD-BALANCER-SOURCE-CID"');
    t.info(310, 'ipset.go:117', '"Ipset name truncated" ipSetName="KUBE-6-NODE-PORT-LOCAL-SCTP-HASH" truncatedName="KUBE-6-NODE-PORT-LOCAL-SCTP-HAS"');
  } else {
    t.info(282, 'server_linux.go:259', '"Using nftables Proxier"');
  }
  t.info(314, 'server.go:516', `"Version info" version="${version}"`);
  t.info(314, 'server.go:518', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
  // Run: the informers of Services, EndpointSlices, ServiceCIDRs and its Node, synced a moment later.
  const informers: [string, string, number][] = [
    ['config.go:199', 'service config', 329],
    ['config.go:105', 'endpoint slice config', 331],
    ['config.go:440', 'serviceCIDR config', 332],
    ['config.go:329', 'node config', 333],
  ];
  for (const [source, name, at] of informers) {
    t.info(at, source, `"Starting ${name} controller"`);
    t.info(at, 'shared_informer.go:350', `"Waiting for caches to sync" controller="${name}"`);
  }
  for (const [, name, at] of informers) t.info(at + 100, 'shared_informer.go:357', `"Caches are synced" controller="${name}"`);
  return t.lines;
}

export const KUBE_PROXY_NARRATOR: Narrator = {
  matches: (repo, c) => isKubeProxy(repo, c.name),
  lines: kubeProxyLines,
};
