/**
 * The kubelet's file source of static pods, as v1.33's pkg/kubelet/config/file_linux.go runs it:
 * the directory is its config's `staticPodPath` (kubeadm: /etc/kubernetes/manifests; none set, no
 * file source at all). While that path does not exist, startWatch's loop (wait.Forever, every
 * retryPeriod = 1 s, no back-off for this retryable error) sends an empty pod list — every static
 * pod the kubelet ran is stopped and its mirror pod deleted — and logs
 *
 *   E0914 00:59:22.040084    1611 file_linux.go:61] "Unable to read config path" err="path does not exist, ignoring" path="/etc/kubernetes/manifests"
 *
 * (the line of kubelets whose node has no manifest directory, pasted in many install notes). Once
 * the path exists the watch starts and the lines stop; the directory's pods come with the next
 * listing.
 */
import type { SimClock, TimerHandle } from '../clock';
import type { KubeletLogLine } from './journal';
import { goQuote } from '../go-quote';
import type { FsView } from '../machine';
import { kubeletFlag } from './flags';
import { MANIFEST_DIR } from './static-pods';

const KUBELET_CONFIG = '/var/lib/kubelet/config.yaml';

const RETRY_PERIOD_MS = 1_000;

export interface StaticPodPathHost {
  clock: SimClock;
  exists(path: string): boolean;
  journal(lines: KubeletLogLine[]): void;
  /** The path exists again: list it now. */
  appeared(): void;
}

/**
 * The directory a kubelet starting now reads static pods from: its config's staticPodPath
 * (undefined: none set, no file source). A kubelet that a scenario starts before any config file
 * is written (a shortcut of the cluster builders: a real kubeadm kubelet does not run without one)
 * reads kubeadm's /etc/kubernetes/manifests.
 */
export function staticPodDirAtStart(fs: FsView, config: Record<string, unknown>): { dir: string | undefined; configured: boolean } {
  if (!fs.stat(kubeletFlag(fs, 'config') ?? KUBELET_CONFIG)) return { dir: MANIFEST_DIR, configured: false };
  const path = config.staticPodPath;
  return { dir: typeof path === 'string' && path ? path : undefined, configured: true };
}

export class StaticPodPathWatch {
  private timer?: TimerHandle;
  private path?: string;

  constructor(private readonly host: StaticPodPathHost) {}

  /** The kubelet starts with this path: while it does not exist, the loop logs every second. */
  start(path: string | undefined): void {
    this.stop();
    this.path = path;
    if (path && !this.host.exists(path)) this.schedule();
  }

  stop(): void {
    if (this.timer) this.host.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = this.host.clock.setTimeout(() => {
      this.timer = undefined;
      const path = this.path!;
      if (this.host.exists(path)) return this.host.appeared();
      this.host.journal([{ level: 'E', source: 'file_linux.go:61', text: `"Unable to read config path" err="path does not exist, ignoring" path=${goQuote(path)}` }]);
      this.schedule();
    }, RETRY_PERIOD_MS);
  }
}
