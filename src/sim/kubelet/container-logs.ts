/**
 * A container's output as the kubelet serves it (`kubectl logs`, with --previous, --since,
 * --tail, --timestamps, --limit-bytes) and as the runtime does by container id (`crictl logs`):
 * what the container's program prints over its life (runtime/behaviour.ts), the lines the
 * runtime recorded for it (CoreDNS's query log, a crashing flanneld), and the errors the kubelet
 * answers for a container that has not started or has no previous instance.
 */
import type { KubeObject, Status } from '../apiserver/types';
import { errors } from '../apiserver/errors';
import { behaviourOf, logsUntil } from '../runtime/behaviour';
import { COREFILE_SHA512 } from '../runtime/coredns';
import { expandMetricsServerLine } from '../metrics/process';
import type { Obj } from '../controllers/machinery/objects';
import type { PodWorker } from './pod-worker';
import { MIRROR } from './static-pods';
import { followedLines } from './shared-files';

export interface ScrapeTarget {
  name: string;
  ip: string;
  ready: boolean;
}

/** What the kubelet knows that a container's output depends on. */
export interface LogSource {
  now: number;
  /** Pod workers by pod uid (static pods by their config hash). */
  workers: ReadonlyMap<string, PodWorker>;
  resolveEnv(pod: KubeObject, container: Obj, podIP?: string): Record<string, string> | string;
  /** Lines the runtime recorded for a container instance. */
  runtimeLines(containerId: string): readonly { at: number; line: string }[] | undefined;
  /** sha512 of the Corefile a CoreDNS container started with. */
  corefileSha(containerId: string | undefined): string;
  /** The nodes a cluster-wide scraper (metrics-server) reaches. */
  scrapeTargets(): ScrapeTarget[];
}

export type LogLine = { at: number; line: string };
type Line = LogLine;

/** One run of a container: when it started, up to when its output is read, its runtime id. */
interface Instance {
  startedAt?: number;
  until: number;
  containerId?: string;
}

type ContainerStatus = NonNullable<ReturnType<PodWorker['container']>>;

