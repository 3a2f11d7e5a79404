/**
 * kube-proxy's configuration file (config.conf of the kube-proxy ConfigMap kubeadm writes, mounted
 * at /var/lib/kube-proxy) as kube-proxy decodes it at start: one reading for the rules it writes,
 * the servers it answers on and the lines it logs, so that they agree on its mode.
 */
import { parse } from 'yaml';

export type KubeProxyConfig = Record<string, unknown>;

/** The decoded document; undefined when kube-proxy could not read it (bad YAML, not a mapping). */
export function parseKubeProxyConfig(text: string): KubeProxyConfig | undefined {
  try {
    const doc = parse(text) as unknown;
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as KubeProxyConfig) : undefined;
  } catch {
    return undefined;
  }
}

/** Its `mode` as written ("" when unset or null: iptables on Linux). */
export function configuredMode(cfg: KubeProxyConfig | undefined): string {
  const mode = cfg?.mode;
  return typeof mode === 'string' ? mode : mode === null || mode === undefined ? '' : String(mode);
}

/** A metav1.Duration's seconds ("24h0m0s", "90s", "1m30s"); undefined for null or unset. */
export function durationSeconds(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  let total = 0;
  for (const [, n, unit] of v.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) total += Number(n) * { h: 3600, m: 60, s: 1, ms: 0.001 }[unit as 'h' | 'm' | 's' | 'ms'];
  return total;
}

/**
 * The conntrack parameters kube-proxy sets at start (setupConntrack), in its order:
 * nf_conntrack_max from conntrack.maxPerCore × CPUs (at least conntrack.min), then the timeouts the
 * configuration sets — kube-proxy's defaults for kubeadm's nulls: 32768 per core, min 131072,
 * established 24h, close-wait 1h.
 */
export function conntrackSettings(cfg: KubeProxyConfig, cpus: number): Array<{ name: string; value: number }> {
  const raw = cfg.conntrack;
  const ct = raw && typeof raw === 'object' ? (raw as KubeProxyConfig) : {};
  const out: Array<{ name: string; value: number }> = [];
  const maxPerCore = typeof ct.maxPerCore === 'number' ? ct.maxPerCore : 32768;
  if (maxPerCore > 0) {
    const floor = typeof ct.min === 'number' ? ct.min : 131072;
    const max = Math.max(maxPerCore * cpus, floor);
    if (max > 0) out.push({ name: 'nf_conntrack_max', value: max });
  }
  const established = ct.tcpEstablishedTimeout === null || ct.tcpEstablishedTimeout === undefined ? 86400 : durationSeconds(ct.tcpEstablishedTimeout);
  if (established) out.push({ name: 'nf_conntrack_tcp_timeout_established', value: Math.floor(established) });
  const closeWait = ct.tcpCloseWaitTimeout === null || ct.tcpCloseWaitTimeout === undefined ? 3600 : durationSeconds(ct.tcpCloseWaitTimeout);
  if (closeWait) out.push({ name: 'nf_conntrack_tcp_timeout_close_wait', value: Math.floor(closeWait) });
  if (ct.tcpBeLiberal === true) out.push({ name: 'nf_conntrack_tcp_be_liberal', value: 1 });
  const udp = durationSeconds(ct.udpTimeout);
  if (udp) out.push({ name: 'nf_conntrack_udp_timeout', value: Math.floor(udp) });
  const udpStream = durationSeconds(ct.udpStreamTimeout);
  if (udpStream) out.push({ name: 'nf_conntrack_udp_timeout_stream', value: Math.floor(udpStream) });
  return out;
}
