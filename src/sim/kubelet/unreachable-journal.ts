/**
 * What a v1.33 kubelet writes to its journal while it cannot reach the API server (the apiserver
 * manifest moved away, etcd down, a wrong address or port in kubelet.conf, or a control plane that
 * was reset and initialised again with a new CA). The lines and their timing follow the sources:
 *
 * - pkg/kubelet/kubelet_node_status.go. syncNodeStatus runs every nodeStatusUpdateFrequency (10 s,
 *   wait.JitterUntil, sliding). A kubelet that has not registered its Node in this process first loops
 *   in registerWithAPIServer: it sleeps 100 ms doubling up to 7 s, then logs `"Attempting to register
 *   node"` (:75) and, when the POST fails, `"Unable to register node with API server"` (:107).
 *   Once registered, updateNodeStatus tries nodeStatusUpdateRetry (5) times; each failure is
 *   `"Error updating node status, will retry" err="error getting node \"<node>\": <GET error>"`, the
 *   first GET with resourceVersion=0 (served from the API server's cache), then
 *   `"Unable to update node status" err="update node status exceeds retry count"`.
 *   Line numbers: :75 and :107 from v1.33 journals (their reflector lines carry v0.33's
 *   reflector.go:200); :548 and :535 from a v1.32.11 journal, the closest release found (not pinned
 *   for v1.33).
 * - k8s.io/component-helpers/apimachinery/lease/controller.go (v0.33.4, read): sync runs every
 *   renewInterval (10 s). With a lease from before, retryUpdateLease tries 5 PUTs (`"Failed to update
 *   lease"`, :195), then logs at info `"failed to update lease using latest lease, fallback to ensure
 *   lease"` (:115); backoffEnsureLease then GETs until it succeeds, logging `"Failed to ensure lease
 *   exists, will retry"` (:145) with interval 200 ms doubling, capped at 7 s.
 * - k8s.io/client-go/tools/cache/reflector.go (v0.33.4, read). A watch that fails with "connection
 *   refused" is retried quietly (isWatchErrorRetriable, logged at V(4) only), so a kubelet that was
 *   connected logs no reflector line when the API server goes away; another failure (x509 from a
 *   re-initialised control plane) ends ListAndWatch with the watch's error (`Get "…&watch=true"`,
 *   its timeoutSeconds 5 to 10 minutes; the kubelet's pod ListWatch, a bare REST client, sends no
 *   `timeout`), then the reflector LISTs from its last resource version. A reflector that has never listed
 *   (the kubelet started while the API is unreachable) fails its LIST: DefaultWatchErrorHandler gives
 *   HandleErrorWithContext(`"Failed to watch"`, reflector.go:200, logger="UnhandledError") with
 *   `failed to list *v1.T: <GET error>`, then waits in its backoff manager (800 ms doubling, capped at
 *   30 s, jitter 1.0: each wait is d to 2d). The kubelet's informers: Services without headless ones,
 *   its own Node, CSIDrivers and RuntimeClasses (informers/factory.go:160). Its pod reflector
 *   (pkg/kubelet/config/apiserver.go) waits for the node informer to sync, so it does not list yet.
 * - pkg/kubelet/eviction/eviction_manager.go: while the node informer has no Node, every 10 s
 *   synchronize logs `"Eviction manager: failed to get summary stats"` (:292 in a v1.33 journal).
 *
 * How long a failed request takes: a refused connection or an untrusted certificate fails at once;
 * an address that does not answer fails when the client gives up: the heartbeat client (node status,
 * lease) after its 10 s timeout, the main client (registration, lists) after the dialer's 30 s.
 */
import type { SimClock, TimerHandle } from '../clock';
import type { FsView } from '../machine';
import { decodeCertificate } from '../pki/cert';
import { goDuration } from './duration';
import { goQuote, type KubeletLogLine } from './journal';

export type ApiFailure = 'refused' | 'timeout' | 'x509';

/** Why the API cannot be reached now and the address:port the kubelet dials. */
export interface FailureNow {
  kind: ApiFailure;
  address: string;
}

