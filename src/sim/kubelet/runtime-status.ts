/**
 * The kubelet's view of its container runtime while containerd (or, on a minikube node,
 * cri-dockerd: the socket named by src/sim/kubelet/cri-endpoint.ts) is stopped, as a v1.33 kubelet has
 * it (pkg/kubelet/runtime.go runtimeState, kubelet.go updateRuntimeUp and syncLoop, the generic
 * PLEG) and logs it through klog and the CRI client:
 *
 * - every 5 s (wait.Until(kl.updateRuntimeUp, 5s)) the Status call fails: `log.go:32] "Status from
 *   runtime service failed"` (cri-client v0.33's error helper, pkg/internal/log.go) and
 *   `kubelet.go:3102] "Container runtime sanity check failed"`; the last successful one stays the
 *   runtime's last sync;
 * - every second the PLEG's relist fails: `log.go:32] "ListPodSandbox with filter from runtime
 *   service failed" … filter="nil"` and `generic.go:256] "GenericPLEG: Unable to retrieve pods"`
 *   (between them the real kubelet also logs kuberuntime_sandbox.go's "Failed to list pod
 *   sandboxes", whose v1.33 line is not known here: left out);
 * - gRPC reconnects with the CRI client's back-off (100 ms × 1.6, at most 3 s), each failed dial a
 *   `logging.go:55] [core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed …` warning;
 * - once the last sync is 30 s old (maxWaitForContainerRuntime) runtimeErrors() holds "container
 *   runtime is down", and 3 minutes after the last good relist "PLEG is not healthy: pleg was last
 *   seen active 3m0.5s ago; threshold is 3m0s": the Ready condition turns False with them
 *   (KubeletNotReady) and the sync loop logs `kubelet.go:2459] "Skipping pod synchronization"`
 *   with a back-off of 100 ms doubling up to 5 s.
 * Behind a socket that answers while its backend does not (cri-dockerd with dockerd and
 * docker.socket stopped: cri-endpoint.ts backendFailure) no dial fails: each Status call and relist
 * fails with the runtime's own error instead, Status only once the runtime's cached answer is too old.
 * Meanwhile no pod is started, restarted or stopped (containers already running keep running: their
 * shims outlive containerd). When containerd answers again, the next dial connects, the next relist
 * and Status call succeed and the lines stop (nothing is logged at the default verbosity); pods sync
 * again. The eviction manager's, image and container GC's and log rotation's failures are not
 * modelled.
 */
import type { SimClock, TimerHandle } from '../clock';
import { goDuration } from './duration';
import { goQuote, type KubeletLogLine } from './journal';
import { aggregate } from '../go-errors';
import type { BackendFailure } from './cri-endpoint';

/** kubelet.go maxWaitForContainerRuntime: how old the last good Status may be. */
const RUNTIME_SYNC_THRESHOLD_MS = 30_000;
const RUNTIME_CHECK_MS = 5_000;
const RELIST_MS = 1_000;
/** The generic PLEG's relist threshold. */
const PLEG_THRESHOLD_MS = 3 * 60_000;
const SYNC_BACKOFF_BASE_MS = 100;
const SYNC_BACKOFF_MAX_MS = 5_000;
const DIAL_BACKOFF_BASE_MS = 100;
const DIAL_BACKOFF_MAX_MS = 3_000;

const CONTAINERD_SOCKET = '/var/run/containerd/containerd.sock';
const dialError = (socket: string) => `connection error: desc = "transport: Error while dialing: dial unix ${socket}: connect: no such file or directory"`;
const rpcError = (socket: string) => `rpc error: code = Unavailable desc = ${dialError(socket)}`;

export interface RuntimeStatusHost {
  clock: SimClock;
  /** Does the runtime answer on its socket now (containerd's or cri-dockerd's unit is active)? */
  serving(): boolean;
  /** The socket the kubelet dials (src/sim/kubelet/cri-endpoint.ts); containerd's when not given. */
  socketPath?(): string;
  /** Why calls fail though the socket answers (cri-dockerd without dockerd), or undefined. */
  backendFailure?(): BackendFailure | undefined;
  journal(lines: KubeletLogLine[]): void;
  /** The runtime answers again: what waited for it may go on. */
  resumed(): void;
}

