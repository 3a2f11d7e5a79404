/**
 * What starting a service does, per unit: most services just run; the kubelet checks its config,
 * the container runtime and swap the way the real one does before it runs, and then drives the
 * cluster's kubelet for this machine. A table of behaviours, looked up by unit name.
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { readSwaps } from '../kernel/swap';
import { clusterOf } from '../cluster/attach';
import { chronyd, modulesLoad } from './modules-load';
import { dockerConfig, dockerd, kubeletDockerError, nodeRuntime } from './docker';
import { kubeletArgs, kubeletFlag, kubeletFlagsError } from '../kubelet/flags';
import { clientConfigError } from '../kubelet/client-config';
import type { KlogLine, ServiceLogLine } from './journal';
import { goQuote } from '../go-quote';
import { containerdEndpoint, criDockerdStartError, dialsCrio, dialsCriDockerd, kubeletRuntimeEndpoint } from '../kubelet/cri-endpoint';
import { activateOnNextDial, criDockerdService, dockerdActivationByCriDockerd } from './cri-dockerd';
import { loadUnit, unitValue } from './units';
import { containerdStartJournal, kubeletNode, kubeletStartJournal, podCidrHandedToRuntime, startingKubelet } from './daemon-starts';
import { clientCAFile, FIRST_REGISTRATION_MS, kubeletFailurePrologue, type KubeletStartStage } from '../kubelet/start-journal';

/** The kubelet version of the cluster scenarios, when neither the package nor the cluster says. */
const CLUSTER_KUBELET_VERSION = 'v1.33.4';

/** Minor version of the installed kubelet package (33 when none is recorded: the cluster scenarios' version). */
function kubeletMinor(machine: Machine): number {
  const v = (machine.ext.packages as { installed?: Record<string, { version: string }> } | undefined)?.installed?.kubelet?.version;
  const m = v ? /^(?:\d+:)?1\.(\d+)\./.exec(v) : null;
  return m ? Number(m[1]) : 33;
}

function usesDockershim(machine: Machine, minor: number): boolean {
  if (nodeRuntime(machine, minor).kind !== 'docker') return false;
  try {
    return !/--container-runtime=remote/.test(machine.rootFs.readFile('/var/lib/kubelet/kubeadm-flags.env'));
  } catch {
    return true;
  }
}

export interface ServiceEnv {
  machine: Machine;
  world: World | undefined;
  now: number;
  pid: number;
  /** Is another unit active on this machine? */
  isActive(unit: string): boolean;
}

/** A start: its lines (at their offsets), and for a Type=notify service when it reports ready. */
export type StartOutcome =
  | { ok: true; logs?: ServiceLogLine[]; readyAfterMs?: number }
  | { ok: false; exitStatus: number; logs: ServiceLogLine[] };

/** A start a scenario made without the service manager: when it was, and what the process printed. */
export interface PastStart {
  since: number;
  logs: ServiceLogLine[];
  readyAfterMs?: number;
}

export interface ServiceBehaviour {
  start(env: ServiceEnv): StartOutcome;
  stop?(env: ServiceEnv): void;
  /** The start of a unit a cluster scenario runs (src/sim/packages/adopt.ts), if it is known. */
  adopted?(env: ServiceEnv): PastStart | undefined;
  /** When what decides whether it starts last changed (a crash loop heals at its first attempt after). */
  changedAt?(env: ServiceEnv): number | undefined;
}

const KUBELET_CONFIG = '/var/lib/kubelet/config.yaml';

/**
 * The kubelet's last words (component-base cli.Run), after what it printed on its way there: klog
 * quotes a one-line error; a multi-line one is written as `err=<`, its lines indented by a tab,
 * then ` >` (journald keeps each line apart).
 */
function kubeletFailure(failure: KubeletStartFailure, args: Array<[string, string]>, version: string): ServiceLogLine[] {
  const prologue = failure.stage ? kubeletFailurePrologue(args, failure.stage, version) : { lines: [], failAtMs: undefined };
  const lines = [...prologue.lines, ...(failure.then?.lines ?? [])];
  const failAtMs = failure.then?.failAtMs ?? prologue.failAtMs;
  const err = failure.error;
  // Logged through klog (component-base cli/run.go), so with its header like every kubelet line.
  const failed = (text: string): KlogLine => ({ klog: 'E', source: 'run.go:72', text, ...(failAtMs === undefined ? {} : { offsetMs: Math.floor(failAtMs), micros: Math.round((failAtMs % 1) * 1000) }) });
  if (!err.includes('\n')) return [...lines, failed(`"command failed" err=${goQuote(err)}`)];
  return [...lines, failed('"command failed" err=<'), ...err.split('\n').map((line) => `\t${line}`), ' >'];
}

