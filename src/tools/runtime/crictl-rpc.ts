/**
 * What crictl's commands share once connected: the line k8s.io/cri-client logs through klog when
 * a CRI call fails (internal/log.go:32 is the caller klog names), the fatal line main.go's
 * logrus.Fatal prints for the error an action returns, containerd's lookup of a container or
 * sandbox by full or truncated ID, and outputStatusData's JSON (util.go: the status re-read into
 * a Go map, so every key comes out sorted, and indented by two spaces).
 */
import type { CommandContext } from '../../shell/command';
import type { Container, ContainerRuntime, Sandbox } from '../../sim/runtime/containerd';
import { klogHeader, klogStructured } from '../../kubectl/client/klog';
import { goJson, goJsonIndent } from '../../sim/go-json';
import { toYaml } from '../../sim/go-yaml/emit';
import { clusterOf } from '../../sim/cluster/attach';
import { logrusLine } from './crictl-log';
import { machineOf, worldOf } from '../lib/context';
import { nodeRuntime } from '../../sim/systemd/docker';

/** crictl's pid in klog's header (fixed: outputs stay repeatable). */
const CRICTL_PID = 4211;

/** cri-client's logErr: `E1123 22:05:01.000000    4211 log.go:32] "MSG" err="…" KEY="VALUE"`. */
export function criErrorLine(ctx: CommandContext, message: string, err: string, pairs: Array<[string, string]> = []): void {
  ctx.stderr.write(`${klogHeader('E', ctx.clock.now(), 0, CRICTL_PID, 'log.go:32')}${klogStructured(message, [['err', err], ...pairs])}\n`);
}

/** main.go: `logrus.Fatal(err)` for the error the action returned; crictl exits 1. */
export function fatal(ctx: CommandContext, message: string): number {
  ctx.stderr.write(logrusLine('FATA', message));
  return 1;
}

/**
 * The errors of the goroutines rm, rmp, rmi and exec run (errors.AggregateGoroutines): urfave/cli
 * takes the aggregate for a MultiError (it has Errors()) and, before main.go's logrus.Fatal is
 * reached, prints each error on its own line on stderr and exits 1 (HandleExitCoder).
 */
export function exitWithErrors(ctx: CommandContext, errors: string[]): number {
  for (const e of errors) ctx.stderr.write(`${e}\n`);
  return errors.length ? 1 : 0;
}

/** A gRPC status as the Go client's error prints it. */
export function rpcError(code: 'NotFound' | 'Unknown' | 'Unimplemented', desc: string): string {
  return `rpc error: code = ${code} desc = ${desc}`;
}

/**
 * containerd's stores by ID (truncindex): the full ID or a unique prefix of it. An empty or
 * ambiguous prefix finds nothing here.
 */
function byId<T extends { id: string }>(items: Map<string, T> | undefined, id: string): T | undefined {
  if (!items || !id) return undefined;
  const exact = items.get(id);
  if (exact) return exact;
  const found = [...items.values()].filter((x) => x.id.startsWith(id));
  return found.length === 1 ? found[0] : undefined;
}

export function containerById(rt: ContainerRuntime | undefined, id: string): Container | undefined {
  return byId(rt?.containers, id);
}

export function sandboxById(rt: ContainerRuntime | undefined, id: string): Sandbox | undefined {
  return byId(rt?.sandboxes, id);
}

/**
 * The runtime's answer for a container it does not know: containerd's NotFound; cri-dockerd passes
 * Docker's own error on (Unknown, but NotFound from StopContainer, core/container_stop.go).
 */
export function containerNotFound(ctx: CommandContext, id: string, call: 'status' | 'stop' = 'status'): string {
  if (criServer(ctx) === 'cri-dockerd') return rpcError(call === 'stop' ? 'NotFound' : 'Unknown', `Error response from daemon: No such container: ${id}`);
  return rpcError('NotFound', `an error occurred when try to find container ${JSON.stringify(id)}: not found`);
}

/** The runtime's answer to PodSandboxStatus of a sandbox it does not know (containerd's names no ID). */
export function sandboxNotFound(ctx: CommandContext, id: string): string {
  if (criServer(ctx) === 'cri-dockerd') return rpcError('Unknown', `Error response from daemon: No such container: ${id}`);
  return rpcError('NotFound', 'an error occurred when try to find sandbox: not found');
}

/** The kubelet of this machine, which restarts what crictl stops or removes under it. */
export function kubeletOf(ctx: CommandContext) {
  const world = worldOf(ctx);
  return world ? clusterOf(world)?.kubelets.get(machineOf(ctx).hostname) : undefined;
}

/**
 * Which CRI server answers on this node: containerd's CRI plugin, or cri-dockerd in front of
 * Docker (minikube's docker runtime), as the kubelet of the node's release chooses it.
 */
export function criServer(ctx: CommandContext): 'containerd' | 'cri-dockerd' {
  const kubelet = kubeletOf(ctx);
  const minor = Number(/^v?1\.(\d+)/.exec(kubelet?.version ?? '')?.[1] ?? 99);
  return minor >= 24 && nodeRuntime(machineOf(ctx), minor).kind === 'docker' ? 'cri-dockerd' : 'containerd';
}

/** Go's time.Time.Format(time.RFC3339Nano) in UTC of a time in ms: trailing zeros of the fraction dropped. */
export function rfc3339Nano(ms: number | undefined): string {
  if (!ms) return '0001-01-01T00:00:00Z';
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_m, f: string) => (f === '000' ? 'Z' : `.${f.replace(/0+$/, '')}Z`));
}

/** Nanoseconds since the epoch, as protojson writes an int64 (a string). */
export function unixNanos(ms: number | undefined): string {
  return ms ? `${ms}000000` : '0';
}

/**
 * outputStatusData (util.go): each {status, info…} object; one alone, several as a list; JSON
 * indented (json.Indent of json.Marshal, map keys sorted) or YAML (sigs.k8s.io/yaml). Returns the
 * error for a format it does not know, which the command wraps.
 */
export function printStatusData(ctx: CommandContext, items: Record<string, unknown>[], format: string): string | undefined {
  if (items.length === 0) return undefined;
  const value = items.length === 1 ? items[0] : items;
  // JSONToYAML of the marshalled JSON; fmt.Println adds a line break after the YAML's own.
  if (format === 'yaml') ctx.stdout.write(`${toYaml(JSON.parse(goJson(value)))}\n`);
  else if (format === 'json') ctx.stdout.write(`${goJsonIndent(value, '  ', true)}\n`);
  else return `unsupported format: ${JSON.stringify(format)}`;
  return undefined;
}
