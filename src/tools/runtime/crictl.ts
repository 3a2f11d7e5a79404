/**
 * crictl (cri-tools 1.33) over the machine's runtime: the listings, logs and inspections, the
 * commands that stop, start, remove and exec (crictl-containers.ts, crictl-sandboxes.ts), pull and
 * the image store (crictl-images.ts), info and runtime-config (crictl-runtime.ts); config, over its
 * config file.
 */
import { mayDialCriSocket } from '../../sim/kubelet/cri-endpoint';
import type { CommandContext, Program } from '../../shell/command';
import type { Container, ContainerRuntime } from '../../sim/runtime/containerd';
import { crictlTable, humanDuration, humanSize, runtimeAccess } from './cri';
import { containerStats, podStats } from './crictl-stats';
import { crictlConfig } from './crictl-config';
import { readCrictlConfig, type CrictlConfig } from './crictl-config-file';
import { logrusLine } from './crictl-log';
import { filterContainers, filterSandboxes, listingFlags } from './crictl-filters';
import { routeCrictl } from './crictl-app';
import type { ParsedFlags } from './crictl-cli';
import { DEFAULT_RUNTIME_ENDPOINTS } from './crictl-commands';
import { clusterOf } from '../../sim/cluster/attach';
import { dockerEngineVersion, nodeRuntime } from '../../sim/systemd/docker';
import { machineOf, worldOf } from '../lib/context';
import { exec, rm, start } from './crictl-containers';
import { inspectp, rmp, stopp } from './crictl-sandboxes';
import { imagefsinfo, inspecti, pull } from './crictl-images';
import { info, runtimeConfig } from './crictl-runtime';

const SOCKET = 'unix:///run/containerd/containerd.sock';
const IMAGE_COMMANDS = new Set(['images', 'rmi', 'pull', 'inspecti', 'imagefsinfo']);
/** Commands that dial the image service after the runtime service (getImageService after getRuntimeService). */
const BOTH_SERVICES = new Set(['ps', 'inspect', 'exec']);
/** Commands that wrap the connection's error (runtime_config.go: "get runtime client: %w"). */
const CONNECT_PREFIX: Record<string, string> = { 'runtime-config': 'get runtime client: ' };

const DEFAULT_CONFIG = '/etc/crictl.yaml';

/** --config/-c or $CRI_CONFIG_FILE (urfave/cli reads a flag's env var when it applies it): the file, and whether it was named. */
function configPath(ctx: CommandContext, global: ParsedFlags | undefined): { path: string; explicit: boolean } {
  if (global?.set.has('config')) return { path: String(global.values.get('config')), explicit: true };
  const env = ctx.env.CRI_CONFIG_FILE;
  return env !== undefined ? { path: env, explicit: true } : { path: DEFAULT_CONFIG, explicit: false };
}

/** Where the binary is (os.Executable): the tarball's /usr/local/bin or the package's /usr/bin. */
function exeDir(ctx: CommandContext): string {
  return ['/usr/local/bin', '/usr/bin', '/usr/local/sbin', '/usr/sbin', '/bin'].find((d) => ctx.fs.stat(`${d}/crictl`)) ?? '/usr/bin';
}

/**
 * The app's Before (GetServerConfigFromFile): a missing file is warned about, and its fallback
 * beside the binary never read (the code reads the missing name again); a file that fails to
 * load stops crictl only when --config or $CRI_CONFIG_FILE named it. Undefined: no config.
 */
type ServerConfig = { config?: CrictlConfig } | { fatal: string };

function loadServerConfig(ctx: CommandContext, path: string, explicit: boolean): ServerConfig {
  const fail = (error: string): ServerConfig => (explicit ? { fatal: `load config file: ${error}` } : {});
  if (!ctx.fs.stat(path)) {
    const next = `${exeDir(ctx)}/crictl.yaml`;
    ctx.stderr.write(logrusLine('WARN', `Config ${JSON.stringify(path)} does not exist, trying next: ${JSON.stringify(next)}`));
    return fail(ctx.fs.stat(next) ? `open ${path}: no such file or directory` : `stat ${next}: no such file or directory`);
  }
  let text: string;
  try {
    text = ctx.fs.readFile(path);
  } catch {
    return fail(`open ${path}: permission denied`);
  }
  const file = readCrictlConfig(text);
  return 'error' in file ? fail(file.error) : { config: file.config };
}

