/**
 * The kubelet of one machine. While running it:
 * - runs the static pods of /etc/kubernetes/manifests (even with no API server: that is how the
 *   control plane boots) and mirrors them into the API as `<name>-<node>` pods;
 * - registers its Node, renews its Lease in kube-node-lease every 10 s and posts node status
 *   when it changes (or every 5 minutes);
 * - watches the pods bound to its node and runs each through a PodWorker, writing pod status;
 * - deletes a pod (grace 0) once its containers have stopped after a graceful deletion;
 * - answers `kubectl logs` through a provider registered with the API server.
 * Stopping it stops all of that; containers keep running in the runtime (as with containerd)
 * and are adopted again when it starts.
 */
import { ensureKubeletServingCert } from './serving-cert';
import type { SimClock, TimerHandle } from '../clock';
import { SeededRandom } from '../random';
import type { ApiClient } from '../apiserver/client';
import type { KubeObject, Status } from '../apiserver/types';
import type { DirEvent, Machine } from '../machine';
import { directoryEntriesGeneration, type MemFs } from '../machine/fs';
import { errors } from '../apiserver/errors';
import type { Container, ContainerRuntime } from '../runtime/containerd';
import { activeCorefile, reloadLines, setActiveCorefile } from '../runtime/coredns';
import { sha512Hex } from '../runtime/sha512';
import { Informer, keyOf } from '../controllers/machinery/informer';
import { EventRecorder } from '../controllers/machinery/events';
import type { CoreEvent } from '../controllers/machinery/event-correlator';
import { sameCanonical, spec, status, type Obj } from '../controllers/machinery/objects';
import { DEFAULT_MAX_PODS, NETWORK_NOT_READY, allocatableOf, nodeObject, nodeStatus, type Condition, type NodeFacts } from './node-status';
import { admissionFailure, type AdmissionFailure } from './admission';
import { parseQuantity } from '../apiserver/quantity';
import { PodWorker, type WorkerHost } from './pod-worker';
import { MIRROR, fileSourceAnnotations, type StaticPod } from './static-pods';
import { resolveEnv } from './env';
import { apiDataLookup } from './api-data';
import { PodIpam } from './ipam';
import { calicoBlockFor, calicoCniUser, cniConfigFiles, cniKindOf } from '../network/cni';
import { containerFiles, podHostname, runExec, type ExecContext } from './exec';
import { processEnvironment } from './process-env';
import { runMainProcess } from './main-process';
import { networkTool } from './container-shell-network';
import { stdinShellOf, type ContainerTools } from '../runtime/behaviour';
import { filesSeenBy } from './shared-files';
import { containerOutput, expandProcessLine, outputByContainerId, type LogLine, type LogSource, type ScrapeTarget } from './container-logs';
import { setUpVolumes } from './volumes';
import type { ClusterNetwork } from '../network/network';
import { criRuntimeIdentity, kubeletCgroupDriver } from '../systemd/docker';
import { KERNEL } from '../../shell/commands/lib/system';
import { kubeletMaxPods, kubeletNodeLabels, kubeletNodeName } from './flags';
import { sandboxRefusal, type CgroupDriver } from '../runtime/cgroup-driver';
import { goQuote, writeKubeletJournal, type KubeletLogLine } from './journal';
import { KUBELET_KUBECONFIG } from './credentials';
import { NetworkNotReadyJournal } from './network-journal';
import { StaticPodPathWatch, staticPodDirAtStart } from './static-pod-path';
import { StaticPodFileSource } from './static-pod-source';
import { UnreachableJournal, certificateName, classifyFailure, etcHostsAddress, kubeconfigServer, serverEndpoint, type DialResult } from './unreachable-journal';
import { eventDump } from './event-dump';
import { RuntimeStatus } from './runtime-status';
import { criEndpoint } from './cri-endpoint';
import { aggregate } from '../go-errors';
import { effectiveKubeletConfiguration } from './server/configz';

