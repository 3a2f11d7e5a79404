/**
 * crictl's update, checkpoint, attach and port-forward (cri-tools v1.33.0 container.go, attach.go,
 * portforward.go) over containerd 1.7's CRI service (pkg/cri/server): what it answers for an ID
 * it does not know, a container or sandbox that is not running, and a request it does not serve.
 */
import type { CommandContext } from '../../shell/command';
import type { ContainerRuntime } from '../../sim/runtime/containerd';
import type { ParsedFlags } from './crictl-cli';
import { containerById, criErrorLine, criServer, fatal, rpcError, sandboxById } from './crictl-rpc';
import { follow, type Line, linesOf } from './crictl-logs';
import { forwardingLines } from '../../kubectl/util/forwarding';

/** The cri-dockerd node's answers are Docker's, not modelled here. */
function dockerNode(ctx: CommandContext, name: string): number | undefined {
  if (criServer(ctx) !== 'cri-dockerd') return undefined;
  return fatal(ctx, `crictl ${name} is not available against cri-dockerd in this simulated node`);
}

/**
 * `crictl update [--memory …] ID…`: containerd writes the resources into the container's spec
 * (and the running task's cgroup), which nothing here shows; each ID is printed as typed. The
 * first failure ends it (containerStore.Get: "failed to find container: not found").
 */
export function update(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const docker = dockerNode(ctx, 'update');
  if (docker !== undefined) return docker;
  for (const id of parsed.args) {
    if (!id) return fatal(ctx, `updating container resources for "": ID cannot be empty`);
    if (!containerById(rt, id)) {
      const err = rpcError('NotFound', 'failed to find container: not found');
      criErrorLine(ctx, 'UpdateContainerResources from runtime service failed', err, [['containerID', id]]);
      return fatal(ctx, `updating container resources for ${JSON.stringify(id)}: ${err}`);
    }
    ctx.stdout.write(`${id}\n`);
  }
  return 0;
}

/** `crictl checkpoint --export=FILE ID…`: containerd 1.7's CRI plugin does not implement CheckpointContainer. */
export function checkpoint(ctx: CommandContext, _rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const docker = dockerNode(ctx, 'checkpoint');
  if (docker !== undefined) return docker;
  const id = parsed.args[0];
  if (!id) return fatal(ctx, `checkpointing the container "": ID cannot be empty`);
  const err = rpcError('Unimplemented', 'method CheckpointContainer not implemented');
  criErrorLine(ctx, 'CheckpointContainer from runtime service failed', err, [['containerID', id]]);
  return fatal(ctx, `checkpointing the container ${JSON.stringify(id)} failed: ${err}`);
}

/** gRPC's Unknown status of a plain error of containerd's (errdefs.ToGRPC keeps NotFound). */
const unknown = (desc: string) => rpcError('Unknown', desc);

/**
 * `crictl attach ID`: containerd refuses an unknown container (NotFound) or one not running. A
 * running one is attached through the streaming server: without -t its stdout and stderr from now
 * on, each to its stream, until it exits (then crictl exits 0) or is interrupted. -i and -t are
 * not modelled.
 */
export async function attach(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): Promise<number> {
  const docker = dockerNode(ctx, 'attach');
  if (docker !== undefined) return docker;
  const id = parsed.args[0];
  const c = containerById(rt, id);
  const err = !c ? rpcError('NotFound', 'failed to find container in store: not found') : c.state !== 'CONTAINER_RUNNING' ? unknown(`container is in ${c.state} state`) : undefined;
  if (err) {
    criErrorLine(ctx, 'Attach container from runtime service failed', err, [['containerID', id]]);
    return fatal(ctx, `attaching running container failed: ${err}`);
  }
  if (parsed.values.get('tty') === true || parsed.values.get('stdin') === true) return fatal(ctx, 'attaching with -i or -t is not available in this simulated node');
  const print = (l: Line) => (l.stream === 'stderr' ? ctx.stderr : ctx.stdout).write(`${l.line}\n`);
  return follow(ctx, rt, c!, linesOf(ctx, c!).length, print);
}

/**
 * `crictl port-forward POD-ID [LOCAL:]REMOTE…`: containerd refuses an unknown sandbox (NotFound)
 * or one not ready; for a ready one the forwarder reports its ports, as kubectl port-forward's
 * does here, and holds until Ctrl-C (crictl's signal handler then ends it with exit 0); with a
 * hand-driven clock it returns at once.
 */
export async function portForward(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): Promise<number> {
  const docker = dockerNode(ctx, 'port-forward');
  if (docker !== undefined) return docker;
  const id = parsed.args[0];
  if (!id) return fatal(ctx, 'port forward: ID cannot be empty');
  const sb = sandboxById(rt, id);
  const err = !sb ? rpcError('NotFound', `failed to find sandbox ${JSON.stringify(id)}: not found`) : sb.state !== 'SANDBOX_READY' ? unknown('sandbox container is not running') : undefined;
  if (err) {
    criErrorLine(ctx, 'PortForward from runtime service failed', err, [['podSandboxID', id]]);
    return fatal(ctx, `port forward: ${err}`);
  }
  ctx.stdout.write(forwardingLines(parsed.args.slice(1)));
  if (ctx.clock.mode !== 'realtime') return 0;
  while (!ctx.signal.aborted) await ctx.clock.sleep(1000, ctx.signal);
  return 0;
}
