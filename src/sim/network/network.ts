/**
 * The cluster's data plane, as programs on the machines and in pods meet it: pod IPs, Service
 * VIPs and NodePorts (kube-proxy), cluster DNS (CoreDNS), NetworkPolicy, and the servers that
 * containers run. It reads the cluster state through the API, as kube-proxy and CoreDNS do.
 *
 *   network.resolve(name, from)        → DnsAnswer (NXDOMAIN, or timeout when CoreDNS is down)
 *   network.httpGet(from, url)         → HttpResult: a response, or refused / timeout / resolve failure
 *   network.tcpConnect(from, host, port) → 'open' | 'refused' | 'timeout'
 *   network.ping(from, host)           → reachable or not
 *   network.resolvConf(pod)            → the pod's /etc/resolv.conf
 * `from` is { host: 'cka01' } for a machine or { pod: { namespace, name } } for a pod.
 */
import type { KubeObject, UserInfo } from '../apiserver/types';
import type { Cluster } from '../cluster/cluster';
import { behaviourOf } from '../runtime/behaviour';
import { normalizeImage } from '../runtime/images';
import { isPodReady, spec, status, type Obj } from '../controllers/machinery/objects';
import { answer, podResolvConf, searchNames, type DnsAnswer } from './dns';
import { activeCorefile, corefileLogsQueries, dnsQueryLines, type TriedName } from '../runtime/coredns';
import { connectionAllowed, type Endpoint } from './policy';
import { httpDate, serve, type HttpResponse } from './responses';
import { controllerClass, INGRESS_NGINX_404, INGRESS_NGINX_503, routeIngress } from '../addons/ingress-router';
import { NodeRouting } from './node-routing';
import { apiServerAnswer, unauthorizedAnswer } from './component-responses';
import { etcdAnswer } from './etcd-http';
import { kubeletHttpsAnswer } from './kubelet-https';
import { etcdGrpcListeners } from '../cluster/control-plane-processes';
import type { Machine } from '../machine';
import { boundTo, listenerAt, type Listener } from '../machine/sockets';
import { isKubeProxy, named, runningOn } from './node-daemons';
import { kubeProxyStateOf } from './node-rules';
import { kubeProxyHealthAnswer, kubeProxyMetricsAnswer } from './kube-proxy-servers';

export type From = { host: string } | { pod: { namespace: string; name: string } };
/** The machine server a connection reached: the machine, the address it was made to (127.0.0.1 for loopback), the port. */
export interface Landed {
  machine: Machine;
  ip: string;
  port: number;
}
export type HttpResult = ({ ok: true; landed?: Landed } & HttpResponse) | { ok: false; reason: 'refused' | 'timeout' | 'resolve'; host: string; ip?: string; port: number };
type Conn = { kind: 'open'; pod?: KubeObject; server: string; machine?: Machine; landed?: Landed; listener?: Listener } | { kind: 'refused' } | { kind: 'timeout' };

const R = (resource: string, group = '') => ({ group, version: 'v1', resource });
const ANONYMOUS = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** The image of the container that serves as `server` in a pod (nginx:1.27 answers as nginx/1.27.5). */
function serverImage(pod: KubeObject | undefined, server: string): string | undefined {
  const containers = ((spec(pod ?? {}) as Obj).containers ?? []) as Obj[];
  return containers.map((c) => String(c.image ?? '')).find((image) => normalizeImage(image).repository.endsWith(`/${server}`));
}

export class ClusterNetwork {
  /** Whether NetworkPolicies are enforced (a policy-capable CNI). On by default so that policy labs work. */
  enforcePolicies = true;
  private rr = new Map<string, number>();
  /** Service traffic through each node's netfilter rules (kube-proxy's), where kube-proxy has written them. */
  private readonly routing: NodeRouting;

  constructor(private readonly cluster: Cluster) {
    this.routing = new NodeRouting(cluster);
  }

  private list(resource: { group: string; version: string; resource: string }, namespace?: string): KubeObject[] {
    const r = this.cluster.apiServer.request({ verb: 'list', ...resource, namespace });
    return r.code === 200 ? (r.body as { items: KubeObject[] }).items : [];
  }

  private sourcePod(from: From): KubeObject | undefined {
    if (!('pod' in from)) return undefined;
    const r = this.cluster.apiServer.request({ verb: 'get', ...R('pods'), namespace: from.pod.namespace, name: from.pod.name });
    return r.code === 200 ? (r.body as KubeObject) : undefined;
  }

