/**
 * crictl stats and statsp (cri-tools 1.33, cmd/crictl/container_stats.go and pod_stats.go) over
 * containerd 1.7's ListContainerStats / ListPodSandboxStats:
 * - containerd lists every container it knows; an exited one has no CPU or memory, so crictl
 *   skips it unless -a; pod stats cover only ready sandboxes;
 * - crictl takes two samples --seconds apart (1 s) and prints CPU % from the difference, MEM as
 *   the working set, DISK and INODES of the writable layer, SWAP (containerd 1.7 reports none,
 *   so 0B) in its tabwriter table after clearing the screen; -o json|yaml prints the first sample
 *   as protojson (64-bit numbers as strings).
 * The usage is the metrics model's (what `kubectl top` reads through metrics-server), so the two
 * agree; the writable layer is what runc and the image's entrypoint create in it.
 */
import type { CommandContext } from '../../shell/command';
import type { Container, ContainerRuntime, Sandbox } from '../../sim/runtime/containerd';
import { clusterOf } from '../../sim/cluster/attach';
import { containerSpecs, runningContainerUsage } from '../../sim/metrics/node-usage';
import type { ContainerLike, Usage } from '../../sim/metrics/usage';
import { normalizeImage } from '../../sim/runtime/images';
import { hashString } from '../../sim/random';
import { toYaml } from '../../sim/go-yaml/emit';
import { getSystem } from '../../shell/commands/lib/system';
import { machineOf, worldOf } from '../lib/context';
import { crictlTable, humanSize } from './cri';
import type { ParsedFlags } from './crictl-cli';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const IMAGE_FS = '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs';
/** cAdvisor and the cgroup count the working set in pages. */
const PAGE = 4096;

/** The writable layer: runc's mount points (/dev/termination-log, the token's directories) and what the image's start writes. */
const LAYERS: Record<string, { bytes: number; inodes: number }> = {
  'docker.io/library/nginx': { bytes: 69_632, inodes: 18 },
  'docker.io/library/busybox': { bytes: 24_576, inodes: 7 },
  'docker.io/library/alpine': { bytes: 20_480, inodes: 6 },
};
const DEFAULT_LAYER = { bytes: 32_768, inodes: 9 };

interface Sample {
  container: Container;
  usage?: Usage;
  /** Cumulative CPU time (ns) and when it was read. */
  cpuNs: number;
  at: number;
}

/** The Pod spec of each container the kubelet runs, by runtime id. */
function specsOf(ctx: CommandContext): Map<string, ContainerLike> {
  const world = worldOf(ctx);
  return containerSpecs(world ? clusterOf(world) : undefined, machineOf(ctx).hostname);
}

/** Usage of the running containers at `now` (see src/sim/metrics/node-usage.ts). */
function usages(ctx: CommandContext, rt: ContainerRuntime, now: number): Map<string, Usage> {
  const world = worldOf(ctx);
  return runningContainerUsage(world ? clusterOf(world) : undefined, machineOf(ctx).hostname, rt, now, getSystem().cpus(ctx));
}

function sample(rt: ContainerRuntime, usage: Map<string, Usage>, now: number): Sample[] {
  return [...rt.containers.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => {
      const u = usage.get(c.id);
      const ran = Math.max(1, now - (c.startedAt ?? now));
      return { container: c, usage: u, cpuNs: u ? Math.round(u.cpuMilli * 1e3 * ran) : 0, at: now };
    });
}

const workingSet = (u: Usage) => Math.round(u.memoryBytes / PAGE) * PAGE;

function layerOf(c: Container): { bytes: number; inodes: number } {
  return LAYERS[normalizeImage(c.image).repository] ?? DEFAULT_LAYER;
}

const ns = (ms: number) => String(Math.round(ms) * 1_000_000);
const u64 = (n: number) => ({ value: String(Math.round(n)) });