function dialError(ctx: CommandContext, reason: 'down' | 'cri-disabled', what: string, prefix = ''): number {
  const err =
    reason === 'down'
      ? `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"`
      : 'rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService';
  ctx.stderr.write(`FATA[0000] ${prefix}validate service connection: validate CRI v1 ${what} API for endpoint "${SOCKET}": ${err}\n`);
  return 1;
}

function stateName(c: Container): string {
  return c.state === 'CONTAINER_RUNNING' ? 'Running' : c.state === 'CONTAINER_EXITED' ? 'Exited' : 'Created';
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 13);
}

function ps(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const flags = listingFlags(parsed, 'ps');
  if ('error' in flags) {
    ctx.stderr.write(logrusLine('FATA', flags.error));
    return 1;
  }
  const now = ctx.clock.now();
  const containers = filterContainers(rt?.containers.values() ?? [], flags);
  if (flags.quiet) {
    if (containers.length) ctx.stdout.write(containers.map((c) => c.id).join('\n') + '\n');
    return 0;
  }
  const id = (full: string) => (flags.noTrunc ? full : shortId(full));
  // cri-tools 1.32 added NAMESPACE (the pod's, from the container's labels), last.
  const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
  // IMAGE is the image ID (the config digest), as crictl prints it.
  const imageIdOf = (c: Container) => id(rt?.images.get(c.imageRef)?.id ?? rt?.images.get(c.imageId)?.id ?? c.imageId);
  for (const c of containers) rows.push([id(c.id), imageIdOf(c), `${humanDuration(now - c.createdAt)} ago`, stateName(c), c.name, String(c.attempt), id(c.sandboxId), c.podName, c.namespace]);
  ctx.stdout.write(crictlTable(rows));
  return 0;
}

