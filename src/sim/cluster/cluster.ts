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
import { ApiClient, createApiServer, ApiServer, type ApiServerJSON, type ApiTransport } from '../apiserver';
import type { Machine } from '../machine';
import { ControllerManager } from '../controllers/manager';
import { Scheduler } from '../scheduler/scheduler';
import { ContainerRuntime, type RuntimeJSON } from '../runtime/containerd';
import { Kubelet } from '../kubelet/kubelet';
import { onCniContainer } from '../network/cni';
import { ClusterNetwork } from '../network/network';
import { NodePodWatchHub } from './pod-watch-hub';
import { registerNodeStatsProvider, statsFromWorkers } from '../metrics/kubelet-stats';

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
    const cp = this.machines.get(opts.controlPlane);
    this.apiServer = restored?.apiServer ?? createApiServer({ clock: opts.clock, random: opts.random, advertiseAddress: opts.advertiseAddress ?? cp?.ip });
    this.podHub = new NodePodWatchHub(this.apiServer, this.apiServer.trace);
    this.kubeletTransport = this.podHub.transport();
    this.controllerManager = new ControllerManager({ client: new ApiClient(this.apiServer, COMPONENT_USER, 'kube-controller-manager'), clock: opts.clock, random: opts.random });
    this.scheduler = new Scheduler({ client: new ApiClient(this.apiServer, SCHEDULER_USER, 'default-scheduler'), clock: opts.clock, random: opts.random });
    if (restored?.runtimes) for (const [host, json] of Object.entries(restored.runtimes)) this.attachRuntime(host, ContainerRuntime.fromJSON(json, opts.random));
    if (cp && !this.runtimes.has(cp.hostname)) this.attachRuntime(cp.hostname, new ContainerRuntime(opts.random));
    this.reconcileComponents();
  }

  get version(): string {
    return this.opts.version;
  }

  machine(host: string): Machine | undefined {
    return this.machines.get(host);
  }

  private attachRuntime(host: string, runtime: ContainerRuntime): void {
    this.runtimes.set(host, runtime);
    const machine = this.machines.get(host);
    runtime.onContainerChange((c) => {
      if (host === this.opts.controlPlane && c.namespace === 'kube-system') this.scheduleReconcile();
      const agentContext = { host, runtime, api: this.apiServer, clock: this.clock };
      if (machine && onCniContainer(c, machine, this.podCidrOf(host), agentContext)) this.clock.defer(() => this.kubelets.get(host)?.poke());
    });
  }

  private podCidrOf(host: string): string | undefined {
    const r = this.apiServer.request({ verb: 'get', group: '', version: 'v1', resource: 'nodes', name: host });
    return r.code === 200 ? ((r.body as { spec?: { podCIDR?: string } }).spec?.podCIDR ?? undefined) : undefined;
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
      api: () => (this.apiReachable() ? new ApiClient(this.kubeletTransport, { username: `system:node:${host}`, groups: NODE_GROUPS }, 'kubelet') : undefined),
      network: () => this.network,
      registerProviders: (node, kubelet) => {
        const offLogs = this.apiServer.registerPodLogProvider(node, (pod, container, query) => kubelet.logs(pod, container, query));
        const offExec = this.apiServer.registerPodExecProvider(node, (pod, container, command) => kubelet.exec(pod, container, command));
        const offStats = registerNodeStatsProvider(this.apiServer, node, () => statsFromWorkers(node, kubelet.podWorkers));
        return () => {
          offLogs();
          offExec();
          offStats();
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
    return !!rt && rt.isRunning('kube-apiserver') && rt.isRunning('etcd');
  }

  /**
   * What a client on machine `fromHost` reaches at a kubeconfig's server URL: the API server,
   * or null when nothing listens there (wrong address or port, or the API server is down).
   */
  connect(serverUrl?: string, fromHost?: string): ApiTransport | null {
    if (!this.apiReachable()) return null;
    if (serverUrl) {
      const cp = this.machines.get(this.opts.controlPlane);
      const m = /^https:\/\/([^:/]+|\[[^\]]+\])(?::(\d+))?/.exec(serverUrl);
      if (!m) return null;
      const host = m[1];
      const port = m[2] ?? '443';
      const local = !fromHost || fromHost === this.opts.controlPlane || fromHost === cp?.ip;
      const known = [cp?.ip, this.opts.controlPlane, this.opts.advertiseAddress, ...(local ? ['localhost', '127.0.0.1'] : [])].filter(Boolean);
      if (!known.includes(host) || port !== '6443') return null;
    }
    return this.apiServer;
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
    if (want('kube-controller-manager')) this.controllerManager.start();
    else this.controllerManager.stop();
    if (want('kube-scheduler')) this.scheduler.start();
    else this.scheduler.stop();
    if (up !== this.apiUp) {
      this.apiUp = up;
      for (const k of this.kubelets.values()) k.apiChanged();
    }
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
      if (k.running) kubelet.start();
    }
    c.reconcileComponents();
    return c;
  }
}
