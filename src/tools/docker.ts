/**
 * The docker CLI (docker-ce-cli) talking to dockerd over /var/run/docker.sock: version, info, ps,
 * images, rm, rmi, pull. With the daemon stopped every command that needs it fails with the
 * real "Cannot connect to the Docker daemon" line. On a node whose kubelet uses dockershim
 * (before v1.24), the pods' containers are Docker containers named k8s_<container>_<pod>_…,
 * which is what `docker ps` shows there.
 */
import type { CommandContext, Program } from '../shell/command';
import type { Machine } from '../sim/machine/machine';
import type { Container, ContainerRuntime, Sandbox } from '../sim/runtime/containerd';
import { clusterOf } from '../sim/cluster/attach';
import { Systemd } from '../sim/systemd/manager';
import { activateDockerd } from '../sim/systemd/cri-dockerd';
import { CRI_DOCKERD_SOCKET, DOCKER_COMMITS, dockerConfig, nodeRuntime, packageVersion } from '../sim/systemd/docker';
import { PAUSE_IMAGE } from '../sim/kubelet/pod-worker';
import { kernelRelease } from '../sim/kernel/modules';
import { humanDuration, humanSize } from './runtime/cri';
import { machineOf, out, worldOf } from './lib/context';

const NO_DAEMON = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';

const API: Record<string, string> = { '19.03': '1.40', '20.10': '1.41', '23.0': '1.42', '24.0': '1.43', '25.0': '1.44', '26.1': '1.45', '27.5': '1.47', '28.1': '1.49', '28.3': '1.51' };
const GO: Record<string, string> = { '19.03': 'go1.13.15', '20.10': 'go1.19.7', '23.0': 'go1.19.9', '24.0': 'go1.20.13', '25.0': 'go1.21.8', '26.1': 'go1.21.11', '27.5': 'go1.22.11', '28.1': 'go1.23.8', '28.3': 'go1.24.5' };

const minorOf = (v: string) => v.split('.').slice(0, 2).join('.');

interface Env {
  machine: Machine;
  client: string;
  server: string;
  running: boolean;
}

function env(ctx: CommandContext): Env {
  const machine = machineOf(ctx);
  const sd = new Systemd(machine, worldOf(ctx), () => ctx.clock.now());
  const client = packageVersion(machine, 'docker-ce-cli') ?? packageVersion(machine, 'docker.io') ?? '19.03.15';
  const server = packageVersion(machine, 'docker-ce') ?? packageVersion(machine, 'docker.io') ?? client;
  return { machine, client, server, running: sd.isActive('docker.service') };
}

/** The containers dockerd knows: on a node whose kubelet drives Docker (dockershim, cri-dockerd), the pods' sandboxes and containers. */
function runtimeOf(ctx: CommandContext, e: Env): ContainerRuntime | undefined {
  return dockerNode(ctx, e)?.runtime;
}

function dockerNode(ctx: CommandContext, e: Env): { runtime: ContainerRuntime | undefined; socket: string } | undefined {
  const world = worldOf(ctx);
  const cluster = world ? clusterOf(world) : undefined;
  const kubelet = cluster?.kubelets.get(e.machine.hostname);
  const minor = Number(/^v?1\.(\d+)/.exec(kubelet?.version ?? '')?.[1] ?? 99);
  const node = nodeRuntime(e.machine, minor);
  if (!cluster || node.kind !== 'docker') return undefined;
  return { runtime: cluster.runtimes.get(e.machine.hostname), socket: node.socket };
}

/** cri-dockerd's drop-in names the sandbox image (--pod-infra-container-image, as minikube writes it). */
const CRI_DOCKERD_DROP_IN = '/etc/systemd/system/cri-docker.service.d/10-cni.conf';

/**
 * The image of the pods' pause containers: the --pod-infra-container-image of whoever makes them,
 * cri-dockerd (its drop-in; its default pause:3.10) or the kubelet's dockershim (kubeadm-flags.env;
 * the mirror of the kubeadm guides those clusters follow when the flag is absent).
 */
