/**
 * A Kubernetes cluster attached to a world's machines: the API server (with its etcd), the
 * controller-manager, the scheduler, and a container runtime + kubelet per joined machine.
 *
 * With `staticControlPlane` (the kubeadm way, default), the control plane lives in static pods
 * on the control-plane machine: the API server is reachable only while its kube-apiserver and
 * etcd containers run there, and the controller-manager and scheduler run only while theirs do.
 * Without it (unit tests, benchmarks) every component simply runs.
 *
 * Timers are not serialised: toJSON() keeps etcd and the runtimes; fromJSON() rebuilds the
 * components, which re-list from the API and reschedule their timers.
 */
import type { SimClock } from '../clock';
import type { SeededRandom } from '../random';
import { ApiClient, bootstrapSystemObjects, createApiServer, ApiServer, type ApiServerJSON, type ApiTransport } from '../apiserver';
import { setServiceClusterIPRange } from '../apiserver/service-cidr';
import { applyKubeApiServerManifest } from '../apiserver/admission/node-restriction';
import type { Machine } from '../machine';
import { ControllerManager } from '../controllers/manager';
import { Scheduler } from '../scheduler/scheduler';
import { ContainerRuntime, type RuntimeJSON } from '../runtime/containerd';
import { Kubelet } from '../kubelet/kubelet';
import { kubeconfigNodeName, trustsControlPlaneCa } from '../kubelet/credentials';
import { onCniContainer } from '../network/cni';
import { narrateStart, startLines } from './component-logs';
import { narrateCompaction } from './component-logs/etcd-maintenance';
import { normalizeImage } from '../runtime/images';
import { ClusterNetwork } from '../network/network';
import { installNodeRuleAgents, writesRulesAtStart } from '../network/node-rules';
import { syncNetfilterAgents } from '../network/netfilter/agents';
import { NodePodWatchHub } from './pod-watch-hub';
import { adoptEtcdDataDir, etcdContainerStarted } from '../kubeadm/etcd-data';
import { servingFails, superviseControlPlaneProcess } from './control-plane-processes';
import { registerNodeStatsProvider, statsFromWorkers } from '../metrics/kubelet-stats';
import { kubeletUsage } from '../metrics/kubelet-usage';
import { kubeletServerState } from '../kubelet/server/host';
import { serveKubelet } from '../kubelet/server';
import { journalKubeletRegistration } from '../systemd/daemon-starts';

export interface ClusterOptions {
  clock: SimClock;
  random: SeededRandom;
  /** Every machine of the world, by hostname. */
  machines: Machine[];
  /** Hostname of the control-plane machine. */
  controlPlane: string;
  /** e.g. v1.33.4: the kubelets report it. */
  version: string;
  staticControlPlane?: boolean;
  /** The API server's advertise address (default: the control plane's IP). */
  advertiseAddress?: string;
}

export interface ClusterJSON {
  version: string;
  controlPlane: string;
  staticControlPlane: boolean;
  apiServer: ApiServerJSON;
  runtimes: Record<string, RuntimeJSON>;
  kubelets: Record<string, { running: boolean; version: string }>;
}

const COMPONENT_USER = { username: 'system:kube-controller-manager', groups: ['system:masters', 'system:authenticated'] };
/** scheduler.conf's user: authorized by ClusterRoles system:kube-scheduler and system:volume-scheduler. */
const SCHEDULER_USER = { username: 'system:kube-scheduler', groups: ['system:authenticated'] };
/** kubelet.conf's user system:node:<host>: authorized by the Node authorizer. */
const NODE_GROUPS = ['system:nodes', 'system:authenticated'];

const ROOT_CA_FILE = '/etc/kubernetes/pki/ca.crt';

