/**
 * cri-dockerd v0.4.0 as systemd runs it on a minikube node (cri-docker.service): what it logs
 * through logrus's text formatter (stderr, not a terminal: `time="RFC3339" level=… msg=…`) as it
 * starts, and when the kubelet hands it the node's pod CIDR. Texts and order, from the source:
 * cmd/server.go RunCriDockerd ("Starting %s %s"), libdocker/client.go getDockerClient and
 * ConnectToDockerOrDie (--runtime-request-timeout unset: 0s), core/docker_service.go
 * NewDockerService (hairpin mode, network plugin, cgroup driver from `docker info`),
 * network/plugins.go InitNetworkPlugin ("Loaded network plugin"), UpdateRuntimeConfig with the
 * empty --pod-cidr (the gogo String() of RuntimeConfig), backend/daemon.go Start. With dockerd
 * down, checkVersionCompatibility's docker version fails and RunCriDockerd's error is fatal.
 * Stopped alone, the service comes back at the kubelet's next dial through its socket.
 */
import type { ServiceBehaviour, ServiceEnv } from './services';
import type { World } from '../world';
import type { Machine } from '../machine/machine';
import { dockerConfig } from './docker';
import { clusterOf } from '../cluster/attach';
import { unitRecord } from './unit-record';

/** Starts a unit as systemd does on a connection to its socket (set by manager.ts, which owns starting). */
type Activate = (world: World, machine: Machine, unit: string) => void;
let activate: Activate | undefined;

export function setSocketActivation(fn: Activate): void {
  activate = fn;
}

/** The kubelet dials its runtime at least every second (the PLEG's relist). */
const KUBELET_DIAL_MS = 1000;

function unitActive(machine: Machine, unit: string): boolean {
  return unitRecord(machine, unit)?.state === 'active';
}

/**
 * cri-docker.service stopped while cri-docker.socket still listens (or a kubelet starting then):
 * the kubelet's next dial connects to systemd's socket, which starts the service (socket activation).
 */
export function activateOnNextDial(env: ServiceEnv): void {
  const world = env.world;
  if (!world) return;
  world.clock.setTimeout(() => {
    const kubelet = clusterOf(world)?.kubelets.get(env.machine.hostname);
    if (!kubelet?.running || !unitActive(env.machine, 'cri-docker.socket') || unitActive(env.machine, 'cri-docker.service')) return;
    activate?.(world, env.machine, 'cri-docker.service');
  }, KUBELET_DIAL_MS);
}

/**
 * docker.service stopped while docker.socket still listens (`systemctl stop docker`, which warns
 * "it can still be activated by: docker.socket"): cri-dockerd reaches dockerd at
 * unix:///var/run/docker.sock, systemd's socket (docker-ce's docker.socket, ListenStream=/run/docker.sock),
 * so its next call — ListPodSandbox for the kubelet's PLEG relist, at most a second later — starts
 * docker.service again. The call waits in the socket's queue meanwhile, so the kubelet sees no error.
 */
export function dockerdActivationByCriDockerd(env: ServiceEnv): void {
  const world = env.world;
  if (!world) return;
  world.clock.setTimeout(() => {
    const kubelet = clusterOf(world)?.kubelets.get(env.machine.hostname);
    if (!kubelet?.running || !unitActive(env.machine, 'cri-docker.service')) return;
    if (!unitActive(env.machine, 'docker.socket') || unitActive(env.machine, 'docker.service')) return;
    activate?.(world, env.machine, 'docker.service');
  }, KUBELET_DIAL_MS);
}

/** A client's connection to docker.socket while dockerd is stopped (the docker CLI): systemd starts docker.service. */
export function activateDockerd(world: World, machine: Machine): void {
  if (unitActive(machine, 'docker.socket') && !unitActive(machine, 'docker.service')) activate?.(world, machine, 'docker.service');
}

/** core/docker_service.go systemInfoCacheMinTTL: how long `docker info` and `docker version` answers are reused. */
const SYSTEM_INFO_CACHE_TTL_MS = 60_000;

/**
 * Until when cri-dockerd's Status still answers with dockerd down: its getDockerInfo is memoized
 * (utils/cache.go Memoize: reused while younger than the TTL plus the call's own duration, a failed
 * call never cached), refreshed by the kubelet's Status calls (every `period` from `origin`) once
 * the TTL has passed — so every TTL + one period from cri-dockerd's first Status after `since`.
 * The first Status call after the last refresh before `down` plus that interval fails.
 */