/** The run whose output `kubectl logs` reads (the previous one with --previous), or the kubelet's answer when there is none. */
function instanceOf(src: LogSource, cs: ContainerStatus, container: string, name: string, previous: boolean): Instance | Status {
  if (previous) {
    if (!cs.last) return errors.badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    return { startedAt: cs.last.startedAt, until: cs.last.finishedAt, containerId: cs.last.containerId };
  }
  if (cs.phase === 'running') return { startedAt: cs.startedAt, until: src.now, containerId: cs.containerId };
  if (cs.phase === 'terminated') return { startedAt: cs.terminated!.startedAt, until: cs.terminated!.finishedAt, containerId: cs.terminated?.containerId };
  if (cs.last && cs.reason === 'CrashLoopBackOff') return { startedAt: cs.last.startedAt, until: cs.last.finishedAt, containerId: cs.last.containerId };
  const why = cs.reason === 'ErrImagePull' || cs.reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : (cs.reason ?? 'ContainerCreating');
  return errors.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${why}`);
}

/** What the container's program printed during one run (its behaviour, and what it copied from files), without the runtime's own lines. */
function programLines(src: LogSource, w: PodWorker, cs: ContainerStatus, pod: KubeObject, run: Instance): Line[] {
  const name = pod.metadata!.name!;
  const env = cs.env ?? src.resolveEnv(pod, cs.spec, w.podIP);
  const b = cs.behaviour ?? behaviourOf(cs.spec as { image?: string }, typeof env === 'string' ? {} : env);
  let targets: ScrapeTarget[] | undefined;
  const nodes = () => (targets ??= src.scrapeTargets());
  // A placeholder that expands to nothing (metrics-server's scrape errors when none) writes no
  // line; an empty line the process printed (`echo`) stays.
  const NONE = '\0';
  const expand = (line: string, at: number) => {
    if (line === '') return line;
    const text = expandProcessLine(expandMetricsServerLine(line, at, nodes), at, name).replace('10.244.1.2', w.podIP ?? '10.244.1.2');
    return text === '' ? NONE : text;
  };
  // A command run for real (Behaviour.live) prints into the runtime's record, not from the model.
  if (b.live) return [];
  const lines = logsUntil(b, run.startedAt ?? run.until, run.until, expand);
  // `tail -f FILE`: what the Pod's processes write to the file reaches this log as they write it.
  if (b.follow) lines.push(...followedLines(w, cs, run.startedAt ?? run.until, run.until, expand));
  return lines.filter((l) => l.line !== NONE);
}

/** CoreDNS prints the digest of the Corefile it loaded: the one of the run that printed it. */
function withCorefileDigest(src: LogSource, lines: Line[], containerId: string | undefined): Line[] {
  if (!lines.some((l) => l.line.includes(COREFILE_SHA512))) return lines;
  const sha = src.corefileSha(containerId);
  return lines.map((l) => ({ ...l, line: l.line.replace(COREFILE_SHA512, sha) }));
}

/** `kubectl logs`: the container's output so far (or of its previous instance). */
export function containerOutput(src: LogSource, pod: KubeObject, container: string, query: Record<string, string | undefined>): string | Status {
  const hash = pod.metadata?.annotations?.[MIRROR];
  const w = src.workers.get(hash ?? pod.metadata!.uid!);
  const name = pod.metadata!.name!;
  const cs = w?.container(container);
  if (!w || !cs) return errors.badRequest(`container "${container}" in pod "${name}" is not available`);
  const run = instanceOf(src, cs, container, name, query.previous === 'true');
  if ('kind' in run) return run;
  let lines = withRuntimeLines(src, programLines(src, w, cs, pod, run), run.containerId, run.until);
  lines = withCorefileDigest(src, lines, run.containerId);
  if (query.sinceSeconds) lines = lines.filter((l) => l.at >= src.now - Number(query.sinceSeconds) * 1000);
  if (query.tailLines !== undefined) {
    const n = Number(query.tailLines);
    lines = n >= 0 ? lines.slice(Math.max(0, lines.length - n)) : lines;
  }
  const ts = query.timestamps === 'true';
  let out = lines.map((l) => (ts ? `${new Date(l.at).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ${l.line}` : l.line) + '\n').join('');
  if (query.limitBytes) out = out.slice(0, Number(query.limitBytes));
  return out;
}

/**
 * What the program of a container instance (current or previous, by runtime id) printed, for
 * `crictl logs`, which adds the lines the runtime recorded with their streams. Undefined when no
 * pod worker holds that instance any more.
 */
export function outputByContainerId(src: LogSource, containerId: string): Line[] | undefined {
  for (const w of src.workers.values())
    for (const cs of w.containers) {
      const previous = cs.last?.containerId === containerId;
      if (cs.containerId !== containerId && !previous && cs.terminated?.containerId !== containerId) continue;
      const pod = w.isStatic ? { ...w.pod, metadata: { ...w.pod.metadata, annotations: { ...(w.pod.metadata?.annotations ?? {}), [MIRROR]: w.uid } } } : w.pod;
      const run = instanceOf(src, cs, cs.name, pod.metadata!.name!, previous);
      if ('kind' in run) return [];
      return withCorefileDigest(src, programLines(src, w, cs, pod, run), run.containerId);
    }
  return undefined;
}

/** Lines written into the runtime's record of a container, merged in time order. */
function withRuntimeLines(src: LogSource, lines: Line[], containerId: string | undefined, until: number): Line[] {
  const extra = (containerId ? src.runtimeLines(containerId) : undefined) ?? [];
  if (!extra.length) return lines;
  return [...lines, ...extra.filter((l) => l.at <= until).map((l) => ({ at: l.at, line: l.line }))].sort((a, b) => a.at - b.at);
}

/** `date` in a container (UTC): "Thu Jan 15 08:00:00 UTC 2026". */
/** The placeholders a process's output holds, filled as busybox's `date` and `hostname` print them in the Pod `podName`. */
export function expandProcessLine(line: string, at: number, podName: string): string {
  return line.replace('{date}', goDate(at)).replace('{hostname}', podName);
}

function goDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