  private sourceIp(from: From, pod?: KubeObject): string {
    if (pod) return String(status(pod).podIP ?? '');
    return this.cluster.machine((from as { host: string }).host)?.ip ?? '';
  }

  /** CoreDNS answers only while one of its pods is ready. */
  private dnsUp(): boolean {
    return this.list(R('pods'), 'kube-system').some((p) => p.metadata?.labels?.['k8s-app'] === 'kube-dns' && isPodReady(p) && !p.metadata?.deletionTimestamp);
  }

  resolve(name: string, from: From): DnsAnswer {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { ok: true, name, addresses: [name] };
    if ('host' in from) {
      // Nodes use /etc/hosts and their upstream resolver: machine names, not cluster names.
      const m = [...this.machines()].find((x) => x.hostname === name || x.hostname.split('.')[0] === name);
      if (m) return { ok: true, name: m.hostname, addresses: [m.ip] };
      if (name === 'localhost') return { ok: true, name, addresses: ['127.0.0.1'] };
      return { ok: false, reason: 'NXDOMAIN', name };
    }
    if (!this.cluster.apiReachable() || !this.dnsUp()) return { ok: false, reason: 'timeout', name };
    // the query goes to the nameserver of the pod's resolv.conf (kube-dns's virtual IP) through its node's rules
    const source = this.sourcePod(from);
    const nameserver = source && /^nameserver\s+(\S+)/m.exec(this.resolvConf(source))?.[1];
    if (source && nameserver && this.routing.udpBlackholed(source, nameserver, 53)) return { ok: false, reason: 'timeout', name };
    const view = {
      services: (ns?: string) => this.list(R('services'), ns),
      pods: (ns?: string) => this.list(R('pods'), ns),
      endpointIps: (svc: KubeObject) => this.readyEndpoints(svc).map((e) => String(status(e.pod).podIP)),
    };
    const tried: TriedName[] = [];
    for (const fqdn of searchNames(name, from.pod.namespace)) {
      const a = answer(fqdn, view);
      tried.push({ fqdn, addresses: a ?? [] });
      if (a && a.length) {
        this.logQueries(from, tried);
        return { ok: true, name: fqdn, addresses: a };
      }
    }
    this.logQueries(from, tried);
    return { ok: false, reason: 'NXDOMAIN', name };
  }

  private dnsQueries = 0;

