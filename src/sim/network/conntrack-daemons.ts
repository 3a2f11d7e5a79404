/**
 * The connections a node's daemons keep open, as its conntrack table holds them: the kubelet and
 * kube-proxy to the API server at the address of their kubeconfigs (the control plane's), flanneld
 * and CoreDNS through the `kubernetes` Service (in-cluster configuration: kube-proxy's DNAT shows in
 * the reply direction), and on the control plane the scheduler and the controller manager to the
 * API server, the API server to etcd.
 */
import type { Cluster } from '../cluster/cluster';
import type { Machine } from '../machine';
import type { KubeObject } from '../apiserver/types';
import { ephemeralPort, type ConntrackEntry } from './conntrack';
import { isFlanneld, isKubeProxy, named, runningOn } from './node-daemons';

export function daemonConnections(cluster: Cluster, machine: Machine): ConntrackEntry[] {
  const cp = cluster.machine(cluster.opts.controlPlane);
  if (!cp || !cluster.apiReachable()) return [];
  const host = machine.hostname;
  const toApi = (who: string, src: string): ConntrackEntry => ({ proto: 'tcp', src, dst: cp.ip, sport: ephemeralPort(`${host}/${who}`), dport: 6443, replySrc: cp.ip, replySport: 6443 });
  const r = cluster.apiServer.request({ verb: 'get', group: '', version: 'v1', resource: 'services', namespace: 'default', name: 'kubernetes', readOnly: true });
  const vip = r.code === 200 ? String(((r.body as KubeObject).spec as { clusterIP?: string } | undefined)?.clusterIP ?? '') : '';
  const viaService = (who: string, src: string): ConntrackEntry => ({ ...toApi(who, src), dst: vip, dport: 443 });
  const out: ConntrackEntry[] = [];
  if (cluster.kubelets.get(host)?.running) out.push(toApi('kubelet', machine.ip));
  if (runningOn(cluster, host, isKubeProxy).length) out.push(toApi('kube-proxy', machine.ip));
  if (vip) {
    if (runningOn(cluster, host, isFlanneld).length) out.push(viaService('flanneld', machine.ip));
    for (const dns of runningOn(cluster, host, (repo) => repo.endsWith('/coredns'))) if (dns.podIp) out.push(viaService(`coredns/${dns.podIp}`, dns.podIp));
  }
  if (host === cp.hostname) {
    for (const name of ['kube-scheduler', 'kube-controller-manager']) if (runningOn(cluster, host, named(name)).length) out.push(toApi(name, machine.ip));
    if (runningOn(cluster, host, named('kube-apiserver')).length) {
      out.push({ proto: 'tcp', src: '127.0.0.1', dst: '127.0.0.1', sport: ephemeralPort(`${host}/etcd-client`), dport: 2379, replySrc: '127.0.0.1', replySport: 2379 });
    }
  }
  return out;
}