export class Cluster {
  readonly apiServer: ApiServer;
  readonly controllerManager: ControllerManager;
  readonly scheduler: Scheduler;
  readonly runtimes = new Map<string, ContainerRuntime>();
  readonly kubelets = new Map<string, Kubelet>();
  readonly clock: SimClock;
  readonly random: SeededRandom;
  readonly staticControlPlane: boolean;
  /** The data plane: DNS, Services, pod servers, NetworkPolicy (curl, wget, nslookup, ping use it). */
  readonly network: ClusterNetwork;
  private apiUp = false;
  /** Kubelets' pod watches, served from one watch indexed by node (the API server's watch cache). */
  private readonly podHub: NodePodWatchHub;
  private readonly kubeletTransport: ApiTransport;
  private reconcileScheduled = false;
  /** Cached etcd majority (undefined: to compute). */
  private quorum: boolean | undefined;
  private machines = new Map<string, Machine>();

  constructor(
    readonly opts: ClusterOptions,
    restored?: { apiServer: ApiServer; runtimes?: Record<string, RuntimeJSON> },
  ) {
    this.clock = opts.clock;
    this.random = opts.random;
    this.staticControlPlane = opts.staticControlPlane ?? true;
    this.network = new ClusterNetwork(this);
    for (const m of opts.machines) this.machines.set(m.hostname, m);
    // the rules kube-proxy, the kubelet and flanneld keep in each node's netfilter tables
    installNodeRuleAgents(this, opts.machines);
    const cp = this.machines.get(opts.controlPlane);
    const serviceRange = cp ? manifestServiceRange(cp) : undefined;
    this.apiServer = restored?.apiServer ?? createApiServer({ clock: opts.clock, random: opts.random, advertiseAddress: opts.advertiseAddress ?? cp?.ip, serviceClusterIPRange: serviceRange });
    // The range is a flag of the kube-apiserver process: a restored server reads it from its manifest again.
    if (serviceRange) setServiceClusterIPRange(this.apiServer, serviceRange);
    // So are its admission plugins (kubeadm enables NodeRestriction).
    if (cp) applyKubeApiServerManifest(this.apiServer, apiServerManifest(cp));
    // etcd's members log each compaction (the API server's every 5 minutes, etcdctl's): component-logs/etcd-maintenance.
    this.apiServer.etcd.addCompactListener((revision, previous) => narrateCompaction(this, revision, previous));
    this.podHub = new NodePodWatchHub(this.apiServer, this.apiServer.trace);
    this.kubeletTransport = this.podHub.transport();
    // --root-ca-file=/etc/kubernetes/pki/ca.crt: the CA kube-root-ca.crt and token Secrets carry.
    const rootCa = () => (cp?.rootFs.stat(ROOT_CA_FILE) ? cp.rootFs.readFile(ROOT_CA_FILE) : undefined);
    this.controllerManager = new ControllerManager({ client: new ApiClient(this.apiServer, COMPONENT_USER, 'kube-controller-manager'), clock: opts.clock, random: opts.random, serviceAccountCredentials: true, caCert: rootCa });
    this.scheduler = new Scheduler({ client: new ApiClient(this.apiServer, SCHEDULER_USER, 'default-scheduler'), clock: opts.clock, random: opts.random, hostname: opts.controlPlane });
    if (restored?.runtimes) for (const [host, json] of Object.entries(restored.runtimes)) this.attachRuntime(host, ContainerRuntime.fromJSON(json, opts.random));
    if (cp && !this.runtimes.has(cp.hostname)) this.attachRuntime(cp.hostname, new ContainerRuntime(opts.random));
    this.reconcileComponents();
  }

  get version(): string {
    return this.opts.version;
  }

  /** A machine by hostname, or by the name its kubelet registered its Node under (a pod's spec.nodeName). */
  machine(host: string): Machine | undefined {
    const m = this.machines.get(host);
    if (m) return m;
    for (const [h, k] of this.kubelets) if (k.nodeName === host) return this.machines.get(h);
    return undefined;
  }