  /** CoreDNS's `log` plugin: the queries go to the log of the replica the kube-dns Service picked. */
  private logQueries(from: From, tried: TriedName[]): void {
    const replicas = this.list(R('pods'), 'kube-system').filter((p) => p.metadata?.labels?.['k8s-app'] === 'kube-dns' && isPodReady(p) && !p.metadata?.deletionTimestamp);
    if (!replicas.length) return;
    const pod = replicas[this.dnsQueries++ % replicas.length];
    const id = String(((status(pod).containerStatuses ?? []) as Obj[])[0]?.containerID ?? '').replace(/^containerd:\/\//, '');
    const runtime = this.cluster.runtimes.get(String(spec(pod).nodeName ?? ''));
    // The Corefile that replica runs with (an edit takes effect at its next reload).
    let corefile = runtime ? activeCorefile(runtime, id) : undefined;
    if (corefile === undefined) {
      const cm = this.cluster.apiServer.request({ verb: 'get', ...R('configmaps'), namespace: 'kube-system', name: 'coredns' });
      corefile = cm.code === 200 ? String(((cm.body as KubeObject).data as Record<string, string> | undefined)?.Corefile ?? '') : '';
    }
    if (!corefileLogsQueries(corefile)) return;
    const now = this.cluster.opts.clock.now();
    for (const line of dnsQueryLines(this.sourceIp(from, this.sourcePod(from)), tried, now)) runtime?.log(id, now, line);
  }

  private machines() {
    return this.cluster.opts.machines;
  }

  resolvConf(pod: KubeObject): string {
    const node = this.cluster.machine(String(spec(pod).nodeName ?? ''));
    let nodeConf = 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n';
    try {
      if (node) nodeConf = node.rootFs.readFile('/run/systemd/resolve/resolv.conf');
    } catch {
      // keep the default
    }
    return podResolvConf(pod, nodeConf);
  }

  private readyEndpoints(svc: KubeObject): { pod: KubeObject; port?: number }[] {
    const sel = spec(svc).selector as Record<string, string> | undefined;
    if (!sel || !Object.keys(sel).length) return [];
    return this.list(R('pods'), svc.metadata?.namespace)
      .filter((p) => isPodReady(p) && !p.metadata?.deletionTimestamp && status(p).podIP && Object.entries(sel).every(([k, v]) => p.metadata?.labels?.[k] === v))
      .map((pod) => ({ pod }));
  }

  private targetPort(svcPort: Obj, pod: KubeObject): number | undefined {
    const t = svcPort.targetPort ?? svcPort.port;
    if (typeof t === 'number') return t;
    if (/^\d+$/.test(String(t))) return Number(t);
    for (const c of (spec(pod).containers ?? []) as Obj[]) for (const cp of (c.ports ?? []) as Obj[]) if (cp.name === t) return Number(cp.containerPort);
    return undefined;
  }

  /** Where a TCP connection to ip:port lands. */
  private connect(from: Endpoint, ip: string, port: number): Conn {
    // A node whose kube-proxy has written rules decides by them (a flushed table breaks Services).
    const routed = this.routing.route(from, ip, port);
    if (routed) return routed.kind === 'to' ? this.connectDirect(from, routed.ip, routed.port) : { kind: routed.kind };
    const services = this.list(R('services'));
    const viaVip = services.find((s) => spec(s).clusterIP === ip);
    if (viaVip) {
      const sp = ((spec(viaVip).ports ?? []) as Obj[]).find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
      if (!sp) return { kind: 'timeout' };
      return this.toService(from, viaVip, sp);
    }
    // a NodePort on a node's address: kube-proxy's translation (without rules written for it)
    const machine = this.machines().find((m) => m.ip === ip);
    const np = machine && services.find((s) => ['NodePort', 'LoadBalancer'].includes(String(spec(s).type)) && ((spec(s).ports ?? []) as Obj[]).some((p) => p.nodePort === port));
    if (np) return this.toService(from, np, ((spec(np).ports ?? []) as Obj[]).find((p) => p.nodePort === port)!);
    return this.connectDirect(from, ip, port);
  }

  /** A connection to an address after the rules: a node's own listeners, or a pod (no Service translation). */
  private connectDirect(from: Endpoint, ip: string, port: number): Conn {
    // 127.0.0.0/8 is the machine (or the Pod) the connection leaves from
    const loopback = ip.startsWith('127.');
    if (loopback && from.pod && !spec(from.pod).hostNetwork) return this.toPod(from, from.pod, port);
    const machine = loopback ? this.machineOf(from) : this.machines().find((m) => m.ip === ip);
    if (machine) {
      const conn = this.toMachine(machine, port, loopback);
      return conn.kind === 'open' && conn.machine ? { ...conn, landed: { machine, ip: loopback ? '127.0.0.1' : ip, port } } : conn;
    }
    const pod = this.list(R('pods')).find((p) => status(p).podIP === ip && !spec(p).hostNetwork && ['Running', 'Pending'].includes(String(status(p).phase)));
    if (!pod) return { kind: 'timeout' };
    return this.toPod(from, pod, port);
  }

  /** The machine a connection leaves from: a node, or the node of a Pod on the node's network. */
  private machineOf(from: Endpoint): Machine | undefined {
    if (from.pod) return this.cluster.machine(String(spec(from.pod).nodeName ?? ''));
    return this.machines().find((m) => m.ip === from.ip);
  }

  /**
   * What answers on a port of a node: its hostNetwork Pods, the API server, sshd, the kubelet (10250;
   * its healthz on 127.0.0.1:10248), the scheduler and controller manager on 127.0.0.1 (kubeadm
   * binds them there).
   */
  private toMachine(machine: Machine, port: number, loopback: boolean): Conn {
    // the cluster's own servers first: their static Pods share the node's network, but they answer as themselves
    if (port === 6443 && machine.hostname === this.cluster.opts.controlPlane && this.cluster.apiReachable()) return { kind: 'open', server: 'apiserver', machine };
    const kubelet = this.cluster.kubelets.get(machine.hostname)?.running;
    if (port === 10250 && kubelet) return { kind: 'open', server: 'kubelet', machine };
    if (port === 10248) return loopback && kubelet ? { kind: 'open', server: 'healthz', machine } : { kind: 'refused' };
    // etcd's client (and, up to v3.5, peer) listeners as its flags bind them; its metrics on 127.0.0.1:2381 (kubeadm)
    const etcd = runningOn(this.cluster, machine.hostname, named('etcd'))[0];
    if (etcd && (port === 2381 ? loopback : etcdGrpcListeners(machine, this.cluster.clock.now()).some((l) => Number(l.port) === port && boundTo(l.host, machine, loopback))))
      return { kind: 'open', server: port === 2381 ? 'etcd-metrics' : 'etcd', machine };
    // kube-proxy's metrics server (127.0.0.1:10249) and health server (10256 on every address)
    if (port === 10249 || port === 10256) {
      const proxy = runningOn(this.cluster, machine.hostname, isKubeProxy)[0];
      return proxy && (loopback || port === 10256) ? { kind: 'open', server: port === 10249 ? 'kube-proxy-metrics' : 'kube-proxy-health', machine } : { kind: 'refused' };
    }
    const component = port === 10259 ? 'kube-scheduler' : port === 10257 ? 'kube-controller-manager' : undefined;
    if (component) return loopback && runningOn(this.cluster, machine.hostname, named(component)).length > 0 ? { kind: 'open', server: 'component', machine } : { kind: 'refused' };
    // a program's own socket (kubectl proxy, kubectl port-forward) while it runs
    const listener = listenerAt(machine, port, loopback);
    if (listener) return { kind: 'open', server: 'process', machine, listener };
    const hostPod = this.list(R('pods')).find((p) => spec(p).hostNetwork && spec(p).nodeName === machine.hostname && this.listens(p, port));
    if (hostPod) return { kind: 'open', pod: hostPod, server: this.serverOf(hostPod, port) };
    if (port === 22) return { kind: 'open', server: 'generic' };
    return { kind: 'refused' };
  }

  private toService(from: Endpoint, svc: KubeObject, sp: Obj): Conn {
    const sel = spec(svc).selector as Record<string, string> | undefined;
    if (!sel || !Object.keys(sel).length) return this.toListedEndpoints(from, svc, sp);
    const eps = this.readyEndpoints(svc);
    if (!eps.length) return { kind: 'refused' };
    const key = `${svc.metadata?.namespace}/${svc.metadata?.name}`;
    const i = this.rr.get(key) ?? 0;
    this.rr.set(key, i + 1);
    const target = eps[i % eps.length].pod;
    const port = this.targetPort(sp, target);
    if (port === undefined) return { kind: 'refused' };
    return this.toPod(from, target, port);
  }

  /**
   * A Service without a selector goes where its Endpoints object says (the `kubernetes` Service:
   * the API server; a Service a learner pointed at an address by hand): the first ready address,
   * at the port named as the Service's port is.
   */
  private toListedEndpoints(from: Endpoint, svc: KubeObject, sp: Obj): Conn {
    const eps = this.list(R('endpoints'), svc.metadata?.namespace).find((e) => e.metadata?.name === svc.metadata?.name);
    for (const subset of (eps?.subsets ?? []) as Obj[]) {
      const ports = (subset.ports ?? []) as Obj[];
      const port = ports.find((p) => (p.name ?? '') === (sp.name ?? '')) ?? (ports.length === 1 ? ports[0] : undefined);
      const address = ((subset.addresses ?? []) as Obj[])[0];
      if (!address || !port) continue;
      const ip = String(address.ip);
      // An address that is itself a Service's virtual IP routes nowhere.
      if (this.list(R('services')).some((s) => spec(s).clusterIP === ip)) return { kind: 'timeout' };
      return this.connect(from, ip, Number(port.port));
    }
    return { kind: 'refused' };
  }

  private toPod(from: Endpoint, pod: KubeObject, port: number): Conn {
    if (this.enforcePolicies) {
      const policies = this.list(R('networkpolicies', 'networking.k8s.io'));
      if (policies.length) {
        const namespaces = new Map(this.list(R('namespaces')).map((n) => [n.metadata!.name!, n]));
        if (!connectionAllowed(from, { ip: String(status(pod).podIP), pod }, port, 'TCP', policies, namespaces)) return { kind: 'timeout' };
      }
    }
    if (status(pod).phase !== 'Running') return { kind: 'refused' };
    return this.listens(pod, port) ? { kind: 'open', pod, server: this.serverOf(pod, port) } : { kind: 'refused' };
  }

  private listens(pod: KubeObject, port: number): boolean {
    const running = new Set(((status(pod).containerStatuses ?? []) as Obj[]).filter((c) => c.state?.running).map((c) => c.name));
    return ((spec(pod).containers ?? []) as Obj[]).some((c) => {
      if (!running.has(c.name)) return false;
      const b = behaviourOf(c as { image?: string; command?: string[]; args?: string[] });
      return b.ports.includes(port) || (!!b.answersAnyPort && ((c.ports ?? []) as Obj[]).some((p) => Number(p.containerPort) === port));
    });
  }

  private serverOf(pod: KubeObject, port: number): string {
    for (const c of (spec(pod).containers ?? []) as Obj[]) {
      const repo = normalizeImage(String(c.image ?? '')).repository;
      const b = behaviourOf(c as { image?: string; command?: string[]; args?: string[] });
      if (!b.ports.includes(port) && !b.answersAnyPort) continue;
      if (repo === 'registry.k8s.io/ingress-nginx/controller') return 'ingress-nginx';
      if (repo.endsWith('/nginx') || b.ports.includes(80) && repo.includes('nginx')) return 'nginx';
      if (repo.endsWith('/httpd')) return 'httpd';
      if (repo.endsWith('/hello-app')) return 'hello-app';
      return 'generic';
    }
    return 'generic';
  }

  /** Which machine server a TCP connection to ip:port from here reaches (through Services), if it reaches one. */
  landingOf(from: From, ip: string, port: number): Landed | undefined {
    const src = this.sourcePod(from);
    const conn = this.connect({ ip: this.sourceIp(from, src), pod: src }, ip, port);
    return conn.kind === 'open' ? conn.landed : undefined;
  }

  tcpConnect(from: From, host: string, port: number): 'open' | 'refused' | 'timeout' | 'resolve' {
    const src = this.sourcePod(from);
    const a = this.resolve(host, from);
    if (!a.ok) return 'resolve';
    return this.connect({ ip: this.sourceIp(from, src), pod: src }, a.addresses[0], port).kind;
  }

  /**
   * An HTTP request from a machine or Pod. `who` says which user the request's credentials (its
   * client certificate, its bearer token) authenticate as at the machine server it lands on; without
   * it, or when it answers undefined, the request is anonymous. The result names that server.
   */
  httpGet(from: From, url: string, headers: Record<string, string> = {}, who?: (landed: Landed) => UserInfo | 'unauthorized' | undefined): HttpResult {
    const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url.trim());
    if (!m) return { ok: false, reason: 'resolve', host: url, port: 80 };
    const [, scheme = 'http', host, portText, path = '/'] = m;
    const port = portText ? Number(portText) : scheme === 'https' ? 443 : 80;
    const a = this.resolve(host, from);
    if (!a.ok) return { ok: false, reason: 'resolve', host, port };
    const ip = a.addresses[0];
    const src = this.sourcePod(from);
    const conn = this.connect({ ip: this.sourceIp(from, src), pod: src }, ip, port);
    if (conn.kind !== 'open') return { ok: false, reason: conn.kind, host, ip, port };
    if (conn.server === 'ingress-nginx' && conn.pod) return this.viaIngress(conn.pod, headers, host, path);
    const landed = conn.landed ? { landed: conn.landed } : {};
    const date = httpDate(this.cluster.clock.now());
    // The API server answers as the user the credentials name: none is system:anonymous (healthz, version; the rest forbidden).
    if (conn.server === 'apiserver') {
      const user = conn.landed && who ? who(conn.landed) : undefined;
      if (user === 'unauthorized') return { ok: true, ...landed, ...unauthorizedAnswer(date) };
      return { ok: true, ...landed, ...apiServerAnswer(this.cluster.apiServer.raw(path, user ?? ANONYMOUS), date) };
    }
    if (conn.server === 'process' && conn.listener) return { ...this.listenerAnswer(conn.listener, path, headers, date), ...landed };
    if (conn.server === 'kubelet' && conn.landed) {
      const user = who?.(conn.landed);
      const node = this.cluster.kubelets.get(conn.landed.machine.hostname)?.nodeName ?? conn.landed.machine.hostname;
      return { ok: true, ...landed, ...kubeletHttpsAnswer(this.cluster.apiServer, node, path, user === 'unauthorized' ? undefined : user, date) };
    }
    if ((conn.server === 'kube-proxy-metrics' || conn.server === 'kube-proxy-health') && conn.machine) return { ok: true, ...landed, ...this.kubeProxyAnswer(conn.machine, conn.server, path) };
    if ((conn.server === 'etcd' || conn.server === 'etcd-metrics') && conn.machine) return { ok: true, ...landed, ...etcdAnswer(path, this.etcdImageTag(conn.machine), date) };
    const hostname = conn.pod?.metadata?.name ?? host;
    return { ok: true, ...landed, ...serve(conn.server, path, date, { hostname, image: serverImage(conn.pod, conn.server) }) };
  }

