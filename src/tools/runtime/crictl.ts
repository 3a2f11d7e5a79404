/**
 * crictl (cri-tools 1.33) over the machine's runtime: the listings, logs and inspections, the
 * commands that stop, start, remove and exec (crictl-containers.ts, crictl-sandboxes.ts), pull and
 * the image store (crictl-images.ts), info and runtime-config (crictl-runtime.ts); config, over its
 * config file.
 */
import { mayDialCriSocket } from '../../sim/kubelet/cri-endpoint';
import type { CommandContext, Program } from '../../shell/command';
import type { ContainerRuntime } from '../../sim/runtime/containerd';
import { runtimeAccess } from './cri';
import { containerStats, podStats } from './crictl-stats';
import { crictlConfig } from './crictl-config';
import { readCrictlConfig, type CrictlConfig } from './crictl-config-file';
import { logrusLine } from './crictl-log';
import { APP, routeCrictl, showSubcommandHelp } from './crictl-app';
import { completion } from './crictl-completion';
import { attach, checkpoint, portForward, update } from './crictl-streams';
import { create, run, runp } from './crictl-config-run';
import { metrics } from './crictl-metrics';
import type { ParsedFlags } from './crictl-cli';
import { DEFAULT_RUNTIME_ENDPOINTS } from './crictl-commands';
import { dockerEngineVersion } from '../../sim/systemd/docker';
import { criServer } from './crictl-rpc';
import { machineOf } from '../lib/context';
import { exec, rm, start, stop } from './crictl-containers';
import { logs } from './crictl-logs';
import { inspect } from './crictl-inspect';
import { images, pods, ps } from './crictl-listing';
import { inspectp, rmp, stopp } from './crictl-sandboxes';
import { imagefsinfo, inspecti, pull, rmi } from './crictl-images';
import { info, runtimeConfig } from './crictl-runtime';

const SOCKET = 'unix:///run/containerd/containerd.sock';
const IMAGE_COMMANDS = new Set(['images', 'rmi', 'pull', 'inspecti', 'imagefsinfo']);
/** Commands that dial the image service after the runtime service (getImageService after getRuntimeService). */
const BOTH_SERVICES = new Set(['ps', 'inspect', 'exec']);
/** Commands that wrap the connection's error (runtime_config.go: "get runtime client: %w"). */
const CONNECT_PREFIX: Record<string, string> = { 'runtime-config': 'get runtime client: ', metricsp: 'get runtime service: ', metricdescs: 'get runtime service: ' };

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

function dialError(ctx: CommandContext, reason: 'down' | 'cri-disabled', what: string, prefix = '', endpoint = SOCKET): number {
  const err =
    reason === 'down'
      ? `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${endpoint.replace(/^unix:\/\//, '')}: connect: no such file or directory"`
      : 'rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService';
  ctx.stderr.write(`FATA[0000] ${prefix}validate service connection: validate CRI v1 ${what} API for endpoint "${endpoint}": ${err}\n`);
  return 1;
}

/**
 * The CRI Version answer of the node's runtime: containerd's, or cri-dockerd's (a minikube node:
 * core/docker_service.go answers "docker" and Docker Engine's version).
 */
function versionText(ctx: CommandContext): string {
  const runtime = criServer(ctx) === 'cri-dockerd' ? { name: 'docker', version: dockerEngineVersion(machineOf(ctx)) } : { name: 'containerd', version: '1.7.27' };
  return `Version:  0.1.0\nRuntimeName:  ${runtime.name}\nRuntimeVersion:  ${runtime.version}\nRuntimeApiVersion:  v1\n`;
}

type Handler = (rt: ContainerRuntime | undefined, flags: ParsedFlags) => number | Promise<number>;

/** The commands this machine's crictl runs, by their cri-tools names (aliases are resolved by the router). */
function handlers(ctx: CommandContext): Record<string, Handler> {
  return {
    ps: (rt, f) => ps(ctx, rt, f),
    pods: (rt, f) => pods(ctx, rt, f),
    images: (rt, f) => images(ctx, rt, f),
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
    update: (rt, f) => update(ctx, rt, f),
    checkpoint: (rt, f) => checkpoint(ctx, rt, f),
    attach: (rt, f) => attach(ctx, rt, f),
    'port-forward': (rt, f) => portForward(ctx, rt, f),
    runp: (_rt, f) => runp(ctx, f),
    create: (_rt, f) => create(ctx, f),
    run: (_rt, f) => run(ctx, f),
    metricsp: (_rt, f) => metrics(ctx, 'metricsp', f),
    metricdescs: (_rt, f) => metrics(ctx, 'metricdescs', f),
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
  if (command.name === 'completion') return completion(ctx, APP, flags, () => showSubcommandHelp('completion'));
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
  // create and run dial the image service first when they pull (getImageService before getRuntimeService).
  const pulls = command.name === 'run' ? flags.values.get('with-pull') === true || (flags.values.get('no-pull') !== true && !loaded.config?.['disable-pull-on-run'])
    : command.name === 'create' && (flags.values.get('with-pull') === true || (flags.values.get('no-pull') !== true && !!loaded.config?.['pull-image-on-create']));
  if (pulls && !imageSet && !runtimeSet) {
    ctx.stderr.write(`WARN[0000] Image connect using default endpoints: ${DEFAULT_RUNTIME_ENDPOINTS}. As the default settings are now deprecated, you should set the endpoint instead. \n`);
  }
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
  const access = runtimeAccess(ctx, endpoint);
  if (!access.ok) return dialError(ctx, access.reason, service, prefix, endpoint);
  // The image service is dialled next (its own warning when no endpoint is set at all).
  if (BOTH_SERVICES.has(command.name) && !imageSet && !runtimeSet) {
    ctx.stderr.write(`WARN[0000] Image connect using default endpoints: ${DEFAULT_RUNTIME_ENDPOINTS}. As the default settings are now deprecated, you should set the endpoint instead. \n`);
  }
  return run(access.runtime, flags);
};