export function criDockerdInfoCachedUntil(since: number, origin: number, period: number, down: number): number {
  const first = since <= origin ? origin : origin + Math.ceil((since - origin) / period) * period;
  const every = SYSTEM_INFO_CACHE_TTL_MS + period;
  const last = down < first ? first : first + Math.floor((down - first) / every) * every;
  return last + every;
}

/**
 * What cri-dockerd's CRI calls answer while dockerd does not (its socket gone): the docker
 * client's error (vendored github.com/docker/docker v27.0.2 client, connectionFailed), returned
 * unwrapped by ListPodSandbox (core/sandbox_list.go) and wrapped by getDockerInfo ("failed to get
 * docker info from dockerd: %v") in Status; plain Go errors, so gRPC's code is Unknown.
 */
export const CRI_DOCKERD_NO_DOCKERD = {
  status: 'rpc error: code = Unknown desc = failed to get docker info from dockerd: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
  list: 'rpc error: code = Unknown desc = Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
};

/**
 * FullVersion() of the kicbase binary: cmd/version defaults "dev" and "HEAD", which minikube's
 * build (hack/update/cri_dockerd_version/build_and_upload_cri_dockerd_binaries.sh, -X on
 * github.com/Mirantis/cri-dockerd/version, a package that moved to cmd/version in 2021) leaves.
 */
export const CRI_DOCKERD_FULL_VERSION = 'dev (HEAD)';

/** logrus's default text timestamp (time.RFC3339): whole seconds, UTC written `Z`. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function line(ms: number, level: 'info' | 'fatal', msg: string): string {
  return `time="${rfc3339(ms)}" level=${level} msg=${JSON.stringify(msg)}`;
}

/** The gogo-protobuf String() of the UpdateRuntimeConfig request's RuntimeConfig (cri-api v0.30 api.pb.go). */
export function runtimeConfigLine(ms: number, podCidr: string): string {
  return line(ms, 'info', `Docker cri received runtime config &RuntimeConfig{NetworkConfig:&NetworkConfig{PodCidr:${podCidr},},}`);
}

/** The flag's value on cri-dockerd's command line (`--name=value` or `--name value`). */
function flagOf(command: string, name: string): string | undefined {
  return new RegExp(`(?:^| )--${name}(?:=| +)(\\S+)`).exec(command)?.[1];
}

export function criDockerdStartLines(env: ServiceEnv, command: string): { ok: boolean; lines: string[] } {
  const t = env.now;
  const lines = [
    line(t, 'info', `Starting cri-dockerd ${CRI_DOCKERD_FULL_VERSION}`),
    line(t, 'info', `Connecting to docker on the Endpoint ${flagOf(command, 'docker-endpoint') ?? 'unix:///var/run/docker.sock'}`),
    line(t, 'info', 'Start docker client with request timeout 0s'),
  ];
  if (!env.isActive('docker.service')) {
    lines.push(line(t, 'fatal', 'failed to get docker version from dockerd: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'));
    return { ok: false, lines };
  }
  const plugin = flagOf(command, 'network-plugin') ?? 'cni';
  const docker = dockerConfig(env.machine);
  lines.push(
    // HairpinModeValue's default is "none" (config/hairpin.go); minikube's drop-in sets hairpin-veth.
    line(t, 'info', `Hairpin mode is set to ${flagOf(command, 'hairpin-mode') ?? 'none'}`),
    line(t, 'info', `Loaded network plugin ${plugin}`),
    line(t, 'info', `Docker cri networking managed by network plugin ${plugin}`),
    line(t, 'info', `Setting cgroupDriver ${docker.ok ? docker.cgroupDriver : 'cgroupfs'}`),
    runtimeConfigLine(t, ''),
    line(t, 'info', 'Starting the GRPC backend for the Docker CRI interface.'),
    line(t, 'info', 'Start cri-dockerd grpc backend'),
  );
  return { ok: true, lines };
}

/** The unit's behaviour, given how to read its command line and what to do when it stops. */
export function criDockerdService(command: (env: ServiceEnv) => string, stopped: (env: ServiceEnv) => void): ServiceBehaviour {
  return {
    start(env) {
      const r = criDockerdStartLines(env, command(env));
      // Type=notify: systemd says "Started" once the gRPC backend listens.
      return r.ok ? { ok: true, logs: r.lines, readyAfterMs: 30 } : { ok: false, exitStatus: 1, logs: r.lines };
    },
    stop(env) {
      stopped(env);
      activateOnNextDial(env);
    },
    // A crash loop (dockerd down) heals at its first attempt after dockerd started again.
    changedAt: (env) => unitRecord(env.machine, 'docker.service')?.since,
  };
}