function sandboxImage(e: Env, socket: string): string {
  const cri = socket === CRI_DOCKERD_SOCKET;
  let flags = '';
  try {
    flags = e.machine.rootFs.readFile(cri ? CRI_DOCKERD_DROP_IN : '/var/lib/kubelet/kubeadm-flags.env');
  } catch {
    /* no flags file */
  }
  return /--pod-infra-container-image=([^\s"]+)/.exec(flags)?.[1] ?? (cri ? PAUSE_IMAGE : 'registry.aliyuncs.com/google_containers/pause:3.2');
}

interface Row {
  id: string;
  image: string;
  command: string;
  created: number;
  status: string;
  name: string;
  running: boolean;
}

function rows(ctx: CommandContext, e: Env): Row[] {
  const node = dockerNode(ctx, e);
  const rt = node?.runtime;
  if (!rt) return [];
  const now = ctx.clock.now();
  const json = rt.toJSON();
  const pause = sandboxImage(e, node.socket);
  const sandboxRow = (s: Sandbox): Row => ({
    id: s.id.slice(0, 12),
    image: pause,
    command: '"/pause"',
    created: s.createdAt,
    status: s.state === 'SANDBOX_READY' ? `Up ${humanDuration(now - s.createdAt)}` : `Exited (0) ${humanDuration(now - s.createdAt)} ago`,
    name: `k8s_POD_${s.podName}_${s.namespace}_${s.podUid}_${s.attempt}`,
    running: s.state === 'SANDBOX_READY',
  });
  // The kubelet creates containers from the image ID it resolved (ImageSpec.Image = imageRef), so docker shows that ID, short.
  const containerRow = (c: Container): Row => ({
    id: c.id.slice(0, 12),
    image: shortImageId(rt.images.get(c.imageRef)?.id ?? c.imageRef),
    command: `"${truncate(COMMANDS_OF[c.name] ?? c.name, 20)}"`,
    created: c.createdAt,
    status: c.state === 'CONTAINER_RUNNING' ? `Up ${humanDuration(now - (c.startedAt ?? c.createdAt))}` : `Exited (${c.exitCode ?? 0}) ${humanDuration(now - (c.finishedAt ?? c.createdAt))} ago`,
    name: `k8s_${c.name}_${c.podName}_${c.namespace}_${c.podUid}_${c.attempt}`,
    running: c.state === 'CONTAINER_RUNNING',
  });
  return [...json.containers.map(containerRow), ...json.sandboxes.map(sandboxRow)].sort((a, b) => b.created - a.created);
}

/** The entrypoint docker shows for the control-plane containers (their command lines). */
const COMMANDS_OF: Record<string, string> = {
  'kube-apiserver': 'kube-apiserver --advertise-address',
  'kube-controller-manager': 'kube-controller-manager --allocate-node-cidrs',
  'kube-scheduler': 'kube-scheduler --authentication-kubeconfig',
  etcd: 'etcd --advertise-client-urls',
  'kube-proxy': '/usr/local/bin/kube-proxy --config',
  coredns: '/coredns -conf /etc/coredns/Corefile',
  'storage-provisioner': '/storage-provisioner',
};

/** Docker's short form of an image ID (sha256:<hex> → 12 hex digits). */
function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}


/** Columns as the CLI lays them out: fixed 20-wide cells up to 19.03, tabwriter with 3 spaces after. */
function table(e: Env, header: string[], body: string[][]): string {
  if (Number(e.client.split('.')[0]) < 20) {
    const lines = [header, ...body].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(Math.max(20, c.length + 1)))).join(''));
    return lines.join('\n') + '\n';
  }
  // text/tabwriter with minwidth 10 and padding 3, as the CLI's formatter sets it up.
  const widths = header.map((h, i) => Math.max(10, Math.max(h.length, ...body.map((r) => r[i].length)) + 3));
  return [header, ...body].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n') + '\n';
}

type Command = (ctx: CommandContext, e: Env, args: string[]) => number;

/** The last lines of the client section: 19.03 has Experimental, 20.10 adds Context, 23.0 drops Experimental. */
function clientTail(client: string): string {
  const major = Number(client.split('.')[0]);
  if (major < 20) return ' Experimental:      false\n';
  if (major < 23) return ' Context:           default\n Experimental:      true\n';
  return ' Context:           default\n';
}