function labelsOf(c: Container): Record<string, string> {
  return { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': c.podName, 'io.kubernetes.pod.namespace': c.namespace, 'io.kubernetes.pod.uid': c.podUid };
}

/** One ContainerStats message as protojson writes it (EmitDefaultValues, camelCase, uint64 as strings). */
function containerStatsJson(s: Sample, spec: ContainerLike | undefined): Obj {
  const c = s.container;
  const layer = layerOf(c);
  const out: Obj = {
    attributes: {
      id: c.id,
      metadata: { name: c.name, attempt: c.attempt },
      labels: labelsOf(c),
      annotations: {
        'io.kubernetes.container.hash': hashString(JSON.stringify(spec ?? { image: c.image })).toString(16),
        'io.kubernetes.container.restartCount': String(c.attempt),
        'io.kubernetes.container.terminationMessagePath': '/dev/termination-log',
        'io.kubernetes.container.terminationMessagePolicy': 'File',
        'io.kubernetes.pod.terminationGracePeriod': '30',
      },
    },
  };
  if (s.usage) {
    const ws = workingSet(s.usage);
    out.cpu = { timestamp: ns(s.at), usageCoreNanoSeconds: u64(s.cpuNs), usageNanoCores: u64(s.usage.cpuMilli * 1e6) };
    out.memory = { timestamp: ns(s.at), workingSetBytes: u64(ws), availableBytes: u64(0), usageBytes: u64(ws + 1_261_568), rssBytes: u64(Math.round(ws * 0.8 / PAGE) * PAGE), pageFaults: u64(1_000 + (hashString(c.id) % 4000)), majorPageFaults: u64(0) };
  }
  out.writableLayer = { timestamp: ns(c.createdAt), fsId: { mountpoint: IMAGE_FS }, usedBytes: u64(layer.bytes), inodesUsed: u64(layer.inodes) };
  return out;
}

interface StatsOptions {
  all: boolean;
  id?: string;
  pod?: string;
  labels: Record<string, string>;
  output?: string;
  seconds: number;
}

/** parseLabelStringSlice: key=value, exactly one '='. */
function parseLabels(values: string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const v of values) {
    const pair = v.split('=');
    if (pair.length !== 2) return `incorrectly specified label: ${v}`;
    out[pair[0]] = pair[1];
  }
  return out;
}

/** The options from the flags as urfave/cli parsed them (crictl-cli.ts); the ID argument stands in for --id. */
function options(ctx: CommandContext, parsed: ParsedFlags, pods: boolean): StatsOptions | number {
  const labels = parseLabels((parsed.values.get('label') as string[] | undefined) ?? []);
  if (typeof labels === 'string') {
    ctx.stderr.write(`FATA[0000] ${pods ? 'parse pod labels: ' : ''}${labels}\n`);
    return 1;
  }
  const text = (name: string) => (parsed.set.has(name) ? String(parsed.values.get(name)) : undefined);
  return { all: parsed.values.get('all') === true, id: text('id') || parsed.args[0], pod: text('pod'), labels, output: text('output'), seconds: Number(parsed.values.get('seconds')) || 1 };
}

/** containerd's truncindex: a unique prefix names an object; otherwise the id is taken as given (and matches nothing). */
function resolvePrefix(ids: string[], given: string | undefined): string | undefined {
  if (!given) return undefined;
  const hits = ids.filter((id) => id.startsWith(given));
  return hits.length === 1 ? hits[0] : given;
}

