/**
 * The kubelet's own journal lines (journalctl -u kubelet): klog's text format as a v1.33 kubelet
 * writes it when a pod cannot sync — a container in CrashLoopBackOff, an image that cannot be
 * pulled or is in back-off. The texts and their sources:
 *
 * - pkg/kubelet/pod_workers.go: `klog.ErrorS(err, "Error syncing pod, skipping", "pod", klog.KObj(pod), "podUID", pod.UID)`
 *   after every failed sync; err is the SyncResult's `failed to %q for %q with %v: %q`.
 * - pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff: `back-off %s restarting failed container=%s pod=%s`.
 * - cri-client (log.go): `"PullImage from image service failed" err=… image=…`; codes.Unknown
 *   statuses are then stripped to their message for everything above it.
 * - pkg/kubelet/kuberuntime/kuberuntime_image.go: `"Failed to pull image" err=… image=…`.
 * - pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod: a container that fails to start for
 *   another reason than the image back-off goes to utilruntime.HandleError as
 *   `%v %+v start failed in pod %v: %w: %s` (the whole spec, see go-container-string.ts).
 * - pkg/kubelet/images/image_manager.go: `Back-off pulling image %q: <ErrImagePull: last error>`.
 *
 * The pod worker requeues a pod whose sync failed after backOffPeriod (10 s) with a jitter of up
 * to 50 %, so a container in back-off logs its line every 10–15 s until the back-off ends (the
 * kubelet of v1.33 does not yet wait the container's own back-off: kubernetes#123602).
 */
import { goQuote } from '../go-quote';
import type { Machine } from '../machine/machine';
import type { KubeObject } from '../apiserver/types';
import type { JournalEntry } from '../systemd/journal';
import { klogPrefix } from '../systemd/journal';
import { goDuration } from './duration';
import { goContainerString } from './go-container-string';

const JOURNAL_LIMIT = 3000;
/** The pod worker's requeue period after a failed sync, and its jitter factor. */
export const SYNC_ERROR_REQUEUE_MS = 10_000;
const REQUEUE_JITTER = 0.5;

/** One klog line of the kubelet: severity, source file:line, and the text after the header. */
export interface KubeletLogLine {
  level: 'I' | 'W' | 'E';
  source: string;
  text: string;
}

interface SystemdRecord {
  units?: Record<string, { pid?: number }>;
  journal?: JournalEntry[];
}

export { goQuote };

/** Append kubelet lines to the machine's journal (nothing when the machine has no service manager). */
export function writeKubeletJournal(machine: Machine, at: number, lines: KubeletLogLine[]): void {
  const sd = machine.ext.systemd as SystemdRecord | undefined;
  const journal = sd?.journal;
  if (!journal) return;
  const pid = sd.units?.['kubelet.service']?.pid ?? 0;
  for (const l of lines) journal.push({ t: at, unit: 'kubelet.service', ident: 'kubelet', pid, msg: `${klogPrefix(l.level, at, pid, l.source)}${l.text}` });
  if (journal.length > JOURNAL_LIMIT) journal.splice(0, journal.length - JOURNAL_LIMIT);
}

/** `name_namespace(uid)` as format.Pod prints a pod. */
export function podDescription(pod: KubeObject): string {
  const m = pod.metadata ?? {};
  return `${m.name}_${m.namespace}(${m.uid})`;
}

/** The pod worker's line for a sync that failed in StartContainer with `reason: message`. */
export function syncErrorLine(pod: KubeObject, container: string, reason: string, message: string): KubeletLogLine {
  const m = pod.metadata ?? {};
  const err = `failed to ${goQuote('StartContainer')} for ${goQuote(container)} with ${reason}: ${goQuote(message)}`;
  return { level: 'E', source: 'pod_workers.go:1301', text: `"Error syncing pod, skipping" err=${goQuote(err)} pod=${goQuote(`${m.namespace}/${m.name}`)} podUID=${goQuote(String(m.uid))}` };
}

/** doBackOff's message for a container in CrashLoopBackOff. */
export function crashLoopMessage(pod: KubeObject, container: string, backoffMs: number): string {
  return `back-off ${goDuration(backoffMs)} restarting failed container=${container} pod=${podDescription(pod)}`;
}

/** The kubelet's view of a CRI pull error: a codes.Unknown status is reduced to its message. */
export function kubeletPullError(criError: string): string {
  return criError.replace(/^rpc error: code = Unknown desc = /, '');
}

/** SyncPod's HandleError for a container that could not start (`reason` is the error, e.g. ErrImagePull). */
export function startFailedLine(pod: KubeObject, container: Record<string, unknown>, init: boolean, reason: string, message: string): KubeletLogLine {
  const err = `${init ? 'init container' : 'container'} ${goContainerString(container)} start failed in pod ${podDescription(pod)}: ${reason}: ${message}`;
  return { level: 'E', source: 'kuberuntime_manager.go:1358', text: `"Unhandled Error" err=${goQuote(err)} logger="UnhandledError"` };
}

/** The lines of a sync whose container could not start: SyncPod's error, then the pod worker's. */
export function startFailedLines(pod: KubeObject, container: Record<string, unknown>, init: boolean, reason: string, message: string): KubeletLogLine[] {
  return [startFailedLine(pod, container, init, reason, message), syncErrorLine(pod, String(container.name), reason, message)];
}

/** The lines of a failed pull, in the order the kubelet writes them. */
export function pullFailedLines(pod: KubeObject, container: Record<string, unknown>, init: boolean, image: string, criError: string): KubeletLogLine[] {
  const err = kubeletPullError(criError);
  return [
    { level: 'E', source: 'log.go:32', text: `"PullImage from image service failed" err=${goQuote(criError)} image=${goQuote(image)}` },
    { level: 'E', source: 'kuberuntime_image.go:43', text: `"Failed to pull image" err=${goQuote(err)} image=${goQuote(image)}` },
    ...startFailedLines(pod, container, init, 'ErrImagePull', err),
  ];
}

/** The message of a sync that finds the image in back-off (with the last pull error since v1.32). */
export function imagePullBackOffMessage(image: string, criError: string): string {
  return `Back-off pulling image ${goQuote(image)}: ErrImagePull: ${kubeletPullError(criError)}`;
}

/**
 * When the pod worker syncs again after a failed sync at `at`: 10 s plus a jitter of up to 5 s,
 * drawn from the pod's UID and the attempt so that a replay gives the same times.
 */
export function nextSyncAfterError(uid: string, attempt: number): number {
  let h = 0x811c9dc5;
  for (const c of `${uid}/${attempt}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return SYNC_ERROR_REQUEUE_MS + Math.floor((h / 0x100000000) * REQUEUE_JITTER * SYNC_ERROR_REQUEUE_MS);
}