  /**
   * A program's socket answers: kubectl proxy with its own answer; port-forward by carrying the
   * request into the Pod, where it reaches the port from the Pod's own loopback.
   */
  private listenerAnswer(listener: Listener, path: string, headers: Record<string, string>, date: string): HttpResult {
    if (listener.kind === 'http') return { ok: true, ...listener.answer({ path, headers, date }) };
    listener.onConnection?.();
    const pod = this.list(R('pods'), listener.pod.namespace).find((p) => p.metadata?.name === listener.pod.name);
    if (!pod || status(pod).phase !== 'Running') return { ok: false, reason: 'refused', host: '127.0.0.1', port: listener.podPort };
    return this.httpGet({ pod: listener.pod }, `http://127.0.0.1:${listener.podPort}${path}`, headers);
  }

  /** The image tag of the etcd running on a machine (3.5.21-0). */
  private etcdImageTag(machine: Machine): string {
    const etcd = runningOn(this.cluster, machine.hostname, named('etcd'))[0];
    const c = etcd ? this.cluster.runtimes.get(machine.hostname)?.containers.get(etcd.id) : undefined;
    return (c?.image ?? '').split(':').pop() ?? '';
  }

  /** What a node's kube-proxy answers on its metrics or health server. */
  private kubeProxyAnswer(machine: Machine, server: string, path: string): HttpResponse {
    const now = this.cluster.clock.now();
    const proxy = runningOn(this.cluster, machine.hostname, isKubeProxy)[0];
    const c = this.cluster.runtimes.get(machine.hostname)?.containers.get(proxy.id);
    const startedAt = c?.startedAt ?? now;
    const state = kubeProxyStateOf(this.cluster, machine, proxy.id);
    const node = this.list(R('nodes')).find((n) => n.metadata?.name === (this.cluster.kubelets.get(machine.hostname)?.nodeName ?? machine.hostname));
    const nodeEligible = !node?.metadata?.deletionTimestamp && !((spec(node ?? {}).taints ?? []) as Obj[]).some((t) => t.key === 'ToBeDeletedByClusterAutoscaler');
    const facts = { mode: state.mode, startedAt, now, lastSyncAt: state.lastSyncAt ?? startedAt, nodeEligible };
    const date = httpDate(now);
    return server === 'kube-proxy-metrics' ? kubeProxyMetricsAnswer(path, facts, date) : kubeProxyHealthAnswer(path, facts, date);
  }