function pods(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const flags = listingFlags(parsed, 'pods');
  if ('error' in flags) {
    ctx.stderr.write(logrusLine('FATA', flags.error));
    return 1;
  }
  const now = ctx.clock.now();
  const sandboxes = filterSandboxes(rt?.sandboxes.values() ?? [], flags);
  if (flags.quiet) {
    if (sandboxes.length) ctx.stdout.write(sandboxes.map((s) => s.id).join('\n') + '\n');
    return 0;
  }
  const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
  for (const s of sandboxes) rows.push([flags.noTrunc ? s.id : shortId(s.id), `${humanDuration(now - s.createdAt)} ago`, s.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady', s.podName, s.namespace, String(s.attempt), '(default)']);
  ctx.stdout.write(crictlTable(rows));
  return 0;
}

function images(ctx: CommandContext, rt: ContainerRuntime | undefined): number {
  const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
  const list = [...(rt?.images.values() ?? [])].sort((a, b) => a.ref.full.localeCompare(b.ref.full));
  for (const img of list) rows.push([img.ref.repository, img.ref.tag, shortId(img.id), humanSize(img.size)]);
  ctx.stdout.write(crictlTable(rows));
  return 0;
}

function findContainer(rt: ContainerRuntime | undefined, id: string): Container | undefined {
  return [...(rt?.containers.values() ?? [])].find((c) => c.id.startsWith(id));
}

/**
 * `crictl logs ID`: the container's log file, each line on the stream the process wrote it to:
 * what its program printed (the kubelet's pod worker knows it) and what the runtime recorded, up
 * to now (a process's later lines are written ahead, with their times).
 */
function logs(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  // crictl-app.ts stopped an empty ID before the connection.
  const id = parsed.args[0];
  const c = findContainer(rt, id);
  if (!c) {
    ctx.stderr.write(`E1122 00:00:00.000000    4211 log.go:32] "ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found" containerID="${id}"\nFATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found\n`);
    return 1;
  }
  // --tail: -1 (the default) is every line.
  const tail = Number(parsed.values.get('tail'));
  const now = ctx.clock.now();
  const world = worldOf(ctx);
  const program = (world ? clusterOf(world)?.kubelets.get(machineOf(ctx).hostname)?.containerLogs(c.id) : undefined) ?? [];
  const recorded = c.logs.filter((l) => l.at <= now);
  let lines: { at: number; line: string; stream?: 'stdout' | 'stderr' }[] = recorded.length && program.length ? [...program, ...recorded].sort((a, b) => a.at - b.at) : program.length ? program : recorded;
  if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
  for (const l of lines) (l.stream === 'stderr' ? ctx.stderr : ctx.stdout).write(`${l.line}\n`);
  return 0;
}

function inspect(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const id = parsed.args[0];
  const c = id ? findContainer(rt, id) : undefined;
  if (!c) {
    ctx.stderr.write(`FATA[0000] getting the status of the container "${id ?? ''}": rpc error: code = NotFound desc = an error occurred when try to find container "${id ?? ''}": not found\n`);
    return 1;
  }
  const iso = (ms?: number) => (ms ? new Date(ms).toISOString().replace('Z', '000000Z') : '0001-01-01T00:00:00Z');
  const status = {
    status: {
      id: c.id,
      metadata: { attempt: c.attempt, name: c.name },
      state: c.state,
      createdAt: iso(c.createdAt),
      startedAt: iso(c.startedAt),
      finishedAt: iso(c.finishedAt),
      exitCode: c.exitCode ?? 0,
      image: { annotations: {}, image: c.imageRef, runtimeHandler: '', userSpecifiedImage: '' },
      imageRef: c.imageId,
      reason: c.reason ?? '',
      message: '',
      labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': c.podName, 'io.kubernetes.pod.namespace': c.namespace, 'io.kubernetes.pod.uid': c.podUid },
      logPath: `/var/log/pods/${c.namespace}_${c.podName}_${c.podUid}/${c.name}/${c.attempt}.log`,
    },
  };
  ctx.stdout.write(JSON.stringify(status, null, 2) + '\n');
  return 0;
}

function rmi(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  let rc = 0;
  for (const ref of parsed.args) {
    const img = [...(rt?.images.values() ?? [])].find((i) => i.ref.full === ref || i.ref.repository === ref || `${i.ref.repository}:${i.ref.tag}` === ref || shortId(i.id).startsWith(ref.replace(/^sha256:/, '')) || i.ref.full.endsWith(`/${ref}`));
    if (!img || !rt) {
      ctx.stderr.write(`E1122 00:00:00.000000    4211 log.go:32] "ImageStatus from image service failed" err="rpc error: code = NotFound desc = an error occurred when try to find image \\"${ref}\\": not found" image="${ref}"\nERRO[0000] no such image ${ref}\n`);
      rc = 1;
      continue;
    }
    if ([...rt.containers.values()].some((c) => c.imageId === img.id && c.state === 'CONTAINER_RUNNING')) {
      ctx.stderr.write(`ERRO[0000] error of removing image "${img.id}": rpc error: code = Unknown desc = failed to remove image: image is in use by a running container\n`);
      rc = 1;
      continue;
    }
    rt.removeImage(img.ref.full);
    ctx.stdout.write(`Deleted: ${img.ref.full}\n`);
  }
  return rc;
}

/** crictl stop ID…: each running container (full or unique partial ID) is stopped; its ID is printed. */
function stop(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const ids = parsed.args;
  for (const id of ids) {
    const found = [...(rt?.containers.values() ?? [])].filter((c) => c.id.startsWith(id));
    if (found.length !== 1 || !rt) {
      ctx.stderr.write(`E0115 08:00:00.000000    4211 log.go:32] "StopContainer from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found" containerID="${id}"\nFATA[0000] stopping the container "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found\n`);
      return 1;
    }
    // The process gets SIGTERM and exits; the kubelet restarts it as its restart policy says.
    rt.finish(found[0].id, 0, 'Completed', ctx.clock.now());
    ctx.stdout.write(`${id}\n`);
  }
  return 0;
}

/**
 * The CRI Version answer of the node's runtime: containerd's, or cri-dockerd's (a minikube node:
 * core/docker_service.go answers "docker" and Docker Engine's version).
 */
function versionText(ctx: CommandContext): string {
  const machine = machineOf(ctx);
  const world = worldOf(ctx);
  const kubelet = world ? clusterOf(world)?.kubelets.get(machine.hostname) : undefined;
  const minor = Number(/^v?1\.(\d+)/.exec(kubelet?.version ?? '')?.[1] ?? 99);
  const runtime = minor >= 24 && nodeRuntime(machine, minor).kind === 'docker' ? { name: 'docker', version: dockerEngineVersion(machine) } : { name: 'containerd', version: '1.7.27' };
  return `Version:  0.1.0\nRuntimeName:  ${runtime.name}\nRuntimeVersion:  ${runtime.version}\nRuntimeApiVersion:  v1\n`;
}

type Handler = (rt: ContainerRuntime | undefined, flags: ParsedFlags) => number | Promise<number>;

/** The commands this machine's crictl runs, by their cri-tools names (aliases are resolved by the router). */
function handlers(ctx: CommandContext): Record<string, Handler> {
  return {
    ps: (rt, f) => ps(ctx, rt, f),
    pods: (rt, f) => pods(ctx, rt, f),
    images: (rt) => images(ctx, rt),
    logs: (rt, f) => logs(ctx, rt, f),
    inspect: (rt, f) => inspect(ctx, rt, f),
    rmi: (rt, f) => rmi(ctx, rt, f),
    stop: (rt, f) => stop(ctx, rt, f),
    stats: (rt, f) => containerStats(ctx, rt, f),
    statsp: (rt, f) => podStats(ctx, rt, f),
    version: () => (ctx.stdout.write(versionText(ctx)), 0),
    info: (_rt, f) => info(ctx, f),
    'runtime-config': () => runtimeConfig(ctx),
    rm: (rt, f) => rm(ctx, rt, f),
    start: (rt, f) => start(ctx, rt, f),
    exec: (rt, f) => exec(ctx, rt, f),
    stopp: (rt, f) => stopp(ctx, rt, f),
    rmp: (rt, f) => rmp(ctx, rt, f),
    inspectp: (rt, f) => inspectp(ctx, rt, f),
    pull: (rt, f) => pull(ctx, rt, f),
    inspecti: (rt, f) => inspecti(ctx, rt, f),
    imagefsinfo: (rt, f) => imagefsinfo(ctx, rt, f),
  };
}

export const crictl: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  const route = routeCrictl(argv);
  const global = route.kind === 'run' ? route.global : undefined;
  const config = configPath(ctx, global);
  // The app's Before reads the config file ahead of every command and of the help a command prints.
  const loaded = route.kind === 'run' || route.before ? loadServerConfig(ctx, config.path, config.explicit) : {};
  if ('fatal' in loaded) {
    ctx.stderr.write(logrusLine('FATA', loaded.fatal));
    return 1;
  }
  if (route.kind === 'print') {
    if (route.stdout) ctx.stdout.write(route.stdout);
    if (route.stderr) ctx.stderr.write(route.stderr);
    return route.code;
  }
  const { command, flags, typed } = route;
  if (command.name === 'config') return crictlConfig(ctx, flags, config.path);
  const run = handlers(ctx)[command.name];
  if (!run) {
    ctx.stderr.write(`No help topic for '${typed}'\n`);
    return 3;
  }
  // IsSet: the flag, or its environment variable.
  const runtimeSet = global!.set.has('runtime-endpoint') || ctx.env.CONTAINER_RUNTIME_ENDPOINT !== undefined || !!loaded.config?.['runtime-endpoint'];
  const imageSet = global!.set.has('image-endpoint') || ctx.env.IMAGE_SERVICE_ENDPOINT !== undefined || !!loaded.config?.['image-endpoint'];
  // The image commands dial only the image service (getImageService), which falls back to the runtime's endpoint.
  const imageCommand = IMAGE_COMMANDS.has(command.name);
  const service = imageCommand ? 'image' : 'runtime';
  if (imageCommand ? !imageSet && !runtimeSet : !runtimeSet) {
    const warning = imageCommand ? 'Image connect' : 'runtime connect';
    ctx.stderr.write(`WARN[0000] ${warning} using default endpoints: ${DEFAULT_RUNTIME_ENDPOINTS}. As the default settings are now deprecated, you should set the endpoint instead. \n`);
  }
  const prefix = CONNECT_PREFIX[command.name] ?? '';
  // The endpoint dialled: the flag, else its environment variable, else the config file's; the
  // defaults (containerd's socket first) when none is set.
  const endpoint = String(global!.values.get('runtime-endpoint') || ctx.env.CONTAINER_RUNTIME_ENDPOINT || loaded.config?.['runtime-endpoint'] || SOCKET);
  if (!mayDialCriSocket(endpoint, ctx.user)) {
    // The socket's permissions refuse the connect(2): cri-dockerd's is root:docker 0660, containerd's root-only.
    const path = endpoint.replace(/^unix:\/\//, '');
    ctx.stderr.write(`FATA[0000] ${prefix}validate service connection: validate CRI v1 ${service} API for endpoint "${endpoint}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${path}: connect: permission denied"\n`);
    return 1;
  }
  const access = runtimeAccess(ctx);
  if (!access.ok) return dialError(ctx, access.reason, service, prefix);
  // The image service is dialled next (its own warning when no endpoint is set at all).
  if (BOTH_SERVICES.has(command.name) && !imageSet && !runtimeSet) {
    ctx.stderr.write(`WARN[0000] Image connect using default endpoints: ${DEFAULT_RUNTIME_ENDPOINTS}. As the default settings are now deprecated, you should set the endpoint instead. \n`);
  }
  return run(access.runtime, flags);
};