/** What the journal needs from its kubelet. */
export interface UnreachableContext {
  readonly clock: SimClock;
  readonly nodeName: string;
  /** The API server URL of the kubelet's kubeconfig, e.g. https://192.168.6.171:6443. */
  readonly server: string;
  failure(): FailureNow;
  journal(lines: KubeletLogLine[]): void;
  /** Subject CN of the CA the API server's certificate chains to now (x509 names it). */
  serverCaName?(): string | undefined;
}

/** The state of the kubelet when it lost (or never had) the API. */
export interface LossState {
  /** Registered its Node in this process (else it loops in registerWithAPIServer). */
  registered: boolean;
  /** Holds a lease from before (else the lease controller goes straight to ensuring one). */
  hadLease: boolean;
  /** Its reflectors have listed once (else they fail their LIST and log it). */
  listed: boolean;
  /** The resource version its reflectors last saw (that of its last lease renewal, as watch bookmarks keep them near it). */
  resourceVersion?: string;
  /** When the kubelet's 10 s loops started (their phase). */
  loopsOrigin: number;
}

const STATUS_PERIOD_MS = 10_000;
const NODE_STATUS_RETRIES = 5;
const LEASE_UPDATE_RETRIES = 5;
const HEARTBEAT_CLIENT_TIMEOUT_MS = 10_000;
const DIAL_TIMEOUT_MS = 30_000;
const REGISTER_FIRST_STEP_MS = 100;
const LEASE_FIRST_SLEEP_MS = 200;
const MAX_BACKOFF_MS = 7_000;
const REFLECTOR_FIRST_BACKOFF_MS = 800;
const REFLECTOR_MAX_BACKOFF_MS = 30_000;
const EVICTION_PERIOD_MS = 10_000;

/** A reflector of the kubelet: its type, its name (the callsite that started it) and what it lists. */
interface ReflectorSpec {
  type: string;
  name: string;
  path: string;
  /** The encoded fieldSelector of its ListWatch, if any. */
  selector?: string;
  /** A typed clientset's watch also sends `timeout` (the pod ListWatch of a bare REST client does not). */
  typed: boolean;
}

const FACTORY = 'k8s.io/client-go/informers/factory.go:160';

/** The reflectors of a v1.33 kubelet; the pod one runs only once the node informer has synced. */
function reflectors(node: string, withPods: boolean): ReflectorSpec[] {
  const out: ReflectorSpec[] = [
    { type: '*v1.Service', name: FACTORY, path: '/api/v1/services', selector: 'spec.clusterIP%21%3DNone', typed: true },
    { type: '*v1.Node', name: FACTORY, path: '/api/v1/nodes', selector: `metadata.name%3D${encodeURIComponent(node)}`, typed: true },
    { type: '*v1.CSIDriver', name: FACTORY, path: '/apis/storage.k8s.io/v1/csidrivers', typed: true },
    { type: '*v1.RuntimeClass', name: FACTORY, path: '/apis/node.k8s.io/v1/runtimeclasses', typed: true },
  ];
  if (withPods) out.push({ type: '*v1.Pod', name: 'pkg/kubelet/config/apiserver.go:66', path: '/api/v1/pods', selector: `spec.nodeName%3D${encodeURIComponent(node)}`, typed: false });
  return out;
}

/** A LIST as the reflector sends it: from the watch cache (rv 0, paged by 500) or at its last resource version. */
function listPath(r: ReflectorSpec, rv: string): string {
  const sel = r.selector ? `fieldSelector=${r.selector}&` : '';
  return rv === '0' ? `${r.path}?${sel}limit=500&resourceVersion=0` : `${r.path}?${sel}resourceVersion=${rv}`;
}

/** A WATCH from `rv` with the reflector's timeout: 5 minutes times 1 to 2 (url.Values sorts the keys). */
function watchPath(r: ReflectorSpec, rv: string, timeoutSeconds: number): string {
  const sel = r.selector ? `fieldSelector=${r.selector}&` : '';
  const timeout = r.typed ? `timeout=${goDuration(timeoutSeconds * 1000)}&` : '';
  return `${r.path}?allowWatchBookmarks=true&${sel}resourceVersion=${rv}&${timeout}timeoutSeconds=${timeoutSeconds}&watch=true`;
}

