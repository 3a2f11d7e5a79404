/**
 * The rules a cluster's daemons keep in a node's netfilter tables while they run:
 *
 * - the kubelet (pkg/kubelet/kubelet_network_linux.go): KUBE-IPTABLES-HINT, its canary chains, and
 *   KUBE-FIREWALL (no one from outside may reach 127.0.0.0/8) jumped to from INPUT and OUTPUT. It
 *   sets them up when it starts and again when its canary chain disappears (its monitor's check).
 * - kube-proxy: a sync — on any change of Services or endpoints, else every 30 s — rewrites its own
 *   chains (kube-proxy-rules.ts; the chains of unchanged Services keep their counters, as its
 *   partial syncs leave them); a full sync — at its start, when its canary chain is gone, and
 *   every hour — also inserts its jumps from the built-in chains. A learner who flushes nat therefore breaks Services until the next full sync
 *   or a restart of kube-proxy, as on a real node.
 * - flanneld (iptablesResyncSeconds 5): its masquerade and forward rules, set up again from
 *   scratch whenever one of them is missing.
 * Rules stay when a daemon stops: only a reboot (an empty kernel) or a learner removes them.
 */
import type { Cluster } from '../cluster/cluster';
import type { Machine } from '../machine';
import type { KubeObject } from '../apiserver/types';
import { normalizeImage } from '../runtime/images';
import { addNetfilterAgent } from './netfilter/agents';
import { runCommand } from './netfilter/commands';
import { parseInvocation } from './netfilter/parse';
import { restoreRules } from './netfilter/restore';
import { ruleSpec } from './netfilter/rule';
import { chainOf, netfilterOf, tableOf, type NetfilterState, type TableName } from './netfilter/state';
import { KUBE_PROXY_JUMPS, kubeProxyRestore } from './kube-proxy-rules';
import { IPVS_PROXY_JUMPS, ipvsProxyRestore, ipvsTables } from './kube-proxy-ipvs';
import { ipvsOf, reconcileIpvs, setIpvs } from './ipvs';
import { POD_NETWORK_CIDR } from './cni';
import { loadModule } from '../kernel/modules';
import { configuredMode, conntrackSettings, parseKubeProxyConfig } from './kube-proxy-config';
import { isFlanneld, isKubeProxy, runningOn } from './node-daemons';

const FULL_SYNC_MS = 3_600_000;
const noNames = () => undefined;
const FORMAT = { numeric: true, verbose: false, exact: false, lineNumbers: false };

function run(state: NetfilterState, table: TableName, args: string[]): boolean {
  const inv = parseInvocation(args, noNames);
  inv.table = table;
  const r = runCommand(state, inv, FORMAT);
  return !r.failure && !r.problem && !r.resourceBusy;
}

function hasChain(state: NetfilterState, table: TableName, chain: string): boolean {
  const t = tableOf(state, table, false);
  return !!t && !!chainOf(t, chain);
}

function ensureChain(state: NetfilterState, table: TableName, chain: string): void {
  if (!hasChain(state, table, chain)) run(state, table, ['-N', chain]);
}

/** EnsureRule: nothing when the rule is there (-C), else insert it first or append it. */
function ensureRule(state: NetfilterState, table: TableName, chain: string, args: string[], where: 'first' | 'last'): void {
  if (run(state, table, ['-C', chain, ...args])) return;
  run(state, table, where === 'first' ? ['-I', chain, '1', ...args] : ['-A', chain, ...args]);
}

// ------------------------------------------------------------------ kubelet

const KUBELET_CANARY = 'KUBE-KUBELET-CANARY';

