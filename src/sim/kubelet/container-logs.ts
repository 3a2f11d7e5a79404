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
  resolveEnv(pod: KubeObject, container: Obj): Record<string, string> | string;
  /** Lines the runtime recorded for a container instance. */
  runtimeLines(containerId: string): readonly { at: number; line: string }[] | undefined;
  /** sha512 of the Corefile a CoreDNS container started with. */
  corefileSha(containerId: string | undefined): string;
  /** The nodes a cluster-wide scraper (metrics-server) reaches. */
  scrapeTargets(): ScrapeTarget[];
}

type Line = { at: number; line: string };

/** `kubectl logs`: the container's output so far (or of its previous instance). */
export function containerOutput(src: LogSource, pod: KubeObject, container: string, query: Record<string, string | undefined>): string | Status {
  const hash = pod.metadata?.annotations?.[MIRROR];
  const w = src.workers.get(hash ?? pod.metadata!.uid!);
  const name = pod.metadata!.name!;
  const cs = w?.container(container);
  if (!w || !cs) return errors.badRequest(`container "${container}" in pod "${name}" is not available`);
  const previous = query.previous === 'true';
  let startedAt: number | undefined;
  let until = src.now;
  if (previous) {
    if (!cs.last) return errors.badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    startedAt = cs.last.startedAt;
    until = cs.last.finishedAt;
  } else if (cs.phase === 'running') startedAt = cs.startedAt;
  else if (cs.phase === 'terminated') {
    startedAt = cs.terminated!.startedAt;
    until = cs.terminated!.finishedAt;
  } else if (cs.last && cs.reason === 'CrashLoopBackOff') {
    startedAt = cs.last.startedAt;
    until = cs.last.finishedAt;
  } else {
    const why = cs.reason === 'ErrImagePull' || cs.reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : (cs.reason ?? 'ContainerCreating');
    return errors.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${why}`);
  }
  const env = src.resolveEnv(pod, cs.spec);
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
  let lines = logsUntil(b, startedAt ?? until, until, expand);
  // `tail -f FILE`: what the Pod's processes write to the file reaches this log as they write it.
  if (b.follow) lines.push(...followedLines(w, cs, startedAt ?? until, until, expand));
  lines = lines.filter((l) => l.line !== NONE);
  const containerId = previous ? cs.last?.containerId : cs.phase === 'running' ? cs.containerId : cs.phase === 'terminated' ? cs.terminated?.containerId : cs.last?.containerId;
  lines = withRuntimeLines(src, lines, containerId, until);
  if (lines.some((l) => l.line.includes(COREFILE_SHA512))) {
    const sha = src.corefileSha(containerId);
    lines = lines.map((l) => ({ ...l, line: l.line.replace(COREFILE_SHA512, sha) }));
  }
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

/** `crictl logs <id>`: the output of a container instance (current or previous) by runtime id. */
export function outputByContainerId(src: LogSource, containerId: string): string | undefined {
  for (const w of src.workers.values())
    for (const cs of w.containers) {
      const previous = cs.last?.containerId === containerId;
      if (cs.containerId !== containerId && !previous && cs.terminated?.containerId !== containerId) continue;
      const pod = w.isStatic ? { ...w.pod, metadata: { ...w.pod.metadata, annotations: { ...(w.pod.metadata?.annotations ?? {}), [MIRROR]: w.uid } } } : w.pod;
      const out = containerOutput(src, pod, cs.name, previous ? { previous: 'true' } : {});
      return typeof out === 'string' ? out : '';
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
