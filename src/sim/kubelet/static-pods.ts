/**
 * Static pods: the kubelet's file source (pkg/kubelet/config/file.go, v1.33) lists its manifest
 * directory at start and every 20 s (fileCheckFrequency). Every entry not starting with "." is
 * read, in name order: a regular file must decode as a Pod (tryDecodeSinglePod, manifest-decode.ts),
 * a directory is not entered. What cannot be taken is logged and skipped; the other static pods
 * run on:
 *
 *   E0122 02:14:10.672832   24118 file.go:187] "Could not process manifest file" err="/etc/kubernetes/manifests/kube-apiserver.yaml: couldn't parse as pod(yaml: line 2: mapping values are not allowed in this context), please check config file" path="/etc/kubernetes/manifests/kube-apiserver.yaml"
 *
 * The source's store is keyed by namespace/name: two files that give the same pod (a backup copy
 * left in the directory) make one pod, the later file's.
 */
import type { KubeObject } from '../apiserver/types';
import type { FsView } from '../machine';
import { fnv32a } from '../controllers/machinery/hash';
import { canonical } from '../controllers/machinery/objects';
import { goQuote } from '../go-quote';
import type { KubeletLogLine } from './journal';
import { decodeManifest, type ManifestDecode } from './manifest-decode';

/** The annotation of a mirror pod: the config hash of the static pod it stands for. */
export const MIRROR = 'kubernetes.io/config.mirror';

export const MANIFEST_DIR = '/etc/kubernetes/manifests';

export interface StaticPod {
  file: string;
  /** The pod as the kubelet runs it: name `<name>-<node>`, uid = config hash. */
  pod: KubeObject;
  hash: string;
}

/** Decoded manifests by node, path and content: the kubelet re-reads the directory every 20 s. */
const decoded = new Map<string, ManifestDecode>();

function decodeCached(text: string, file: string, nodeName: string): ManifestDecode {
  const key = `${nodeName}\0${file}\0${text}`;
  let d = decoded.get(key);
  if (!d) {
    if (decoded.size > 64) decoded.clear();
    decoded.set(key, (d = decodeManifest(text, file, nodeName)));
  }
  return d;
}

/** What the kubelet's file source writes on a static pod: its config hash, when it was seen (RFC 3339 with nanoseconds), its source. */
export function fileSourceAnnotations(hash: string, seenMs: number): Record<string, string> {
  return {
    'kubernetes.io/config.hash': hash,
    'kubernetes.io/config.seen': new Date(seenMs).toISOString().replace('Z', '000000Z'),
    'kubernetes.io/config.source': 'file',
  };
}

export function configHash(pod: KubeObject, nodeName: string): string {
  return [0, 1, 2, 3].map((i) => fnv32a(`${i}/${nodeName}/${canonical(pod)}`).toString(16).padStart(8, '0')).join('');
}

/** One listing of the directory: the pods it gives, and the lines the kubelet logs for what it skipped. */
export interface StaticPodListing {
  pods: StaticPod[];
  journal: KubeletLogLine[];
  /** The key (namespace/name) of the pod each file gave: fileKeyMapping, which extractFromFile fills. */
  files: Map<string, string>;
}

export function readStaticPods(fs: FsView, nodeName: string, dir = MANIFEST_DIR): StaticPod[] {
  return listStaticPods(fs, nodeName, dir).pods;
}

/** The key of the source's store: cache.MetaNamespaceKeyFunc of the pod. */
export function staticPodKey(sp: StaticPod): string {
  return `${sp.pod.metadata!.namespace}/${sp.pod.metadata!.name}`;
}