/** The error Go's HTTP client gives after the URL (`Get "…": <this>`). */
export function transportError(failure: FailureNow, caName = 'kubernetes'): string {
  if (failure.kind === 'timeout') return `dial tcp ${failure.address}: i/o timeout`;
  if (failure.kind === 'refused') return `dial tcp ${failure.address}: connect: connection refused`;
  // The old and the new CA have the same subject (kubeadm's "kubernetes"), so x509 says which one it tried.
  return `tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of ${goQuote('crypto/rsa: verification error')} while trying to verify candidate authority certificate ${goQuote(caName)})`;
}

/** The server URL of a kubeconfig (kubelet.conf), or undefined. */
export function kubeconfigServer(fs: FsView, path: string): string | undefined {
  try {
    return /^\s*server:\s*(\S+)/m.exec(fs.readFile(path))?.[1];
  } catch {
    return undefined;
  }
}

/** Host and port of a server URL (https without a port is 443). */
export function serverEndpoint(server: string): { host: string; port: number } | undefined {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:]+)(?::(\d+))?/.exec(server);
  if (!m) return undefined;
  return { host: m[2].replace(/^\[|\]$/g, ''), port: Number(m[3] ?? (m[1] === 'https' ? 443 : 80)) };
}

export type DialResult = 'open' | 'refused' | 'timeout' | 'resolve';

/**
 * Why the kubelet's requests fail: an address that does not answer times out; a port where nothing
 * listens (or an API server that is down) refuses; an API server that answers but whose certificate
 * the kubeconfig's CA did not sign fails TLS verification.
 */
export function classifyFailure(server: string, dial: (host: string, port: number) => DialResult | undefined, resolve: (host: string) => string | undefined, apiServing: boolean): FailureNow {
  const ep = serverEndpoint(server);
  const d = ep ? dial(ep.host, ep.port) : undefined;
  const ip = ep ? (resolve(ep.host) ?? ep.host) : '';
  const address = ep ? `${ip.includes(':') ? `[${ip}]` : ip}:${ep.port}` : server;
  const kind: ApiFailure = d === 'timeout' ? 'timeout' : !apiServing || d === 'refused' ? 'refused' : 'x509';
  return { kind, address };
}

