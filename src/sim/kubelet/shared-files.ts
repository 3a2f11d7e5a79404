/**
 * Files that a Pod's containers write over time (`while true; do date >> /var/log/app.log; sleep 5;
 * done`) and read (`tail -f /var/log/app.log` in a logging sidecar, `kubectl exec … cat`). A
 * process's writes are part of its computed timeline (runtime/behaviour.ts); a file's content at an
 * instant is the merge of every container instance's writes to it up to then. Containers share a
 * file through a volume both mount (an emptyDir kept across restarts); any other path is the
 * container's own, and a restarted container starts without it.
 */
import { renderLine, type Behaviour, type FileWrite } from '../runtime/behaviour';
import type { Obj } from '../controllers/machinery/objects';
import type { ContainerState, PodWorker } from './pod-worker';

type Line = { at: number; line: string };

/** Fills a written line's placeholders (`{date}` of `date >> FILE`) as of the instant it was written. */
export type Expand = (line: string, writtenAt: number) => string;

/** Where a path of a container lives: a volume of the Pod (shared), or the container instance's own root. */
function fileKey(container: Obj, path: string, instance: string): string {
  const clean = path.replace(/\/+$/, '');
  let best: { mountPath: string; key: string } | undefined;
  for (const m of (container.volumeMounts ?? []) as Obj[]) {
    const mountPath = String(m.mountPath ?? '').replace(/\/+$/, '');
    if (clean !== mountPath && !clean.startsWith(`${mountPath}/`)) continue;
    if (!best || mountPath.length > best.mountPath.length) best = { mountPath, key: `volume:${m.name}/${m.subPath ?? ''}` };
  }
  return best ? `${best.key}${clean.slice(best.mountPath.length)}` : `own:${instance}:${clean}`;
}

/** One run of a container: its behaviour, when it started and until when it wrote. */
interface Instance {
  spec: Obj;
  behaviour: Behaviour;
  startedAt: number;
  until: number;
  id: string;
}

function instancesOf(cs: ContainerState, now: number): Instance[] {
  const b = cs.behaviour;
  if (!b) return [];
  const out: Instance[] = [];
  if (cs.last) out.push({ spec: cs.spec, behaviour: b, startedAt: cs.last.startedAt, until: cs.last.finishedAt, id: cs.last.containerId });
  if (cs.phase === 'running' && cs.startedAt !== undefined) out.push({ spec: cs.spec, behaviour: b, startedAt: cs.startedAt, until: now, id: cs.containerId ?? '' });
  else if (cs.phase === 'terminated' && cs.terminated) out.push({ spec: cs.spec, behaviour: b, startedAt: cs.terminated.startedAt, until: cs.terminated.finishedAt, id: cs.terminated.containerId });
  return out;
}

/** The writes of one instance to the file `key`, with their instants, up to `until`. */
function writesOf(inst: Instance, key: string, until: number): (FileWrite & { at: number })[] {
  const b = inst.behaviour;
  const end = Math.min(until, inst.until);
  const mine = (w: FileWrite) => fileKey(inst.spec, w.path, inst.id) === key;
  const out: (FileWrite & { at: number })[] = [];
  for (const w of b.writes ?? []) if (mine(w) && inst.startedAt + w.offsetMs <= end) out.push({ ...w, at: inst.startedAt + w.offsetMs });
  const loop = b.loop;
  const writes = loop?.writes?.filter(mine) ?? [];
  if (loop && writes.length && end >= inst.startedAt + loop.startMs) {
    const from = inst.startedAt + loop.startMs;
    // The latest rounds, up to about 20,000 writes: a file so long is read from its end.
    const rounds = Math.floor((end - from) / loop.periodMs) + 1;
    const first = Math.max(0, rounds - Math.ceil(20_000 / writes.length));
    for (let i = first; i < rounds; i++)
      for (const w of writes) {
        const at = from + i * loop.periodMs + w.offsetMs;
        if (at <= end) out.push({ ...w, at, line: w.template ? renderLine(w.template, i) : w.line });
      }
  }
  return out;
}

/** Every write to the file `key` by the Pod's containers up to `until`, in time order. */
function fileHistory(worker: PodWorker, key: string, until: number): (FileWrite & { at: number })[] {
  const all = worker.containers.flatMap((cs) => instancesOf(cs, until).flatMap((inst) => writesOf(inst, key, until)));
  return all.sort((a, b) => a.at - b.at);
}

/** The lines a file holds after `history`'s writes up to `at` (a truncation empties it), with when each was written. */
function contentAt(history: (FileWrite & { at: number })[], at: number): Line[] {
  let lines: Line[] = [];
  for (const w of history) {
    if (w.at > at) break;
    if (w.truncate) lines = [];
    if (w.line !== undefined) lines.push({ at: w.at, line: w.line });
  }
  return lines;
}

/**
 * What `tail -f` prints in a container instance started at `startedAt`: the file's last lines (or
 * from a line on) when it starts following, then each line as it is written, until `until`.
 */
export function followedLines(worker: PodWorker, follower: ContainerState, startedAt: number, until: number, expand: Expand): Line[] {
  const follow = follower.behaviour?.follow;
  if (!follow) return [];
  const key = fileKey(follower.spec, follow.path, follower.containerId ?? '');
  const start = startedAt + follow.startMs;
  if (start > until) return [];
  const history = fileHistory(worker, key, until);
  const initial = contentAt(history, start);
  const shown = follow.fromLine !== undefined ? initial.slice(follow.fromLine - 1) : follow.lines === 0 ? [] : initial.slice(-(follow.lines ?? 10));
  const out: Line[] = shown.map((l) => ({ at: start, line: expand(l.line, l.at) }));
  for (const w of history) if (w.at > start && w.line !== undefined) out.push({ at: w.at, line: expand(w.line, w.at) });
  return out;
}

/**
 * The files the Pod's processes have written so far that `container` sees (on a volume it mounts,
 * or in its own root), by their path in it, with their content now.
 */
export function filesSeenBy(worker: PodWorker, container: ContainerState, now: number, expand: Expand): Map<string, string> {
  const paths = new Map<string, string>(); // key → path in this container
  for (const cs of worker.containers)
    for (const inst of instancesOf(cs, now))
      for (const w of [...(inst.behaviour.writes ?? []), ...(inst.behaviour.loop?.writes ?? [])]) {
        const key = fileKey(inst.spec, w.path, inst.id);
        const here = pathIn(container, key);
        if (here !== undefined) paths.set(key, here);
      }
  const out = new Map<string, string>();
  for (const [key, path] of paths) out.set(path, contentAt(fileHistory(worker, key, now), now).map((l) => `${expand(l.line, l.at)}\n`).join(''));
  return out;
}

/** Where the file `key` is in `container`'s view, if it sees it. */
function pathIn(container: ContainerState, key: string): string | undefined {
  if (key.startsWith('own:')) {
    const prefix = `own:${container.containerId ?? ''}:`;
    return key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
  }
  for (const m of (container.spec.volumeMounts ?? []) as Obj[]) {
    const volume = `volume:${m.name}/${m.subPath ?? ''}`;
    if (key.startsWith(volume) && (key.length === volume.length || key[volume.length] === '/')) return `${String(m.mountPath).replace(/\/+$/, '')}${key.slice(volume.length)}`;
  }
  return undefined;
}