/**
 * The kubelet's swap refusal (pkg/kubelet/cm/container_manager_linux.go): from v1.31 it asks
 * swap.IsSwapOn and names no /proc/swaps content (a v1.34.3 journal, and v1.33-era kubeadm notes:
 * `err="failed to run Kubelet: running with swap on is not supported, please disable swap or set
 * --fail-swap-on flag to false"`); before, it quoted the file's lines (`please disable swap! or
 * set --fail-swap-on flag to false. /proc/swaps contained: [Filename\t\t\t\tType…]`).
 */
function swapError(fs: Machine['rootFs'], minor: number): string {
  if (minor >= 31) return 'failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false';
  const proc = fs.readFile('/proc/swaps').trim().split('\n').join(' ');
  return `failed to run Kubelet: running with swap on is not supported, please disable swap! or set --fail-swap-on flag to false. /proc/swaps contained: [${proc}]`;
}

/** Why the kubelet exits at start, and how far it got (no stage: while it parses its flags). */
interface KubeletStartFailure {
  stage?: KubeletStartStage;
  error: string;
  /** What it logged after its stage's usual lines, and when it then fails (ms after its start). */
  then?: { lines: KlogLine[]; failAtMs: number };
}

/** Why the kubelet exits at start, or undefined when it runs. */
export function kubeletStartError(env: ServiceEnv): string | undefined {
  return kubeletStartFailure(env)?.error;
}

/**
 * Why the kubelet exits at start (checks in the order the kubelet makes them: its flags, the
 * config file its --config names, the dependencies it builds from it (the client CA of its
 * server), then run(): its client, swap, the container runtime).
 */
function kubeletStartFailure(env: ServiceEnv): KubeletStartFailure | undefined {
  const fs = env.machine.rootFs;
  const flagsError = kubeletFlagsError(fs);
  if (flagsError) return { error: flagsError };
  const configPath = kubeletFlag(fs, 'config');
  if (configPath && !fs.stat(configPath)) {
    return { stage: 'config', error: `failed to load kubelet config file, path: ${configPath}, error: failed to load Kubelet config file ${configPath}, error failed to read kubelet config file "${configPath}", error: open ${configPath}: no such file or directory` };
  }
  let config = '';
  try {
    if (configPath) config = fs.readFile(configPath);
  } catch {
    /* checked above */
  }
  // UnsecuredDependencies → InitializeTLS (cmd/kubelet/app/server.go): the client CA of its
  // server, read before run(); KodeKloud's and killercoda's broken workers log exactly this.
  const caFile = clientCAFile(config);
  if (caFile && !fs.stat(caFile)) return { stage: 'dependencies', error: `failed to construct kubelet dependencies: unable to load client CA file ${caFile}: open ${caFile}: no such file or directory` };
  // The client comes before the container manager and the runtime (server.go run): with
  // --bootstrap-kubeconfig, a kubeconfig that does not exist sends the kubelet to the bootstrap one
  // (bootstrap.LoadClientCert), which kubeadm join deletes once the node has its certificate.
  // A kubeconfig whose client certificate is gone (a worker's kubelet-client-current.pem deleted)
  // is not valid any more either: the kubelet says why, then turns to the bootstrap kubeconfig.
  const kubeconfig = kubeletFlag(fs, 'kubeconfig');
  const bootstrap = kubeletFlag(fs, 'bootstrap-kubeconfig');
  const invalid = kubeconfig && fs.stat(kubeconfig) ? clientConfigError(fs, kubeconfig) : undefined;
  if (kubeconfig && bootstrap && (!fs.stat(kubeconfig) || invalid) && !fs.stat(bootstrap)) {
    const error = `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${bootstrap}: no such file or directory`;
    return invalid ? { stage: 'run', error, then: invalidClientConfigLines(fs, kubeconfig, invalid) } : { stage: 'run', error };
  }
  const minor = kubeletMinor(env.machine);
  const failSwapOn = !/^\s*failSwapOn:\s*false\s*$/m.test(config);
  if (readSwaps(fs).length && failSwapOn) return { stage: 'run', error: swapError(fs, minor) };
  const dockerError = kubeletDockerError(env.machine, minor, env.isActive('docker.service'));
  if (dockerError) return { stage: 'run', error: dockerError };
  // A minikube node's kubelet dials cri-dockerd, not containerd.
  if (dialsCriDockerd(env.machine)) {
    const error = criDockerdStartError(env.machine, env.isActive);
    return error ? { stage: 'run', error } : undefined;
  }
  // A minikube cri-o node's kubelet dials CRI-O: no file to dial while crio.service is down.
  if (dialsCrio(env.machine)) {
    const endpoint = kubeletRuntimeEndpoint(env.machine) ?? '';
    if (env.isActive('crio.service')) return undefined;
    return { stage: 'run', error: noSocketError(endpoint) };
  }
  // Before v1.24 a kubelet on a Docker machine runs its pods through dockershim, not containerd's CRI.
  if (usesDockershim(env.machine, minor)) return undefined;
  // The endpoint as the kubelet names it (kubeadm's unix:///var/run/…, minikube's unix:///run/…).
  const endpoint = containerdEndpoint(env.machine);
  if (!env.isActive('containerd.service')) return { stage: 'run', error: noSocketError(endpoint) };
  if (env.isActive('containerd.service') && criPluginDisabled(env)) {
    return { stage: 'run', error: `failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint "${endpoint}": rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService` };
  }
  return undefined;
}

