/**
 * What `ps` lists on a machine: the base system, then what runs on it as a node — containerd and
 * the kubelet with the command line systemd gives them (the kubelet's flags from kubeadm's drop-in
 * and kubeadm-flags.env), and for each Pod sandbox its shim and pause process and the process of
 * each running container, with the command line from the Pod's spec (a static Pod's flags, as
 * `ps aux | grep kube-apiserver` shows them). What a container's process uses (CPU, resident
 * memory, CPU time so far) is the metrics model's figure for its container, so that top on the node,
 * `crictl stats` and `kubectl top` agree.
 */
import type { CommandContext } from '../shell/command';
import { baseKill, baseProcesses, baseSockets, programSockets, SIGNALS, type ListenSocket, type ProcessInfo } from '../shell/commands/lib/system';
import type { World } from '../sim/world';
import type { Machine } from '../sim/machine/machine';
import { clusterOf } from '../sim/cluster/attach';
import { Systemd } from '../sim/systemd/manager';
import { kubeletArgWords } from '../sim/kubelet/flags';
import { normalizeImage } from '../sim/runtime/images';
import { expandContainerVars } from '../sim/runtime/behaviour';
import { hashString } from '../sim/random';
import { runningContainerUsage } from '../sim/metrics/node-usage';
import { getSystem } from '../shell/commands/lib/system';
import { loadUnit, unitValue } from '../sim/systemd/units';
import { nodeRuntime } from '../sim/systemd/docker';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** How each service's main process is started. */
const SERVICES: Record<string, (m: Machine) => string> = {
  'containerd.service': () => '/usr/bin/containerd',
  // The package's unit, or on a minikube node the one its provisioner wrote.
  'docker.service': (m) => execStart(m, 'docker.service') ?? '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock',
  'kubelet.service': (m) => ['/usr/bin/kubelet', ...kubeletArgWords(m.rootFs)].join(' '),
  // A minikube node: the ExecStart of minikube's drop-in (10-cni.conf), which resets the packaged one.
  'cri-docker.service': (m) => execStart(m, 'cri-docker.service') ?? '/usr/bin/cri-dockerd --container-runtime-endpoint fd://',
};

/** A unit's effective ExecStart (its last one, drop-ins included), without systemd's prefixes. */
function execStart(m: Machine, unit: string): string | undefined {
  const file = loadUnit(m.rootFs, unit);
  // systemd splits the line into words: the process's argv, joined by single spaces.
  return file ? unitValue(file, 'Service', 'ExecStart')?.replace(/^[-@:+!]+/, '').trim().split(/\s+/).join(' ') || undefined : undefined;
}

/** What each service uses when idle (millicores): the kubelet's sync loops and housekeeping, containerd's. */
const SERVICE_CPU: Record<string, number> = { 'containerd.service': 8, 'docker.service': 6, 'cri-docker.service': 4, 'kubelet.service': 20 };

/** CPU seconds a process has used: what it took to start, plus its steady use since. */
function cpuTime(startupSeconds: number, cpuMilli: number, startMs: number, now: number): number {
  return startupSeconds + (cpuMilli / 1000) * (Math.max(0, now - startMs) / 1000);
}

/** Resident and virtual sizes (KiB) of the usual processes; a small process otherwise. */
const SIZES: [RegExp, number, number][] = [
  [/^kube-apiserver /, 312_000, 1_530_000],
  [/^etcd /, 58_000, 11_300_000],
  [/^kube-controller-manager /, 112_000, 1_330_000],
  [/^kube-scheduler /, 62_000, 1_290_000],
  [/kubelet /, 96_000, 2_030_000],
  [/containerd$/, 52_000, 1_980_000],
  [/^\/usr\/bin\/dockerd /, 78_000, 2_410_000],
  [/^\/usr\/bin\/cri-dockerd /, 44_000, 1_760_000],
  [/kube-proxy /, 48_000, 1_290_000],
  [/coredns/, 44_000, 1_300_000],
  [/flanneld/, 36_000, 1_310_000],
];

function sizes(command: string): { rssKiB: number; vszKiB: number } {
  const hit = SIZES.find(([re]) => re.test(command));
  return hit ? { rssKiB: hit[1], vszKiB: hit[2] } : { rssKiB: 2_000, vszKiB: 4_400 };
}

/** A stable process id for something that has an id of its own (a container). */
function pidOf(key: string): number {
  return 2000 + (hashString(key) % 60000);
}

/**
 * A container's process as the runtime starts it: its spec's command and args — `$(VAR)` expanded
 * from the container's environment as the kubelet does (kube-proxy's `--hostname-override=$(NODE_NAME)`),
 * `$$` to `$` — or its image's default.
 */
