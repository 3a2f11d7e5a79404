/**
 * The container runtime of one machine (containerd through CRI): images in its store, pod
 * sandboxes and containers with their state, exit codes, times and logs. It is data plus
 * small state transitions; the kubelet decides what to run and when (on the simulated clock).
 * `crictl ps/pods/images/logs/inspect` read this. Listeners hear every container change (the
 * cluster uses that to know whether the control-plane static pods run).
 */
import type { SeededRandom } from '../random';
import type { CatalogueImage } from './images';

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
export type SandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

export interface StoredImage extends CatalogueImage {
  pulledAt: number;
}

export interface Sandbox {
  id: string;
  podUid: string;
  podName: string;
  namespace: string;
  attempt: number;
  state: SandboxState;
  createdAt: number;
  ip: string;
  hostNetwork: boolean;
  labels: Record<string, string>;
}

export interface Container {
  id: string;
  sandboxId: string;
  podUid: string;
  podName: string;
  namespace: string;
  name: string;
  attempt: number;
  /** As the pod spec wrote it ('nginx'). */
  image: string;
  /** Normalised reference ('docker.io/library/nginx:latest'). */
  imageRef: string;
  imageId: string;
  state: ContainerState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** OOMKilled, Error, Completed, StartError… */
  reason?: string;
  /**
   * The environment in the container's OCI spec: fixed when it was created (a ConfigMap changed
   * later reaches only the next instance), kept across a kubelet restart.
   */
  env?: Record<string, string>;
  logs: { at: number; stream: 'stdout' | 'stderr'; line: string }[];
}

export interface RuntimeJSON {
  images: StoredImage[];
  sandboxes: Sandbox[];
  containers: Container[];
}

export type ContainerListener = (c: Container) => void;

/**
 * What a node's kubelet asks of its runtime (the CRI calls) and what the runtime reports back, for
 * observers such as the architecture view. The objects are the live ones: an observer that keeps
 * them copies what it needs at once.
 */
export type RuntimeTraceEvent =
  | { type: 'image-pulling'; image: string; podName: string; namespace: string }
  | { type: 'image-pulled'; image: string; imageRef: string; size: number; tookMs: number; podName: string; namespace: string }
  | { type: 'image-pull-failed'; image: string; message: string; podName: string; namespace: string }
  | { type: 'sandbox-created'; sandbox: Sandbox }
  | { type: 'container-created' | 'container-started' | 'container-exited'; container: Container }
  | { type: 'back-off'; reason: 'CrashLoopBackOff' | 'ImagePullBackOff'; container: string; backoffMs: number; podName: string; namespace: string };

export class ContainerRuntime {
  readonly version = '1.7.27';
  images = new Map<string, StoredImage>();
  sandboxes = new Map<string, Sandbox>();
  containers = new Map<string, Container>();
  private listeners = new Set<ContainerListener>();
  /** At most one observer of the CRI calls (the architecture view while it is open); none costs nothing. */
  trace?: (e: RuntimeTraceEvent) => void;

  constructor(private readonly random: SeededRandom) {}

  onContainerChange(fn: ContainerListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** 64 hex digits, as containerd's IDs. */
  private newId(): string {
    return this.random.hex(8);
  }

  hasImage(ref: string): StoredImage | undefined {
    return this.images.get(ref);
  }

  storeImage(image: CatalogueImage, now: number): StoredImage {
    const stored = { ...image, pulledAt: now };
    this.images.set(image.ref.full, stored);
    return stored;
  }

  removeImage(ref: string): boolean {
    return this.images.delete(ref);
  }

  runSandbox(init: Omit<Sandbox, 'id' | 'state'>): Sandbox {
    const sb: Sandbox = { ...init, id: this.newId(), state: 'SANDBOX_READY' };
    this.sandboxes.set(sb.id, sb);
    if (this.trace) this.trace({ type: 'sandbox-created', sandbox: sb });
    return sb;
  }

  stopSandbox(id: string, now: number): void {
    const sb = this.sandboxes.get(id);
    if (!sb) return;
    sb.state = 'SANDBOX_NOTREADY';
    for (const c of this.containers.values()) if (c.sandboxId === id && c.state === 'CONTAINER_RUNNING') this.finish(c.id, 137, 'Error', now);
  }

  removeSandbox(id: string): void {
    for (const c of [...this.containers.values()]) if (c.sandboxId === id) this.containers.delete(c.id);
    this.sandboxes.delete(id);
  }

  createContainer(init: Omit<Container, 'id' | 'state' | 'logs'>): Container {
    const c: Container = { ...init, id: this.newId(), state: 'CONTAINER_CREATED', logs: [] };
    this.containers.set(c.id, c);
    this.emit(c);
    if (this.trace) this.trace({ type: 'container-created', container: c });
    return c;
  }

  start(id: string, now: number): void {
    const c = this.containers.get(id);
    if (!c) return;
    c.state = 'CONTAINER_RUNNING';
    c.startedAt = now;
    this.emit(c);
    if (this.trace) this.trace({ type: 'container-started', container: c });
  }

  finish(id: string, exitCode: number, reason: string, now: number): void {
    const c = this.containers.get(id);
    if (!c || c.state === 'CONTAINER_EXITED') return;
    c.state = 'CONTAINER_EXITED';
    c.exitCode = exitCode;
    c.reason = reason;
    c.finishedAt = now;
    this.emit(c);
    if (this.trace) this.trace({ type: 'container-exited', container: c });
  }

  removeContainer(id: string): void {
    const c = this.containers.get(id);
    if (!c) return;
    this.containers.delete(id);
    if (c.state !== 'CONTAINER_EXITED') {
      c.state = 'CONTAINER_EXITED';
      this.emit(c);
    }
  }

  log(id: string, at: number, line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    this.containers.get(id)?.logs.push({ at, stream, line });
  }

  containersOf(podUid: string): Container[] {
    return [...this.containers.values()].filter((c) => c.podUid === podUid);
  }

  /** Is a container of this name (in kube-system) running? The control plane checks its static pods this way. */
  isRunning(containerName: string, namespace = 'kube-system'): boolean {
    for (const c of this.containers.values()) if (c.name === containerName && c.namespace === namespace && c.state === 'CONTAINER_RUNNING') return true;
    return false;
  }

  toJSON(): RuntimeJSON {
    return { images: [...this.images.values()], sandboxes: [...this.sandboxes.values()], containers: [...this.containers.values()] };
  }

  static fromJSON(data: RuntimeJSON, random: SeededRandom): ContainerRuntime {
    const r = new ContainerRuntime(random);
    for (const i of data.images) r.images.set(i.ref.full, i);
    for (const s of data.sandboxes) r.sandboxes.set(s.id, s);
    for (const c of data.containers) r.containers.set(c.id, c);
    return r;
  }

  private emit(c: Container): void {
    for (const fn of this.listeners) fn(c);
  }
}