/** The kubelet's last error when no socket file is at its CRI endpoint (validate service connection). */
function noSocketError(endpoint: string): string {
  return `failed to run Kubelet: validate service connection: validate CRI v1 runtime API for endpoint "${endpoint}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${endpoint.replace(/^unix:\/\//, '')}: connect: no such file or directory"`;
}

/**
 * What the kubelet logs of a kubeconfig it cannot use (bootstrap.go:241, through
 * utilruntime.HandleError), after its client rotation notice: a kind v1.32.2 worker whose
 * kubelet-client-current.pem was removed journals
 * `bootstrap.go:241] "Unhandled Error" err="unable to read existing bootstrap client config from
 * /etc/kubernetes/kubelet.conf: invalid configuration: [unable to read client-cert …]"
 * logger="UnhandledError"`, then fails on the bootstrap kubeconfig.
 */
function invalidClientConfigLines(fs: Machine['rootFs'], kubeconfig: string, invalid: string): { lines: KlogLine[]; failAtMs: number } {
  const rotation = /^rotateCertificates:\s*true\s*$/m.test(readConfig(fs));
  const lines: KlogLine[] = [];
  if (rotation) lines.push({ klog: 'I', source: 'server.go:954', text: '"Client rotation is on, will bootstrap in background"', offsetMs: 9, micros: 359 });
  lines.push({ klog: 'E', source: 'bootstrap.go:241', text: `"Unhandled Error" err=${goQuote(`unable to read existing bootstrap client config from ${kubeconfig}: ${invalid}`)} logger="UnhandledError"`, offsetMs: 9, micros: 812 });
  return { lines, failAtMs: 9.838 };
}

/** The kubelet's config file, as its --config names it ('' when it has none or cannot be read). */
function readConfig(fs: Machine['rootFs']): string {
  const path = kubeletFlag(fs, 'config');
  try {
    return path ? fs.readFile(path) : '';
  } catch {
    return '';
  }
}

/** containerd.io's packaged config.toml disables the CRI plugin ("disabled_plugins = [\"cri\"]"). */
function criPluginDisabled(env: ServiceEnv): boolean {
  try {
    const m = /^\s*disabled_plugins\s*=\s*\[([^\]]*)\]/m.exec(env.machine.rootFs.readFile('/etc/containerd/config.toml'));
    return !!m && /"(io\.containerd\.grpc\.v1\.)?cri"/.test(m[1]);
  } catch {
    return false;
  }
}

/** What kubeletStartError reads: its files (and the directories a removed one leaves changed), swap, containerd. */
const KUBELET_INPUTS = [KUBELET_CONFIG, '/var/lib/kubelet', '/var/lib/kubelet/pki', '/etc/kubernetes/pki', '/var/lib/kubelet/kubeadm-flags.env', '/etc/default/kubelet', '/etc/sysconfig/kubelet', '/etc/kubernetes', '/etc/kubernetes/kubelet.conf', '/etc/kubernetes/bootstrap-kubelet.conf', '/proc/swaps', '/etc/containerd/config.toml', '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'];