function kubeletRules(state: NetfilterState): void {
  if (hasChain(state, 'mangle', KUBELET_CANARY)) return;
  ensureChain(state, 'mangle', 'KUBE-IPTABLES-HINT');
  for (const table of ['mangle', 'nat', 'filter'] as const) ensureChain(state, table, KUBELET_CANARY);
  ensureChain(state, 'filter', 'KUBE-FIREWALL');
  ensureRule(state, 'filter', 'KUBE-FIREWALL', ['-m', 'comment', '--comment', 'block incoming localnet connections', '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'], 'last');
  for (const chain of ['OUTPUT', 'INPUT']) ensureRule(state, 'filter', chain, ['-j', 'KUBE-FIREWALL'], 'first');
}

// ------------------------------------------------------------------ kube-proxy

const PROXY_CANARY = 'KUBE-PROXY-CANARY';

interface ProxyBookkeeping {
  container: string;
  /** The proxy mode of its configuration when this container started ("" is iptables). */
  mode?: string;
  fullSyncAt: number;
  /** The last sync's restore input and time: kube-proxy syncs on a change, else every syncPeriod. */
  text?: string;
  syncAt?: number;
}

const SYNC_PERIOD_MS = 30_000;

function list(cluster: Cluster, group: string, resource: string): KubeObject[] {
  const version = 'v1';
  const r = cluster.apiServer.request({ verb: 'list', group, version, resource, readOnly: true });
  return r.code === 200 ? (r.body as { items: KubeObject[] }).items : [];
}

/** kube-proxy's configuration file (config.conf of the kube-proxy ConfigMap kubeadm writes). */
function proxyConfig(cluster: Cluster): string {
  const r = cluster.apiServer.request({ verb: 'get', group: '', version: 'v1', resource: 'configmaps', namespace: 'kube-system', name: 'kube-proxy', readOnly: true });
  return r.code === 200 ? String(((r.body as KubeObject).data as Record<string, string> | undefined)?.['config.conf'] ?? '') : '';
}

/** clusterCIDR of kube-proxy's configuration. */
function clusterCIDR(cluster: Cluster): string | undefined {
  const cidr = parseKubeProxyConfig(proxyConfig(cluster))?.clusterCIDR;
  return typeof cidr === 'string' && cidr ? cidr : undefined;
}

/** The top-level `mode` of kube-proxy's configuration ("" means iptables on Linux). */
function proxyMode(cluster: Cluster): string {
  return configuredMode(parseKubeProxyConfig(proxyConfig(cluster)));
}

/**
 * What a running kube-proxy container's own servers report: the proxy mode its configuration had
 * when it started ("" is iptables on Linux), as /proxyMode names it, and its proxier's last sync.
 */
export function kubeProxyStateOf(cluster: Cluster, machine: Machine, container: string): { mode: string; lastSyncAt?: number } {
  const book = machine.ext.kubeProxyRules as ProxyBookkeeping | undefined;
  const mine = book?.container === container;
  const mode = mine && book.mode !== undefined ? book.mode : proxyMode(cluster);
  return { mode: mode || 'iptables', lastSyncAt: mine ? book.syncAt : undefined };
}

/**
 * kube-proxy's setupConntrack at its start: the kernel's conntrack parameters its configuration asks
 * for (`sysctl net.netfilter.nf_conntrack_max` then shows 131072 on a node, not the kernel's 65536).
 * The parameters are nf_conntrack's: they exist once the module is loaded, which kube-proxy's rules need.
 */
function setConntrackParameters(cluster: Cluster, machine: Machine): void {
  const cfg = parseKubeProxyConfig(proxyConfig(cluster));
  if (!cfg) return;
  loadModule(machine.rootFs, 'nf_conntrack');
  const fs = machine.rootFs;
  if (!fs.stat('/proc/sys/net/netfilter')) return;
  for (const { name, value } of conntrackSettings(cfg, machine.cpus)) fs.writeFile(`/proc/sys/net/netfilter/${name}`, `${value}\n`);
}

