/**
 * `kubectl logs -f`: after the lines already written, the lines each container writes as
 * simulated time passes, until Ctrl-C (exit 130) or until every followed container exits (exit 0,
 * as the stream closes). Several pods (-l) interleave by time, each line with its --prefix.
 * The kubelet derives logs from a container's start, so following is a re-read every second of
 * the lines past those already printed. A hand-driven clock (scripts, tests) has no Ctrl-C: there
 * the follow ends after a minute of simulated time.
 */
import { goDurationMs } from '../../sim/go-parse-duration';
import type { KubeObject } from '../../sim/apiserver/types';
import type { Connection } from '../client/connection';
import type { Invocation } from '../invocation';

export interface FollowTarget {
  pod: string;
  container: string;
  /** `[pod/NAME/CONTAINER] ` with --prefix, else ''. */
  prefix: string;
}

interface FollowState extends FollowTarget {
  /** Lines of the current instance's log already accounted for. */
  seen: number;
  containerID?: string;
  done: boolean;
}

const POLL_MS = 1000;
const MANUAL_CLOCK_LIMIT_MS = 60_000;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Go's time.ParseDuration, in seconds (for --since), rounded down as kubectl sends it. */
export function durationSeconds(text: string): number {
  return Math.floor((goDurationMs(text) ?? 0) / 1000);
}

function containerStatus(pod: KubeObject | undefined, container: string): Obj | undefined {
  const st = (pod?.status ?? {}) as Obj;
  const all = [...(st.containerStatuses ?? []), ...(st.initContainerStatuses ?? []), ...(st.ephemeralContainerStatuses ?? [])] as Obj[];
  return all.find((c) => c.name === container);
}

function fullLog(conn: Connection, namespace: string, t: FollowTarget, previous = false): string[] | undefined {
  const query: Record<string, string> = { container: t.container, timestamps: 'true' };
  if (previous) query.previous = 'true';
  const res = conn.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace, name: t.pod, query });
  if (res.code >= 300) return undefined;
  return String(res.body).split('\n').filter((l) => l !== '');
}

function getPod(conn: Connection, namespace: string, name: string): KubeObject | undefined {
  const res = conn.request<KubeObject>({ verb: 'get', group: '', version: 'v1', resource: 'pods', namespace, name });
  return res.code < 300 ? (res.body as KubeObject) : undefined;
}

/** Follow the targets; call after their current lines have been printed. */
export async function followLogs(inv: Invocation, conn: Connection, namespace: string, targets: FollowTarget[]): Promise<number> {
  const { clock, signal } = inv.ctx;
  const timestamps = inv.flags.bool('timestamps');
  const states: FollowState[] = targets.map((t) => {
    const pod = getPod(conn, namespace, t.pod);
    const cs = containerStatus(pod, t.container);
    const running = !!cs?.state?.running;
    return { ...t, seen: fullLog(conn, namespace, t)?.length ?? 0, containerID: cs?.containerID, done: !running };
  });
  const deadline = clock.mode === 'realtime' ? Infinity : clock.now() + MANUAL_CLOCK_LIMIT_MS;
  while (states.some((s) => !s.done)) {
    if (signal.aborted) return 130;
    if (clock.now() >= deadline) return 0;
    await clock.sleep(POLL_MS, signal);
    if (signal.aborted) return 130;
    const fresh: { at: string; text: string }[] = [];
    for (const s of states) {
      if (s.done) continue;
      const pod = getPod(conn, namespace, s.pod);
      const cs = containerStatus(pod, s.container);
      const restarted = !!cs?.containerID && cs.containerID !== s.containerID;
      // A restarted container's stream has closed: the rest of the old instance's lines, then stop.
      const lines = fullLog(conn, namespace, s, restarted) ?? [];
      for (const line of lines.slice(s.seen)) {
        const sp = line.indexOf(' ');
        fresh.push({ at: line.slice(0, sp), text: s.prefix + (timestamps ? line : line.slice(sp + 1)) });
      }
      s.seen = Math.max(s.seen, lines.length);
      if (!pod || restarted || !cs?.state?.running) s.done = true;
    }
    fresh.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    for (const f of fresh) inv.out(f.text + '\n');
  }
  return 0;
}
