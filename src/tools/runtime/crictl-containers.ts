/**
 * crictl's container commands that change the runtime (cri-tools v1.33.0 cmd/crictl/container.go
 * and exec.go) over containerd's CRI service (pkg/cri/server of containerd 1.7): `rm` (a running
 * container refused unless -f, which stops it first), `start` (only a created container), and
 * `exec`, which runs the command in the container through the kubelet's exec machinery, the
 * same process `kubectl exec` gets. What the kubelet does next is its own business: a container
 * stopped or removed under it is restarted by its pod worker as the restart policy says.
 */
import type { CommandContext } from '../../shell/command';
import type { ContainerRuntime } from '../../sim/runtime/containerd';
import type { ParsedFlags } from './crictl-cli';
import { showSubcommandHelp } from './crictl-app';
import { logrusLine } from './crictl-log';
import { containerById, containerNotFound, criErrorLine, criServer, exitWithErrors, fatal, kubeletOf, rpcError } from './crictl-rpc';

/** StopContainer with timeout 0 (containerd kills at once: SIGKILL, exit 137). */
function killContainer(ctx: CommandContext, rt: ContainerRuntime, id: string): void {
  rt.finish(id, 137, 'Error', ctx.clock.now());
}

/** `crictl rm [-f] [-a] ID…`: each container's status, a stop when forced, the removal; IDs printed as typed. */
export function rm(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const force = parsed.values.get('force') === true;
  // --all lists every container (ListContainers without a filter).
  const ids = parsed.values.get('all') === true ? [...(rt?.containers.keys() ?? [])] : parsed.args;
  if (ids.length === 0) {
    if (parsed.values.get('all') === true) {
      ctx.stderr.write(logrusLine('INFO', 'No containers to remove'));
      return 0;
    }
    ctx.stdout.write(showSubcommandHelp('rm'));
    return 0;
  }
  const errors: string[] = [];
  for (const id of ids) {
    const c = containerById(rt, id);
    if (!c || !rt) {
      criErrorLine(ctx, 'ContainerStatus from runtime service failed', containerNotFound(ctx, id), [['containerID', id]]);
      errors.push(`getting container status ${JSON.stringify(id)}: ${containerNotFound(ctx, id)}`);
      continue;
    }
    if (c.state === 'CONTAINER_RUNNING') {
      if (!force) {
        errors.push(`container ${JSON.stringify(id)} is running, please stop it first`);
        continue;
      }
      killContainer(ctx, rt, c.id);
      ctx.stdout.write(`${id}\n`);
    }
    rt.removeContainer(c.id);
    ctx.stdout.write(`${id}\n`);
  }
  return exitWithErrors(ctx, errors);
}

/** `crictl stop ID…`: each running container (full or unique partial ID) is stopped, its ID printed; the first error ends it. */
export function stop(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  for (const id of parsed.args) {
    const c = containerById(rt, id);
    if (!c || !rt) {
      const err = containerNotFound(ctx, id, 'stop');
      criErrorLine(ctx, 'StopContainer from runtime service failed', err, [['containerID', id]]);
      return fatal(ctx, `stopping the container ${JSON.stringify(id)}: ${err}`);
    }
    // The process gets SIGTERM and exits; the kubelet restarts it as its restart policy says.
    rt.finish(c.id, 0, 'Completed', ctx.clock.now());
    ctx.stdout.write(`${id}\n`);
  }
  return 0;
}

