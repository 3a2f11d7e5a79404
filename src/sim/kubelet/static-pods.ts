/**
 * Static pods: every `*.yaml`/`*.yml`/`*.json` file in the kubelet's manifest directory that
 * parses as a Pod. A file that does not parse or is not a Pod is skipped, as the real kubelet
 * does (it only logs the error), so the symptom is simply that the pod is not there.
 */
import { parse } from 'yaml';
import type { KubeObject } from '../apiserver/types';
import type { FsView } from '../machine';
import { fnv32a } from '../controllers/machinery/hash';
import { canonical } from '../controllers/machinery/objects';

/** The annotation of a mirror pod: the config hash of the static pod it stands for. */
export const MIRROR = 'kubernetes.io/config.mirror';

export const MANIFEST_DIR = '/etc/kubernetes/manifests';

export interface StaticPod {
  file: string;
  /** The pod as the kubelet runs it: name `<name>-<node>`, uid = config hash. */
  pod: KubeObject;
  hash: string;
}

/** Parsed manifests by content: the kubelet re-reads the directory every 20 s. */
const parsed = new Map<string, unknown>();

function structuredCloneJson(v: unknown): unknown {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
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

export function readStaticPods(fs: FsView, nodeName: string, dir = MANIFEST_DIR): StaticPod[] {
  let names: string[];
  // Most machines have no manifest directory (often not even /etc/kubernetes): say so without
  // building an error every 20 s (a missing parent makes the lookup throw and catch one).
  const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
  if (fs.stat(parent)?.type !== 'dir' || fs.stat(dir)?.type !== 'dir') return [];
  try {
    names = fs.readdir(dir);
  } catch {
    return [];
  }
  const out: StaticPod[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.') || !/\.(ya?ml|json)$/.test(name)) continue;
    const file = `${dir}/${name}`;
    let doc: unknown;
    try {
      const text = fs.readFile(file);
      if (!parsed.has(text)) {
        if (parsed.size > 64) parsed.clear();
        parsed.set(text, parse(text));
      }
      doc = structuredCloneJson(parsed.get(text));
    } catch {
      continue;
    }
    const pod = doc as KubeObject;
    if (!pod || typeof pod !== 'object' || pod.kind !== 'Pod' || pod.apiVersion !== 'v1' || !pod.metadata?.name) continue;
    const spec = pod.spec as { containers?: unknown[] } | undefined;
    if (!spec || !Array.isArray(spec.containers) || !spec.containers.length) continue;
    const hash = configHash(pod, nodeName);
    const copy: KubeObject = JSON.parse(JSON.stringify(pod));
    copy.metadata = { ...copy.metadata, name: `${pod.metadata.name}-${nodeName}`, namespace: pod.metadata.namespace || 'default', uid: hash };
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
    out.push({ file, pod: copy, hash });
  }
  return out;
}