const version: Command = (ctx, e) => {
  const c = minorOf(e.client);
  const s = minorOf(e.server);
  const clientApi = API[c] ?? '1.40';
  const serverApi = API[s] ?? '1.40';
  const negotiated = e.running && Number(serverApi) < Number(clientApi) ? `${serverApi} (downgraded from ${clientApi})` : clientApi;
  let text = `Client: Docker Engine - Community\n Version:           ${e.client}\n API version:       ${negotiated}\n Go version:        ${GO[c] ?? 'go1.13.15'}\n Git commit:        ${DOCKER_COMMITS[c] ?? '99e3ed8'}\n Built:             Sat Jan 30 03:17:57 2021\n OS/Arch:           linux/amd64\n${clientTail(e.client)}`;
  if (!e.running) {
    ctx.stdout.write(text);
    ctx.stderr.write(NO_DAEMON);
    return 1;
  }
  const containerd = packageVersion(e.machine, 'containerd.io') ?? '1.6.33';
  text += `\nServer: Docker Engine - Community\n Engine:\n  Version:          ${e.server}\n  API version:      ${serverApi} (minimum version 1.12)\n  Go version:       ${GO[s] ?? 'go1.13.15'}\n  Git commit:       ${DOCKER_COMMITS[s] ?? '99e3ed8'}\n  Built:            Sat Jan 30 03:16:33 2021\n  OS/Arch:          linux/amd64\n  Experimental:     false\n containerd:\n  Version:          ${containerd}\n  GitCommit:        d2d58213f83a351ca8f528a95fbd145f5654e957\n runc:\n  Version:          1.1.12\n  GitCommit:        v1.1.12-0-g51d5e94\n docker-init:\n  Version:          0.18.0\n  GitCommit:        fec3683\n`;
  ctx.stdout.write(text);
  return 0;
};

const info: Command = (ctx, e) => {
  const clientMajor = Number(e.client.split('.')[0]);
  const client = clientMajor >= 20 ? `Client: Docker Engine - Community\n Version:    ${e.client}\n Context:    default\n Debug Mode: false\n\n` : 'Client:\n Debug Mode: false\n\n';
  if (!e.running) {
    ctx.stdout.write(client + 'Server:\n');
    ctx.stderr.write(clientMajor < 23 ? `ERROR: ${NO_DAEMON}errors pretty printing info\n` : NO_DAEMON);
    return 1;
  }
  const cfg = dockerConfig(e.machine);
  const driver = cfg.ok ? cfg.cgroupDriver : 'cgroupfs';
  const all = rows(ctx, e);
  const running = all.filter((r) => r.running).length;
  const os = e.machine.os.pretty;
  const mirrors = cfg.ok && cfg.registryMirrors.length ? ` Registry Mirrors:\n${cfg.registryMirrors.map((m) => `  ${m.replace(/\/?$/, '/')}\n`).join('')}` : '';
  const text =
    client +
    `Server:\n Containers: ${all.length}\n  Running: ${running}\n  Paused: 0\n  Stopped: ${all.length - running}\n Images: ${runtimeOf(ctx, e)?.toJSON().images.length ?? 0}\n Server Version: ${e.server}\n` +
    ` Storage Driver: overlay2\n  Backing Filesystem: xfs\n  Supports d_type: true\n  Native Overlay Diff: true\n Logging Driver: ${cfg.ok ? cfg.logDriver : 'json-file'}\n Cgroup Driver: ${driver}\n` +
    ` Plugins:\n  Volume: local\n  Network: bridge host ipvlan macvlan null overlay\n  Log: awslogs fluentd gcplogs gelf journald json-file local logentries splunk syslog\n Swarm: inactive\n Runtimes: runc\n Default Runtime: runc\n Init Binary: docker-init\n` +
    ` Security Options:\n  seccomp\n   Profile: default\n Kernel Version: ${kernelRelease(e.machine.rootFs)}\n Operating System: ${os}\n OSType: linux\n Architecture: x86_64\n CPUs: ${e.machine.cpus}\n Total Memory: ${(e.machine.memoryMiB / 1024 - 0.2).toFixed(2).replace(/0$/, '')}GiB\n Name: ${e.machine.hostname}\n` +
    ` Docker Root Dir: /var/lib/docker\n Debug Mode: false\n Registry: https://index.docker.io/v1/\n Labels:\n Experimental: false\n Insecure Registries:\n  127.0.0.0/8\n${mirrors} Live Restore Enabled: ${cfg.ok && cfg.liveRestore ? 'true' : 'false'}\n\n`;
  ctx.stdout.write(text);
  if (driver === 'cgroupfs' && e.machine.os.id !== 'ubuntu') out(ctx.stderr, 'WARNING: bridge-nf-call-iptables is disabled\nWARNING: bridge-nf-call-ip6tables is disabled'.split('\n').filter(() => !e.machine.rootFs.stat('/proc/sys/net/bridge/bridge-nf-call-iptables')).join('\n'));
  return 0;
};