export class RuntimeStatus {
  /** The phase of the kubelet's loops: when its process started. */
  private origin = 0;
  private lastSync = 0;
  private lastRelist = 0;
  /** Since when the socket is gone (undefined: containerd answers). */
  private downSince?: number;
  /** When the gRPC connection is back (containerd answers again), until the first good Status call. */
  private connectedAt?: number;
  private timers: TimerHandle[] = [];
  private syncBackoffMs = SYNC_BACKOFF_BASE_MS;
  private dialBackoffMs = DIAL_BACKOFF_BASE_MS;
  /**
   * The outage is behind a socket that answers (cri-dockerd without dockerd): no dial fails, each
   * call fails with the runtime's own error, and Status answers from its cache for a while.
   */
  private backend = false;

  constructor(private readonly host: RuntimeStatusHost) {}

  /**
   * The kubelet process starts (it does only with containerd answering: systemd's start checks;
   * a restored world asks check() itself, its units being as they were).
   */
  start(): void {
    this.stop();
    this.origin = this.lastSync = this.lastRelist = this.host.clock.now();
  }

  stop(): void {
    for (const t of this.timers) this.host.clock.clearTimeout(t);
    this.timers = [];
    this.downSince = this.connectedAt = undefined;
    this.backend = false;
  }

  /** Can the kubelet work with the runtime now? False from the moment the socket is gone until the runtime is up again. */
  get reachable(): boolean {
    return this.downSince === undefined;
  }

  /** containerd's unit started or stopped. Its coming back is found by gRPC's next dial. */
  check(): void {
    const serving = this.host.serving();
    if (serving && !this.host.backendFailure?.()) return;
    if (this.downSince === undefined) return this.beginOutage();
    if (this.backend) {
      // The socket itself went too: from now on the dial fails.
      if (!serving) {
        this.backend = false;
        this.connectedAt = undefined;
        this.dialBackoffMs = DIAL_BACKOFF_BASE_MS;
        this.at(this.host.clock.now() + this.dialBackoffMs, () => this.dial());
      }
      return;
    }
    // Stopped again before the kubelet's next Status call: the connection is gone again.
    if (this.connectedAt !== undefined) {
      this.connectedAt = undefined;
      this.dialBackoffMs = DIAL_BACKOFF_BASE_MS;
      this.at(this.host.clock.now() + this.dialBackoffMs, () => this.dial());
    }
  }

  /** runtimeErrors() now: what keeps the node NotReady and the sync loop skipping. */
  errors(now = this.host.clock.now()): string[] {
    const errs: string[] = [];
    // While containerd answers, every Status call and relist succeeds: nothing is stale.
    if (this.downSince === undefined) return errs;
    if (now - this.lastSync >= RUNTIME_SYNC_THRESHOLD_MS) errs.push('container runtime is down');
    const relistAge = now - this.lastRelist;
    if (relistAge > PLEG_THRESHOLD_MS) errs.push(`PLEG is not healthy: pleg was last seen active ${goDuration(relistAge)} ago; threshold is ${goDuration(PLEG_THRESHOLD_MS)}`);
    return errs;
  }

  private get socket(): string {
    return this.host.socketPath?.() ?? CONTAINERD_SOCKET;
  }

  private at(ms: number, fn: () => void): void {
    const t = this.host.clock.setTimeout(() => {
      this.timers = this.timers.filter((x) => x !== t);
      fn();
    }, Math.max(0, ms - this.host.clock.now()));
    this.timers.push(t);
  }

  /** The next tick of a loop of `period` started with the process, after `now`. */
  private nextTick(period: number, now: number): number {
    return this.origin + (Math.floor((now - this.origin) / period) + 1) * period;
  }

  private beginOutage(): void {
    const now = this.host.clock.now();
    this.downSince = now;
    // The last good Status call and relist are the last ticks of their loops before the socket went.
    this.lastSync = Math.max(this.lastSync, this.nextTick(RUNTIME_CHECK_MS, now) - RUNTIME_CHECK_MS);
    this.lastRelist = Math.max(this.lastRelist, this.nextTick(RELIST_MS, now) - RELIST_MS);
    this.syncBackoffMs = SYNC_BACKOFF_BASE_MS;
    this.dialBackoffMs = DIAL_BACKOFF_BASE_MS;
    this.backend = this.host.serving();
    this.at(this.nextTick(RUNTIME_CHECK_MS, now), () => this.statusCheck());
    this.at(this.nextTick(RELIST_MS, now), () => this.relist());
    if (!this.backend) this.at(now + this.dialBackoffMs, () => this.dial());
    this.at(this.lastSync + RUNTIME_SYNC_THRESHOLD_MS, () => this.syncLoop());
  }