/** The address /etc/hosts gives a name (Go's resolver reads it before asking DNS), or undefined. */
export function etcHostsAddress(fs: FsView, name: string): string | undefined {
  let text = '';
  try {
    text = fs.readFile('/etc/hosts');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [addr, ...names] = line.replace(/#.*$/, '').trim().split(/\s+/);
    if (addr && names.some((n) => n.toLowerCase() === name.toLowerCase())) return addr;
  }
  return undefined;
}

/** A number in [0, 1) drawn from a key, so that a replay gives the same waits. */
function fraction(key: string): number {
  let h = 0x811c9dc5;
  for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h / 0x100000000;
}

/**
 * The journal of one kubelet's outage: timers for its node status loop (or registration), its
 * lease controller and its reflectors, all cleared when the API answers again. Nothing of it runs
 * while the kubelet is connected.
 */
export class UnreachableJournal {
  private timers = new Set<TimerHandle>();

  /** The failure of the current instant: every line written at one moment asks once (a dial lists Services and pods). */
  private failureAt?: { at: number; failure: FailureNow };

  constructor(private readonly ctx: UnreachableContext) {}

  private failure(): FailureNow {
    const at = this.ctx.clock.now();
    if (this.failureAt?.at !== at) this.failureAt = { at, failure: this.ctx.failure() };
    return this.failureAt.failure;
  }

  get active(): boolean {
    return this.timers.size > 0;
  }

  /** The kubelet cannot reach the API from now on. */
  begin(state: LossState): void {
    this.end();
    // The node status and lease loops run on, in their phase: the first to fail is their next tick.
    const now = this.ctx.clock.now();
    const toNextTick = state.loopsOrigin + Math.ceil((now - state.loopsOrigin) / STATUS_PERIOD_MS) * STATUS_PERIOD_MS - now;
    if (!state.registered) this.registerAttempt(REGISTER_FIRST_STEP_MS);
    else this.after(toNextTick, () => this.nodeStatusSync());
    if (state.hadLease) this.after(toNextTick, () => this.leaseUpdates());
    else this.ensureLease(0);
    if (!state.listed) {
      reflectors(this.ctx.nodeName, false).forEach((r, i) => this.reflectorList(r, i, 0, '0'));
      this.after(EVICTION_PERIOD_MS, () => this.evictionSync());
    } else if (state.resourceVersion) {
      const rv = state.resourceVersion;
      reflectors(this.ctx.nodeName, true).forEach((r, i) => this.reflectorWatch(r, i, 0, rv));
    }
  }

  /** The API answers again, or the kubelet stopped. */
  end(): void {
    this.failureAt = undefined;
    for (const t of this.timers) this.ctx.clock.clearTimeout(t);
    this.timers.clear();
  }

  private after(ms: number, fn: () => void): void {
    const t = this.ctx.clock.setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, Math.max(0, ms));
    this.timers.add(t);
  }

  private url(path: string): string {
    return `${this.ctx.server.replace(/\/+$/, '')}${path}`;
  }

  /** The error of a request the kubelet's main client makes now (the event broadcaster's writes). */
  requestError(verb: 'Post' | 'Patch', path: string): string {
    return this.error(verb, path, this.failure());
  }

  /** How long such a request takes to fail: a dial that is never answered times out. */
  requestDelay(): number {
    return this.requestMs('main');
  }

  private error(verb: 'Get' | 'Put' | 'Post' | 'Patch', path: string, failure: FailureNow): string {
    return `${verb} ${goQuote(this.url(path))}: ${transportError(failure, this.ctx.serverCaName?.() ?? 'kubernetes')}`;
  }

  private write(level: KubeletLogLine['level'], source: string, text: string): void {
    this.ctx.journal([{ level, source, text }]);
  }

  // ---------------------------------------------------------------- registration, node status

  /** registerWithAPIServer: sleep `step`, then try; the next sleep doubles, capped at 7 s. */
  private registerAttempt(step: number): void {
    this.after(step, () => {
      const node = goQuote(this.ctx.nodeName);
      this.write('I', 'kubelet_node_status.go:75', `"Attempting to register node" node=${node}`);
      this.after(this.requestMs('main'), () => {
        const err = this.error('Post', '/api/v1/nodes', this.failure());
        this.write('E', 'kubelet_node_status.go:107', `"Unable to register node with API server" err=${goQuote(err)} node=${node}`);
        this.registerAttempt(Math.min(step * 2, MAX_BACKOFF_MS));
      });
    });
  }

  /**
   * `count` requests that each fail after `ms`, then `done`: at once when they fail at once (the
   * lines of one loop stay together), else one after the other.
   */
  private failingRequests(count: number, ms: number, each: (i: number) => void, done: () => void): void {
    if (ms === 0) {
      for (let i = 0; i < count; i++) each(i);
      return done();
    }
    const step = (i: number): void =>
      this.after(ms, () => {
        each(i);
        if (i + 1 < count) step(i + 1);
        else done();
      });
    step(0);
  }

  private requestMs(client: 'heartbeat' | 'main'): number {
    if (this.failure().kind !== 'timeout') return 0;
    return client === 'heartbeat' ? HEARTBEAT_CLIENT_TIMEOUT_MS : DIAL_TIMEOUT_MS;
  }

  /** One syncNodeStatus: five failed tries, the summary, and the next sync 10 s after it ends. */
  private nodeStatusSync(): void {
    const name = this.ctx.nodeName;
    this.failingRequests(
      NODE_STATUS_RETRIES,
      this.requestMs('heartbeat'),
      (i) => {
        const query = i === 0 ? 'resourceVersion=0&timeout=10s' : 'timeout=10s';
        const err = `error getting node ${goQuote(name)}: ${this.error('Get', `/api/v1/nodes/${name}?${query}`, this.failure())}`;
        this.write('E', 'kubelet_node_status.go:548', `"Error updating node status, will retry" err=${goQuote(err)}`);
      },
      () => {
        this.write('E', 'kubelet_node_status.go:535', `"Unable to update node status" err=${goQuote('update node status exceeds retry count')}`);
        this.after(STATUS_PERIOD_MS, () => this.nodeStatusSync());
      },
    );
  }

  // ---------------------------------------------------------------- lease

  private leasePath(): string {
    return `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${this.ctx.nodeName}?timeout=10s`;
  }

  /** retryUpdateLease with the lease from before: five PUTs, then the fallback to ensuring it. */
  private leaseUpdates(): void {
    this.failingRequests(
      LEASE_UPDATE_RETRIES,
      this.requestMs('heartbeat'),
      () => this.write('E', 'controller.go:195', `"Failed to update lease" err=${goQuote(this.error('Put', this.leasePath(), this.failure()))}`),
      () => {
        this.write('I', 'controller.go:115', `"failed to update lease using latest lease, fallback to ensure lease" err=${goQuote(`failed ${LEASE_UPDATE_RETRIES} attempts to update lease`)}`);
        this.ensureLease(0);
      },
    );
  }

  /** backoffEnsureLease: GET until it succeeds, sleeping 200 ms, 400 ms, … up to 7 s between tries. */
  private ensureLease(tries: number): void {
    this.after(this.requestMs('heartbeat'), () => {
      const sleep = Math.min(LEASE_FIRST_SLEEP_MS * 2 ** tries, MAX_BACKOFF_MS);
      const err = this.error('Get', this.leasePath(), this.failure());
      this.write('E', 'controller.go:145', `"Failed to ensure lease exists, will retry" err=${goQuote(err)} interval=${goQuote(goDuration(sleep))}`);
      this.after(sleep, () => this.ensureLease(tries + 1));
    });
  }

  // ---------------------------------------------------------------- eviction manager

  /** Its 10 s synchronize asks the summary provider, which needs the Node from the informer's cache. */
  private evictionSync(): void {
    const err = `failed to get node info: node ${goQuote(this.ctx.nodeName)} not found`;
    this.write('E', 'eviction_manager.go:292', `"Eviction manager: failed to get summary stats" err=${goQuote(err)}`);
    this.after(EVICTION_PERIOD_MS, () => this.evictionSync());
  }

  // ---------------------------------------------------------------- reflectors

  /** The reflector's back-off manager: 800 ms doubling, capped at 30 s, each wait stretched by up to as much again. */
  private reflectorBackoff(index: number, attempt: number): number {
    const base = Math.min(REFLECTOR_FIRST_BACKOFF_MS * 2 ** attempt, REFLECTOR_MAX_BACKOFF_MS);
    return base + Math.floor(fraction(`${this.ctx.nodeName}/${index}/${attempt}`) * base);
  }

  private reflectorLine(r: ReflectorSpec, err: string): void {
    this.write('E', 'reflector.go:200', `"Failed to watch" err=${goQuote(err)} logger="UnhandledError" reflector=${goQuote(r.name)} type=${goQuote(r.type)}`);
  }

  /** A reflector's LIST that fails, then its back-off, then the next LIST. */
  private reflectorList(r: ReflectorSpec, index: number, attempt: number, rv: string): void {
    this.after(this.requestMs('main'), () => {
      this.reflectorLine(r, `failed to list ${r.type}: ${this.error('Get', listPath(r, rv), this.failure())}`);
      this.after(this.reflectorBackoff(index, attempt), () => this.reflectorList(r, index, attempt + 1, rv));
    });
  }

  /**
   * A reflector whose watch broke: a refused watch is retried quietly after the back-off; any other
   * failure ends ListAndWatch with the watch's error, and the reflector lists again after the back-off.
   */
  private reflectorWatch(r: ReflectorSpec, index: number, attempt: number, rv: string): void {
    if (this.failure().kind === 'refused') {
      this.after(this.reflectorBackoff(index, attempt), () => this.reflectorWatch(r, index, attempt + 1, rv));
      return;
    }
    const timeoutSeconds = 300 + Math.floor(fraction(`${this.ctx.nodeName}/${index}/watch/${attempt}`) * 300);
    this.after(this.requestMs('main'), () => {
      this.reflectorLine(r, this.error('Get', watchPath(r, rv, timeoutSeconds), this.failure()));
      this.after(this.reflectorBackoff(index, attempt), () => this.reflectorList(r, index, attempt + 1, rv));
    });
  }
}

/** The subject CN of a PEM certificate file, or undefined. */
export function certificateName(fs: FsView, path: string): string | undefined {
  try {
    return decodeCertificate(fs.readFile(path))?.subject.commonName || undefined;
  } catch {
    return undefined;
  }
}
