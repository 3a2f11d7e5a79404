/**
 * The kubelet's file source of static pods between its listings (pkg/kubelet/config/file.go and
 * file_linux.go, v1.33): an inotify watch on the manifest directory turns each change of an entry
 * into an event, consumed at once —
 *
 * - created (or moved in), written, attributes changed: the file is read again (extractFromFile)
 *   and its pod put in the store under its namespace/name, replacing what was there; a file that
 *   cannot be taken leaves the store as it was and is logged
 *     E1123 16:20:01.123456    1611 file.go:108] "Unable to process watch event" err="can't process config file \"/etc/kubernetes/manifests/kube-scheduler.yaml\": /etc/kubernetes/manifests/kube-scheduler.yaml: couldn't parse as pod(…), please check config file"
 * - removed or moved out: the pod the file last gave (fileKeyMapping) leaves the store.
 *
 * Names starting with "." are ignored. The listing every 20 s (and at start) replaces the whole
 * store with what the directory gives, so a broken file's old pod, kept by the watch, goes then.
 */
import type { FsView, DirEvent } from '../machine';
import { goQuote } from '../go-quote';
import type { KubeletLogLine } from './journal';
import { extractStaticPod, listStaticPods, staticPodKey, type StaticPod } from './static-pods';

export class StaticPodFileSource {
  /** The store (cache.NewUndeltaStore keyed by namespace/name). */
  private store = new Map<string, StaticPod>();
  /** Which key each file's pod had when last read. */
  private fileKeys = new Map<string, string>();

  constructor(
    private readonly fs: FsView,
    private readonly nodeName: string,
    readonly dir: string,
  ) {}

  /** What the store holds, in the order the pods came in. */
  pods(): StaticPod[] {
    return [...this.store.values()];
  }

  /** listConfig: the store becomes the directory's pods; returns the lines logged for what was skipped. */
  list(): KubeletLogLine[] {
    const listing = listStaticPods(this.fs, this.nodeName, this.dir);
    this.store = new Map(listing.pods.map((sp) => [staticPodKey(sp), sp]));
    for (const [file, key] of listing.files) this.fileKeys.set(file, key);
    return listing.journal;
  }

  /** consumeWatchEvent: whether the store changed, and the line logged when the event could not be used. */
  consume(e: DirEvent): { changed: boolean; journal?: KubeletLogLine } {
    if (e.name.startsWith('.')) return { changed: false };
    const file = `${this.dir}/${e.name}`;
    if (e.op === 'remove' || e.op === 'rename') {
      const key = this.fileKeys.get(file);
      if (key === undefined) return { changed: false };
      if (!this.store.has(key)) return { changed: false, journal: watchEventError(`the pod with key ${key} doesn't exist in cache`) };
      this.store.delete(key);
      this.fileKeys.delete(file);
      return { changed: true };
    }
    const got = extractStaticPod(this.fs, this.nodeName, file);
    if ('error' in got) return { changed: false, journal: got.error === undefined ? undefined : watchEventError(`can't process config file ${goQuote(file)}: ${got.error}`) };
    const key = staticPodKey(got.pod);
    this.fileKeys.set(file, key);
    const before = this.store.get(key);
    // store.Add replaces the key's object (and the UndeltaStore sends the whole set even when it is the same)
    this.store.set(key, got.pod);
    return { changed: before?.hash !== got.pod.hash };
  }
}

function watchEventError(err: string): KubeletLogLine {
  return { level: 'E', source: 'file.go:108', text: `"Unable to process watch event" err=${goQuote(err)}` };
}