  /** Does a call succeed now? Behind an answering socket: once the backend is back. */
  private get connected(): boolean {
    if (this.backend) return this.host.serving() && !this.host.backendFailure?.();
    return this.connectedAt !== undefined && this.connectedAt <= this.host.clock.now();
  }

  /** The error a failed call gets: the dial's, or the backend's (Status's or ListPodSandbox's). */
  private callError(call: 'status' | 'list'): string {
    const failure = this.backend ? this.host.backendFailure?.() : undefined;
    return failure ? failure[call] : rpcError(this.socket);
  }

  private statusCheck(): void {
    const now = this.host.clock.now();
    if (this.connected) {
      this.lastSync = now;
      this.end();
      return;
    }
    const cachedUntil = this.backend ? this.host.backendFailure?.()?.statusAnswersUntil(this.origin, RUNTIME_CHECK_MS, this.downSince ?? now) : undefined;
    if (cachedUntil !== undefined && now < cachedUntil) {
      // Answered from the runtime's cache: a good sync, the runtime looks up.
      this.lastSync = now;
      this.at(now + RUNTIME_CHECK_MS, () => this.statusCheck());
      return;
    }
    const err = goQuote(this.callError('status'));
    this.host.journal([
      { level: 'E', source: 'log.go:32', text: `"Status from runtime service failed" err=${err}` },
      { level: 'E', source: 'kubelet.go:3102', text: `"Container runtime sanity check failed" err=${err}` },
    ]);
    this.at(now + RUNTIME_CHECK_MS, () => this.statusCheck());
  }

  private relist(): void {
    const now = this.host.clock.now();
    if (this.connected) {
      this.lastRelist = now;
      return;
    }
    const err = goQuote(this.callError('list'));
    this.host.journal([
      { level: 'E', source: 'log.go:32', text: `"ListPodSandbox with filter from runtime service failed" err=${err} filter="nil"` },
      { level: 'E', source: 'generic.go:256', text: `"GenericPLEG: Unable to retrieve pods" err=${err}` },
    ]);
    this.at(now + RELIST_MS, () => this.relist());
  }

  /** gRPC's reconnect attempts: each failure a warning, then a longer wait (at most 3 s). */
  private dial(): void {
    const now = this.host.clock.now();
    if (this.host.serving()) {
      this.connectedAt = now;
      return;
    }
    this.host.journal([
      {
        level: 'W',
        source: 'logging.go:55',
        text: `[core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed to connect to {Addr: "${this.socket}", ServerName: "localhost", }. Err: ${dialError(this.socket)}`,
      },
    ]);
    this.dialBackoffMs = Math.min(DIAL_BACKOFF_MAX_MS, Math.round(this.dialBackoffMs * 1.6));
    this.at(now + this.dialBackoffMs, () => this.dial());
  }

  /** The sync loop, once runtimeErrors() holds something: it skips with a back-off. */
  private syncLoop(): void {
    const now = this.host.clock.now();
    const errs = this.errors(now);
    if (!errs.length) {
      // Status still answered (from a cache) since: look again when that answer is too old.
      if (this.downSince !== undefined) this.at(this.lastSync + RUNTIME_SYNC_THRESHOLD_MS, () => this.syncLoop());
      return;
    }
    this.host.journal([{ level: 'E', source: 'kubelet.go:2459', text: `"Skipping pod synchronization" err=${goQuote(aggregate(errs))}` }]);
    this.at(now + this.syncBackoffMs, () => this.syncLoop());
    this.syncBackoffMs = Math.min(SYNC_BACKOFF_MAX_MS, this.syncBackoffMs * 2);
  }

  /** The first good Status call after the outage: the loops stop failing, the kubelet goes on. */
  private end(): void {
    this.stop();
    // The relist of the same second succeeds too.
    this.lastRelist = this.host.clock.now();
    this.host.resumed();
  }
}