export function listStaticPods(fs: FsView, nodeName: string, dir = MANIFEST_DIR): StaticPodListing {
  const listing: StaticPodListing = { pods: [], journal: [], files: new Map() };
  let names: string[];
  // Most machines have no manifest directory (often not even /etc/kubernetes): say so without
  // building an error every 20 s (a missing parent makes the lookup throw and catch one).
  const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
  if (fs.stat(parent)?.type !== 'dir' || fs.stat(dir)?.type !== 'dir') return listing;
  try {
    names = fs.readdir(dir);
  } catch {
    return listing;
  }
  // The store keeps one pod per namespace/name: a later file replaces an earlier one's.
  const byKey = new Map<string, StaticPod>();
  // filepath.Glob's "[^.]*", sorted as Go sorts strings (bytewise).
  for (const name of names.filter((n) => !n.startsWith('.')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = `${dir}/${name}`;
    const type = fs.stat(file)?.type;
    if (type === 'dir') {
      listing.journal.push({ level: 'E', source: 'file.go:182', text: `"Provided manifest path is a directory, not recursing into manifest path" path=${goQuote(file)}` });
      continue;
    }
    if (type !== 'file') continue;
    const got = extractStaticPod(fs, nodeName, file);
    if ('error' in got) {
      // a file gone between the listing and its reading (os.IsNotExist) is passed over in silence
      if (got.error !== undefined && !got.missing) listing.journal.push({ level: 'E', source: 'file.go:187', text: `"Could not process manifest file" err=${goQuote(got.error)} path=${goQuote(file)}` });
      continue;
    }
    const key = staticPodKey(got.pod);
    listing.files.set(file, key);
    byKey.set(key, got.pod);
  }
  listing.pods = [...byKey.values()];
  return listing;
}

/**
 * extractFromFile: the static pod one file gives, or why not (undefined: a reason we do not
 * reproduce; `missing`: the file does not exist). Read errors are os.Open's and read(2)'s texts.
 */
export function extractStaticPod(fs: FsView, nodeName: string, file: string): { pod: StaticPod } | { error: string | undefined; missing?: boolean } {
  let text: string;
  try {
    text = fs.readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EISDIR') return { error: `read ${file}: is a directory` };
    if (code === 'ENOENT') return { error: `open ${file}: no such file or directory`, missing: true };
    if (code === 'EACCES') return { error: `open ${file}: permission denied` };
    return { error: undefined };
  }
  const d = decodeCached(text, file, nodeName);
  if ('error' in d) return { error: d.error };
  // staticPodOf reads the cached decode and changes only its own copy
  return { pod: staticPodOf(d.pod, file, nodeName) };
}

/** The pod as the kubelet runs it (applyDefaults): `<name>-<node>`, its namespace, the config hash as UID, the node, defaults. */
function staticPodOf(pod: KubeObject, file: string, nodeName: string): StaticPod {
  const hash = configHash(pod, nodeName);
  const copy: KubeObject = JSON.parse(JSON.stringify(pod));
  copy.metadata = { ...copy.metadata, name: `${pod.metadata!.name}-${nodeName}`, namespace: pod.metadata!.namespace || 'default', uid: hash };
  const s = copy.spec as Record<string, unknown>;
  s.nodeName = nodeName;
  s.restartPolicy ??= 'Always';
  s.terminationGracePeriodSeconds ??= 30;
  // The kubelet gives file-sourced static pods a toleration of every NoExecute taint, so that a
  // NotReady or unreachable node never has its own control plane evicted (pkg/kubelet/config).
  const tolerations = (Array.isArray(s.tolerations) ? s.tolerations : []) as Array<Record<string, unknown>>;
  if (!tolerations.some((t) => t.operator === 'Exists' && !t.key && t.effect === 'NoExecute')) tolerations.push({ operator: 'Exists', effect: 'NoExecute' });
  s.tolerations = tolerations;
  for (const c of (s.containers as Record<string, unknown>[]) ?? []) c.imagePullPolicy ??= String(c.image ?? '').endsWith(':latest') || !String(c.image ?? '').includes(':') ? 'Always' : 'IfNotPresent';
  return { file, pod: copy, hash };
}