function containerCommand(spec: Obj, env: Record<string, string> = {}): string {
  const argv = [...((spec.command ?? []) as string[]), ...((spec.args ?? []) as string[])].map((w) => expandContainerVars(String(w), env));
  const repo = normalizeImage(String(spec.image ?? '')).repository;
  const base = repo.split('/').pop() ?? repo;
  if (spec.command?.length) return argv.join(' ');
  // nginx's entrypoint execs other args as they are (`-- sleep 3600`).
  if (base === 'nginx' && argv.length && !/^nginx(-debug)?$/.test(argv[0])) return argv.join(' ');
  if (base === 'nginx' || base === 'controller') return 'nginx: master process nginx -g daemon off;';
  if (base === 'coredns') return `/coredns ${argv.join(' ')}`.trim();
  if (base === 'busybox' || base === 'alpine') return argv.length ? argv.join(' ') : 'sh';
  return [`/${base}`, ...argv].join(' ');
}

export function nodeProcesses(ctx: CommandContext): ProcessInfo[] {
  const base = baseProcesses(ctx);
  const machine = ctx.machine as Machine | undefined;
  const world = ctx.world as World | undefined;
  if (!machine || !world || typeof world.resolveHost !== 'function') return base;
  const out: ProcessInfo[] = [...base];
  const systemd = new Systemd(machine, world, () => ctx.clock.now());
  for (const [unit, commandOf] of Object.entries(SERVICES)) {
    const r = systemd.runtime(unit);
    if (r.state !== 'active' || r.crash || !r.pid) continue;
    const command = commandOf(machine);
    const cpuMilli = SERVICE_CPU[unit] ?? 0;
    out.push({ pid: r.pid, ppid: 1, user: 'root', command, tty: '?', stat: 'Ssl', startMs: r.since, cpuSeconds: cpuTime(3, cpuMilli, r.since, ctx.clock.now()), cpuMilli, ...sizes(command) });
  }
  const cluster = clusterOf(world);
  const runtime = cluster?.runtimes.get(machine.hostname);
  if (!runtime || !systemd.isActive('containerd.service')) return out.sort((a, b) => a.pid - b.pid);
  const specs = new Map<string, Obj>();
  for (const w of cluster?.kubelets.get(machine.hostname)?.podWorkers ?? []) for (const cs of w.containers) if (cs.containerId) specs.set(cs.containerId, cs.spec);
  const usage = runningContainerUsage(cluster, machine.hostname, runtime, ctx.clock.now(), getSystem().cpus(ctx));
  // dockerd keeps its containers in containerd's namespace "moby"; the CRI plugin uses "k8s.io".
  const minor = Number(/^v?1\.(\d+)/.exec(cluster?.kubelets.get(machine.hostname)?.version ?? '')?.[1] ?? 33);
  const namespace = nodeRuntime(machine, minor).kind === 'docker' ? 'moby' : 'k8s.io';
  for (const sb of runtime.sandboxes.values()) {
    if (sb.state !== 'SANDBOX_READY') continue;
    const shim = pidOf(`shim/${sb.id}`);
    out.push({ pid: shim, ppid: 1, user: 'root', command: `/usr/bin/containerd-shim-runc-v2 -namespace ${namespace} -id ${sb.id} -address /run/containerd/containerd.sock`, tty: '?', stat: 'Sl', startMs: sb.createdAt, cpuSeconds: 0, rssKiB: 13_000, vszKiB: 1_238_000 });
    out.push({ pid: pidOf(`pause/${sb.id}`), ppid: shim, user: '65535', command: '/pause', tty: '?', stat: 'Ss', startMs: sb.createdAt, cpuSeconds: 0, rssKiB: 1_000, vszKiB: 1_000 });
    for (const c of runtime.containers.values()) {
      if (c.sandboxId !== sb.id || c.state !== 'CONTAINER_RUNNING') continue;
      const spec = specs.get(c.id) ?? { image: c.image };
      const command = containerCommand(spec, c.env);
      const startMs = c.startedAt ?? c.createdAt;
      const used = usage.get(c.id);
      const size = sizes(command);
      const cpuMilli = used?.cpuMilli ?? 0;
      const rssKiB = used ? Math.round(used.memoryBytes / 1024) : size.rssKiB;
      out.push({ pid: pidOf(c.id), ppid: shim, user: 'root', command, tty: '?', stat: 'Ssl', startMs, cpuSeconds: cpuTime(1, cpuMilli, startMs, ctx.clock.now()), cpuMilli, rssKiB, vszKiB: Math.max(size.vszKiB, rssKiB) });
    }
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** The flag's value on a command line (`--name=value`), if given. */
function flagValue(command: string, name: string): string | undefined {
  return new RegExp(`(?:^| )--${name}=(\\S+)`).exec(command)?.[1];
}

/** host:port of the URLs a flag lists (`https://127.0.0.1:2379,https://192.168.6.171:2379`). */
function urlsOf(command: string, name: string): { address: string; port: number }[] {
  return (flagValue(command, name) ?? '').split(',').flatMap((u) => {
    const m = /^[a-z]+:\/\/\[?([^\]/]+?)\]?:(\d+)/.exec(u);
    return m ? [{ address: m[1], port: Number(m[2]) }] : [];
  });
}

/** What each node process listens on, from its command line where the flags say (Go's `:port` shows as `*`). */
function socketsOf(p: ProcessInfo, machine: Machine): ListenSocket[] {
  const name = (p.command.split(' ')[0].split('/').pop() ?? '').slice(0, 15);
  const at = (address: string, port: number, fd: number): ListenSocket => ({ address, port, backlog: 4096, process: { name, pid: p.pid, fd } });
  const bind = (fallback: string) => flagValue(p.command, 'bind-address') ?? fallback;
  if (p.command.startsWith('/usr/bin/kubelet ')) return [at('127.0.0.1', 10248, 20), at('*', 10250, 24)];
  if (p.command === '/usr/bin/containerd') return [at('127.0.0.1', 30000 + (pidOf(machine.hostname) % 30000), 10)];
  if (name === 'kube-apiserver') return [at('*', Number(flagValue(p.command, 'secure-port') ?? 6443), 3)];
  if (name === 'etcd') return [...urlsOf(p.command, 'listen-client-urls'), ...urlsOf(p.command, 'listen-peer-urls'), ...urlsOf(p.command, 'listen-metrics-urls')].map((u, i) => at(u.address, u.port, 6 + i));
  if (name === 'kube-scheduler') return [at(bind('*'), Number(flagValue(p.command, 'secure-port') ?? 10259), 3)];
  if (name === 'kube-controller') return [at(bind('*'), Number(flagValue(p.command, 'secure-port') ?? 10257), 3)];
  if (name === 'kube-proxy') return [at('127.0.0.1', 10249, 9), at('*', 10256, 10)];
  return [];
}

/** What listens on a node: the base system's sockets, then its Kubernetes processes'. */
export function nodeSockets(ctx: CommandContext): ListenSocket[] {
  const machine = ctx.machine as Machine | undefined;
  if (!machine) return baseSockets();
  return [...baseSockets(), ...nodeProcesses(ctx).flatMap((p) => socketsOf(p, machine)), ...programSockets(ctx)];
}

/** Programs that end on SIGTERM, SIGINT or SIGQUIT by themselves (nginx: fast and graceful shutdown, exit 0). */
const HANDLES_TERM = /^nginx: master/;

/**
 * kill on a node: a service's main process ends and systemd restarts it as its unit says; a
 * container's process ends and the kubelet restarts it as the Pod's restartPolicy says. A
 * container's process is its PID namespace's init: a signal from the node reaches it only when it
 * handles the signal, SIGKILL always (pid_namespaces(7)). The shims and pause processes take
 * signals without effect here.
 */
export function nodeKill(ctx: CommandContext, pid: number, signal: number): boolean {
  const machine = ctx.machine as Machine | undefined;
  const world = ctx.world as World | undefined;
  if (!machine || !world || typeof world.resolveHost !== 'function') return baseKill(ctx, pid, signal);
  const name = SIGNALS[signal - 1];
  const systemd = new Systemd(machine, world, () => ctx.clock.now());
  for (const unit of Object.keys(SERVICES)) {
    const r = systemd.runtime(unit);
    if (r.state !== 'active' || r.crash || r.autoRestart || r.pid !== pid) continue;
    if (signal !== 0 && name) systemd.signal(unit, name);
    return true;
  }
  // A session's process (a shell's job) takes it as its shell says.
  if (baseKill(ctx, pid, signal)) return true;
  const process = nodeProcesses(ctx).find((p) => p.pid === pid);
  if (!process) return false;
  const runtime = clusterOf(world)?.runtimes.get(machine.hostname);
  const container = [...(runtime?.containers.values() ?? [])].find((c) => c.state === 'CONTAINER_RUNNING' && pidOf(c.id) === pid);
  if (!runtime || !container || signal === 0) return true;
  if (signal === 9) runtime.finish(container.id, 137, 'Error', ctx.clock.now());
  else if ([2, 3, 15].includes(signal) && HANDLES_TERM.test(process.command)) runtime.finish(container.id, 0, 'Completed', ctx.clock.now());
  return true;
}