function kubeletInputsChangedAt(env: ServiceEnv): number | undefined {
  const fs = env.machine.rootFs;
  let newest: number | undefined;
  const configPath = kubeletFlag(fs, 'config');
  for (const path of configPath ? [...KUBELET_INPUTS, configPath] : KUBELET_INPUTS) {
    const m = fs.stat(path)?.mtimeMs;
    if (m !== undefined && (newest === undefined || m > newest)) newest = m;
  }
  // The runtime it dials coming up again heals it too.
  const units = (env.machine.ext.systemd as { units?: Record<string, { since?: number }> } | undefined)?.units;
  const starts = (dialsCriDockerd(env.machine) ? ['cri-docker.service', 'cri-docker.socket'] : dialsCrio(env.machine) ? ['crio.service'] : ['containerd.service']).map((u) => units?.[u]?.since).filter((t): t is number => t !== undefined);
  return starts.length && newest !== undefined ? Math.max(newest, ...starts) : newest;
}

const kubelet: ServiceBehaviour = {
  start(env) {
    const cluster = env.world ? clusterOf(env.world) : undefined;
    // The kubelet binary on disk decides the version that runs (apt-get install kubelet=… then restart).
    const installed = (env.machine.ext.packages as { installed?: Record<string, { version: string }> } | undefined)?.installed?.kubelet?.version;
    const version = installed ? `v${installed.replace(/-.*$/, '')}` : undefined;
    const failure = kubeletStartFailure(env);
    if (failure) return { ok: false, exitStatus: 1, logs: kubeletFailure(failure, kubeletArgs(env.machine.rootFs), version ?? cluster?.kubelets.get(env.machine.hostname)?.version ?? CLUSTER_KUBELET_VERSION) };
    const nodeBefore = kubeletNode(env.machine, cluster);
    // Registered while starting (the API answers): its registration goes with its start-up lines;
    // later, when the API answers again (daemon-starts.ts journalKubeletRegistration).
    const registered = startingKubelet(env.machine, () => {
      if (!cluster) return;
      const current = cluster.kubelets.get(env.machine.hostname);
      if (current && version && current.version !== version) cluster.restartKubelet(env.machine.hostname, version);
      else cluster.kubelet(env.machine.hostname, version).start();
    });
    const running = cluster?.kubelets.get(env.machine.hostname);
    const journal = kubeletStartJournal(env.machine, cluster, version ?? running?.version ?? CLUSTER_KUBELET_VERSION, nodeBefore, registered && { afterMs: FIRST_REGISTRATION_MS, podCIDR: registered.podCIDR });
    if (journal.podCidrHandedAfterMs !== undefined) podCidrHandedToRuntime(env.machine, env.now + journal.podCidrHandedAfterMs, registered?.podCIDR);
    // Its first dial of cri-dockerd's socket starts the service if only the socket listens.
    if (dialsCriDockerd(env.machine)) activateOnNextDial(env);
    return { ok: true, logs: journal.lines };
  },
  stop(env) {
    if (env.world) clusterOf(env.world)?.kubelets.get(env.machine.hostname)?.stop();
  },
  changedAt: kubeletInputsChangedAt,
  adopted(env) {
    // The scenario started this kubelet itself (src/sim/cluster/bootstrap.ts): its start and the
    // Node it registered then are known, nothing of what it printed while the API was not up yet.
    const cluster = env.world ? clusterOf(env.world) : undefined;
    const running = cluster?.kubelets.get(env.machine.hostname);
    if (!running?.running || !running.processStartedAt) return undefined;
    const since = running.processStartedAt;
    const node = kubeletNode(env.machine, cluster);
    const created = node?.metadata?.creationTimestamp ? Date.parse(node.metadata.creationTimestamp) : undefined;
    // creationTimestamp has whole seconds: a Node created in the second the kubelet started is the one it registered.
    const registeredHere = created !== undefined && created >= since - 1000;
    const podCIDR = (node?.spec as { podCIDR?: string } | undefined)?.podCIDR;
    const registration = node ? { afterMs: Math.max(0, (created ?? since) - since), podCIDR } : undefined;
    return { since, logs: kubeletStartJournal(env.machine, cluster, running.version, registeredHere ? undefined : node, registration).lines };
  },
};

