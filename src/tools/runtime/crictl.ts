/** crictl (cri-tools 1.33): ps, pods, images, logs, inspect, rmi, stop, stats, statsp, info, version, over the machine's runtime; config, over its config file. */
import type { CommandContext, Program } from '../../shell/command';
import type { Container, ContainerRuntime } from '../../sim/runtime/containerd';
import { crictlTable, humanDuration, humanSize, runtimeAccess } from './cri';
import { containerStats, podStats } from './crictl-stats';
import { crictlConfig } from './crictl-config';
import { readCrictlConfig, type CrictlConfig } from './crictl-config-file';
import { logrusLine } from './crictl-log';
import { filterContainers, filterSandboxes, parseListingFlags } from './crictl-filters';
import { clusterOf } from '../../sim/cluster/attach';
import { dockerEngineVersion, nodeRuntime } from '../../sim/systemd/docker';
import { machineOf, worldOf } from '../lib/context';

const SOCKET = 'unix:///run/containerd/containerd.sock';
const DEFAULT_ENDPOINTS = '[unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]';
const IMAGE_COMMANDS = new Set(['images', 'image', 'img', 'rmi', 'pull', 'inspecti', 'imagefsinfo']);

const DEFAULT_CONFIG = '/etc/crictl.yaml';

/** --config/-c (before the command) or $CRI_CONFIG_FILE: the config file, and whether it was asked for. */
function configFlag(ctx: CommandContext, argv: string[]): { path: string; explicit: boolean; rest: string[] } {
  const rest = [...argv];
  let path: string | undefined;
  for (let i = 0; i < rest.length && rest[i].startsWith('-'); i++) {
    const m = /^--?(config|c)(?:=(.*))?$/.exec(rest[i]);
    if (!m) continue;
    const inline = m[2];
    path = inline ?? rest[i + 1] ?? '';
    rest.splice(i, inline === undefined ? 2 : 1);
    i--;
  }
  path ??= ctx.env.CRI_CONFIG_FILE;
  return { path: path ?? DEFAULT_CONFIG, explicit: path !== undefined, rest };
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

function dialError(ctx: CommandContext, reason: 'down' | 'cri-disabled', what: string): number {
  const err =
    reason === 'down'
      ? `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"`
      : 'rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService';
  ctx.stderr.write(`FATA[0000] validate service connection: validate CRI v1 ${what} API for endpoint "${SOCKET}": ${err}\n`);
  return 1;
}

function stateName(c: Container): string {
  return c.state === 'CONTAINER_RUNNING' ? 'Running' : c.state === 'CONTAINER_EXITED' ? 'Exited' : 'Created';
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 13);
}