/** `crictl start ID…`: containerd starts only a container in the created state; the first error ends it. */
export function start(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  for (const id of parsed.args) {
    const c = containerById(rt, id);
    let err: string | undefined;
    const docker = criServer(ctx) === 'cri-dockerd';
    // cri-dockerd looks the container's log path up first; Docker starts a running container without complaint.
    if ((!c || !rt) && docker) err = rpcError('Unknown', `failed to get container ${JSON.stringify(id)} log path: failed to inspect container ${JSON.stringify(id)}: Error response from daemon: No such container: ${id}`);
    else if (!c || !rt) err = containerNotFound(ctx, id);
    else if (c.state !== 'CONTAINER_CREATED' && !(docker && c.state === 'CONTAINER_RUNNING')) err = rpcError('Unknown', `failed to set starting state for container ${JSON.stringify(c.id)}: container is in ${c.state} state`);
    if (err || !c || !rt) {
      criErrorLine(ctx, 'StartContainer from runtime service failed', err!, [['containerID', id]]);
      return fatal(ctx, `starting the container ${JSON.stringify(id)}: ${err}`);
    }
    if (c.state === 'CONTAINER_CREATED') rt.start(c.id, ctx.clock.now());
    ctx.stdout.write(`${id}\n`);
  }
  return 0;
}

/**
 * The streaming server's answer to an exec it cannot run: an InternalError status on the error
 * stream, whose message remotecommand returns as it is ("Internal error occurred: error executing
 * command in container: failed to exec in container: …").
 */
function execFailure(status: { message?: string }): string {
  return String(status.message ?? '');
}

/**
 * `crictl exec [-i] [-t] ID CMD…`: the Exec call (containerd refuses a container that is not
 * running), then the stream. A command that ends non-zero makes crictl fail with the stream's
 * error, `command terminated with exit code N` (exit 1: the error is no cli.ExitCoder).
 */
export async function exec(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): Promise<number> {
  // The filter flags (--name, --pod, …) pick containers instead of an ID: not modelled; the first argument is the ID.
  const [id, ...cmd] = parsed.args;
  if (cmd.length === 0) {
    ctx.stdout.write(showSubcommandHelp('exec'));
    return 0;
  }
  const tty = parsed.values.get('tty') === true;
  const stdin = parsed.values.get('interactive') === true;
  // The exec runs in a goroutine: its error comes out as urfave/cli prints an aggregate's (-e ignores it).
  const ignore = parsed.values.get('ignore-errors') === true;
  const failed = (error: string) => (ignore ? 0 : exitWithErrors(ctx, [error]));
  if (ignore && parsed.values.get('quiet') !== true) ctx.stderr.write(logrusLine('WARN', 'The `--ignore-errors` option has been set all errors returned by the command will be ignored.'));
  const c = containerById(rt, id);
  let err: string | undefined;
  if (!c) err = rpcError('NotFound', `failed to find container ${JSON.stringify(id)} in store: not found`);
  else if (c.state !== 'CONTAINER_RUNNING') err = rpcError('Unknown', `container is in ${c.state} state`);
  if (err || !c) {
    criErrorLine(ctx, 'Exec cmd from runtime service failed', err!, [['containerID', id], ['cmd', `[${cmd.join(' ')}]`]]);
    return failed(`execing command in container ${id}: ${err}`);
  }
  if (tty && !stdin) return failed(`execing command in container ${id}: tty=true must be specified with interactive=true`);
  if (tty && !ctx.stdinIsTTY) return failed(`execing command in container ${id}: input is not a terminal`);
  const kubelet = kubeletOf(ctx);
  const worker = kubelet?.podWorkers.find((w) => w.containers.some((cs) => cs.containerId === c.id));
  const cs = worker?.containers.find((x) => x.containerId === c.id);
  const answer = kubelet && worker && cs ? kubelet.exec(worker.pod, cs.name, cmd) : undefined;
  if (!answer || !('exitCode' in answer)) return failed(`execing command in container ${id}: ${answer ? execFailure(answer) : 'container not found'}`);
  const run = (answer as { run?: (io: unknown) => Promise<number> }).run;
  let code: number;
  if (run) {
    code = await run({ stdin: stdin ? ctx.stdin : undefined, stdout: ctx.stdout, stderr: tty ? ctx.stdout : ctx.stderr, tty, signal: ctx.signal });
  } else {
    ctx.stdout.write(answer.stdout);
    (tty ? ctx.stdout : ctx.stderr).write(answer.stderr);
    code = answer.exitCode;
  }
  return code === 0 ? 0 : failed(`execing command in container ${id}: command terminated with exit code ${code}`);
}