  private attachRuntime(host: string, runtime: ContainerRuntime): void {
    this.runtimes.set(host, runtime);
    const machine = this.machines.get(host);
    if (host === this.opts.controlPlane && machine) adoptEtcdDataDir(this.apiServer.etcd, machine);
    runtime.onContainerChange((c) => {
      // A control-plane process whose flags cannot work on this machine fails as it would there
      // (etcd's listener on an address the machine does not hold): src/sim/cluster/control-plane-processes.
      const narration = machine && c.state === 'CONTAINER_RUNNING' ? { cluster: this, host, machine, container: c, startedAt: c.startedAt ?? this.clock.now() } : undefined;
      const repo = () => normalizeImage(c.imageRef || c.image).repository;
      // One that fails only once it runs prints its start-up lines first (etcd's client TLS files).
      const failing = machine && narration && c.namespace === 'kube-system' && superviseControlPlaneProcess(machine, runtime, this.clock, c, this.machineAt, () => startLines(narration, repo()));
      // Otherwise the cluster's own daemons print what they print at start (component-logs/).
      if (narration && !failing) narrateStart(narration, runtime, repo());
      // etcd serves the directory its manifest mounts (a restore switches it: src/sim/kubeadm/etcd-data).
      if (c.name === 'etcd' && c.namespace === 'kube-system') {
        this.quorum = undefined;
        if (host !== this.opts.controlPlane) this.scheduleReconcile();
      }
      if (host === this.opts.controlPlane && machine && c.name === 'etcd' && c.namespace === 'kube-system' && c.state === 'CONTAINER_RUNNING') etcdContainerStarted(this.apiServer.etcd, machine, () => bootstrapSystemObjects(this.apiServer, { advertiseAddress: this.opts.advertiseAddress ?? machine.ip, serviceClusterIPRange: manifestServiceRange(machine) }));
      if (host === this.opts.controlPlane && machine && c.name === 'kube-apiserver' && c.namespace === 'kube-system' && c.state === 'CONTAINER_RUNNING') {
        applyKubeApiServerManifest(this.apiServer, apiServerManifest(machine));
        // /version is the running binary's: the image's release (v1.32.8 until the upgrade restarts it on v1.33.4).
        const tag = normalizeImage(c.image).tag;
        if (/^v\d+\.\d+\.\d+$/.test(tag)) this.apiServer.setVersion(tag);
      }
      if (host === this.opts.controlPlane && c.namespace === 'kube-system') this.scheduleReconcile();
      const agentContext = { host, runtime, api: this.apiServer, clock: this.clock };
      // kube-proxy, flanneld: a daemon that starts writes its rules at once (later syncs happen when the rules are looked at)
      if (machine && c.state === 'CONTAINER_RUNNING' && writesRulesAtStart(c)) syncNetfilterAgents(machine);
      if (machine && onCniContainer(c, machine, () => this.podCidrOf(this.kubelets.get(host)?.nodeName ?? host), agentContext)) this.clock.defer(() => this.kubelets.get(host)?.poke());
    });
    // A restored runtime's failing processes go on failing (their timers are not saved).
    if (machine) for (const c of [...runtime.containers.values()]) superviseControlPlaneProcess(machine, runtime, this.clock, c, this.machineAt);
  }

  /** The machine holding an address or name, as a process on another machine dials it. */
  private readonly machineAt = (host: string): Machine | undefined => [...this.machines.values()].find((m) => m.ip === host || m.hostname === host);

  private podCidrOf(host: string): string | undefined {
    const r = this.apiServer.request({ verb: 'get', group: '', version: 'v1', resource: 'nodes', name: host, readOnly: true });
    return r.code === 200 ? ((r.body as { spec?: { podCIDR?: string } }).spec?.podCIDR ?? undefined) : undefined;
  }

  private trustsControlPlane(machine: Machine): boolean {
    const cp = this.machines.get(this.opts.controlPlane);
    return !cp || trustsControlPlaneCa(machine.rootFs, cp.rootFs);
  }