function ps(ctx: CommandContext, rt: ContainerRuntime | undefined, args: string[]): number {
  const flags = parseListingFlags(args, 'ps');
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

function pods(ctx: CommandContext, rt: ContainerRuntime | undefined, args: string[]): number {
  const flags = parseListingFlags(args, 'pods');
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
function logs(ctx: CommandContext, rt: ContainerRuntime | undefined, args: string[]): number {
  const id = args.find((a) => !a.startsWith('-'));
  if (!id) {
    ctx.stderr.write('FATA[0000] ID cannot be empty\n');
    return 1;
  }
  const c = findContainer(rt, id);
  if (!c) {
    ctx.stderr.write(`E1122 00:00:00.000000    4211 log.go:32] "ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found" containerID="${id}"\nFATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found\n`);
    return 1;
  }
  const tailIdx = args.findIndex((a) => a === '--tail');
  const tail = tailIdx >= 0 ? Number(args[tailIdx + 1]) : undefined;
  const now = ctx.clock.now();
  const world = worldOf(ctx);
  const program = (world ? clusterOf(world)?.kubelets.get(machineOf(ctx).hostname)?.containerLogs(c.id) : undefined) ?? [];
  const recorded = c.logs.filter((l) => l.at <= now);
  let lines: { at: number; line: string; stream?: 'stdout' | 'stderr' }[] = recorded.length && program.length ? [...program, ...recorded].sort((a, b) => a.at - b.at) : program.length ? program : recorded;
  if (tail !== undefined && Number.isFinite(tail)) lines = lines.slice(Math.max(0, lines.length - tail));
  for (const l of lines) (l.stream === 'stderr' ? ctx.stderr : ctx.stdout).write(`${l.line}\n`);
  return 0;
}

function inspect(ctx: CommandContext, rt: ContainerRuntime | undefined, args: string[]): number {
  const id = args.find((a) => !a.startsWith('-'));
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

function rmi(ctx: CommandContext, rt: ContainerRuntime | undefined, args: string[]): number {
  let rc = 0;
  for (const ref of args.filter((a) => !a.startsWith('-'))) {
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
function stop(ctx: CommandContext, rt: ContainerRuntime | undefined, args: string[]): number {
  const ids = args.filter((a) => !a.startsWith('-'));
  if (ids.length === 0) {
    ctx.stderr.write('FATA[0000] ID cannot be empty\n');
    return 1;
  }
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

export const crictl: Program = async (ctx) => {
  const global = configFlag(ctx, ctx.argv.slice(1));
  const args = global.rest.filter((a, i, all) => !(a === '--runtime-endpoint' || a === '-r' || all[i - 1] === '--runtime-endpoint' || all[i - 1] === '-r' || a.startsWith('--runtime-endpoint=')));
  const explicit = args.length !== global.rest.length;
  const cmd = args[0];
  if (!cmd || cmd === '--help' || cmd === '-h') {
    ctx.stdout.write('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nVERSION:\n   v1.33.0\n');
    return 0;
  }
  if (cmd === '--version' || cmd === '-v') {
    ctx.stdout.write('crictl version v1.33.0\n');
    return 0;
  }
  const table: Record<string, (rt: ContainerRuntime | undefined, rest: string[]) => number | Promise<number>> = {
    ps: (rt, rest) => ps(ctx, rt, rest),
    pods: (rt, rest) => pods(ctx, rt, rest),
    images: (rt) => images(ctx, rt),
    image: (rt) => images(ctx, rt),
    img: (rt) => images(ctx, rt),
    logs: (rt, rest) => logs(ctx, rt, rest),
    inspect: (rt, rest) => inspect(ctx, rt, rest),
    rmi: (rt, rest) => rmi(ctx, rt, rest),
    stop: (rt, rest) => stop(ctx, rt, rest),
    stats: (rt, rest) => containerStats(ctx, rt, rest),
    statsp: (rt, rest) => podStats(ctx, rt, rest),
    version: () => {
      ctx.stdout.write(versionText(ctx));
      return 0;
    },
    info: () => {
      ctx.stdout.write('{\n  "status": {\n    "conditions": [\n      {\n        "type": "RuntimeReady",\n        "status": true,\n        "reason": "",\n        "message": ""\n      },\n      {\n        "type": "NetworkReady",\n        "status": true,\n        "reason": "",\n        "message": ""\n      }\n    ]\n  }\n}\n');
      return 0;
    },
  };
  const loaded = loadServerConfig(ctx, global.path, global.explicit);
  if ('fatal' in loaded) {
    ctx.stderr.write(logrusLine('FATA', loaded.fatal));
    return 1;
  }
  if (cmd === 'config') return crictlConfig(ctx, args.slice(1), global.path);
  const run = table[cmd];
  if (!run) {
    ctx.stderr.write(`No help topic for '${cmd}'\n`);
    return 3;
  }
  const runtimeSet = explicit || !!loaded.config?.['runtime-endpoint'];
  if (!runtimeSet) {
    ctx.stderr.write(`WARN[0000] runtime connect using default endpoints: ${DEFAULT_ENDPOINTS}. As the default settings are now deprecated, you should set the endpoint instead. \n`);
    // The image service falls back to the runtime's endpoint, unless the file names its own.
    if (IMAGE_COMMANDS.has(cmd) && !loaded.config?.['image-endpoint']) ctx.stderr.write(`WARN[0000] Image connect using default endpoints: ${DEFAULT_ENDPOINTS}. As the default settings are now deprecated, you should set the endpoint instead. \n`);
  }
  if (ctx.user.uid !== 0) {
    ctx.stderr.write(`FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "${SOCKET}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: permission denied"\n`);
    return 1;
  }
  const access = runtimeAccess(ctx);
  if (!access.ok) return dialError(ctx, access.reason, IMAGE_COMMANDS.has(cmd) ? 'image' : 'runtime');
  return run(access.runtime, args.slice(1));
};