function matches(labels: Record<string, string>, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function printProto(ctx: CommandContext, obj: Obj, output: string): void {
  ctx.stdout.write(output === 'json' ? `${JSON.stringify(obj, null, 2)}\n` : `${toYaml(obj, { sortKeys: true })}\n`);
}

/** crictl stats [-a] [--id ID] [-p POD] [--label K=V] [-o json|yaml] [ID]. */
export async function containerStats(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): Promise<number> {
  const o = options(ctx, parsed, false);
  if (typeof o === 'number') return o;
  const containers = [...(rt?.containers.values() ?? [])];
  const id = resolvePrefix(containers.map((c) => c.id), o.id);
  const pod = resolvePrefix([...(rt?.sandboxes.keys() ?? [])], o.pod);
  const selected = (s: Sample) => (!id || s.container.id === id) && (!pod || s.container.sandboxId === pod) && matches(labelsOf(s.container), o.labels);
  const take = (now: number) => (rt ? sample(rt, usages(ctx, rt, now), now).filter(selected) : []);
  const first = take(ctx.clock.now());
  if (o.output === 'json' || o.output === 'yaml') {
    const specs = specsOf(ctx);
    printProto(ctx, { stats: first.map((s) => containerStatsJson(s, specs.get(s.container.id))) }, o.output);
    return 0;
  }
  await ctx.clock.sleep(o.seconds * 1000, ctx.signal);
  const second = take(ctx.clock.now());
  const rows = [['CONTAINER', 'NAME', 'CPU %', 'MEM', 'DISK', 'INODES', 'SWAP']];
  for (const s of second) {
    const before = first.find((f) => f.container.id === s.container.id);
    if ((!o.all && !s.usage) || !before) continue;
    const cpu = s.usage ? ((s.cpuNs - before.cpuNs) / ((s.at - before.at) * 1e6)) * 100 : 0;
    const layer = layerOf(s.container);
    rows.push([s.container.id.slice(0, 13), s.container.name, cpu.toFixed(2), humanSize(s.usage ? workingSet(s.usage) : 0), humanSize(layer.bytes), String(layer.inodes), humanSize(0)]);
  }
  ctx.stdout.write(`\x1b[2J\x1b[H${crictlTable(rows)}`);
  return 0;
}

/** crictl statsp [--id POD] [--label K=V] [-o json|yaml] [ID]: the ready sandboxes, their containers summed with the pause process. */
export async function podStats(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): Promise<number> {
  const o = options(ctx, parsed, true);
  if (typeof o === 'number') return o;
  const sandboxes = [...(rt?.sandboxes.values() ?? [])].filter((s) => s.state === 'SANDBOX_READY').sort((a, b) => (a.id < b.id ? -1 : 1));
  const id = resolvePrefix(sandboxes.map((s) => s.id), o.id);
  const chosen = sandboxes.filter((s) => (!id || s.id === id) && matches(s.labels, o.labels));
  const take = (now: number) => {
    const samples = rt ? sample(rt, usages(ctx, rt, now), now) : [];
    return chosen.map((sb) => {
      const own = samples.filter((s) => s.container.sandboxId === sb.id);
      // The pause process: a few hundred KiB and no CPU to speak of.
      const memory = own.reduce((n, s) => n + (s.usage ? workingSet(s.usage) : 0), 0) + 249_856;
      return { sandbox: sb, own, memory, cpuNs: own.reduce((n, s) => n + s.cpuNs, 0), at: now };
    });
  };
  const first = take(ctx.clock.now());
  if (o.output === 'json' || o.output === 'yaml') {
    const specs = specsOf(ctx);
    printProto(ctx, { stats: first.map((p) => podStatsJson(p.sandbox, p.own, p.memory, p.cpuNs, p.at, specs)) }, o.output);
    return 0;
  }
  await ctx.clock.sleep(o.seconds * 1000, ctx.signal);
  const second = take(ctx.clock.now());
  const rows = [['POD', 'POD ID', 'CPU %', 'MEM']];
  for (const p of second) {
    const before = first.find((f) => f.sandbox.id === p.sandbox.id);
    if (!before) continue;
    const cpu = p.cpuNs ? ((p.cpuNs - before.cpuNs) / ((p.at - before.at) * 1e6)) * 100 : 0;
    rows.push([p.sandbox.podName, p.sandbox.id.slice(0, 13), cpu.toFixed(2), humanSize(p.memory)]);
  }
  ctx.stdout.write(`\x1b[2J\x1b[H${crictlTable(rows)}`);
  return 0;
}

function podStatsJson(sb: Sandbox, own: Sample[], memory: number, cpuNs: number, at: number, specs: Map<string, ContainerLike>): Obj {
  const running = own.filter((s) => s.usage);
  const cpuMilli = running.reduce((n, s) => n + s.usage!.cpuMilli, 0);
  return {
    attributes: { id: sb.id, metadata: { name: sb.podName, uid: sb.podUid, namespace: sb.namespace, attempt: sb.attempt }, labels: sb.labels, annotations: {} },
    linux: {
      cpu: { timestamp: ns(at), usageCoreNanoSeconds: u64(cpuNs), usageNanoCores: u64(cpuMilli * 1e6) },
      memory: { timestamp: ns(at), workingSetBytes: u64(memory), availableBytes: u64(0), usageBytes: u64(memory + 1_261_568), rssBytes: u64(Math.round(memory * 0.8 / PAGE) * PAGE), pageFaults: u64(1_000 + (hashString(sb.id) % 4000)), majorPageFaults: u64(0) },
      network: { timestamp: '0', defaultInterface: { name: 'eth0', rxBytes: u64(sb.hostNetwork ? 0 : 1180), rxErrors: u64(0), txBytes: u64(sb.hostNetwork ? 0 : 42), txErrors: u64(0) }, interfaces: [] },
      process: { timestamp: ns(at), processCount: u64(running.length) },
      containers: own.map((s) => containerStatsJson(s, specs.get(s.container.id))),
    },
  };
}