  /** An ingress-nginx controller pod proxies by Host header and path to a Service's endpoints. */
  private viaIngress(controller: KubeObject, headers: Record<string, string>, host: string, path: string): HttpResult {
    const date = httpDate(this.cluster.clock.now());
    const cls = controllerClass(controller);
    const classes = this.list(R('ingressclasses', 'networking.k8s.io'));
    const isDefault = classes.some((c) => c.metadata?.name === cls && c.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
    const hostHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? host;
    const backend = routeIngress(this.list(R('ingresses', 'networking.k8s.io')), cls, isDefault, hostHeader, path);
    const page = (status: number, statusText: string, body: string): HttpResult => ({ ok: true, status, statusText, headers: { Date: date, 'Content-Type': 'text/html', 'Content-Length': String(body.length), Connection: 'keep-alive' }, body });
    if (!backend) return page(404, 'Not Found', INGRESS_NGINX_404);
    const svc = this.list(R('services'), backend.namespace).find((s) => s.metadata?.name === backend.service);
    const sp = svc ? ((spec(svc).ports ?? []) as Obj[]).find((p) => p.port === backend.port || p.name === backend.port) : undefined;
    if (!svc || !sp) return page(503, 'Service Temporarily Unavailable', INGRESS_NGINX_503);
    const conn = this.toService({ ip: String(status(controller).podIP ?? ''), pod: controller }, svc, sp);
    if (conn.kind !== 'open') return page(503, 'Service Temporarily Unavailable', INGRESS_NGINX_503);
    return { ok: true, ...serve(conn.server, path, date, { hostname: conn.pod?.metadata?.name ?? host, image: serverImage(conn.pod, conn.server) }) };
  }

  ping(from: From, host: string): boolean {
    const a = this.resolve(host, from);
    if (!a.ok) return false;
    const ip = a.addresses[0];
    if (this.machines().some((m) => m.ip === ip)) return true;
    if (this.list(R('services')).some((s) => spec(s).clusterIP === ip)) return false; // VIPs do not answer ICMP
    return this.list(R('pods')).some((p) => status(p).podIP === ip && status(p).phase === 'Running');
  }
}