function kubeProxySync(cluster: Cluster, machine: Machine, state: NetfilterState, container: string): void {
  const book = (machine.ext.kubeProxyRules as ProxyBookkeeping | undefined) ?? { container: '', fullSyncAt: -Infinity };
  const now = cluster.clock.now();
  // the configuration is read when kube-proxy starts: a changed ConfigMap needs a restart
  if (book.container !== container) {
    book.mode = proxyMode(cluster);
    setConntrackParameters(cluster, machine);
  }
  const ipvs = book.mode === 'ipvs';
  if (book.mode !== '' && book.mode !== 'iptables' && !ipvs) return; // nftables: no iptables rules of its own
  const full = book.container !== container || !hasChain(state, 'mangle', PROXY_CANARY) || now - book.fullSyncAt >= FULL_SYNC_MS;
  if (full) {
    // IPVS mode: ip_vs, and its scheduler's module loaded as the first virtual service is added
    if (ipvs) for (const m of ['ip_vs', 'ip_vs_rr']) loadModule(machine.rootFs, m);
    for (const table of ['mangle', 'nat', 'filter'] as const) ensureChain(state, table, PROXY_CANARY);
    for (const j of ipvs ? IPVS_PROXY_JUMPS : KUBE_PROXY_JUMPS) {
      ensureChain(state, j.table, j.args[j.args.length - 1]);
      ensureRule(state, j.table, j.chain, j.args, 'first');
    }
    Object.assign(book, { container, fullSyncAt: now, text: undefined });
  }
  const services = list(cluster, '', 'services');
  const endpointSlices = list(cluster, 'discovery.k8s.io', 'endpointslices');
  let text: string;
  if (ipvs) {
    const tables = ipvsTables({ services, endpointSlices, nodeIPs: [machine.ip] });
    setIpvs(machine, reconcileIpvs(ipvsOf(machine), tables.services, tables.sets));
    text = ipvsProxyRestore({ services, endpointSlices, clusterCIDR: clusterCIDR(cluster), nodeIPs: [machine.ip] }, tables.sets);
  } else {
    const existing = tableOf(state, 'nat', false)?.chains.map((c) => c.name) ?? [];
    text = kubeProxyRestore({ services, endpointSlices, clusterCIDR: clusterCIDR(cluster), existingNatChains: existing });
  }
  if (text !== book.text || now - (book.syncAt ?? -Infinity) >= SYNC_PERIOD_MS) {
    // a partial sync leaves the chains of unchanged Services as they were: their counters go on
    const kept = serviceChainCounters(state);
    restoreRules(state, text, { noflush: true, counters: false }, noNames);
    restoreServiceChainCounters(state, kept);
    Object.assign(book, { text, syncAt: now });
  }
  machine.ext.kubeProxyRules = book;
}

type Counters = Map<string, { pkts: number; bytes: number }>;

function serviceChainCounters(state: NetfilterState): Counters {
  const out: Counters = new Map();
  for (const c of tableOf(state, 'nat', false)?.chains ?? []) {
    if (!/^KUBE-(SVC|SEP|EXT)-/.test(c.name)) continue;
    for (const r of c.rules) out.set(`${c.name} ${ruleSpec(r)}`, { pkts: r.pkts, bytes: r.bytes });
  }
  return out;
}

function restoreServiceChainCounters(state: NetfilterState, kept: Counters): void {
  for (const c of tableOf(state, 'nat', false)?.chains ?? []) {
    for (const r of c.rules) {
      const k = kept.get(`${c.name} ${ruleSpec(r)}`);
      if (k) Object.assign(r, k);
    }
  }
}

// ------------------------------------------------------------------ flannel