const containerd: ServiceBehaviour = {
  start(env) {
    // A kubelet that lost its runtime finds it again at its next dial (src/sim/kubelet/runtime-status.ts).
    const journal = containerdStartJournal(env.machine);
    return { ok: true, logs: journal.lines, readyAfterMs: journal.readyAfterMs };
  },
  adopted(env) {
    // Restarted by the install chapter's preparation after it wrote config.toml (src/sim/scenarios/kubeadm-world.ts).
    const since = env.machine.ext.containerdStartedAt;
    if (typeof since !== 'number') return undefined;
    const journal = containerdStartJournal(env.machine);
    return { since, logs: journal.lines, readyAfterMs: journal.readyAfterMs };
  },
  stop(env) {
    // Containers keep running (their shims outlive containerd); the kubelet loses its runtime, once the unit is down.
    if (env.world) env.world.clock.defer(() => clusterOf(env.world!)?.kubelets.get(env.machine.hostname)?.runtimeServiceChanged());
  },
};

/** With cri-dockerd's units both stopped the kubelet loses its runtime (src/sim/kubelet/cri-endpoint.ts). */
function kubeletRuntimeChanged(env: ServiceEnv): void {
  if (env.world) env.world.clock.defer(() => clusterOf(env.world!)?.kubelets.get(env.machine.hostname)?.runtimeServiceChanged());
}

const criDockerSocket: ServiceBehaviour = { start: () => ({ ok: true }), stop: kubeletRuntimeChanged };

/** cri-dockerd's start-up (src/sim/systemd/cri-dockerd.ts) with the command line its unit gives it. */
const criDocker = criDockerdService((env) => {
  const unit = loadUnit(env.machine.rootFs, 'cri-docker.service');
  return (unit && unitValue(unit, 'Service', 'ExecStart')) ?? '/usr/bin/cri-dockerd --container-runtime-endpoint fd://';
}, kubeletRuntimeChanged);

/**
 * dockerd's shutdown without live-restore (daemon.Shutdown: every running container stopped with
 * its stop signal, SIGTERM, as `docker stop` does): the pods' containers exit, the pause containers
 * with them (pause exits 0 on SIGTERM), so their sandboxes are no longer ready.
 */
function stopDockerContainers(env: ServiceEnv): void {
  const cfg = dockerConfig(env.machine);
  if (cfg.ok && cfg.liveRestore) return;
  const rt = env.world ? clusterOf(env.world)?.runtimes.get(env.machine.hostname) : undefined;
  if (!rt) return;
  const json = rt.toJSON();
  for (const c of json.containers) if (c.state === 'CONTAINER_RUNNING') rt.finish(c.id, 0, 'Completed', env.now);
  for (const sb of json.sandboxes) if (sb.state === 'SANDBOX_READY') rt.stopSandbox(sb.id, env.now);
}

/**
 * dockerd, and on a node whose kubelet dials cri-dockerd what its stop does there: cri-dockerd's
 * next call starts it again through docker.socket, or fails (both stopped) and the kubelet sees it.
 */
const dockerdBehindCriDockerd: ServiceBehaviour = {
  ...dockerd,
  stop(env) {
    dockerd.stop?.(env);
    if (!dialsCriDockerd(env.machine)) return;
    stopDockerContainers(env);
    dockerdActivationByCriDockerd(env);
    kubeletRuntimeChanged(env);
  },
};

/** CRI-O (a minikube node's --container-runtime=cri-o): Type=notify; its lines are not modelled. Stopped, the kubelet loses its runtime. */
const crio: ServiceBehaviour = { start: () => ({ ok: true, readyAfterMs: 0 }), stop: kubeletRuntimeChanged };

export const SERVICE_BEHAVIOURS: Record<string, ServiceBehaviour> = {
  'crio.service': crio,
  'cri-docker.service': criDocker,
  'cri-docker.socket': criDockerSocket,
  'kubelet.service': kubelet,
  'containerd.service': containerd,
  'systemd-modules-load.service': modulesLoad,
  'chrony.service': chronyd,
  'chronyd.service': chronyd,
  'docker.service': dockerdBehindCriDockerd,
};

export const DEFAULT_BEHAVIOUR: ServiceBehaviour = { start: () => ({ ok: true }) };