  /** The kubelet of a machine, created (stopped) on first use: what `kubeadm join` sets up. */
  kubelet(host: string, version = this.opts.version): Kubelet {
    let k = this.kubelets.get(host);
    if (k) return k;
    const machine = this.machines.get(host);
    if (!machine) throw new Error(`no machine ${host}`);
    let runtime = this.runtimes.get(host);
    if (!runtime) this.attachRuntime(host, (runtime = new ContainerRuntime(this.random)));
    k = new Kubelet({
      machine,
      runtime,
      clock: this.clock,
      random: this.random,
      kubeletVersion: version,
      // The kubelet is who its kubeconfig's client certificate says (system:node:<name>); without one, its TLS bootstrap would name its Node.
      // It connects only to a server its kubeconfig's CA signed: after `kubeadm reset` and `init` on the
      // control plane (a new CA), a node that was not joined again stays out (x509: unknown authority).
      api: () =>
        this.apiReachable() && this.trustsControlPlane(machine)
          ? new ApiClient(this.kubeletTransport, { username: `system:node:${kubeconfigNodeName(machine.rootFs) ?? k?.nodeName ?? host}`, groups: NODE_GROUPS }, 'kubelet')
          : undefined,
      apiReachable: () => this.apiReachable(),
      network: () => this.network,
      registered: (kubelet, existed) => journalKubeletRegistration(machine, this.clock.now(), kubelet, existed, this.podCidrOf(kubelet.nodeName)),
      registerProviders: (node, kubelet) => {
        const offLogs = this.apiServer.registerPodLogProvider(node, (pod, container, query) => kubelet.logs(pod, container, query));
        const offExec = this.apiServer.registerPodExecProvider(node, (pod, container, command, io) => kubelet.exec(pod, container, command, io));
        const offStats = registerNodeStatsProvider(this.apiServer, node, () => statsFromWorkers(node, kubelet.podWorkers));
        const server = kubeletServerState(kubelet, machine, (now) => kubeletUsage(this.apiServer, node, now, machine.cpus));
        const offHttp = this.apiServer.registerKubeletHttpProvider(node, (path, query) => serveKubelet(server, path, query));
        return () => {
          offLogs();
          offExec();
          offStats();
          offHttp();
        };
      },
    });
    this.kubelets.set(host, k);
    return k;
  }

  /**
   * Restart a machine's kubelet, optionally as another version (what `apt-get install kubelet=…`
   * then `systemctl restart kubelet` does during `kubeadm upgrade node`). Its containers keep
   * running and are adopted by the new process.
   */
  restartKubelet(host: string, version?: string): Kubelet {
    const old = this.kubelets.get(host);
    const wasRunning = old?.running ?? true;
    old?.stop();
    this.kubelets.delete(host);
    const k = this.kubelet(host, version ?? old?.version ?? this.opts.version);
    if (wasRunning) k.start();
    return k;
  }

  // ------------------------------------------------------------------ control plane

  /** Is the API server up (its static pod and etcd running on the control plane)? */
  apiReachable(): boolean {
    if (!this.staticControlPlane) return true;
    const rt = this.runtimes.get(this.opts.controlPlane);
    // An API server that cannot reach etcd never opens its port before it exits (control-plane-processes).
    return !!rt && rt.isRunning('kube-apiserver') && !servingFails(rt, 'kube-apiserver') && rt.isRunning('etcd') && this.etcdHasQuorum();
  }

  /**
   * A stacked etcd answers only while a majority of its members runs: the members are the joined
   * machines with an etcd static pod manifest (kubeadm init and join --control-plane write one).
   * Recomputed only after an etcd container changed.
   */
  private etcdHasQuorum(): boolean {
    if (this.quorum === undefined) {
      let members = 0;
      let up = 0;
      for (const [host, rt] of this.runtimes) {
        const m = this.machines.get(host);
        if (!m?.rootFs.stat('/etc/kubernetes/manifests/etcd.yaml')) continue;
        // A learner (kubeadm join --control-plane until its promotion) does not vote.
        if (m.ext.etcdLearner) continue;
        members++;
        if (rt.isRunning('etcd')) up++;
      }
      this.quorum = members <= 1 || up > members / 2;
    }
    return this.quorum;
  }

