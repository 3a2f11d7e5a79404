/**
 * What a v1.33 kubelet journals while its container runtime reports the pod network not ready (no
 * CNI configuration in /etc/cni/net.d: before a CNI is installed, or once its file was removed).
 * updateRuntimeUp runs every 5 s from the process start (pkg/kubelet/kubelet.go, wait.Until) and,
 * each time the runtime's NetworkReady condition is false, logs it at error level:
 *
 *   E0730 21:44:40.048656   69503 kubelet.go:3117] "Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"
 *
 * (a v1.33.3 node before its CNI was installed, pasted in a public guide; the line repeats every
 * 5 s in every journal of this state). The lines stop once the configuration is back. The kubelet
 * notices the change at its next heartbeat (or when a CNI file is written), then logs at the next
 * tick of the 5 s loop.
 */
import type { SimClock, TimerHandle } from '../clock';
import type { KubeletLogLine } from './journal';

const RUNTIME_CHECK_MS = 5_000;

const LINE: KubeletLogLine = {
  level: 'E',
  source: 'kubelet.go:3117',
  text: '"Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"',
};

export interface NetworkJournalHost {
  clock: SimClock;
  networkReady(): boolean;
  journal(lines: KubeletLogLine[]): void;
}

export class NetworkNotReadyJournal {
  /** When the kubelet process started: the phase of its 5 s loop. */
  private origin = 0;
  private timer?: TimerHandle;

  constructor(private readonly host: NetworkJournalHost) {}

  start(): void {
    this.stop();
    this.origin = this.host.clock.now();
    this.update();
  }

  stop(): void {
    if (this.timer) this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The kubelet saw the network's readiness change: log from the next tick while it is not ready. */
  update(): void {
    if (this.host.networkReady()) return this.stop();
    if (!this.timer) this.schedule();
  }

  private schedule(): void {
    const now = this.host.clock.now();
    const next = this.origin + (Math.floor((now - this.origin) / RUNTIME_CHECK_MS) + 1) * RUNTIME_CHECK_MS;
    this.timer = this.host.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.host.networkReady()) return;
      this.host.journal([LINE]);
      this.schedule();
    }, next - now);
  }
}