const ps: Command = (ctx, e, args) => {
  const all = args.includes('-a') || args.includes('--all') || args.some((a) => /^-[a-z]*a[a-z]*$/.test(a) && a.includes('a'));
  const quiet = args.includes('-q') || args.includes('--quiet') || args.some((a) => /^-[a-z]*q/.test(a));
  const list = rows(ctx, e).filter((r) => all || r.running);
  if (quiet) {
    out(ctx.stdout, list.map((r) => r.id).join('\n'));
    return 0;
  }
  ctx.stdout.write(table(e, ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], list.map((r) => [r.id, r.image, r.command, `${humanDuration(ctx.clock.now() - r.created)} ago`, r.status, '', r.name])));
  return 0;
};

const images: Command = (ctx, e, args) => {
  const rt = runtimeOf(ctx, e);
  const list = [...(rt?.images.values() ?? [])].sort((a, b) => a.ref.full.localeCompare(b.ref.full));
  const id = shortImageId;
  if (args.includes('-q')) {
    out(ctx.stdout, list.map((i) => id(i.id)).join('\n'));
    return 0;
  }
  // Docker names Docker Hub images without the docker.io/library/ prefix.
  const repo = (r: string) => r.replace(/^docker\.io\/(library\/)?/, '');
  const body = list.map((i) => [repo(i.ref.repository), i.ref.tag, id(i.id), `${humanDuration(ctx.clock.now() - i.pulledAt)} ago`, humanSize(i.size)]);
  ctx.stdout.write(table(e, ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], body));
  return 0;
};

const rm: Command = (ctx, e, args) => {
  const ids = args.filter((a) => !a.startsWith('-'));
  if (!ids.length) {
    ctx.stderr.write('"docker rm" requires at least 1 argument.\nSee \'docker rm --help\'.\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers\n');
    return 1;
  }
  const known = new Set(rows(ctx, e).flatMap((r) => [r.id, r.name]));
  let status = 0;
  for (const id of ids) {
    if (known.has(id)) out(ctx.stdout, id);
    else {
      ctx.stderr.write(`Error: No such container: ${id}\n`);
      status = 1;
    }
  }
  return status;
};

const pull: Command = (ctx, _e, args) => {
  const ref = args.find((a) => !a.startsWith('-'));
  if (!ref) {
    ctx.stderr.write('"docker pull" requires exactly 1 argument.\nSee \'docker pull --help\'.\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nPull an image or a repository from a registry\n');
    return 1;
  }
  const tag = ref.includes(':') ? ref.slice(ref.lastIndexOf(':') + 1) : 'latest';
  const host = ref.includes('/') && /[.:]/.test(ref.split('/')[0]) ? ref.split('/')[0] : 'registry-1.docker.io';
  ctx.stderr.write(`Error response from daemon: Get "https://${host}/v2/": dial tcp: lookup ${host} on 192.168.6.1:53: no such host\n`);
  void tag;
  return 1;
};

const COMMANDS: Record<string, Command> = { version, info, ps, images, rm, rmi: rm, pull, container: (ctx, e, args) => (args[0] === 'ls' || args[0] === 'list' ? ps(ctx, e, args.slice(1)) : rm(ctx, e, args.slice(1))), image: (ctx, e, args) => images(ctx, e, args.slice(1)) };

/** Commands that answer without the daemon. */
const OFFLINE = new Set(['version']);

export const docker: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const e = env(ctx);
  if (args[0] === '--version' || args[0] === '-v') {
    out(ctx.stdout, `Docker version ${e.client}, build ${DOCKER_COMMITS[minorOf(e.client)] ?? '99e3ed8'}`);
    return 0;
  }
  const [name, ...rest] = args;
  if (name && COMMANDS[name] && !e.running && (ctx.user.uid === 0 || ctx.user.groups.includes('docker'))) {
    // The client dials /var/run/docker.sock: while docker.socket listens, systemd starts dockerd for
    // it — if the socket (root:docker 0660) lets it connect at all.
    const world = worldOf(ctx);
    if (world) activateDockerd(world, e.machine);
    e.running = new Systemd(e.machine, world, () => ctx.clock.now()).isActive('docker.service');
  }
  if (!name) {
    ctx.stdout.write('\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    ctx.stderr.write(`docker: '${name}' is not a docker command.\nSee 'docker --help'\n`);
    return 1;
  }
  if (!OFFLINE.has(name) && !e.running) {
    if (name === 'info') return info(ctx, e, rest);
    ctx.stderr.write(NO_DAEMON);
    return 1;
  }
  return command(ctx, e, rest);
};
