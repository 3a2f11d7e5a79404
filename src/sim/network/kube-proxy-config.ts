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
