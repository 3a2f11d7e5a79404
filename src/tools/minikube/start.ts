/**
 * `minikube start`: checks the driver the way minikube does (docker installed, not as root without
 * --force), then builds the cluster — a world of its own beside the caller's — printing minikube's
 * progress lines on the simulated clock, and points the user's kubeconfig at it.
 */
import type { CommandContext } from '../../shell/command';
import type { Machine } from '../../sim/machine/machine';
import { Systemd } from '../../sim/systemd/manager';
import { clusterOf } from '../../sim/cluster/attach';
import { machineOf, worldOf } from '../lib/context';
import { flagBool, parseMemoryMiB, type ParsedArgs } from './args';
import type { MinikubeDeps, ProfileConfig } from './deps';
import { API_PORT, CONTAINERD_IN_NODE, DOCKER_IN_NODE, EXIT, KIC_BASE_IMAGE, MINIKUBE_VERSION, exitReason, out } from './messages';
import { homeOf, writeMinikubeContext } from './kubeconfig';
import { DEFAULT_ADDONS, enabledAddonsLine } from './addons';
import { MINIKUBE_KUBERNETES_VERSION, usesKindnet, type MinikubeRuntime } from '../../sim/scenarios/minikube';
import { lookupImage } from '../../sim/runtime/images';
import { CRIO_IN_NODE } from '../../sim/scenarios/minikube-crio';

const SUPPORTED_DRIVERS = ['docker', 'none'];

/** cruntime.ValidRuntimes(); validateRuntime also takes the spelling `crio`. */
const RUNTIMES = ['docker', 'cri-o', 'containerd'];
const VALID_RUNTIMES = [...RUNTIMES, 'crio'];

/**
 * The runtime a node gets and how minikube names it in "Preparing Kubernetes … on NAME VERSION"
 * (node/config.go; Name() and Style() of cruntime/docker.go, containerd.go and crio.go, style.go's
 * prefixes).
 */
function runtimeOf(flag: string | undefined): { kind: MinikubeRuntime; preparing: string } {
  if (flag === 'cri-o' || flag === 'crio') return { kind: 'cri-o', preparing: `🎁  Preparing Kubernetes {v} on CRI-O ${CRIO_IN_NODE} ...` };
  if (flag === 'containerd') return { kind: 'containerd', preparing: `📦  Preparing Kubernetes {v} on containerd ${CONTAINERD_IN_NODE} ...` };
  return { kind: 'docker', preparing: `🐳  Preparing Kubernetes {v} on Docker ${DOCKER_IN_NODE} ...` };
}

function preparing(runtime: string | undefined, version: string): string {
  return runtimeOf(runtime).preparing.replace('{v}', version);
}

/** minikube's memory suggestion for the docker driver: a quarter of the host, between 2200 and 6000 MB. */
export function suggestedMemoryMiB(hostMiB: number): number {
  return Math.min(6000, Math.max(2200, Math.floor(hostMiB / 4)));
}

function dockerInstalled(ctx: CommandContext): boolean {
  return ['/usr/bin/docker', '/usr/local/bin/docker', '/bin/docker'].some((p) => ctx.fs.stat(p)?.type === 'file');
}

function dockerRunning(ctx: CommandContext, machine: Machine): boolean {
  try {
    return new Systemd(machine, worldOf(ctx), () => ctx.clock.now()).isActive('docker.service');
  } catch {
    return true;
  }
}

/** The socket's group: without a `docker` group in /etc/group there is nothing to be refused by. */
function dockerGroupExists(ctx: CommandContext): boolean {
  try {
    return ctx.fs.readFile('/etc/group').split('\n').some((l) => l.startsWith('docker:'));
  } catch {
    return false;
  }
}

const pause = (ctx: CommandContext, ms: number) => ctx.clock.sleep(ms, ctx.signal);

