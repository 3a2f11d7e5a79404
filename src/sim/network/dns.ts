/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it, and the resolv.conf the kubelet writes
 * into pods. Names: <service>.<ns>.svc.cluster.local (a headless Service answers with its ready
 * pod IPs), <hostname>.<subdomain>.<ns>.svc.cluster.local, <a-b-c-d>.<ns>.pod.cluster.local.
 */
import type { KubeObject } from '../apiserver/types';
import { spec, status, type Obj } from '../controllers/machinery/objects';

export const CLUSTER_DOMAIN = 'cluster.local';
export const CLUSTER_DNS_IP = '10.96.0.10';

export type DnsAnswer = { ok: true; name: string; addresses: string[] } | { ok: false; reason: 'NXDOMAIN' | 'timeout'; name: string };

export interface DnsView {
  services(namespace?: string): KubeObject[];
  pods(namespace?: string): KubeObject[];
  endpointIps(service: KubeObject): string[];
}

/** What /etc/resolv.conf holds in a pod. */
export function podResolvConf(pod: KubeObject, nodeResolvConf: string): string {
  const s = spec(pod);
  const policy = s.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !s.hostNetwork);
  if (policy === 'None') {
    const c = (s.dnsConfig ?? {}) as Obj;
    const lines: string[] = [];
    if (c.searches?.length) lines.push(`search ${c.searches.join(' ')}`);
    for (const n of c.nameservers ?? []) lines.push(`nameserver ${n}`);
    if (c.options?.length) lines.push(`options ${c.options.map((o: Obj) => (o.value !== undefined ? `${o.name}:${o.value}` : o.name)).join(' ')}`);
    return lines.join('\n') + '\n';
  }
  if (!clusterFirst) return nodeResolvConf;
  const ns = pod.metadata?.namespace ?? 'default';
  return `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${CLUSTER_DNS_IP}\noptions ndots:5\n`;
}

/** Candidate FQDNs of a name from a pod in `namespace` (search list, ndots:5). */
export function searchNames(name: string, namespace: string): string[] {
  const n = name.replace(/\.$/, '');
  if (name.endsWith('.')) return [n];
  const dots = (n.match(/\./g) ?? []).length;
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN].map((d) => `${n}.${d}`);
  return dots >= 5 ? [n, ...search] : [...search, n];
}

/** Answer one fully qualified name. */
export function answer(fqdn: string, view: DnsView): string[] | undefined {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!name.endsWith(suffix)) return undefined;
  const labels = name.slice(0, -suffix.length).split('.');
  if (labels.length === 3 && labels[2] === 'svc') {
    const [svcName, ns] = labels;
    const svc = view.services(ns).find((s) => s.metadata?.name === svcName);
    if (!svc) return undefined;
    const ip = spec(svc).clusterIP;
    if (spec(svc).type === 'ExternalName') return undefined;
    if (ip && ip !== 'None') return [ip];
    return view.endpointIps(svc);
  }
  if (labels.length === 4 && labels[3] === 'svc') {
    const [host, sub, ns] = labels;
    const pod = view.pods(ns).find((p) => spec(p).hostname === host && spec(p).subdomain === sub && status(p).podIP);
    return pod ? [String(status(pod).podIP)] : undefined;
  }
  if (labels.length === 3 && labels[2] === 'pod') {
    const ip = labels[0].replace(/-/g, '.');
    return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? [ip] : undefined;
  }
  return undefined;
}