const NODES = { group: '', version: 'v1', resource: 'nodes' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
const HEARTBEAT_MS = 10_000;
/** Heartbeats between two syncs of the CoreDNS Corefile volume (the kubelet's ConfigMap sync, then the reload plugin's check). */
const COREFILE_SYNC_TICKS = 3;
const STATUS_REPORT_MS = 5 * 60_000;
/** The pod conditions the kubelet owns (pkg/kubelet/types/pod_status.go PodConditionsByKubelet, with PodReadyToStartContainers). */
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodResizeInProgress', 'PodResizePending', 'PodReadyToStartContainers']);

export interface KubeletOptions {
  machine: Machine;
  runtime: ContainerRuntime;
  clock: SimClock;
  random: SeededRandom;
  kubeletVersion: string;
  nodeName?: string;
  kernelVersion?: string;
  /** The API as this kubelet reaches it right now (undefined while the API server is down). */
  api: () => ApiClient | undefined;
  /**
   * Whether the API server still answers (asked every heartbeat while connected; cheaper than
   * api(), which also checks the kubelet's credentials when it connects). Default: api() is defined.
   */
  apiReachable?: () => boolean;
  /** The cluster's data plane, for exec'd programs that use the network (nslookup, wget). */
  network?: () => ClusterNetwork | undefined;
  /** Register the logs/exec endpoints with the API server; returns the unregister function. */
  registerProviders?: (nodeName: string, kubelet: Kubelet) => () => void;
  /** The Node was created (or found: `existed`) by this kubelet (its journal says so: start-journal.ts). */
  registered?: (kubelet: Kubelet, existed: boolean) => void;
}

export class Kubelet implements WorkerHost {
  /** The Node this kubelet registers: its flags decide, read again at each start (src/sim/kubelet/flags.ts). */
  private name: string;
  readonly clock: SimClock;
  readonly runtime: ContainerRuntime;
  private workers = new Map<string, PodWorker>();
  private statics = new Map<string, StaticPod>(); // uid (hash) → static pod
  /** The file source's store of static pods (its listing and its watch of the manifest directory). */
  private fileSource?: StaticPodFileSource;
  private unwatchManifests?: () => void;
  /** Watch events not consumed yet (they are, as soon as the writer is done). */
  private manifestEvents: DirEvent[] = [];
  private manifestDrain?: TimerHandle;
  private informer?: Informer;
  /** Its own Node, as the kubelet's node lister sees it (an informer on metadata.name). */
  private nodeInformer?: Informer;
  private client?: ApiClient;
  private recorder?: EventRecorder;
  private heartbeat?: TimerHandle;
  private flushHandle?: TimerHandle;
  private dirty = new Set<PodWorker>();
  private lastNetworkReady?: boolean;
  /** The Ready condition's message the kubelet last posted (undefined: Ready). */
  private lastNotReady?: string;
  private lastStatusAt = 0;
  private lastConditions: Condition[] = [];
  private unregister?: () => void;
  private ipam = new PodIpam();
  private ticks = 0;
  running = false;

  constructor(private readonly opts: KubeletOptions) {
    this.name = opts.nodeName ?? kubeletNodeName(opts.machine);
    this.clock = opts.clock;
    this.runtime = opts.runtime;
    const self = this;
    this.runtimeStatus = new RuntimeStatus({
      clock: opts.clock,
      ...criEndpoint(opts.machine),
      journal: (lines) => this.journal(lines),
      resumed: () => this.runtimeResumed(),
    });
    this.networkJournal = new NetworkNotReadyJournal({ clock: opts.clock, networkReady: () => this.networkReady(), journal: (lines) => this.journal(lines) });
    this.staticPodPath = new StaticPodPathWatch({ clock: opts.clock, exists: (path) => !!opts.machine.rootFs.stat(path), journal: (lines) => this.journal(lines), appeared: () => this.manifestDirAppeared() });
    this.outage = new UnreachableJournal({
      clock: opts.clock,
      get nodeName() {
        return self.name;
      },
      get server() {
        return self.server ?? '';
      },
      failure: () => classifyFailure(this.server ?? '', (h, p) => this.dial(h, p), (h) => this.resolve(h), this.apiServing()),
      journal: (lines) => this.journal(lines),
      serverCaName: () => certificateName(opts.machine.rootFs, '/etc/kubernetes/pki/ca.crt'),
    });
  }

  // ------------------------------------------------------------------ the container runtime (src/sim/kubelet/runtime-status.ts)

  /** What the kubelet knows of containerd: while it does not answer, pods wait and the node turns NotReady. */
  private readonly runtimeStatus: RuntimeStatus;
  /** Pod work that came due while the runtime did not answer: done when it answers again. */
  private waitingForRuntime: (() => void)[] = [];

  /** containerd's unit started or stopped (systemctl). */
  runtimeServiceChanged(): void {
    if (this.running) this.runtimeStatus.check();
  }

  runtimeReachable(): boolean {
    return this.runtimeStatus.reachable;
  }

  whenRuntimeReachable(fn: () => void): void {
    this.waitingForRuntime.push(fn);
  }

  /** The runtime answers again: the sync loop sees every pod anew, and what waited goes on. */
  private runtimeResumed(): void {
    if (!this.running) return;
    const waiting = this.waitingForRuntime;
    this.waitingForRuntime = [];
    const seen = new Set<string>();
    for (const p of this.informer?.list() ?? []) {
      seen.add(p.metadata!.uid!);
      this.podSeen(p);
    }
    for (const w of [...this.workers.values()]) if (!w.isStatic && !seen.has(w.uid) && this.informer) this.podGone(w.pod);
    for (const fn of waiting) fn();
  }

  /** The Ready condition's message now (runtimeErrors, then network errors), undefined when Ready. */
  private notReadyMessage(networkReady = this.networkReady()): string | undefined {
    const errs = this.runtimeStatus.errors();
    if (!networkReady) errs.push(NETWORK_NOT_READY);
    return errs.length ? aggregate(errs) : undefined;
  }

  // ------------------------------------------------------------------ reaching the API (src/sim/kubelet/unreachable-journal.ts)

  /** What the kubelet logs while it cannot reach the API server; idle while connected. */
  private readonly outage: UnreachableJournal;
  /** What it logs every 5 s while the runtime's pod network is not ready (no CNI configuration); idle otherwise. */
  private readonly networkJournal: NetworkNotReadyJournal;
  /** Its static pod directory's watch: every second while the configured path does not exist; idle otherwise. */
  private readonly staticPodPath: StaticPodPathWatch;
  /** The static pod directory read at start (its config's staticPodPath). */
  /** The server of kubelet.conf, read at start as the kubelet process does. */
  private server?: string;
  /** When this process started (the phase of its 10 s loops), and whether it has connected since. */
  private startedAt = 0;
  private connectedSinceStart = false;

  private apiServing(): boolean {
    return this.opts.apiReachable ? this.opts.apiReachable() : !!this.opts.api();
  }

  private resolve(host: string): string | undefined {
    const listed = etcHostsAddress(this.opts.machine.rootFs, host);
    if (listed) return listed;
    const a = this.opts.network?.()?.resolve(host, { host: this.opts.machine.hostname });
    return a?.ok ? a.addresses[0] : undefined;
  }

  private dial(host: string, port: number): DialResult | undefined {
    return this.opts.network?.()?.tcpConnect({ host: this.opts.machine.hostname }, etcHostsAddress(this.opts.machine.rootFs, host) ?? host, port);
  }

  /** Does something answer at kubelet.conf's server (a wrong address or port: no)? Asked only while disconnected. */
  private serverAnswers(): boolean {
    const ep = this.server ? serverEndpoint(this.server) : undefined;
    const d = ep ? this.dial(ep.host, ep.port) : undefined;
    return d !== 'refused' && d !== 'timeout';
  }

  private beginOutage(hadLease: boolean, resourceVersion?: string): void {
    if (!this.server || this.outage.active) return;
    this.outage.begin({ registered: this.connectedSinceStart && this.registered, hadLease, listed: this.connectedSinceStart, resourceVersion, loopsOrigin: this.startedAt });
  }

  get nodeName(): string {
    return this.name;
  }

  /** When this process started (its server's kubelet system container). */
  get processStartedAt(): number {
    return this.startedAt;
  }

  /** The KubeletConfiguration this process read when it started, as /configz reports it (server/configz.ts). */
  runningConfig: Record<string, unknown> = {};

  get version(): string {
    return this.opts.kubeletVersion;
  }

  get nodeIP(): string {
    return this.opts.machine.ip;
  }

  get connected(): boolean {
    return !!this.client;
  }

  /** The machine's kernel as uname -r reports it (cAdvisor reads the same): CentOS 7's 3.10, jammy's 5.15. */
  private kernelRelease(): string {
    try {
      return this.opts.machine.rootFs.readFile('/proc/sys/kernel/osrelease').trim() || KERNEL.release;
    } catch {
      return KERNEL.release;
    }
  }

  private facts(): NodeFacts {
    return {
      nodeName: this.nodeName,
      machine: this.opts.machine,
      kubeletVersion: this.opts.kubeletVersion,
      containerRuntimeVersion: `${this.runtimeName}://${this.runtimeVersion || this.runtime.version}`,
      kernelVersion: this.opts.kernelVersion ?? this.kernelRelease(),
      maxPods: this.maxPods,
    };
  }

  // ------------------------------------------------------------------ lifecycle

  start(): void {
    if (this.running) return;
    this.running = true;
    // Like the real process, a (re)started kubelet takes its name from --hostname-override or the hostname.
    this.name = this.opts.nodeName ?? kubeletNodeName(this.opts.machine);
    this.server = kubeconfigServer(this.opts.machine.rootFs, KUBELET_KUBECONFIG);
    this.startedAt = this.clock.now();
    ensureKubeletServingCert(this.opts.machine, this.startedAt);
    this.connectedSinceStart = false;
    this.cgroupDriver = kubeletCgroupDriver(this.opts.machine);
    // The CRI runtime's Version answer, read once as the kubelet does at start: containerd, or Docker behind cri-dockerd/dockershim.
    ({ name: this.runtimeName, version: this.runtimeVersion } = criRuntimeIdentity(this.opts.machine, Number(/^v?1\.(\d+)/.exec(this.opts.kubeletVersion)?.[1] ?? 33), this.runtime.version));
    this.maxPods = kubeletMaxPods(this.opts.machine.rootFs);
    this.runningConfig = effectiveKubeletConfiguration(this.opts.machine.rootFs);
    this.lastNetworkReady = this.networkReady();
    this.networkJournal.start();
    const staticPods = staticPodDirAtStart(this.opts.machine.rootFs, this.runningConfig);
    this.fileSource = staticPods.dir ? new StaticPodFileSource(this.opts.machine.rootFs, this.nodeName, staticPods.dir) : undefined;
    this.watchManifests();
    // Only a configured path is watched (and complained about).
    this.staticPodPath.start(staticPods.configured ? staticPods.dir : undefined);
    this.runtimeStatus.start();
    this.lastNotReady = this.notReadyMessage();
    this.recorder = this.eventBroadcaster();
    for (const sb of this.runtime.sandboxes.values()) if (!sb.hostNetwork && sb.state === 'SANDBOX_READY') this.ipam.reserve(sb.podUid, sb.ip);
    this.syncStaticPods(true);
    this.killOrphanedStaticPods();
    this.apiChanged();
    this.scheduleHeartbeat();
    // PLEG: containers that exit behind the kubelet's back are noticed and restarted.
    this.unwatchRuntime = this.runtime.onContainerChange((c) => {
      // CoreDNS prints the SHA512 of the Corefile it starts with.
      if (c.state === 'CONTAINER_RUNNING' && c.imageRef.includes('/coredns/coredns:') && !this.corefileAtStart.has(c.id)) {
        const corefile = this.corefile();
        this.corefileAtStart.set(c.id, sha512Hex(corefile));
        setActiveCorefile(this.runtime, c.id, corefile);
      }
      if (c.state !== 'CONTAINER_EXITED') return;
      this.mainProcesses.get(c.id)?.abort();
      this.mainProcesses.delete(c.id);
      for (const w of this.workers.values()) w.runtimeExited(c.id, c.exitCode ?? 0, c.reason ?? 'Completed');
    });
  }

  /**
   * One event broadcaster per process: while the API cannot be reached its writes fail, are
   * logged to the journal and retried (event.go) until the API answers again.
   */
  private eventBroadcaster(): EventRecorder {
    const startedAt = this.startedAt;
    // The retries' jitter has a stream of its own: drawing from the world's would move every
    // later random choice (pod names, the scheduler's ties) whenever an event cannot be written.
    const jitter = new SeededRandom(`${this.name}/events/${startedAt}`);
    const dump = (event: CoreEvent) => goQuote(eventDump(event, startedAt));
    return new EventRecorder(() => this.client, this.clock, { component: 'kubelet', host: this.name }, {
      error: (verb, path) => (this.server ? this.outage.requestError(verb, path) : undefined),
      failDelay: () => this.outage.requestDelay(),
      failed: (event, error) =>
        this.journal([
          error === undefined
            ? { level: 'E', source: 'event.go:307', text: `"Unable to write event (retry limit exceeded!)" event=${dump(event)}` }
            : { level: 'E', source: 'event.go:368', text: `"Unable to write event (may retry after sleeping)" err=${goQuote(error)} event=${dump(event)}` },
        ]),
      random: () => jitter.next(),
    });
  }

  private unwatchRuntime?: () => void;
  /** Per CoreDNS container id: the SHA512 of the Corefile when it started. */
  private readonly corefileAtStart = new Map<string, string>();
  private corefileScanned = false;

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.runtimeStatus.stop();
    this.networkJournal.stop();
    this.staticPodPath.stop();
    this.unwatchManifests?.();
    this.unwatchManifests = undefined;
    this.clock.clearTimeout(this.manifestDrain);
    this.manifestDrain = undefined;
    this.manifestEvents = [];
    this.waitingForRuntime = [];
    this.outage.end();
    this.recorder?.stop();
    this.recorder = undefined;
    this.unwatchRuntime?.();
    this.unwatchRuntime = undefined;
    this.disconnect();
    this.clock.clearTimeout(this.heartbeat);
    this.heartbeat = undefined;
    for (const w of this.workers.values()) w.abandon();
    this.workers.clear();
    this.statics.clear();
  }

  /** Called when the API server becomes reachable or unreachable. */
  apiChanged(): void {
    if (!this.running) return;
    if (this.client) {
      if (!this.apiServing()) {
        const lease = this.lease;
        this.disconnect();
        this.beginOutage(!!lease, lease?.metadata?.resourceVersion);
      }
      return;
    }
    const api = this.opts.api();
    if (api && this.serverAnswers()) {
      this.outage.end();
      this.connect(api);
    } else this.beginOutage(false);
  }

  private connect(api: ApiClient): void {
    this.client = api;
    this.connectedSinceStart = true;
    // Events still waiting for a retry are written at its next try (within 10 s), as the real
    // broadcaster does; those that ran out of their 12 tries during the outage are gone.
    this.registerNode();
    this.renewLease();
    this.nodeInformer = new Informer(api, NODES, { fieldSelector: `metadata.name=${this.nodeName}` });
    this.nodeInformer.start();
    this.informer = new Informer(api, PODS, { fieldSelector: `spec.nodeName=${this.nodeName}` });
    this.informer.addHandlers({
      onAdd: (p) => this.podSeen(p),
      onUpdate: (_a, b) => this.podSeen(b),
      onDelete: (p) => this.podGone(p),
    });
    if (!this.informer.start()) {
      this.disconnect();
      return;
    }
    for (const sp of this.statics.values()) this.ensureMirror(sp);
    this.unregister = this.opts.registerProviders?.(this.nodeName, this);
    for (const w of this.workers.values()) this.statusChanged(w);
    this.syncCorefileVolume();
  }

  /**
   * The coredns ConfigMap volume: the kubelet's periodic volume sync brings an edited Corefile to
   * the CoreDNS containers of this node, whose reload plugin logs that it reloaded. Containers
   * already running when the kubelet connects (a restored world) run with the Corefile of now.
   */
  private syncCorefileVolume(): void {
    if (!this.running || !this.client) return;
    let corefile: string | undefined;
    const now = this.clock.now();
    // After the first look at every container, only the CoreDNS ones the runtime listener noted.
    let candidates: (Container | undefined)[];
    if (this.corefileScanned) {
      candidates = [];
      for (const id of [...this.corefileAtStart.keys()]) {
        const c = this.runtime.containers.get(id);
        if (c) candidates.push(c);
        else this.corefileAtStart.delete(id);
      }
    } else candidates = [...this.runtime.containers.values()];
    this.corefileScanned = true;
    for (const c of candidates) {
      if (!c || c.state !== 'CONTAINER_RUNNING' || !c.imageRef.includes('/coredns/coredns:')) continue;
      corefile ??= this.corefile();
      const was = activeCorefile(this.runtime, c.id);
      if (was === corefile) continue;
      setActiveCorefile(this.runtime, c.id, corefile);
      if (!this.corefileAtStart.has(c.id)) this.corefileAtStart.set(c.id, sha512Hex(corefile));
      if (was !== undefined) for (const line of reloadLines(sha512Hex(corefile))) this.runtime.log(c.id, now, line);
    }
  }


  private disconnect(): void {
    this.lease = undefined;
    this.corefileScanned = false;
    this.informer?.stop();
    this.informer = undefined;
    this.nodeInformer?.stop();
    this.nodeInformer = undefined;
    this.client = undefined;
    this.unregister?.();
    this.unregister = undefined;
  }

  private scheduleHeartbeat(): void {
    this.heartbeat = this.clock.setTimeout(() => {
      if (!this.running) return;
      this.ticks++;
      this.apiChanged();
      if (this.client && !this.registered) this.registerNode();
      if (this.ticks % 2 === 0) this.syncStaticPods(true);
      if (this.ticks % COREFILE_SYNC_TICKS === 0) this.syncCorefileVolume();
      const ready = this.networkReady();
      const notReady = this.notReadyMessage(ready);
      if (ready !== this.lastNetworkReady) {
        this.lastNetworkReady = ready;
        this.networkJournal.update();
        if (ready) for (const w of this.workers.values()) w.networkBecameReady();
      }
      if (notReady !== this.lastNotReady || this.clock.now() - this.lastStatusAt >= STATUS_REPORT_MS) this.postNodeStatus(notReady);
      this.renewLease();
      this.scheduleHeartbeat();
    }, HEARTBEAT_MS);
  }

  /** Re-read the CNI directory now (a file was written there; manifests are watched: their changes come on their own). */
  poke(): void {
    if (!this.running) return;
    const ready = this.networkReady();
    if (ready !== this.lastNetworkReady) {
      this.lastNetworkReady = ready;
      this.networkJournal.update();
      if (ready) for (const w of this.workers.values()) w.networkBecameReady();
    }
    const notReady = this.notReadyMessage(ready);
    if (notReady !== this.lastNotReady) this.postNodeStatus(notReady);
  }

  networkReady(): boolean {
    return (this.cniFiles()?.length ?? 0) > 0;
  }

  /**
   * The CNI configuration files (undefined: no directory). Asked every heartbeat, by every pod
   * sync and every sandbox: the directory is read again only after some directory of the machine
   * changed its entries.
   */
  private cniFiles(): readonly string[] | undefined {
    const fs = this.opts.machine.rootFs;
    const generation = directoryEntriesGeneration();
    const seen = this.cniConfSeen;
    if (seen && seen.fs === fs.fs && seen.generation === generation) return seen.files;
    const files = cniConfigFiles(this.opts.machine);
    this.cniConfSeen = { fs: fs.fs, generation, files };
    return files;
  }

  private cniConfSeen: { fs: MemFs; generation: number; files: readonly string[] | undefined } | undefined;

  // ------------------------------------------------------------------ node and lease

  private registerNode(): void {
    const c = this.client!;
    this.podCidr = '';
    const r = c.create(NODES, undefined, this.withNodeLabels(nodeObject(this.facts())));
    // Refused (NodeRestriction: credentials of another node, labels it may not set): not registered; tried again every heartbeat.
    this.registered = r.code === 201 || r.code === 409;
    if (this.registered) this.opts.registered?.(this, r.code === 409);
    if (!this.registered) {
      const line = `"Unable to register node with API server" err=${goQuote((r.body as Status).message ?? '')} node=${goQuote(this.nodeName)}`;
      // Logged once the process runs (a starting kubelet's first attempt comes after systemd's "Started").
      this.clock.defer(() => this.journal([{ level: 'E', source: 'kubelet_node_status.go:107', text: line }]));
      return;
    }
    const got = r.code === 201 ? r : c.get(NODES, undefined, this.nodeName);
    const node = got.code === 200 || got.code === 201 ? ({ ...(got.body as KubeObject), kind: 'Node', apiVersion: 'v1' } as KubeObject) : undefined;
    if (node) {
      // What a starting kubelet reports about its node (kubectl describe node → Events).
      const n = this.nodeName;
      this.recorder?.event(node, 'Normal', 'Starting', 'Starting kubelet.');
      this.recorder?.event(node, 'Normal', 'NodeHasSufficientMemory', `Node ${n} status is now: NodeHasSufficientMemory`);
      this.recorder?.event(node, 'Normal', 'NodeHasNoDiskPressure', `Node ${n} status is now: NodeHasNoDiskPressure`);
      this.recorder?.event(node, 'Normal', 'NodeHasSufficientPID', `Node ${n} status is now: NodeHasSufficientPID`);
      this.recorder?.event(node, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    }
    this.postNodeStatus();
  }

  /** Whether the Node is registered (or was found registered) since the kubelet connected. */
  private registered = false;

  /** --node-labels go onto the Node the kubelet registers, over its default labels. */
  private withNodeLabels(node: KubeObject): KubeObject {
    const parsed = kubeletNodeLabels(this.opts.machine.rootFs);
    if ('labels' in parsed) node.metadata!.labels = { ...node.metadata!.labels, ...parsed.labels };
    return node;
  }

  /** Post the Node's status; `notReady`: the Ready message when the caller has just worked it out. */
  postNodeStatus(notReady = this.notReadyMessage()): void {
    const c = this.client;
    if (!c) return;
    // Only read: the update below spreads a new object over it.
    const r = c.get(NODES, undefined, this.nodeName, { readOnly: true });
    if (r.code !== 200) return;
    const node = r.body as KubeObject;
    const prev = ((status(node).conditions ?? []) as Condition[]) ?? this.lastConditions;
    const images = [...this.runtime.images.values()]
      .sort((a, b) => b.size - a.size)
      .slice(0, 50)
      .map((i) => ({ names: [`${i.ref.repository}@${i.digest}`, i.ref.full], sizeBytes: i.size }));
    const next = nodeStatus(this.facts(), notReady, this.clock.rfc3339(), prev, images);
    const u = c.updateStatus(NODES, undefined, { ...node, status: { ...status(node), ...next } });
    if (u.code === 200) {
      this.lastStatusAt = this.clock.now();
      this.lastNotReady = notReady;
      this.lastConditions = next.conditions as Condition[];
      const wasReady = prev.find((x) => x.type === 'Ready')?.status;
      const isReady = this.lastConditions.find((x) => x.type === 'Ready')?.status;
      if (wasReady !== isReady && wasReady !== undefined) this.recorder?.event(node, 'Normal', isReady === 'True' ? 'NodeReady' : 'NodeNotReady', `Node ${this.nodeName} status is now: ${isReady === 'True' ? 'NodeReady' : 'NodeNotReady'}`);
    }
  }

  private lease?: KubeObject;

  /** Renew the node Lease (the kubelet keeps the last one it wrote, as client-go's lease controller does). */
  private renewLease(): void {
    const c = this.client;
    if (!c) return;
    const now = new Date(this.clock.now()).toISOString().replace('Z', '000Z');
    // The kubelet keeps the lease it gets back unchanged (each renewal spreads a new one from it).
    const renew = (lease: KubeObject) =>
      c.update(LEASES, 'kube-node-lease', { ...lease, spec: { ...spec(lease), holderIdentity: this.nodeName, leaseDurationSeconds: 40, renewTime: now } }, {}, { readOnly: true });
    if (this.lease) {
      const r = renew(this.lease);
      if (r.code === 200) {
        this.lease = r.body as KubeObject;
        return;
      }
      this.lease = undefined;
    }
    const existing = c.get(LEASES, 'kube-node-lease', this.nodeName);
    if (existing.code === 200) {
      const r = renew(existing.body as KubeObject);
      if (r.code === 200) this.lease = r.body as KubeObject;
      return;
    }
    const node = c.get(NODES, undefined, this.nodeName);
    const owner = node.code === 200 ? [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: (node.body as KubeObject).metadata!.uid! }] : undefined;
    const r = c.create(LEASES, 'kube-node-lease', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.nodeName, namespace: 'kube-node-lease', ...(owner ? { ownerReferences: owner } : {}) },
      spec: { holderIdentity: this.nodeName, leaseDurationSeconds: 40, renewTime: now },
    });
    if (r.code === 201) this.lease = r.body as KubeObject;
  }

  // ------------------------------------------------------------------ static pods

  /** `listing`: the file source's own listing (at start, then every 20 s), which logs what it skips. */
  private syncStaticPods(listing = false): void {
    // The directory of its config's staticPodPath, read at start; without one, no static pods.
    const journal = this.fileSource?.list();
    if (listing && journal?.length) this.journal(journal);
    this.applyStaticPods();
  }

  /** inotify_add_watch on the manifest directory, when it exists (else once it appears). */
  private watchManifests(): void {
    if (!this.fileSource || this.unwatchManifests) return;
    try {
      this.unwatchManifests = this.opts.machine.rootFs.watchDirectory(this.fileSource.dir, (e) => {
        // inotify merges an event with the last one still unread when they are the same (the
        // truncate and the write of `echo … > file` are one IN_MODIFY by the time it is read)
        const last = this.manifestEvents[this.manifestEvents.length - 1];
        if (last && last.op === e.op && last.name === e.name) return;
        this.manifestEvents.push(e);
        this.manifestDrain ??= this.clock.defer(() => this.consumeManifestEvents());
      });
    } catch {
      // not there (yet): the path watch says so every second and calls back when it appears
    }
  }

  private manifestDirAppeared(): void {
    this.watchManifests();
    this.syncStaticPods();
  }

  /** The file source's select loop: each event changes the store, and the kubelet's pods follow at once. */
  private consumeManifestEvents(): void {
    this.manifestDrain = undefined;
    const events = this.manifestEvents;
    this.manifestEvents = [];
    for (const e of events) {
      if (!this.running || !this.fileSource) return;
      const r = this.fileSource.consume(e);
      if (r.journal) this.journal([r.journal]);
      if (r.changed) this.applyStaticPods();
    }
  }

  /** The kubelet's pods from the file source follow its store: new ones start, gone ones are killed. */
  private applyStaticPods(): void {
    const found = this.fileSource?.pods() ?? [];
    const seen = new Set<string>();
    for (const sp of found) {
      seen.add(sp.hash);
      if (this.statics.has(sp.hash)) continue;
      this.statics.set(sp.hash, sp);
      const w = this.workerFor(sp.pod, true);
      w.start();
      this.ensureMirror(sp);
    }
    for (const [hash, sp] of [...this.statics]) {
      if (seen.has(hash)) continue;
      this.statics.delete(hash);
      const w = this.workers.get(hash);
      w?.terminate(Number(spec(sp.pod).terminationGracePeriodSeconds ?? 30));
      this.deleteMirror(sp);
    }
  }

  /**
   * At start, the static pods still running that its file source no longer lists (their manifest
   * changed or went away while it was stopped, or its staticPodPath names another directory) are
   * unwanted pods: HandlePodCleanups kills them. A static pod's UID is its config hash (32 hex
   * digits), never an API pod's UUID.
   */
  private killOrphanedStaticPods(): void {
    const now = this.clock.now();
    for (const sb of [...this.runtime.sandboxes.values()]) {
      if (sb.state !== 'SANDBOX_READY' || !/^[0-9a-f]{32}$/.test(sb.podUid) || this.statics.has(sb.podUid)) continue;
      for (const c of this.runtime.containersOf(sb.podUid)) if (c.state === 'CONTAINER_RUNNING') this.runtime.finish(c.id, 0, 'Completed', now);
      this.runtime.stopSandbox(sb.id, now);
    }
  }

  private mirrorOf(sp: StaticPod): KubeObject | undefined {
    return this.informer?.getByName(sp.pod.metadata!.namespace, sp.pod.metadata!.name!);
  }

  private ensureMirror(sp: StaticPod): void {
    const c = this.client;
    if (!c || !this.informer) return;
    const existing = this.mirrorOf(sp);
    if (existing && existing.metadata?.annotations?.[MIRROR] === sp.hash) return;
    if (existing) c.delete(PODS, existing.metadata!.namespace, existing.metadata!.name!, { gracePeriodSeconds: '0' });
    const node = c.get(NODES, undefined, this.nodeName);
    const mirror: KubeObject = JSON.parse(JSON.stringify(sp.pod));
    delete mirror.metadata!.uid;
    // (the hash first, then the mirror annotation, as the kubelet's copy lists them)
    mirror.metadata!.annotations = { ...(mirror.metadata!.annotations ?? {}), 'kubernetes.io/config.hash': sp.hash, [MIRROR]: sp.hash, ...fileSourceAnnotations(sp.hash, this.clock.now()) };
    if (node.code === 200) mirror.metadata!.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: (node.body as KubeObject).metadata!.uid!, controller: true }];
    const r = c.create(PODS, mirror.metadata!.namespace, mirror);
    // Refused (NodeRestriction: a static pod that names a service account, secret or configmap): it runs without a mirror.
    if (r.code >= 300 && r.code !== 409) {
      const line = `"Failed creating a mirror pod" err=${goQuote((r.body as Status).message ?? '')} pod=${goQuote(`${mirror.metadata!.namespace}/${mirror.metadata!.name}`)}`;
      this.clock.defer(() => this.journal([{ level: 'E', source: 'kubelet.go:3311', text: line }]));
    }
  }

  private deleteMirror(sp: StaticPod): void {
    const m = this.mirrorOf(sp);
    if (m && this.client) this.client.delete(PODS, m.metadata!.namespace, m.metadata!.name!, { gracePeriodSeconds: '0' });
  }

  // ------------------------------------------------------------------ API pods

  private workerFor(pod: KubeObject, isStatic: boolean): PodWorker {
    const uid = pod.metadata!.uid!;
    let w = this.workers.get(uid);
    if (!w) {
      w = new PodWorker(this, pod, isStatic);
      if (!isStatic) w.adoptStatus(status(pod));
      w.adopt();
      this.workers.set(uid, w);
    }
    return w;
  }

  private podSeen(pod: KubeObject): void {
    // The sync loop does not run while the runtime does not answer: it sees every pod when it does.
    if (!this.runtimeStatus.reachable) return;
    const hash = pod.metadata?.annotations?.[MIRROR];
    if (hash !== undefined) {
      const sp = this.statics.get(hash);
      if (!sp) {
        // A mirror without a static pod (its manifest is gone): remove it.
        this.client?.delete(PODS, pod.metadata!.namespace, pod.metadata!.name!, { gracePeriodSeconds: '0' });
        return;
      }
      if (pod.metadata?.deletionTimestamp) this.client?.delete(PODS, pod.metadata!.namespace, pod.metadata!.name!, { gracePeriodSeconds: '0' });
      const w = this.workers.get(hash);
      if (w) this.statusChanged(w);
      return;
    }
    const phase = status(pod).phase;
    let w = this.workers.get(pod.metadata!.uid!);
    if (!w && (phase === 'Succeeded' || phase === 'Failed')) return;
    if (!w && !pod.metadata?.deletionTimestamp) {
      const rejection = this.admit(pod);
      if (rejection) {
        this.reject(pod, rejection.reason, rejection.message);
        return;
      }
    }
    w ??= this.workerFor(pod, false);
    w.pod = pod;
    if (!pod.metadata?.deletionTimestamp) w.updateContainers(pod);
    if (pod.metadata?.deletionTimestamp) w.terminate(Number(pod.metadata.deletionGracePeriodSeconds ?? spec(pod).terminationGracePeriodSeconds ?? 30));
    else w.start();
  }

  /** The kubelet's predicate admission (admission.ts), against the pods it runs and its Node as the API has it. */
  private admit(pod: KubeObject): AdmissionFailure | undefined {
    const others: KubeObject[] = [];
    for (const w of this.workers.values()) if (!w.done && !w.terminating) others.push(w.pod);
    const alloc = allocatableOf(this.opts.machine, this.maxPods);
    const capacity = { cpu: parseQuantity(alloc.cpu), memory: parseQuantity(alloc.memory), ephemeral: parseQuantity(alloc['ephemeral-storage']), pods: this.maxPods };
    return admissionFailure(pod, others, capacity, this.nodeFromCache());
  }

  /**
   * rejectPod (kubelet.go): a Warning event with the reason and message, and a status of only the
   * QoS class, phase Failed, the reason and "Pod was rejected: " + message. The status manager adds
   * the start time and drops the conditions the kubelet owns (PodScheduled among them: mergePodStatus).
   */
  private reject(pod: KubeObject, reason: string, message: string): void {
    if (status(pod).phase === 'Failed') return;
    this.recorder?.event({ ...pod, kind: 'Pod', apiVersion: 'v1' }, 'Warning', reason, message);
    const old = status(pod);
    const kept = ((old.conditions ?? []) as Obj[]).filter((c) => !KUBELET_CONDITIONS.has(String(c.type)));
    const next: Obj = { ...(kept.length ? { conditions: kept } : {}), message: `Pod was rejected: ${message}`, phase: 'Failed', reason, startTime: old.startTime ?? this.clock.rfc3339() };
    if (old.qosClass) next.qosClass = old.qosClass;
    this.client?.updateStatus(PODS, pod.metadata!.namespace, { ...pod, status: next });
  }

  private podGone(pod: KubeObject): void {
    if (!this.runtimeStatus.reachable) return;
    const hash = pod.metadata?.annotations?.[MIRROR];
    if (hash !== undefined) {
      // Someone deleted a mirror pod: the kubelet recreates it while the manifest exists.
      const sp = this.statics.get(hash);
      if (sp) this.clock.defer(() => this.ensureMirror(sp));
      return;
    }
    const w = this.workers.get(pod.metadata!.uid!);
    if (!w) return;
    (w as PodWorker & { apiGone?: boolean }).apiGone = true;
    if (w.done) this.workers.delete(w.uid);
    else w.terminate(0, false);
  }

  // ------------------------------------------------------------------ WorkerHost

  /** The cgroup driver of the kubelet's configuration when it started (containerd 1.7 cannot tell it one). */
  private cgroupDriver: CgroupDriver = 'systemd';
  /** `<name>://` of container IDs and the node's containerRuntimeVersion (WorkerHost.runtimeName). */
  runtimeName = 'containerd';
  private runtimeVersion = '';
  /** Read from its flags and config when it starts. */
  private maxPods = DEFAULT_MAX_PODS;

  sandboxError(pod: KubeObject): string | undefined {
    return sandboxRefusal(this.opts.machine, this.cgroupDriver, pod, this.clock.now());
  }

  journal(lines: KubeletLogLine[]): void {
    writeKubeletJournal(this.opts.machine, this.clock.now(), lines);
  }

  allocateIP(uid: string): string | undefined {
    // With Calico's CNI config first in /etc/cni/net.d, calico-ipam hands out the node's pool block.
    const client = this.client;
    // Until calico-node runs (no pool, no block yet) the plugin fails and the sandbox is retried.
    if (client && cniKindOf(this.cniFiles()) === 'calico') {
      const user = calicoCniUser(this.opts.machine);
      const block = calicoBlockFor((req) => client.transport.request({ ...req, user }), this.nodeName);
      return block ? this.ipam.allocate(uid, block) : undefined;
    }
    const cidr = client ? this.nodePodCidr() : this.ipam.lastCidr;
    if (!cidr) return undefined;
    return this.ipam.allocate(uid, cidr);
  }

  /**
   * The podCIDR of this kubelet's Node. Once set it never changes (the API refuses), so it is
   * read until known and then kept, until the kubelet registers its Node again (a Node deleted
   * and registered anew may get another range).
   */
  private podCidr = '';

  private nodePodCidr(): string {
    if (!this.podCidr) {
      const node = this.nodeFromCache();
      this.podCidr = node ? String(spec(node).podCIDR ?? '') : '';
    }
    return this.podCidr;
  }

  /** The node lister's Node: admission and the pod CIDR read it there, not with a request each. */
  private nodeFromCache(): KubeObject | undefined {
    return this.nodeInformer?.getByName('', this.nodeName);
  }

  releaseIP(uid: string): void {
    this.ipam.release(uid);
  }

  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    if (!this.recorder) return;
    // A static pod's events name the pod the kubelet runs (its UID is the manifest's hash), not its
    // mirror in the API: `kubectl describe` of the mirror pod searches them by its config.mirror UID.
    const target = this.workers.get(pod.metadata?.uid ?? '')?.isStatic ? pod : (this.apiPodFor(pod) ?? pod);
    // The recorder reads only the reference (kind, apiVersion, metadata): no copy of the whole pod.
    this.recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: target.metadata }, type, reason, message, fieldPath);
  }

  /** The API object of a worker's pod (the mirror pod for a static pod). */
  private apiPodFor(pod: KubeObject): KubeObject | undefined {
    return this.informer?.getByName(pod.metadata?.namespace, pod.metadata!.name!);
  }

  statusChanged(worker: PodWorker): void {
    this.dirty.add(worker);
    if (!this.flushHandle) this.flushHandle = this.clock.defer(() => this.flushStatuses());
  }

  private flushStatuses(): void {
    this.flushHandle = undefined;
    const c = this.client;
    if (!c) return;
    const batch = [...this.dirty];
    this.dirty.clear();
    for (const w of batch) {
      if (w.done && (w as PodWorker & { apiGone?: boolean }).apiGone) continue;
      const apiPod = this.apiPodFor(w.pod);
      if (!apiPod) continue;
      if (!w.isStatic && apiPod.metadata?.uid !== w.uid) continue;
      const next = { ...w.buildStatus() };
      if (status(apiPod).qosClass && !next.qosClass) next.qosClass = status(apiPod).qosClass;
      if (sameCanonical(next, status(apiPod))) continue;
      const r = c.updateStatus(PODS, apiPod.metadata!.namespace, { ...apiPod, status: next });
      if (r.code === 409) this.statusChanged(w);
    }
  }

  terminated(worker: PodWorker): void {
    this.statusChanged(worker);
    if (worker.isStatic) {
      this.workers.delete(worker.uid);
      return;
    }
    if ((worker as PodWorker & { apiGone?: boolean }).apiGone) {
      this.workers.delete(worker.uid);
      return;
    }
    // Graceful deletion finished: the kubelet removes the pod for good.
    this.clock.defer(() => {
      this.flushStatuses();
      const c = this.client;
      if (!c) return;
      const p = worker.pod;
      c.request({ verb: 'delete', ...PODS, namespace: p.metadata!.namespace, name: p.metadata!.name, query: { gracePeriodSeconds: '0' }, body: { preconditions: { uid: worker.uid } } });
    });
  }

  setUpVolumes(pod: KubeObject): string | undefined {
    return setUpVolumes(this.client, pod, this.opts.machine);
  }

  resolveEnv(pod: KubeObject, container: Obj, podIP?: string): Record<string, string> | string {
    const machine = this.opts.machine;
    return resolveEnv(this.client, pod, container, this.nodeIP, podIP, () => allocatableOf(machine, this.maxPods));
  }

  // ------------------------------------------------------------------ logs

  /** `kubectl logs`: the container's output so far (or of its previous instance). */
  logs(pod: KubeObject, container: string, query: Record<string, string | undefined>): string | Status {
    return containerOutput(this.logSource(), pod, container, query);
  }

  /** `crictl logs <id>`: what the program of a container instance (current or previous) printed, by runtime id. */
  containerLogs(containerId: string): LogLine[] | undefined {
    return outputByContainerId(this.logSource(), containerId);
  }

  private logSource(): LogSource {
    return {
      now: this.clock.now(),
      workers: this.workers,
      resolveEnv: (pod, container, podIP) => this.resolveEnv(pod, container, podIP),
      runtimeLines: (containerId) => this.runtime.containers.get(containerId)?.logs,
      corefileSha: (containerId) => (containerId && this.corefileAtStart.get(containerId)) || sha512Hex(this.corefile()),
      scrapeTargets: () => this.scrapeTargets(),
    };
  }

  /** The Corefile CoreDNS runs with (the coredns ConfigMap in kube-system). */
  private corefile(): string {
    const r = this.client?.get({ group: '', version: 'v1', resource: 'configmaps' }, 'kube-system', 'coredns');
    return r && r.code === 200 ? String(((r.body as KubeObject).data as Record<string, string> | undefined)?.Corefile ?? '') : '';
  }

  /** The nodes and InternalIPs a cluster-wide scraper (metrics-server) reaches. */
  private scrapeTargets(): ScrapeTarget[] {
    const r = this.client?.list({ group: '', version: 'v1', resource: 'nodes' });
    const items = r && r.code === 200 ? ((r.body as { items?: KubeObject[] }).items ?? []) : [];
    return items.map((n) => ({
      ready: (((n.status as Obj)?.conditions as Obj[] | undefined) ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
      name: n.metadata!.name!,
      ip: String(((n.status as Obj)?.addresses as Obj[] | undefined)?.find((a) => a.type === 'InternalIP')?.address ?? ''),
    }));
  }

  /**
   * What a container's own command reaches (`kubectl run t --image=busybox -- wget -qO- web`, a
   * command that cats its configMap volume): the network tools, from the Pod, when the command
   * reaches them, as under `kubectl exec`; and the files its image and volumes give it.
   */
  containerTools(pod: KubeObject, container: Obj, env: Record<string, string>): ContainerTools {
    const context = (): ExecContext => ({ pod, container, env, ...this.volumeLookup(pod), machine: this.opts.machine, network: this.opts.network?.(), now: this.clock.now(), clock: this.clock });
    let files: Map<string, string> | undefined;
    return {
      network: (argv, written) => {
        const ctx = context();
        if (!ctx.network) return undefined;
        return networkTool(ctx, written)(argv);
      },
      readFile: (path) => (files ??= containerFiles(context())).get(path.replace(/\/+$/, '')),
      environment: processEnvironment({ hostname: podHostname(context()), kubeletEnv: env, tty: container.tty === true, home: '/root' }),
    };
  }

  /** Live main processes by container id: stopping the container stops its run. */
  private readonly mainProcesses = new Map<string, AbortController>();

  /** A container's command run for real as its PID 1 (main-process.ts): its lines into the runtime's log, its end the container's exit. */
  startMainProcess(pod: KubeObject, podIP: string | undefined, container: Obj, env: Record<string, string>, containerId: string, argv: string[]): void {
    const stop = new AbortController();
    this.mainProcesses.set(containerId, stop);
    // The sandbox has its IP before the Pod's status says so: /etc/hosts and the interfaces show it already.
    const withIP = podIP ? { ...pod, status: { ...(pod.status as Obj), podIP, podIPs: [{ ip: podIP }] } } : pod;
    const ctx: ExecContext = { pod: withIP, container, env, ...this.volumeLookup(pod), machine: this.opts.machine, network: this.opts.network?.(), now: this.clock.now(), clock: this.clock.passive(), containerId };
    const ended = this.clock.backgroundStarted();
    void runMainProcess(ctx, argv, {
      log: (line, stream) => this.runtime.log(containerId, this.clock.now(), line, stream),
      exit: (code) => {
        ended();
        this.mainProcesses.delete(containerId);
        this.runtime.finish(containerId, code, code === 0 ? 'Completed' : 'Error', this.clock.now());
      },
    }, stop.signal).finally(ended);
  }

  /** configMap and secret data for a pod's volumes, and when each was last written (api-data.ts). */
  private volumeLookup(pod: KubeObject): Pick<ExecContext, 'lookup' | 'lookupChangedAt'> {
    return apiDataLookup(this.client, pod.metadata!.namespace);
  }

  /**
   * `kubectl exec`: run a command in a running container. With `attach` (`kubectl attach`, `run -it`,
   * `debug -it`), talk to the container's own shell instead: when it exits, so does the container.
   */
  exec(pod: KubeObject, container: string, command: string[], io: { attach?: boolean } = {}): { stdout: string; stderr: string; exitCode: number } | Status {
    const hash = pod.metadata?.annotations?.[MIRROR];
    const w = this.workers.get(hash ?? pod.metadata!.uid!);
    const cs = w?.container(container);
    if (!w || !cs || cs.phase !== 'running') return errors.badRequest(`unable to upgrade connection: container not found ("${container}")`);
    // The process joins the container's environment: the one it was created with.
    const env = cs.env ?? this.resolveEnv(pod, cs.spec, w.podIP);
    const lookups = this.volumeLookup(pod);
    const argv = io.attach ? (stdinShellOf(cs.spec) ?? ['sh']) : command;
    const writtenFiles = () => filesSeenBy(w, cs, this.clock.now(), (line, at) => expandProcessLine(line, at, pod.metadata!.name!));
    const r = runExec(argv, { pod, container: cs.spec, env: typeof env === 'string' ? {} : env, ...lookups, machine: this.opts.machine, network: this.opts.network?.(), now: this.clock.now(), clock: this.clock, containerId: cs.containerId, writtenFiles });
    if ('notFound' in r)
      return errors.internal(
        `error executing command in container: failed to exec in container: failed to start exec "${cs.containerId ?? ''}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${r.notFound}": executable file not found in $PATH: unknown`,
      );
    if (!io.attach || !cs.containerId) return r;
    const id = cs.containerId;
    const run = r.run;
    r.run = async (streams) => {
      const status = await run(streams);
      this.runtime.finish(id, status, status === 0 ? 'Completed' : 'Error', this.clock.now());
      return status;
    };
    return r;
  }

  /** The pods this kubelet runs (for tools such as crictl and tests). */
  get podWorkers(): PodWorker[] {
    return [...this.workers.values()];
  }

  key(pod: KubeObject): string {
    return keyOf(pod);
  }
}
