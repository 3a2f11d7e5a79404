/**
 * One pod on one node, as the kubelet's pod worker runs it: sandbox (needs the CNI unless
 * hostNetwork), init containers in order, then the app containers — each pulled according to
 * its imagePullPolicy (with ErrImagePull / ImagePullBackOff and back-off 10 s doubling to 5 min),
 * created and started, then living the life its image and command give it; exits are restarted
 * by the restart policy with CrashLoopBackOff back-off. Deletion stops containers within the
 * grace period. Every change produces the real events and a new pod status.
 */
import type { SimClock, TimerHandle } from '../clock';
import type { KubeObject } from '../apiserver/types';
import type { ContainerRuntime } from '../runtime/containerd';
import { lookupImage, normalizeImage, pullDurationMs } from '../runtime/images';
import { behaviourOf, type Behaviour, type ContainerTools } from '../runtime/behaviour';
import { spec, status, type Obj } from '../controllers/machinery/objects';
import { goDuration } from './duration';
import { POPULATOR_ERROR } from './claim-volumes';
import { parseQuantity } from '../apiserver/quantity';
import { nextChange, runProbe } from './probes';
import { crashLoopMessage, imagePullBackOffMessage, nextSyncAfterError, pullFailedLines, startFailedLines, syncErrorLine, type KubeletLogLine } from './journal';

const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
const BACKOFF_RESET_MS = 600_000;
const SANDBOX_DELAY_MS = 400;
const CREATE_DELAY_MS = 150;
const START_DELAY_MS = 100;
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

export interface WorkerHost {
  clock: SimClock;
  runtime: ContainerRuntime;
  nodeName: string;
  nodeIP: string;
  networkReady(): boolean;
  allocateIP(uid: string): string | undefined;
  releaseIP(uid: string): void;
  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  statusChanged(worker: PodWorker): void;
  terminated(worker: PodWorker): void;
  /** Set up the pod's volumes; a string is the FailedMount message. */
  setUpVolumes(pod: KubeObject): string | undefined;
  /** Why the runtime refuses to run the pod's sandbox (a cgroup driver mismatch), or undefined. */
  sandboxError?(pod: KubeObject): string | undefined;
  /** Resolve a container's environment; a string is the CreateContainerConfigError message. */
  resolveEnv(pod: KubeObject, container: Obj, podIP?: string): Record<string, string> | string;
  /** The network tools and files a container's own command reaches. */
  containerTools?(pod: KubeObject, container: Obj, env: Record<string, string>): ContainerTools;
  /** Run a container's command for real as its PID 1 (Behaviour.live); the runtime records its output and exit. */
  startMainProcess?(pod: KubeObject, podIP: string | undefined, container: Obj, env: Record<string, string>, containerId: string, argv: string[]): void;
  /** Write the kubelet's own log lines (journalctl -u kubelet). */
  journal?(lines: KubeletLogLine[]): void;
  /** Does the container runtime answer now? Work that comes due while it does not waits (`whenRuntimeReachable`). */
  runtimeReachable?(): boolean;
  /** The CRI runtime's name, the scheme of container IDs (`docker://…` behind cri-dockerd); containerd when absent. */
  readonly runtimeName?: string;
  whenRuntimeReachable?(fn: () => void): void;
}

interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerId: string;
  message?: string;
}

export interface ContainerState {
  name: string;
  spec: Obj;
  init: boolean;
  phase: 'waiting' | 'running' | 'terminated';
  reason?: string;
  message?: string;
  containerId?: string;
  startedAt?: number;
  terminated?: Terminated;
  last?: Terminated;
  restartCount: number;
  crashBackoffMs: number;
  pullBackoffMs: number;
  behaviour?: Behaviour;
  /** The environment the current instance was created with (its runtime container's). */
  env?: Record<string, string>;
  imageRef?: string;
  imageId?: string;
  ready: boolean;
  /** The startup probe has succeeded (or there is none). */
  started?: boolean;
  /** Killed because its definition changed: restart at once with the new one. */
  definitionChanged?: boolean;
  /** An ephemeral container (kubectl debug): never restarted, not counted for phase or readiness. */
  ephemeral?: boolean;
  timers: TimerHandle[];
}

type Cond = { type: string; status: string; reason?: string; message?: string; lastTransitionTime: string; lastProbeTime: null };

/** A sidecar: an init container with `restartPolicy: Always`, which runs beside the app containers for the Pod's life. */
export function isSidecar(cs: ContainerState): boolean {
  return cs.init && cs.spec.restartPolicy === 'Always';
}

/** An init container the Pod no longer waits for: completed, or (a sidecar) started once. */
function initDone(cs: ContainerState): boolean {
  if (isSidecar(cs)) return (cs.phase === 'running' && cs.started !== false) || cs.last !== undefined;
  return cs.phase === 'terminated' && cs.terminated?.exitCode === 0;
}

/** A container whose readiness counts for the Pod's: an app container or a sidecar (not an ephemeral one). */
function hasReadiness(cs: ContainerState): boolean {
  return !cs.ephemeral && (!cs.init || isSidecar(cs));
}

/** Containers whose readiness makes the Pod's, in the kubelet's order: its sidecars, then its app containers. */
function readinessContainers(containers: ContainerState[]): ContainerState[] {
  return [...containers.filter(isSidecar), ...containers.filter((c) => hasReadiness(c) && !c.init)];
}

export class PodWorker {
  readonly uid: string;
  pod: KubeObject;
  containers: ContainerState[] = [];
  sandboxId?: string;
  podIP?: string;
  startTime?: number;
  terminating = false;
  done = false;
  private sandboxReadyAt?: number;
  private waitingForNetwork = false;
  private conditionTimes = new Map<string, { status: string; at: string }>();
  private timers: TimerHandle[] = [];