function banner(ctx: CommandContext): void {
  out(ctx, `😄  minikube ${MINIKUBE_VERSION} on Ubuntu 22.04`);
}

export async function start(ctx: CommandContext, deps: MinikubeDeps, profile: string, p: ParsedArgs): Promise<number> {
  const machine = machineOf(ctx);
  const force = flagBool(p, 'force');
  const registry = deps.registry();
  const existing = registry.get(profile);
  banner(ctx);
  if (force) out(ctx, '❗  minikube skips various validations when --force is supplied; this may lead to unexpected behavior');

  if (existing) {
    const cfg = existing.config as unknown as ProfileConfig;
    out(ctx, `✨  Using the ${cfg.driver} driver based on existing profile`);
    out(ctx, `👍  Starting "${profile}" primary control-plane node in "${profile}" cluster`);
    out(ctx, `🚜  Pulling base image ${KIC_BASE_IMAGE} ...`);
    if (existing.status === 'Running') out(ctx, `🏃  Updating the running docker "${profile}" container ...`);
    else out(ctx, `🔄  Restarting existing docker container for "${profile}" ...`);
    await pause(ctx, 8_000);
    existing.status = 'Running';
    out(ctx, preparing(cfg.containerRuntime, cfg.kubernetesVersion));
    await pause(ctx, 6_000);
    out(ctx, '🔎  Verifying Kubernetes components...');
    out(ctx, '    ▪ Using image gcr.io/k8s-minikube/storage-provisioner:v5');
    await pause(ctx, 3_000);
    out(ctx, enabledAddonsLine(cfg.addons));
    writeMinikubeContext(ctx, profile, existing.serverUrl);
    out(ctx, `🏄  Done! kubectl is now configured to use "${profile}" cluster and "default" namespace by default`);
    return 0;
  }

  const driverFlag = p.flags.get('driver') ?? p.flags.get('vm-driver');
  if (driverFlag !== undefined && !SUPPORTED_DRIVERS.includes(driverFlag)) {
    exitReason(ctx, '❌', 'DRV_UNSUPPORTED_OS', `The driver '${driverFlag}' is not supported on linux/amd64`);
    return 56;
  }
  const installed = dockerInstalled(ctx);
  const driver = (driverFlag ?? (installed ? 'docker' : undefined)) as 'docker' | 'none' | undefined;
  if (!driver) {
    exitReason(ctx, '❌', 'DRV_NOT_DETECTED', 'No possible driver was detected. Try specifying --driver, or see https://minikube.sigs.k8s.io/docs/start/');
    return EXIT.driverNotFound;
  }
  out(ctx, driverFlag ? `✨  Using the ${driver} driver based on user configuration` : `✨  Automatically selected the ${driver} driver. Other choices: none, ssh`);
  // validateFlags (cmd/minikube/cmd/start.go) runs after the driver is chosen, before validateUser.
  const runtimeFlag = p.flags.get('container-runtime');
  const runtime = runtimeFlag === undefined || runtimeFlag === '' ? 'docker' : runtimeFlag;
  if (!VALID_RUNTIMES.includes(runtime)) {
    exitReason(ctx, '❌', 'MK_USAGE', `Invalid Container Runtime: ${runtime}. Valid runtimes are: [${RUNTIMES.join(' ')}]`);
    return EXIT.usage;
  }
  const root = ctx.user.uid === 0;
  if (driver === 'docker' && root && !force) {
    out(ctx, '🛑  The "docker" driver should not be used with root privileges. If you wish to continue as root, use --force.');
    out(ctx, '💡  If you are running minikube within a VM, consider using --driver=none:');
    out(ctx, '📘    https://minikube.sigs.k8s.io/docs/reference/drivers/none/');
    exitReason(ctx, '❌', 'DRV_AS_ROOT', 'The "docker" driver should not be used with root privileges.');
    return EXIT.driverPermission;
  }
  if (driver === 'none' && !root) {
    exitReason(ctx, '❌', 'DRV_NEEDS_ROOT', `The "none" driver requires root privileges. Please run minikube using 'sudo -E minikube start --driver=none'.`);
    return EXIT.driverPermission;
  }
  if (!installed) {
    exitReason(ctx, '🤷', 'PROVIDER_DOCKER_NOT_FOUND', `The 'docker' provider was not found: exec: "docker": executable file not found in $PATH`, [
      '💡  Suggestion: Install Docker',
      '📘  Documentation: https://minikube.sigs.k8s.io/docs/drivers/docker/',
    ]);
    return EXIT.providerNotFound;
  }
  if (!dockerRunning(ctx, machine)) {
    exitReason(ctx, '😿', 'PROVIDER_DOCKER_NOT_RUNNING', `"docker version --format -:" exit status 1: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?`, [
      '💡  Suggestion: Start the Docker service',
      '📘  Documentation: https://minikube.sigs.k8s.io/docs/drivers/docker/',
    ]);
    return 63;
  }
  if (driver === 'docker' && !root && dockerGroupExists(ctx) && !ctx.user.groups.includes('docker')) {
    exitReason(ctx, '❌', 'PROVIDER_DOCKER_NEWGRP', `"docker version --format -:" exit status 1: permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied`, [
      "💡  Suggestion: Add your user to the 'docker' group: 'sudo usermod -aG docker $USER && newgrp docker'",
      '📘  Documentation: https://docs.docker.com/engine/install/linux-postinstall/',
    ]);
    return 67;
  }
  if (driver === 'docker' && root) out(ctx, '📌  Using Docker driver with root privileges');

  const version = normaliseVersion(p.flags.get('kubernetes-version'));
  // The release must exist: its control-plane images are what the preload holds.
  if (!lookupImage(`registry.k8s.io/kube-apiserver:${version}`).ok) {
    out(ctx, `❗  Specified Kubernetes version ${version.slice(1)} not found in Kubernetes version list`);
    out(ctx, '🤔  Searching the internet for Kubernetes version...');
    exitReason(ctx, '❌', 'K8S_VERSION_NOT_FOUND', `Kubernetes version ${version} not found`);
    return 109;
  }
  const nodes = Number(p.flags.get('nodes') ?? '1');
  const cpus = Number(p.flags.get('cpus') ?? '2');
  const memoryMiB = p.flags.has('memory') ? parseMemoryMiB(p.flags.get('memory')!) : suggestedMemoryMiB(machine.memoryMiB);
  if (!Number.isInteger(nodes) || nodes < 1 || !Number.isInteger(cpus) || cpus < 1 || memoryMiB === undefined) {
    exitReason(ctx, '❌', 'MK_USAGE', 'invalid --nodes, --cpus or --memory value');
    return EXIT.usage;
  }
  if (memoryMiB < 1800) {
    exitReason(ctx, '⛔', 'RSRC_INSUFFICIENT_REQ_MEMORY', `Requested memory allocation ${memoryMiB}MiB is less than the usable minimum of 1800MB`);
    return 23;
  }

  out(ctx, `👍  Starting "${profile}" primary control-plane node in "${profile}" cluster`);
  out(ctx, `🚜  Pulling base image ${KIC_BASE_IMAGE} ...`);
  await pause(ctx, 4_000);
  out(ctx, `💾  Downloading Kubernetes ${version} preload ...`);
  await pause(ctx, 12_000);
  out(ctx, `🔥  Creating docker container (CPUs=${cpus}, Memory=${memoryMiB}MB) ...`);
  await pause(ctx, 8_000);
  out(ctx, preparing(runtime, version));
  out(ctx, '    ▪ Generating certificates and keys ...');
  const containerRuntime = runtimeOf(runtime).kind;
  const world = deps.buildCluster({ profile, nodes, cpus, memoryMiB, kubernetesVersion: version, containerRuntime });
  out(ctx, '    ▪ Booting up control plane ...');
  out(ctx, '    ▪ Configuring RBAC rules ...');
  // cni.chooseDefault: one node on Docker gets minikube's bridge; several nodes or another runtime kindnet, which names itself "CNI".
  out(ctx, usesKindnet(containerRuntime, nodes) ? '🔗  Configuring CNI (Container Networking Interface) ...' : '🔗  Configuring bridge CNI (Container Networking Interface) ...');
  const ip = world.machines.get(profile)?.ip ?? '192.168.49.2';
  const serverUrl = `https://${ip}:${API_PORT}`;
  const config: ProfileConfig = { driver, kubernetesVersion: version, cpus, memoryMiB, nodes, addons: [...DEFAULT_ADDONS], containerRuntime: runtime === 'crio' ? 'cri-o' : runtime };
  registry.add({ name: profile, owner: 'minikube', host: ctx.host, serverUrl, status: 'Running', config: { ...config }, world });
  writeCredentials(ctx, profile, world.machines.get(profile));
  out(ctx, '🔎  Verifying Kubernetes components...');
  out(ctx, '    ▪ Using image gcr.io/k8s-minikube/storage-provisioner:v5');
  await pause(ctx, 2_000);
  out(ctx, enabledAddonsLine(config.addons));
  for (let i = 2; i <= nodes; i++) {
    const name = `${profile}-m${String(i).padStart(2, '0')}`;
    out(ctx, '');
    out(ctx, `👍  Starting "${name}" worker node in "${profile}" cluster`);
    out(ctx, `🚜  Pulling base image ${KIC_BASE_IMAGE} ...`);
    out(ctx, `🔥  Creating docker container (CPUs=${cpus}, Memory=${memoryMiB}MB) ...`);
    out(ctx, `🌐  Found network options:`);
    out(ctx, `    ▪ NO_PROXY=${ip}`);
    out(ctx, preparing(runtime, version));
    out(ctx, `    ▪ env NO_PROXY=${ip}`);
    out(ctx, '🔎  Verifying Kubernetes components...');
  }
  writeMinikubeContext(ctx, profile, serverUrl);
  if (!clusterOf(world)) return 1;
  out(ctx, `🏄  Done! kubectl is now configured to use "${profile}" cluster and "default" namespace by default`);
  return 0;
}

