/**
 * crictl's container commands that change the runtime (cri-tools v1.33.0 cmd/crictl/container.go
 * and exec.go) over containerd's CRI service (pkg/cri/server of containerd 1.7): `rm` (a running
 * container refused unless -f, which stops it first), `start` (only a created container), and
 * `exec`, which runs the command in the container through the kubelet's exec machinery, the
 * same process `kubectl exec` gets. What the kubelet does next is its own business: a container
 * stopped or removed under it is restarted by its pod worker as the restart policy says.
 */
import type { CommandContext } from '../../shell/command';
import type { Container, ContainerRuntime } from '../../sim/runtime/containerd';
import type { ParsedFlags } from './crictl-cli';
import { showSubcommandHelp } from './crictl-app';
import { logrusLine } from './crictl-log';
import { containerById, containerNotFound, criErrorLine, criServer, exitWithErrors, fatal, kubeletOf, rpcError } from './crictl-rpc';
import { filterContainers, listingFlags } from './crictl-filters';
import { imageMatcher } from './crictl-listing';

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

/** The filter flags that make exec pick its containers itself (exec.go: then no ID comes first). */
const EXEC_FILTERS = ['name', 'pod', 'image', 'state', 'label', 'latest', 'last'];

/**
 * `crictl exec [-i] [-t] [-s] ID CMD…`, or `crictl exec --name/--pod/… CMD…` in every container the
 * filters pick (each announced by its ID unless -q or -x). Each exec runs in a goroutine: the
 * errors come out as urfave/cli prints an aggregate's, and -e ignores them after a warning.
 */
export async function exec(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): Promise<number> {
  const v = parsed.values;
  const quiet = v.get('quiet') === true;
  const ignore = v.get('ignore-errors') === true;
  if (ignore && !quiet) ctx.stderr.write(logrusLine('WARN', 'The `--ignore-errors` option has been set all errors returned by the command will be ignored.'));
  let ids = [parsed.args[0]];
  let cmd = parsed.args.slice(1);
  let announce = false;
  if (EXEC_FILTERS.some((f) => parsed.set.has(f))) {
    const flags = listingFlags(parsed, 'ps');
    if ('error' in flags) return fatal(ctx, flags.error);
    ids = filterContainers([...(rt?.containers.values() ?? [])].filter(imageMatcher(rt, parsed)), flags).map((c) => c.id);
    cmd = parsed.args;
    announce = !quiet && v.get('parallel') !== true;
    if (ids.length === 0) {
      ctx.stderr.write(logrusLine('ERRO', 'No containers found per filter flags'));
      ctx.stdout.write(showSubcommandHelp('exec'));
      return 0;
    }
  } else if (cmd.length === 0) {
    ctx.stdout.write(showSubcommandHelp('exec'));
    return 0;
  }
  const errors: string[] = [];
  for (const id of ids) {
    if (announce) ctx.stdout.write(`${id}:\n`);
    const error = v.get('sync') === true ? await execSync(ctx, rt, id, cmd) : await execStream(ctx, rt, id, cmd, v.get('tty') === true, v.get('interactive') === true);
    if (error) errors.push(error);
  }
  return ignore ? 0 : exitWithErrors(ctx, errors);
}

/** containerd's refusal of an exec (Exec and ExecSync alike): an unknown container, one not running. */
function execRefusal(c: Container | undefined, id: string, sync: boolean): string | undefined {
  const prefix = sync ? 'failed to exec in container: ' : '';
  if (!c) return rpcError('NotFound', `${prefix}failed to find container ${JSON.stringify(id)} in store: not found`);
  if (c.state !== 'CONTAINER_RUNNING') return rpcError('Unknown', `${prefix}container is in ${c.state} state`);
  return undefined;
}

/** Exec, then the stream: the process's output as it comes; the error, if any, for the aggregate. */
async function execStream(ctx: CommandContext, rt: ContainerRuntime | undefined, id: string, cmd: string[], tty: boolean, stdin: boolean): Promise<string | undefined> {
  const c = containerById(rt, id);
  const refused = execRefusal(c, id, false);
  if (refused || !c) {
    criErrorLine(ctx, 'Exec cmd from runtime service failed', refused!, [['containerID', id], ['cmd', `[${cmd.join(' ')}]`]]);
    return `execing command in container ${id}: ${refused}`;
  }
  if (tty && !stdin) return `execing command in container ${id}: tty=true must be specified with interactive=true`;
  if (tty && !ctx.stdinIsTTY) return `execing command in container ${id}: input is not a terminal`;
  const answer = runIn(ctx, c, cmd);
  if (!answer || !('exitCode' in answer)) return `execing command in container ${id}: ${answer ? execFailure(answer) : 'container not found'}`;
  const run = (answer as { run?: (io: unknown) => Promise<number> }).run;
  let code: number;
  if (run) {
    code = await run({ stdin: stdin ? ctx.stdin : undefined, stdout: ctx.stdout, stderr: tty ? ctx.stdout : ctx.stderr, tty, signal: ctx.signal });
  } else {
    ctx.stdout.write(answer.stdout);
    (tty ? ctx.stdout : ctx.stderr).write(answer.stderr);
    code = answer.exitCode;
  }
  return code === 0 ? undefined : `execing command in container ${id}: command terminated with exit code ${code}`;
}

/**
 * -s: ExecSync, whose answer comes whole: stdout then stderr, each printed with a line break after
 * it, both on crictl's stdout; a non-zero status is cri-client's "command '…' exited with N: STDERR".
 */
async function execSync(ctx: CommandContext, rt: ContainerRuntime | undefined, id: string, cmd: string[]): Promise<string | undefined> {
  const c = containerById(rt, id);
  const refused = execRefusal(c, id, true);
  const answer = c && !refused ? runIn(ctx, c, cmd) : undefined;
  const err = refused ?? (!answer ? 'container not found' : 'exitCode' in answer ? undefined : rpcError('Unknown', `failed to exec in container: ${execFailure(answer).replace(/^Internal error occurred: error executing command in container: failed to exec in container: /, '')}`));
  if (err || !answer || !('exitCode' in answer)) {
    criErrorLine(ctx, 'ExecSync cmd from runtime service failed', err ?? '', [['containerID', id], ['cmd', `[${cmd.join(' ')}]`]]);
    return `execing command in container ${id} synchronously: ${err}`;
  }
  // The process runs as under a stream, its output gathered (ExecSync answers it whole).
  let stdout = '';
  let stderr = '';
  const run = (answer as { run?: (io: unknown) => Promise<number> }).run;
  const code = run ? await run({ stdout: { write: (t: string) => void (stdout += t) }, stderr: { write: (t: string) => void (stderr += t) }, tty: false, signal: ctx.signal }) : answer.exitCode;
  if (!run) [stdout, stderr] = [answer.stdout, answer.stderr];
  if (code !== 0) return `execing command in container ${id} synchronously: command '${cmd.join(' ')}' exited with ${code}: ${stderr}`;
  ctx.stdout.write(`${stdout}\n${stderr}\n`);
  return undefined;
}

/** The kubelet's exec in the container (what `kubectl exec` reaches), or undefined when no pod worker runs it. */
function runIn(ctx: CommandContext, c: Container, cmd: string[]) {
  const kubelet = kubeletOf(ctx);
  const worker = kubelet?.podWorkers.find((w) => w.containers.some((cs) => cs.containerId === c.id));
  const cs = worker?.containers.find((x) => x.containerId === c.id);
  return kubelet && worker && cs ? kubelet.exec(worker.pod, cs.name, cmd) : undefined;
}