  constructor(
    private readonly host: WorkerHost,
    pod: KubeObject,
    readonly isStatic: boolean,
  ) {
    this.pod = pod;
    this.uid = pod.metadata!.uid!;
    const s = spec(pod);
    for (const c of (s.initContainers ?? []) as Obj[]) this.containers.push(this.newState(c, true));
    for (const c of (s.containers ?? []) as Obj[]) this.containers.push(this.newState(c, false));
  }

  private newState(c: Obj, init: boolean): ContainerState {
    return { name: String(c.name), spec: c, init, phase: 'waiting', reason: 'ContainerCreating', restartCount: 0, crashBackoffMs: 0, pullBackoffMs: 0, ready: false, timers: [] };
  }

  get hostNetwork(): boolean {
    return !!spec(this.pod).hostNetwork;
  }

  private get clock(): SimClock {
    return this.host.clock;
  }

  private after(ms: number, fn: () => void, cs?: ContainerState): void {
    const h = this.clock.setTimeout(() => {
      if (this.done) return;
      // Nothing reaches a runtime that does not answer (containerd stopped): the step waits for it.
      if (this.host.runtimeReachable && !this.host.runtimeReachable()) {
        this.host.whenRuntimeReachable?.(() => {
          if (!this.done) fn();
        });
        return;
      }
      fn();
    }, ms);
    (cs ? cs.timers : this.timers).push(h);
  }

  private changed(): void {
    this.host.statusChanged(this);
  }

  private fieldPath(cs: ContainerState): string {
    if (cs.ephemeral) return `spec.ephemeralContainers{${cs.name}}`;
    return cs.init ? `spec.initContainers{${cs.name}}` : `spec.containers{${cs.name}}`;
  }

  // ------------------------------------------------------------------ start

  start(): void {
    if (this.terminating) return;
    if (this.sandboxId) return this.runNext();
    this.startTime ??= this.clock.now();
    if (!this.hostNetwork && !this.host.networkReady()) {
      if (!this.waitingForNetwork) {
        this.waitingForNetwork = true;
        this.host.event(this.pod, 'Warning', 'NetworkNotReady', `network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized`);
      }
      this.changed();
      return;
    }
    this.waitingForNetwork = false;
    this.after(SANDBOX_DELAY_MS, () => this.createSandbox());
    this.changed();
  }

  /**
   * Take over what the runtime already runs for this pod (the kubelet restarted, or the world was
   * restored): the sandbox, each container's latest instance and its previous one. Timers are
   * rescheduled from the recorded start times. Returns false when there is nothing to adopt.
   */
  adopt(): boolean {
    const rt = this.host.runtime;
    const sb = [...rt.sandboxes.values()].find((s) => s.podUid === this.uid && s.state === 'SANDBOX_READY');
    if (!sb) return false;
    this.sandboxId = sb.id;
    this.podIP = sb.ip;
    this.sandboxReadyAt = sb.createdAt;
    this.startTime ??= sb.createdAt;
    const now = this.clock.now();
    for (const cs of this.containers) {
      const instances = rt.containersOf(this.uid).filter((c) => c.name === cs.name).sort((a, b) => a.attempt - b.attempt);
      const latest = instances[instances.length - 1];
      if (!latest) continue;
      const prev = instances[instances.length - 2];
      if (prev?.state === 'CONTAINER_EXITED')
        cs.last = { exitCode: prev.exitCode ?? 0, reason: prev.reason ?? 'Error', startedAt: prev.startedAt ?? 0, finishedAt: prev.finishedAt ?? prev.createdAt, containerId: prev.id };
      cs.restartCount = latest.attempt;
      cs.containerId = latest.id;
      cs.imageRef = latest.imageRef;
      cs.imageId = latest.imageId;
      // The running instance keeps the environment it was created with.
      const env = latest.env ?? this.host.resolveEnv(this.pod, cs.spec, this.podIP);
      const known = typeof env === 'string' ? {} : env;
      cs.env = known;
      const b = behaviourOf(cs.spec as { image?: string; command?: string[]; args?: string[] }, known, this.host.containerTools?.(this.pod, cs.spec, known));
      cs.behaviour = b;
      if (latest.state === 'CONTAINER_RUNNING') {
        cs.phase = 'running';
        cs.reason = undefined;
        cs.startedAt = latest.startedAt ?? latest.createdAt;
        cs.started = !cs.spec.startupProbe || runProbe(cs.spec.startupProbe as Obj, b, now - cs.startedAt, sb.ip, false).ok;
        cs.ready = hasReadiness(cs) && cs.started && (!cs.spec.readinessProbe || runProbe(cs.spec.readinessProbe as Obj, b, now - cs.startedAt, sb.ip, false).ok);
        if (!cs.started) this.probeLoop(cs, 'startup');
        else {
          this.probeLoop(cs, 'liveness');
          this.probeLoop(cs, 'readiness');
        }
        if (b.exitAfterMs !== undefined && Number.isFinite(b.exitAfterMs)) {
          const at = cs.startedAt + b.exitAfterMs;
          this.after(Math.max(0, at - now), () => this.exited(cs, b.exitCode, b.exitCode === 0 ? 'Completed' : 'Error', undefined, Math.max(at, cs.startedAt!)), cs);
        }
      } else if (latest.state === 'CONTAINER_EXITED') {
        cs.phase = 'terminated';
        cs.startedAt = latest.startedAt;
        cs.terminated = { exitCode: latest.exitCode ?? 0, reason: latest.reason ?? 'Error', startedAt: latest.startedAt ?? 0, finishedAt: latest.finishedAt ?? now, containerId: latest.id };
        const policy = String(spec(this.pod).restartPolicy ?? 'Always');
        const restart = this.restarts(cs, cs.terminated.exitCode, policy);
        if (restart) {
          const t = cs.terminated;
          cs.terminated = undefined;
          cs.phase = 'running';
          this.exited(cs, t.exitCode, t.reason, undefined, t.finishedAt);
        }
      }
    }
    return true;
  }