function normaliseVersion(v: string | undefined): string {
  if (!v || v === 'stable') return MINIKUBE_KUBERNETES_VERSION;
  if (v === 'latest') return 'v1.34.0';
  return v.startsWith('v') ? v : `v${v}`;
}

/** ~/.minikube: the cluster CA and the profile's client certificate (the node's admin credentials). */
function writeCredentials(ctx: CommandContext, profile: string, node: Machine | undefined): void {
  if (!node) return;
  const mk = `${homeOf(ctx)}/.minikube`;
  const read = (path: string) => {
    try {
      return node.rootFs.readFile(path);
    } catch {
      return '';
    }
  };
  const admin = read('/etc/kubernetes/admin.conf');
  const field = (name: string) => atob(new RegExp(`${name}: (\\S+)`).exec(admin)?.[1] ?? '');
  ctx.fs.mkdir(`${mk}/profiles/${profile}`, { recursive: true });
  ctx.fs.mkdir(`${mk}/machines/${profile}`, { recursive: true });
  ctx.fs.writeFile(`${mk}/ca.crt`, read('/etc/kubernetes/pki/ca.crt'));
  ctx.fs.writeFile(`${mk}/ca.key`, read('/etc/kubernetes/pki/ca.key'), { mode: 0o600 });
  ctx.fs.writeFile(`${mk}/profiles/${profile}/client.crt`, field('client-certificate-data'));
  ctx.fs.writeFile(`${mk}/profiles/${profile}/client.key`, field('client-key-data'), { mode: 0o600 });
}