  /**
   * What a client on machine `fromHost` reaches at a kubeconfig's server URL: the API server,
   * or null when nothing listens there (wrong address or port, or the API server is down).
   */
  connect(serverUrl?: string, fromHost?: string): ApiTransport | null {
    if (!serverUrl) return this.apiReachable() ? this.apiServer : null;
    const cp = this.machines.get(this.opts.controlPlane);
    const m = /^https:\/\/([^:/]+|\[[^\]]+\])(?::(\d+))?/.exec(serverUrl);
    if (!m) return null;
    const client = this.clientMachine(fromHost);
    const host = hostsAddress(client, m[1]) ?? m[1];
    const port = m[2] ?? '443';
    // Another port reaches the API server only through a Service (the kubernetes Service's 443, DNATed by kube-proxy).
    if (port !== '6443') {
      const landed = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ? this.network.landingOf({ host: client?.hostname ?? this.opts.controlPlane }, host, Number(port)) : undefined;
      return landed?.port === 6443 && landed.machine.hostname === this.opts.controlPlane && this.apiReachable() ? this.apiServer : null;
    }
    const local = !fromHost || fromHost === this.opts.controlPlane || fromHost === cp?.ip;
    const known = [cp?.ip, this.opts.controlPlane, this.opts.advertiseAddress].filter(Boolean);
    // On the control plane its loopback reaches the API server too (it binds every address): localhost, 127.0.0.1, and its name where /etc/hosts maps it to 127.0.1.1.
    const loopback = host === 'localhost' || /^127\./.test(host);
    if (known.includes(host) || (local && loopback)) return this.apiReachable() ? this.apiServer : null;
    // Another control-plane node (kubeadm join --control-plane) serves the same API at its own
    // address while its kube-apiserver and its etcd member run and etcd has its quorum.
    const other = [...this.machines.values()].find((x) => x.hostname !== this.opts.controlPlane && (x.ip === host || x.hostname === host || (x === client && loopback)));
    if (!other || !this.staticControlPlane) return null;
    const rt = this.runtimes.get(other.hostname);
    return rt && rt.isRunning('kube-apiserver') && !servingFails(rt, 'kube-apiserver') && rt.isRunning('etcd') && this.etcdHasQuorum() ? this.apiServer : null;
  }

  /** The machine a client runs on (by hostname or address; the control plane when not said). */
  private clientMachine(fromHost?: string): Machine | undefined {
    if (!fromHost) return this.machines.get(this.opts.controlPlane);
    return this.machines.get(fromHost) ?? [...this.machines.values()].find((x) => x.ip === fromHost);
  }

  private scheduleReconcile(): void {
    if (this.reconcileScheduled) return;
    this.reconcileScheduled = true;
    this.clock.defer(() => {
      this.reconcileScheduled = false;
      this.reconcileComponents();
    });
  }

  /** Start or stop the controller-manager and scheduler to match their static pods. */
  reconcileComponents(): void {
    const up = this.apiReachable();
    const rt = this.runtimes.get(this.opts.controlPlane);
    const want = (name: string) => up && (!this.staticControlPlane || !!rt?.isRunning(name));
    if (want('kube-controller-manager')) {
      if (!this.controllerManager.isRunning) this.acquireLeaderLease('kube-controller-manager');
      this.controllerManager.start();
    } else this.controllerManager.stop();
    if (want('kube-scheduler')) {
      if (!this.scheduler.isRunning) this.acquireLeaderLease('kube-scheduler');
      this.scheduler.start();
    } else this.scheduler.stop();
    if (up !== this.apiUp) {
      this.apiUp = up;
      for (const k of this.kubelets.values()) k.apiChanged();
    }
  }

  /**
   * Leader election: the component that starts takes the Lease kube-system/<component> (holder
   * `<node>_<id>`). Renewals every 2 s are not written: nothing shown by kubectl depends on them.
   */
  private acquireLeaderLease(component: string): void {
    const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
    const client = new ApiClient(this.apiServer, COMPONENT_USER, component);
    let h = 0x811c9dc5;
    for (const c of `${this.opts.controlPlane}/${component}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    const hex = Array.from({ length: 4 }, (_, i) => (Math.imul(h ^ i, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0')).join('');
    const holder = `${this.opts.controlPlane}_${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    const now = new Date(this.clock.now()).toISOString().replace('Z', '000Z');
    const existing = client.get(LEASES, 'kube-system', component);
    if (existing.code === 200) {
      const lease = existing.body as { spec?: { holderIdentity?: string; leaseTransitions?: number } };
      if (lease.spec?.holderIdentity === holder) return;
      client.update(LEASES, 'kube-system', { ...(existing.body as object), spec: { ...lease.spec, holderIdentity: holder, acquireTime: now, renewTime: now, leaseTransitions: (lease.spec?.leaseTransitions ?? 0) + 1 } } as never);
      return;
    }
    client.create(LEASES, 'kube-system', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: component, namespace: 'kube-system' },
      spec: { holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: now, renewTime: now, leaseTransitions: 0 },
    });
  }

  // ------------------------------------------------------------------ time

  /**
   * Run the clock until nothing is due within `quietMs` (default 1 ms), at most `maxMs` of
   * simulated time. Returns the simulated milliseconds that passed.
   */
  settle(maxMs = 60_000, quietMs = 1): number {
    const start = this.clock.now();
    for (;;) {
      this.clock.runDue();
      const next = this.clock.nextAt();
      if (next === undefined || next - this.clock.now() >= quietMs || next - start > maxMs) break;
      this.clock.advanceTo(next);
    }
    return this.clock.now() - start;
  }

  /** Advance time by ms, running everything that falls due. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  // ------------------------------------------------------------------ persistence

  toJSON(): ClusterJSON {
    const runtimes: Record<string, RuntimeJSON> = {};
    for (const [h, r] of this.runtimes) runtimes[h] = r.toJSON();
    const kubelets: Record<string, { running: boolean; version: string }> = {};
    for (const [h, k] of this.kubelets) kubelets[h] = { running: k.running, version: k.version };
    return { version: this.opts.version, controlPlane: this.opts.controlPlane, staticControlPlane: this.staticControlPlane, apiServer: this.apiServer.toJSON(), runtimes, kubelets };
  }

  static fromJSON(data: ClusterJSON, env: { clock: SimClock; random: SeededRandom; machines: Machine[] }): Cluster {
    const apiServer = ApiServer.fromJSON(data.apiServer, { clock: env.clock, random: env.random });
    const c = new Cluster(
      { clock: env.clock, random: env.random, machines: env.machines, controlPlane: data.controlPlane, version: data.version, staticControlPlane: data.staticControlPlane },
      { apiServer, runtimes: data.runtimes },
    );
    for (const [host, k] of Object.entries(data.kubelets)) {
      const kubelet = c.kubelet(host, k.version);
      if (k.running) {
        kubelet.start();
        // containerd as the saved world left it (stopped: the kubelet goes on without its runtime).
        kubelet.runtimeServiceChanged();
      }
    }
    c.reconcileComponents();
    return c;
  }
}

/**
 * A name in the client machine's /etc/hosts (what a kubeconfig's `server: https://k8s-api.cka.lab:6443`
 * resolves to, as glibc's files service answers it), or undefined.
 */
function hostsAddress(machine: Machine | undefined, name: string): string | undefined {
  if (!machine || /^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return undefined;
  let text = '';
  try {
    text = machine.rootFs.readFile('/etc/hosts');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [addr, ...names] = line.replace(/#.*$/, '').trim().split(/\s+/);
    if (addr && /^\d{1,3}(\.\d{1,3}){3}$/.test(addr) && names.some((n) => n.toLowerCase() === name.toLowerCase())) return addr;
  }
  return undefined;
}

/** The control plane's kube-apiserver static pod manifest, if it has one. */
function apiServerManifest(cp: Machine): string | undefined {
  try {
    return cp.rootFs.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml');
  } catch {
    return undefined;
  }
}

/** --service-cluster-ip-range of the control plane's kube-apiserver manifest, if it has one. */
function manifestServiceRange(cp: Machine): string | undefined {
  try {
    return /--service-cluster-ip-range=(\S+)/.exec(cp.rootFs.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml'))?.[1];
  } catch {
    return undefined;
  }
}