  /**
   * Apply the containers of an updated pod spec (only `image` may change on a live pod): a
   * container whose definition changed is killed and started again from the new definition.
   */
  updateContainers(pod: KubeObject): void {
    for (const c of [...((spec(pod).initContainers ?? []) as Obj[]), ...((spec(pod).containers ?? []) as Obj[])]) {
      const cs = this.containers.find((x) => x.name === c.name);
      if (!cs || cs.spec.image === c.image) continue;
      cs.spec = c;
      if (cs.phase !== 'running') continue;
      cs.definitionChanged = true;
      this.host.event(this.pod, 'Normal', 'Killing', `Container ${cs.name} definition changed, will be restarted`, this.fieldPath(cs));
      for (const t of cs.timers) this.clock.clearTimeout(t);
      cs.timers = [];
      const grace = Number(spec(pod).terminationGracePeriodSeconds ?? 30) * 1000;
      const handles = (cs.behaviour?.termExitMs ?? 100) < grace;
      this.after(handles ? (cs.behaviour?.termExitMs ?? 100) : grace, () => this.exited(cs, handles ? 0 : 137, handles ? 'Completed' : 'Error'), cs);
    }
    this.addEphemeralContainers(pod);
  }

  /** Ephemeral containers added through pods/ephemeralcontainers start as soon as the kubelet sees them. */
  private addEphemeralContainers(pod: KubeObject): void {
    for (const c of (spec(pod).ephemeralContainers ?? []) as Obj[]) {
      if (this.containers.some((x) => x.name === c.name)) continue;
      const cs: ContainerState = { ...this.newState(c, false), ephemeral: true };
      this.containers.push(cs);
      this.pod = pod;
      if (this.sandboxId && !this.terminating) this.runContainer(cs);
    }
  }

  /** The node's network became ready: pods waiting for it can start. */
  /**
   * The runtime reports that one of this pod's containers exited without the kubelet asking (a
   * `crictl stop`, a crash seen by the runtime): handle it as the kubelet's PLEG does on its next
   * relist — record the exit and restart as the restart policy says.
   */
  runtimeExited(containerId: string, exitCode: number, reason: string): void {
    this.clock.defer(() => {
      // Only a container the kubelet believes running: exits it caused itself (start errors, kills,
      // probes) are already handled where they happen, with their own back-off.
      const cs = this.containers.find((x) => x.containerId === containerId);
      if (!cs || cs.phase !== 'running') return;
      if (this.sandboxId && this.host.runtime.sandboxes.get(this.sandboxId)?.state !== 'SANDBOX_READY') return this.sandboxChanged();
      this.exited(cs, exitCode, reason);
    });
  }

  /** A container's next instance is due: the one that finished becomes its last state, the restart counted. */
  private nextInstance(cs: ContainerState): void {
    cs.last = cs.terminated ?? cs.last;
    cs.terminated = undefined;
    cs.containerId = undefined;
    cs.restartCount++;
    cs.phase = 'waiting';
    cs.reason = 'ContainerCreating';
  }

  /** The attempt of the next sandbox: one more than a stopped one's (PodSandboxChanged), 0 when none is left. */
  private sandboxAttempt = 0;

