/**
 * `crictl logs` (cri-tools v1.33.0 cmd/crictl/logs.go, k8s.io/cri-client pkg/logs): the container's
 * log file, each line on the stream the process wrote it to. --tail keeps the last lines, then
 * --since drops those written before a time (a Go duration back from now, an RFC 3339 time or
 * Unix seconds: docker's timetypes.GetTimestamp), -t puts the time each line was written in
 * front of it, --stream keeps one stream, -p reads the previous instance's file. -f goes on
 * printing what the container writes until it exits (on a hand-driven clock, a minute at most);
 * Ctrl-C ends it quietly, as crictl drops the "context cancelled" error.
 */
import type { CommandContext } from '../../shell/command';
import type { Container, ContainerRuntime } from '../../sim/runtime/containerd';
import type { ParsedFlags } from './crictl-cli';
import { goDurationMs } from '../../sim/go-parse-duration';
import { containerById, containerNotFound, criErrorLine, fatal, kubeletOf } from './crictl-rpc';

export type Line = { at: number; line: string; stream?: 'stdout' | 'stderr' };

const POLL_MS = 1000;
const MANUAL_CLOCK_LIMIT_MS = 60_000;

/** Everything the container instance has written by now: its program's output and what the runtime recorded. */
export function linesOf(ctx: CommandContext, c: Container): Line[] {
  const now = ctx.clock.now();
  const program: Line[] = kubeletOf(ctx)?.containerLogs(c.id) ?? [];
  const recorded = c.logs.filter((l) => l.at <= now);
  if (!recorded.length) return program;
  if (!program.length) return recorded;
  return [...program, ...recorded].sort((a, b) => a.at - b.at);
}

/** GetTimestamp then ParseTimestamps: the time in ms, or the error crictl stops with. */
export function sinceTime(value: string, now: number): number | { error: string } {
  const d = goDurationMs(value);
  // A duration counts back from now, in whole seconds (reference.Add(-d).Unix()).
  if (value !== '0' && d !== undefined) return Math.floor((now - d) / 1000) * 1000;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.floor(Number(value) * 1000);
  // RFC 3339 forms; a time without a zone is the machine's local time (UTC on these nodes).
  const zoned = /[zZ+]/.test(value) || (value.match(/-/g) ?? []).length === 3 ? value : `${value}${value.includes('T') ? '' : 'T00:00:00'}Z`;
  const t = Date.parse(zoned);
  if (Number.isFinite(t)) return t;
  return { error: `failed to parse value as time or duration: ${JSON.stringify(value)}` };
}

/** RFC3339NanoFixed, as the CRI log reader writes a line's time with -t. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000000Z');
}

/** The container's previous instance (attempt - 1 of the same container of the same pod), if the runtime still has it. */
function previousOf(rt: ContainerRuntime | undefined, c: Container): Container | undefined {
  return [...(rt?.containers.values() ?? [])].find((x) => x.podUid === c.podUid && x.name === c.name && x.attempt === c.attempt - 1);
}

export async function logs(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): Promise<number> {
  // crictl-app.ts stopped an empty ID before the connection.
  const id = parsed.args[0];
  const v = parsed.values;
  const tail = Number(v.get('tail'));
  const now = ctx.clock.now();
  const since = v.get('since') ? sinceTime(String(v.get('since')), now) : undefined;
  if (typeof since === 'object') return fatal(ctx, since.error);
  const stream = String(v.get('stream') ?? '');
  if (!['stdout', 'stderr', ''].includes(stream)) return fatal(ctx, `invalid stream ${JSON.stringify(stream)}, must be "stdout" or "stderr"`);
  if (parsed.set.has('tail') && parsed.set.has('stream')) return fatal(ctx, '--tail and --stream are mutually exclusive');
  let c = containerById(rt, id);
  if (!c) {
    criErrorLine(ctx, 'ContainerStatus from runtime service failed', containerNotFound(ctx, id), [['containerID', id]]);
    return fatal(ctx, containerNotFound(ctx, id));
  }
  if (v.get('previous') === true) {
    if (c.attempt === 0) return fatal(ctx, `previous terminated container ${c.name} not found`);
    const prev = previousOf(rt, c);
    // The previous instance's file went with it: ReadLogs cannot resolve the path.
    const path = `/var/log/pods/${c.namespace}_${c.podName}_${c.podUid}/${c.name}/${c.attempt - 1}.log`;
    if (!prev) return fatal(ctx, `failed to try resolving symlinks in path ${JSON.stringify(path)}: lstat ${path}: no such file or directory`);
    c = prev;
  }
  const timestamps = v.get('timestamps') === true;
  const print = (l: Line) => {
    const out = l.stream === 'stderr' ? ctx.stderr : ctx.stdout;
    if (stream && (l.stream ?? 'stdout') !== stream) return;
    if (since !== undefined && l.at < since) return;
    out.write(`${timestamps ? `${stamp(l.at)} ` : ''}${l.line}\n`);
  };
  let lines = linesOf(ctx, c);
  const seen = lines.length;
  if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
  lines.forEach(print);
  return v.get('follow') === true ? follow(ctx, rt, c, seen, print) : 0;
}

/** -f (and attach): the lines written after those printed, each second, while the container runs. */
export async function follow(ctx: CommandContext, rt: ContainerRuntime | undefined, c: Container, seen: number, print: (l: Line) => void): Promise<number> {
  const { clock, signal } = ctx;
  const deadline = clock.mode === 'realtime' ? Infinity : clock.now() + MANUAL_CLOCK_LIMIT_MS;
  let running = c.state === 'CONTAINER_RUNNING';
  while (running) {
    if (signal.aborted || clock.now() >= deadline) return 0;
    await clock.sleep(POLL_MS, signal);
    if (signal.aborted) return 0;
    running = rt?.containers.get(c.id)?.state === 'CONTAINER_RUNNING';
    const lines = linesOf(ctx, c);
    lines.slice(seen).forEach(print);
    seen = Math.max(seen, lines.length);
  }
  return 0;
}