function flannelRules(podCidr: string, network: string): { table: TableName; chain: string; args: string[] }[] {
  const masq = ['-m', 'comment', '--comment', 'flanneld masq'];
  const fwd = ['-m', 'comment', '--comment', 'flanneld forward'];
  return [
    { table: 'nat', chain: 'POSTROUTING', args: [...masq, '-j', 'FLANNEL-POSTRTG'] },
    { table: 'nat', chain: 'FLANNEL-POSTRTG', args: ['-m', 'mark', '--mark', '0x4000/0x4000', ...masq, '-j', 'RETURN'] },
    { table: 'nat', chain: 'FLANNEL-POSTRTG', args: ['-s', podCidr, '-d', network, ...masq, '-j', 'RETURN'] },
    { table: 'nat', chain: 'FLANNEL-POSTRTG', args: ['-s', network, '-d', podCidr, ...masq, '-j', 'RETURN'] },
    { table: 'nat', chain: 'FLANNEL-POSTRTG', args: ['!', '-s', network, '-d', podCidr, ...masq, '-j', 'RETURN'] },
    { table: 'nat', chain: 'FLANNEL-POSTRTG', args: ['-s', network, '!', '-d', '224.0.0.0/4', ...masq, '-j', 'MASQUERADE', '--random-fully'] },
    { table: 'nat', chain: 'FLANNEL-POSTRTG', args: ['!', '-s', network, '-d', network, ...masq, '-j', 'MASQUERADE', '--random-fully'] },
    { table: 'filter', chain: 'FORWARD', args: [...fwd, '-j', 'FLANNEL-FWD'] },
    { table: 'filter', chain: 'FLANNEL-FWD', args: ['-s', network, ...fwd, '-j', 'ACCEPT'] },
    { table: 'filter', chain: 'FLANNEL-FWD', args: ['-d', network, ...fwd, '-j', 'ACCEPT'] },
  ];
}

/** flanneld's ensureIPTables: when any of its rules is missing, all of them are removed and set up again. */
function flannelSync(machine: Machine, state: NetfilterState): void {
  let env = '';
  try {
    env = machine.rootFs.readFile('/run/flannel/subnet.env');
  } catch {
    return;
  }
  const subnet = /^FLANNEL_SUBNET=(\S+)/m.exec(env)?.[1];
  const network = /^FLANNEL_NETWORK=(\S+)/m.exec(env)?.[1] ?? POD_NETWORK_CIDR;
  if (!subnet) return;
  const [ip, len] = subnet.split('/');
  const octets = ip.split('.').map(Number);
  const podCidr = `${octets.slice(0, 3).join('.')}.0/${len}`;
  const rules = flannelRules(podCidr, network);
  if (rules.every((r) => hasChain(state, r.table, r.chain) && run(state, r.table, ['-C', r.chain, ...r.args]))) return;
  for (const r of rules) while (hasChain(state, r.table, r.chain) && run(state, r.table, ['-D', r.chain, ...r.args]));
  ensureChain(state, 'nat', 'FLANNEL-POSTRTG');
  ensureChain(state, 'filter', 'FLANNEL-FWD');
  for (const r of rules) run(state, r.table, ['-A', r.chain, ...r.args]);
}

// ------------------------------------------------------------------ wiring

/** Bring a node's rules to what its running daemons would have made of them by now. */
export function syncNodeRules(cluster: Cluster, machine: Machine): void {
  const state = netfilterOf(machine);
  const host = machine.hostname;
  if (cluster.kubelets.get(host)?.running) kubeletRules(state);
  const proxy = runningOn(cluster, host, isKubeProxy)[0]?.id;
  if (proxy) kubeProxySync(cluster, machine, state, proxy);
  if (runningOn(cluster, host, isFlanneld).length) flannelSync(machine, state);
}

/** A container whose program writes rules as soon as it starts. */
export function writesRulesAtStart(c: { image: string; imageRef?: string; name: string }): boolean {
  const repo = normalizeImage(c.imageRef || c.image).repository;
  return isKubeProxy(repo, c.name) || isFlanneld(repo, c.name);
}

/** Register the agents of every machine of the cluster. */
export function installNodeRuleAgents(cluster: Cluster, machines: Machine[]): void {
  for (const m of machines) addNetfilterAgent(m, () => syncNodeRules(cluster, m));
}