  /**
   * The pod's sandbox was stopped or removed behind the kubelet (`crictl stopp`, `crictl rmp -f`):
   * as computePodActions finds it at the next sync, the pod is killed and a new sandbox made (the
   * SandboxChanged event and attempt + 1 when a sandbox of the pod is left; none and attempt 0
   * when none is), with a new IP, and every container started again in it, init containers first.
   */
  private sandboxChanged(): void {
    if (this.terminating || !this.sandboxId) return;
    // PodSandboxChanged reads the newest sandbox the runtime still has for the pod (an older stopped one when this one was removed).
    const old = [...this.host.runtime.sandboxes.values()].filter((sb) => sb.podUid === this.uid).sort((a, b) => b.createdAt - a.createdAt)[0];
    if (old) this.host.event(this.pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
    this.sandboxAttempt = old ? old.attempt + 1 : 0;
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers = [];
    const now = this.clock.now();
    for (const cs of this.containers) {
      for (const t of cs.timers) this.clock.clearTimeout(t);
      cs.timers = [];
      if (cs.phase === 'running') cs.terminated = { exitCode: 137, reason: 'Error', startedAt: cs.startedAt ?? now, finishedAt: now, containerId: cs.containerId ?? '' };
      cs.ready = false;
      if (!cs.ephemeral && cs.containerId) this.nextInstance(cs);
    }
    this.sandboxId = undefined;
    this.sandboxReadyAt = undefined;
    if (!this.hostNetwork) {
      this.host.releaseIP(this.uid);
      this.podIP = undefined;
    }
    this.changed();
    this.after(SANDBOX_DELAY_MS, () => this.createSandbox());
  }

  networkBecameReady(): void {
    if (this.waitingForNetwork) this.start();
  }

  private mountBackoffMs = 0;
  /** A failed mount's retry is due: the volume manager's one retry, whatever syncs of the pod ask meanwhile. */
  private mountRetryPending = false;
  private mountAttempts = 0;
  private sandboxRefusedAt?: number;

  private createSandbox(mountRetry = false): void {
    // start() may run twice before the sandbox exists (two syncs of the pod): one sandbox per pod.
    if (this.terminating || this.sandboxId) return;
    // Every status update syncs the pod again (start): the mount operation keeps its own back-off,
    // so a sync while a retry is pending waits for it rather than starting a second chain.
    if (this.mountRetryPending && !mountRetry) return;
    this.mountRetryPending = false;
    const mountError = this.host.setUpVolumes(this.pod);
    if (mountError) {
      this.host.event(this.pod, 'Warning', 'FailedMount', mountError);
      this.mountRetryPending = true;
      this.mountAttempts++;
      if (mountError.startsWith(POPULATOR_ERROR)) {
        // The volume manager could not even take the volumes in (a claim not bound): the sync fails
        // at once and the pod worker tries again after 10 s, jittered by up to half (10-15 s).
        this.after(nextSyncAfterError(this.uid, this.mountAttempts), () => this.createSandbox(true));
        return;
      }
      // The reconciler's mount operation: retried with back-off (500 ms doubling, at most 2m2s).
      this.mountBackoffMs = this.mountBackoffMs ? Math.min(122_000, this.mountBackoffMs * 2) : 500;
      this.after(this.mountBackoffMs, () => this.createSandbox(true));
      return;
    }
    // RunPodSandbox refused: the pod worker syncs the pod again after its 10 s back-off (one retry however many syncs asked).
    if (this.sandboxRefusedAt === this.clock.now()) return;
    const refused = this.host.sandboxError?.(this.pod);
    if (refused) {
      this.sandboxRefusedAt = this.clock.now();
      this.host.event(this.pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${refused}`);
      this.after(10_000, () => this.createSandbox());
      return;
    }
    const ip = this.hostNetwork ? this.host.nodeIP : this.host.allocateIP(this.uid);
    if (!ip) {
      this.host.event(this.pod, 'Warning', 'FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="flannel" failed (add): failed to allocate for range 0: no IP addresses available in range set');
      this.after(10_000, () => this.createSandbox());
      return;
    }
    const rt = this.host.runtime;
    if (!rt.hasImage(PAUSE_IMAGE)) {
      const p = lookupImage(PAUSE_IMAGE);
      if (p.ok) rt.storeImage(p.image, this.clock.now());
    }
    const meta = this.pod.metadata!;
    const sb = rt.runSandbox({
      podUid: this.uid,
      podName: meta.name!,
      namespace: meta.namespace!,
      attempt: this.sandboxAttempt,
      createdAt: this.clock.now(),
      ip,
      hostNetwork: this.hostNetwork,
      labels: meta.labels ?? {},
    });
    this.sandboxId = sb.id;
    this.podIP = ip;
    this.sandboxReadyAt = this.clock.now();
    // No status of its own: the real kubelet writes a pod's status when a sync begins, and the sync
    // that made the sandbox goes on to pull images and start containers; the sandbox (ready, its
    // IP) shows in the status that the next change writes (Running, ErrImagePull, …).
    this.runNext();
  }

  /** Start the next init container, or every app container once the init containers are done. */
  private runNext(): void {
    if (this.terminating) return;
    const inits = this.containers.filter((c) => c.init);
    for (const c of inits) {
      // A sidecar is waited for until it has started; a regular init container until it completes.
      if (initDone(c)) continue;
      if (c.phase === 'waiting' && !c.timers.length && !c.containerId) this.runContainer(c);
      return;
    }
    for (const c of this.containers) if (!c.init && c.phase === 'waiting' && !c.timers.length && !c.containerId) this.runContainer(c);
  }

  private runContainer(cs: ContainerState): void {
    cs.timers = [];
    const image = String(cs.spec.image ?? '');
    const policy = String(cs.spec.imagePullPolicy ?? 'IfNotPresent');
    const ref = normalizeImage(image).full;
    const present = this.host.runtime.hasImage(ref);
    const fp = this.fieldPath(cs);
    if (policy !== 'Always' && present) {
      this.host.event(this.pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, fp);
      cs.imageRef = ref;
      cs.imageId = `${present.ref.repository}@${present.digest}`;
      this.after(CREATE_DELAY_MS, () => this.createContainer(cs), cs);
      return;
    }
    if (policy === 'Never') {
      this.setWaiting(cs, 'ErrImageNeverPull', `Container image "${image}" is not present with pull policy of Never`);
      this.host.event(this.pod, 'Warning', 'ErrImageNeverPull', `Container image "${image}" is not present with pull policy of Never`, fp);
      this.host.event(this.pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', fp);
      this.host.journal?.(startFailedLines(this.pod, cs.spec, cs.init, 'ErrImageNeverPull', `Container image "${image}" is not present with pull policy of Never`));
      return;
    }
    this.host.event(this.pod, 'Normal', 'Pulling', `Pulling image "${image}"`, fp);
    const trace = this.host.runtime.trace;
    if (trace) trace({ type: 'image-pulling', image, podName: this.pod.metadata!.name!, namespace: this.pod.metadata!.namespace! });
    const result = lookupImage(image);
    const took = result.ok ? pullDurationMs(result.image.size) : 600;
    this.after(
      took,
      () => {
        if (!result.ok) return this.pullFailed(cs, image, result.message);
        cs.pullBackoffMs = 0;
        const stored = this.host.runtime.storeImage(result.image, this.clock.now());
        const traced = this.host.runtime.trace;
        if (traced) traced({ type: 'image-pulled', image, imageRef: ref, size: stored.size, tookMs: took, podName: this.pod.metadata!.name!, namespace: this.pod.metadata!.namespace! });
        this.host.event(this.pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(took)} (${goDuration(took)} including waiting). Image size: ${stored.size} bytes.`, fp);
        cs.imageRef = ref;
        cs.imageId = `${stored.ref.repository}@${stored.digest}`;
        this.after(CREATE_DELAY_MS, () => this.createContainer(cs), cs);
      },
      cs,
    );
  }

  private pullFailed(cs: ContainerState, image: string, message: string): void {
    const fp = this.fieldPath(cs);
    this.host.event(this.pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${message}`, fp);
    this.host.event(this.pod, 'Warning', 'Failed', 'Error: ErrImagePull', fp);
    this.host.journal?.(pullFailedLines(this.pod, cs.spec, cs.init, image, message));
    this.setWaiting(cs, 'ErrImagePull', message);
    const trace = this.host.runtime.trace;
    if (trace) trace({ type: 'image-pull-failed', image, message, podName: this.pod.metadata!.name!, namespace: this.pod.metadata!.namespace! });
    cs.pullBackoffMs = cs.pullBackoffMs ? Math.min(BACKOFF_MAX_MS, cs.pullBackoffMs * 2) : BACKOFF_INITIAL_MS;
    const backoff = cs.pullBackoffMs;
    // The next pod sync finds the image in back-off.
    this.after(
      1000,
      () => {
        this.host.event(this.pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, fp);
        this.host.event(this.pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', fp);
        this.setWaiting(cs, 'ImagePullBackOff', `Back-off pulling image "${image}": ErrImagePull: ${message}`);
        const trace = this.host.runtime.trace;
        if (trace) trace({ type: 'back-off', reason: 'ImagePullBackOff', container: cs.name, backoffMs: backoff, podName: this.pod.metadata!.name!, namespace: this.pod.metadata!.namespace! });
        this.syncErrorWhileBackedOff(cs, 'ImagePullBackOff', imagePullBackOffMessage(image, message), this.clock.now() + backoff);
        this.after(backoff, () => this.runContainer(cs), cs);
      },
      cs,
    );
  }

  /**
   * The pod worker's "Error syncing pod" line for a container in back-off: now (the sync that
   * found it in back-off), then at each requeue of the failed sync (10–15 s) until `until`, when
   * the back-off is over and the next sync starts the container or pulls again.
   */
  private syncErrorWhileBackedOff(cs: ContainerState, reason: string, message: string, until: number): void {
    if (!this.host.journal) return;
    const line = syncErrorLine(this.pod, cs.name, reason, message);
    this.host.journal([line]);
    const attempt = cs.restartCount;
    const next = (n: number) => {
      const delay = nextSyncAfterError(this.uid, attempt * 1000 + n);
      if (this.clock.now() + delay >= until) return;
      this.after(delay, () => {
        if (cs.reason !== reason || cs.restartCount !== attempt) return;
        this.host.journal?.([line]);
        next(n + 1);
      }, cs);
    };
    next(1);
  }

  private setWaiting(cs: ContainerState, reason: string, message?: string): void {
    cs.phase = 'waiting';
    cs.reason = reason;
    cs.message = message;
    cs.ready = false;
    this.changed();
  }

  private createContainer(cs: ContainerState): void {
    if (this.terminating) return;
    const fp = this.fieldPath(cs);
    const env = this.host.resolveEnv(this.pod, cs.spec, this.podIP);
    if (typeof env === 'string') {
      this.host.event(this.pod, 'Warning', 'Failed', `Error: ${env}`, fp);
      this.setWaiting(cs, 'CreateContainerConfigError', env);
      this.host.journal?.(startFailedLines(this.pod, cs.spec, cs.init, 'CreateContainerConfigError', env));
      this.after(BACKOFF_INITIAL_MS, () => this.createContainer(cs), cs);
      return;
    }
    const b = behaviourOf(cs.spec as { image?: string; command?: string[]; args?: string[] }, env, this.host.containerTools?.(this.pod, cs.spec, env));
    const meta = this.pod.metadata!;
    const c = this.host.runtime.createContainer({
      sandboxId: this.sandboxId!,
      podUid: this.uid,
      podName: meta.name!,
      namespace: meta.namespace!,
      name: cs.name,
      attempt: cs.restartCount,
      image: String(cs.spec.image ?? ''),
      imageRef: cs.imageRef ?? '',
      imageId: cs.imageId ?? '',
      createdAt: this.clock.now(),
      env,
    });
    cs.containerId = c.id;
    cs.behaviour = b;
    cs.env = env;
    this.host.event(this.pod, 'Normal', 'Created', `Created container: ${cs.name}`, fp);
    this.after(
      START_DELAY_MS,
      () => {
        if (b.startError) {
          this.host.runtime.finish(c.id, 128, 'StartError', this.clock.now());
          this.host.event(this.pod, 'Warning', 'Failed', `Error: ${b.startError}`, fp);
          this.exited(cs, 128, 'StartError', b.startError, this.clock.now());
          return;
        }
        this.host.runtime.start(c.id, this.clock.now());
        cs.phase = 'running';
        cs.reason = undefined;
        cs.message = undefined;
        cs.startedAt = this.clock.now();
        cs.terminated = undefined;
        cs.started = !cs.spec.startupProbe;
        cs.ready = hasReadiness(cs) && !cs.spec.readinessProbe && cs.started;
        this.host.event(this.pod, 'Normal', 'Started', `Started container ${cs.name}`, fp);
        const limit = parseQuantity(String(cs.spec.resources?.limits?.memory ?? ''));
        if (b.memoryBytes !== undefined && Number.isFinite(limit) && b.memoryBytes > limit) this.after(800, () => this.exited(cs, 137, 'OOMKilled'), cs);
        // Its end is the run's: the runtime reports the exit (runtimeExited).
        else if (b.live && this.host.startMainProcess) this.host.startMainProcess(this.pod, this.podIP, cs.spec, env, c.id, b.live);
        else if (b.exitAfterMs !== undefined && Number.isFinite(b.exitAfterMs))
          this.after(b.exitAfterMs, () => this.exited(cs, b.exitCode, b.exitCode === 0 ? 'Completed' : 'Error'), cs);
        if (cs.spec.startupProbe) this.probeLoop(cs, 'startup');
        else {
          this.probeLoop(cs, 'liveness');
          this.probeLoop(cs, 'readiness');
        }
        this.changed();
        // A started sidecar lets the next init container (or the app containers) start.
        if (isSidecar(cs) && cs.started) this.runNext();
      },
      cs,
    );
  }

  /**
   * One probe of a running container: first after initialDelaySeconds, then every periodSeconds
   * while it fails; while it succeeds the kubelet sleeps until the process's timeline can change
   * the outcome. failureThreshold consecutive failures: readiness → not ready; liveness/startup →
   * the container is killed and restarted.
   */
  private probeLoop(cs: ContainerState, kind: 'liveness' | 'readiness' | 'startup'): void {
    const p = cs.spec[`${kind}Probe`] as Obj | undefined;
    if (!p) return;
    const period = Math.max(1, Number(p.periodSeconds ?? 10)) * 1000;
    const threshold = Math.max(1, Number(p.failureThreshold ?? 3));
    const title = `${kind[0].toUpperCase()}${kind.slice(1)}`;
    const busybox = /\/(busybox|alpine)$/.test(normalizeImage(String(cs.spec.image ?? '')).repository);
    const instance = cs.containerId;
    let failures = 0;
    const check = () => {
      if (cs.phase !== 'running' || this.terminating || cs.containerId !== instance) return;
      const running = this.clock.now() - (cs.startedAt ?? this.clock.now());
      const out = runProbe(p, cs.behaviour, running, this.podIP ?? '', busybox);
      if (out.ok) {
        failures = 0;
        if (kind === 'startup') {
          cs.started = true;
          if (!cs.spec.readinessProbe) cs.ready = hasReadiness(cs);
          this.changed();
          if (isSidecar(cs)) this.runNext();
          this.probeLoop(cs, 'liveness');
          this.probeLoop(cs, 'readiness');
          return;
        }
        if (kind === 'readiness' && !cs.ready) {
          cs.ready = true;
          this.changed();
        }
        const change = nextChange(p, cs.behaviour, running);
        if (change !== undefined) this.after(Math.max(period, Math.ceil((change - running) / period) * period), check, cs);
        return;
      }
      failures++;
      this.host.event(this.pod, 'Warning', 'Unhealthy', `${title} probe failed: ${out.message}`, this.fieldPath(cs));
      if (failures >= threshold) {
        if (kind === 'readiness') {
          if (cs.ready) {
            cs.ready = false;
            this.changed();
          }
        } else {
          this.host.event(this.pod, 'Normal', 'Killing', `Container ${cs.name} failed ${kind} probe, will be restarted`, this.fieldPath(cs));
          const grace = Number(p.terminationGracePeriodSeconds ?? spec(this.pod).terminationGracePeriodSeconds ?? 30) * 1000;
          const handles = (cs.behaviour?.termExitMs ?? 100) < grace;
          const exitMs = handles ? (cs.behaviour?.termExitMs ?? 100) : grace;
          this.after(exitMs, () => this.exited(cs, handles ? 0 : 137, handles ? 'Completed' : 'Error'), cs);
          return;
        }
      }
      this.after(period, check, cs);
    };
    const initial = Math.max(0, Number(p.initialDelaySeconds ?? 0)) * 1000;
    this.after(initial || 1000, check, cs);
  }

  private exited(cs: ContainerState, exitCode: number, reason: string, message?: string, at = this.clock.now()): void {
    if (cs.phase === 'terminated' && cs.terminated) return;
    if (cs.containerId && reason !== 'StartError') this.host.runtime.finish(cs.containerId, exitCode, reason, at);
    for (const t of cs.timers) this.clock.clearTimeout(t);
    cs.timers = [];
    const ran = cs.startedAt !== undefined ? at - cs.startedAt : 0;
    // A container that never started is reported by containerd with StartedAt 0: the kubelet's status says 1970-01-01T00:00:00Z.
    cs.terminated = { exitCode, reason, startedAt: reason === 'StartError' ? 0 : (cs.startedAt ?? at), finishedAt: at, containerId: cs.containerId ?? '', message };
    cs.phase = 'terminated';
    cs.ready = false;
    cs.reason = undefined;
    this.changed();
    if (this.terminating) return this.checkTerminated();
    if (cs.definitionChanged) {
      cs.definitionChanged = false;
      this.nextInstance(cs);
      cs.imageRef = undefined;
      cs.imageId = undefined;
      this.runContainer(cs);
      return;
    }
    const policy = String(spec(this.pod).restartPolicy ?? 'Always');
    const restart = this.restarts(cs, exitCode, policy);
    if (!restart) {
      if (cs.init && exitCode === 0) this.runNext();
      if (!cs.init) this.stopSidecarsWhenDone();
      return;
    }
    if (ran >= BACKOFF_RESET_MS) cs.crashBackoffMs = 0;
    const backoff = cs.crashBackoffMs;
    cs.crashBackoffMs = backoff ? Math.min(BACKOFF_MAX_MS, backoff * 2) : BACKOFF_INITIAL_MS;
    const restartNow = () => {
      this.nextInstance(cs);
      this.runContainer(cs);
    };
    if (!backoff) {
      this.after(1000, restartNow, cs);
      return;
    }
    const meta = this.pod.metadata!;
    const who = `${meta.name}_${meta.namespace}(${this.uid})`;
    this.after(
      1000,
      () => {
        cs.last = cs.terminated;
        cs.terminated = undefined;
        this.host.event(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${cs.name} in pod ${who}`, this.fieldPath(cs));
        this.setWaiting(cs, 'CrashLoopBackOff', `back-off ${goDuration(backoff)} restarting failed container=${cs.name} pod=${who}`);
        const trace = this.host.runtime.trace;
        if (trace) trace({ type: 'back-off', reason: 'CrashLoopBackOff', container: cs.name, backoffMs: backoff, podName: meta.name!, namespace: meta.namespace! });
        this.syncErrorWhileBackedOff(cs, 'CrashLoopBackOff', crashLoopMessage(this.pod, cs.name, backoff), this.clock.now() + backoff - 1000);
        this.after(backoff - 1000, () => {
          cs.containerId = undefined;
          cs.restartCount++;
          cs.reason = 'ContainerCreating';
          this.runContainer(cs);
        }, cs);
      },
      cs,
    );
  }

  // ------------------------------------------------------------------ stop

  /**
   * Whether an exited container starts again: an ephemeral one never, a sidecar always (while the
   * Pod's app containers may still run), a regular init container when it failed and the Pod may
   * restart, an app container as the Pod's restartPolicy says.
   */
  private restarts(cs: ContainerState, exitCode: number, policy: string): boolean {
    if (cs.ephemeral) return false;
    if (isSidecar(cs)) return !this.appsFinished(policy);
    if (cs.init) return exitCode !== 0 && policy !== 'Never';
    return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
  }

  /** Every app container has exited for good (a Job's Pod that is done). */
  private appsFinished(policy: string): boolean {
    const apps = this.containers.filter((c) => !c.init && !c.ephemeral);
    return apps.length > 0 && apps.every((c) => c.phase === 'terminated' && !this.restarts(c, c.terminated!.exitCode, policy));
  }

  /** Once the app containers are done, the kubelet stops the sidecars (SIGTERM, SIGKILL after the grace period). */
  private stopSidecarsWhenDone(): void {
    if (!this.appsFinished(String(spec(this.pod).restartPolicy ?? 'Always'))) return;
    const graceMs = Math.max(0, Number(spec(this.pod).terminationGracePeriodSeconds ?? 30)) * 1000;
    for (const cs of this.containers.filter(isSidecar).reverse()) this.stopContainer(cs, graceMs, true);
  }

  /** SIGTERM: the process ends when it handles it, or is killed (137) when the grace period is over. */
  private stopContainer(cs: ContainerState, graceMs: number, event: boolean): void {
    for (const t of cs.timers) this.clock.clearTimeout(t);
    cs.timers = [];
    if (cs.phase !== 'running') return;
    if (event) this.host.event(this.pod, 'Normal', 'Killing', `Stopping container ${cs.name}`, this.fieldPath(cs));
    const exitMs = cs.behaviour?.termExitMs ?? 100;
    if (exitMs < graceMs) this.after(exitMs, () => this.exited(cs, 0, 'Completed'), cs);
    else this.after(graceMs, () => this.exited(cs, 137, 'Error'), cs);
  }

  /** Stop every container within the grace period, then report termination. */
  terminate(graceSeconds: number, reasonEvent = true): void {
    if (this.terminating) return;
    this.terminating = true;
    for (const t of this.timers) this.clock.clearTimeout(t);
    const graceMs = Math.max(0, graceSeconds) * 1000;
    for (const cs of this.containers) this.stopContainer(cs, graceMs, reasonEvent);
    this.checkTerminated();
  }

  private checkTerminated(): void {
    if (this.done || this.containers.some((c) => c.phase === 'running')) return;
    for (const cs of this.containers) for (const t of cs.timers) this.clock.clearTimeout(t);
    if (this.sandboxId) {
      this.host.runtime.stopSandbox(this.sandboxId, this.clock.now());
      this.host.runtime.removeSandbox(this.sandboxId);
      this.sandboxId = undefined;
    }
    if (!this.hostNetwork) this.host.releaseIP(this.uid);
    this.done = true;
    this.host.terminated(this);
  }

  /** Forget everything at once (the pod is gone from the API, or the kubelet stops). */
  abandon(): void {
    for (const t of this.timers) this.clock.clearTimeout(t);
    for (const cs of this.containers) for (const t of cs.timers) this.clock.clearTimeout(t);
    this.done = true;
  }

  // ------------------------------------------------------------------ status

  phase(): string {
    const s = spec(this.pod);
    const policy = String(s.restartPolicy ?? 'Always');
    const inits = this.containers.filter((c) => c.init);
    const apps = this.containers.filter((c) => !c.init && !c.ephemeral);
    const initFailed = inits.some((c) => !isSidecar(c) && c.phase === 'terminated' && c.terminated!.exitCode !== 0);
    if (initFailed && policy === 'Never') return 'Failed';
    if (!inits.every(initDone)) return 'Pending';
    let running = 0;
    let waiting = 0;
    let succeeded = 0;
    let failed = 0;
    for (const c of apps) {
      if (c.phase === 'running') running++;
      else if (c.phase === 'terminated') c.terminated!.exitCode === 0 ? succeeded++ : failed++;
      else if (c.last || c.restartCount > 0) running++;
      else waiting++;
    }
    if (waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (policy === 'Always') return 'Running';
    if (failed > 0 && policy === 'Never') return 'Failed';
    if (failed > 0) return 'Running';
    return 'Succeeded';
  }

  private condition(type: string, ok: boolean, reason?: string, message?: string): Cond {
    const st = ok ? 'True' : 'False';
    const prev = this.conditionTimes.get(type);
    const at = prev && prev.status === st ? prev.at : this.clock.rfc3339();
    this.conditionTimes.set(type, { status: st, at });
    const c: Cond = { type, status: st, lastProbeTime: null, lastTransitionTime: at };
    if (!ok && reason) c.reason = reason;
    if (!ok && message) c.message = message;
    return c;
  }

  /** Seed condition transition times from a status written earlier (after a kubelet restart). */
  adoptStatus(prev: Obj): void {
    for (const c of (prev.conditions ?? []) as Obj[]) this.conditionTimes.set(c.type, { status: c.status, at: c.lastTransitionTime });
    if (prev.startTime) this.startTime = Date.parse(prev.startTime);
  }

  buildStatus(): Obj {
    const clock = this.clock;
    const phase = this.phase();
    const inits = this.containers.filter((c) => c.init);
    const apps = this.containers.filter((c) => !c.init && !c.ephemeral);
    const ephemeral = this.containers.filter((c) => c.ephemeral);
    const initialized = inits.every(initDone);
    const pendingInit = inits.filter((c) => !initDone(c)).map((c) => c.name);
    const unready = readinessContainers(this.containers).filter((c) => !c.ready).map((c) => c.name);
    const completed = phase === 'Succeeded' || phase === 'Failed';
    const conditions: Cond[] = [
      this.condition('PodReadyToStartContainers', !!this.sandboxId),
      this.condition('Initialized', initialized, 'ContainersNotInitialized', `containers with incomplete status: [${pendingInit.join(' ')}]`),
      this.condition('Ready', !unready.length && !completed, completed ? 'PodCompleted' : 'ContainersNotReady', completed ? undefined : `containers with unready status: [${unready.join(' ')}]`),
      this.condition('ContainersReady', !unready.length && !completed, completed ? 'PodCompleted' : 'ContainersNotReady', completed ? undefined : `containers with unready status: [${unready.join(' ')}]`),
    ];
    if (completed) {
      // A finished pod's Initialized condition says why.
      conditions[1] = this.condition('Initialized', true);
    }
    if (!this.sandboxReadyAt && !this.sandboxId) conditions[0] = this.condition('PodReadyToStartContainers', false);
    const scheduled = ((status(this.pod).conditions ?? []) as Obj[]).find((c) => c.type === 'PodScheduled') ?? {
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: clock.rfc3339(this.startTime),
    };
    const st: Obj = {
      conditions: [...conditions, scheduled],
      hostIP: this.host.nodeIP,
      hostIPs: [{ ip: this.host.nodeIP }],
      phase,
    };
    if (inits.length) st.initContainerStatuses = inits.map((c) => this.containerStatus(c));
    st.containerStatuses = apps.map((c) => this.containerStatus(c));
    if (ephemeral.length) st.ephemeralContainerStatuses = ephemeral.map((c) => this.containerStatus(c));
    if (this.podIP && this.sandboxId) {
      st.podIP = this.podIP;
      st.podIPs = [{ ip: this.podIP }];
    } else if (this.podIP && completed) {
      st.podIP = this.podIP;
      st.podIPs = [{ ip: this.podIP }];
    }
    const qos = status(this.pod).qosClass;
    if (qos) st.qosClass = qos;
    if (this.startTime !== undefined) st.startTime = clock.rfc3339(this.startTime);
    return st;
  }

  private containerStatus(c: ContainerState): Obj {
    const clock = this.clock;
    const term = (t: Terminated): Obj => {
      const o: Obj = { containerID: `${this.host.runtimeName ?? 'containerd'}://${t.containerId}`, exitCode: t.exitCode, finishedAt: clock.rfc3339(t.finishedAt), reason: t.reason, startedAt: clock.rfc3339(t.startedAt) };
      if (t.message) o.message = t.message;
      if (!t.containerId) delete o.containerID;
      return o;
    };
    let state: Obj;
    if (c.phase === 'running') state = { running: { startedAt: clock.rfc3339(c.startedAt) } };
    else if (c.phase === 'terminated') state = { terminated: term(c.terminated!) };
    else state = { waiting: c.message ? { message: c.message, reason: c.reason } : { reason: c.reason ?? 'ContainerCreating' } };
    const pulled = !!c.imageRef;
    const out: Obj = {
      image: pulled ? c.imageRef : String(c.spec.image ?? ''),
      // cri-dockerd (and dockershim) answer the image's repo digest as docker-pullable://… (toPullableImageID).
      imageID: pulled ? (c.imageId && this.host.runtimeName === 'docker' ? `docker-pullable://${c.imageId}` : (c.imageId ?? '')) : '',
      lastState: c.last ? { terminated: term(c.last) } : {},
      name: c.name,
      ready: c.ready,
      restartCount: c.restartCount,
      started: c.phase === 'running' && c.started !== false,
      state,
    };
    // A container waiting to restart (CrashLoopBackOff) still names the last one that ran, as the kubelet builds its status from it.
    const id = c.phase === 'terminated' ? c.terminated?.containerId : c.phase === 'running' ? c.containerId : c.last?.containerId;
    if (id) out.containerID = `${this.host.runtimeName ?? 'containerd'}://${id}`;
    const mounts = ((c.spec.volumeMounts ?? []) as Obj[]).map((m) => {
      const vm: Obj = { mountPath: m.mountPath, name: m.name };
      if (m.readOnly) {
        vm.readOnly = true;
        vm.recursiveReadOnly = 'Disabled';
      }
      return vm;
    });
    if (mounts.length) out.volumeMounts = mounts;
    return out;
  }

  /** The behaviour of a container by name (for logs and exec). */
  container(name: string): ContainerState | undefined {
    return this.containers.find((c) => c.name === name);
  }
}
