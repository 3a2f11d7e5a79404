/**
 * kubeadm init's wait for the control plane after the kubelet is healthy
 * (cmd/kubeadm/app/util/apiclient/wait.go). From v1.33 (WaitForAllControlPlaneComponents on by
 * default) it checks each static pod component at the address and port its manifest gives:
 * kube-apiserver's /livez at --advertise-address:--secure-port, the controller-manager's /healthz
 * and the scheduler's /livez at their --bind-address, every 500 ms for up to 4m0s each. Before
 * v1.33 only the API server's /healthz is waited for (`[api-check]`).
 *
 * A check reaches what the machine reaches: an address no machine holds times out after 130 s
 * (TCP's SYN retries; the HTTP client has no timeout of its own, so the last attempt can end
 * after the 4 minutes), a local port nothing listens on refuses at once.
 */
import { aggregate } from '../go-errors';
import type { Machine } from '../machine/machine';
import type { Cluster } from '../cluster/cluster';
import { canBind, flagOf } from '../cluster/control-plane-processes';
import { readStaticPods } from '../kubelet/static-pods';
import { goDuration } from './go-duration';

const TIMEOUT_MS = 240_000;
const RETRY_MS = 500;
/** Linux's connect() gives up on an unanswered SYN after about 130 s (what curl here reports too). */
const CONNECT_TIMEOUT_MS = 130_010;

export interface CheckEnv {
  now(): number;
  sleep(ms: number): Promise<void>;
  out(line: string): void;
}

interface Component {
  name: string;
  url: string;
  host: string;
  port: string;
  /** Nanoseconds past the simulated millisecond, so that durations read like a real run's. */
  jitterNs: number;
  healthy(): boolean;
}

type Probe = { ok: true } | { ok: false; error: string; blockMs: number };

/** The static pods' commands on this machine, by the component their command starts with. */
function commands(machine: Machine): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of readStaticPods(machine.rootFs, machine.hostname)) {
    for (const c of ((p.pod.spec as { containers?: Array<{ command?: string[]; args?: string[] }> }).containers ?? [])) {
      const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String);
      if (argv[0] && !out.has(argv[0])) out.set(argv[0], argv);
    }
  }
  return out;
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The three components kubeadm checks, with the URLs it prints. */
export function controlPlaneComponents(machine: Machine, cluster: Cluster, advertiseAddress: string): Component[] {
  const cmds = commands(machine);
  const rt = () => cluster.runtimes.get(machine.hostname);
  const spec = [
    { name: 'kube-apiserver', addrFlag: 'advertise-address', addr: advertiseAddress, port: '6443', path: 'livez', jitterNs: 501_755_041 },
    { name: 'kube-controller-manager', addrFlag: 'bind-address', addr: '127.0.0.1', port: '10257', path: 'healthz', jitterNs: 3_219_398 },
    { name: 'kube-scheduler', addrFlag: 'bind-address', addr: '127.0.0.1', port: '10259', path: 'livez', jitterNs: 58_506_374 },
  ];
  return spec.map((s) => {
    const argv = cmds.get(s.name) ?? [];
    const host = flagOf(argv, s.addrFlag) || s.addr;
    const port = flagOf(argv, 'secure-port') || s.port;
    const hp = joinHostPort(host, port);
    const healthy =
      s.name === 'kube-apiserver'
        ? () => cluster.connect(`https://${hp}`, machine.hostname) !== null
        : () => !!rt()?.isRunning(s.name) && port === s.port;
    return { name: s.name, url: `https://${hp}/${s.path}`, host, port, jitterNs: s.jitterNs, healthy };
  });
}

/** One GET of a component's health URL from the control-plane machine. */
function probe(machine: Machine, cluster: Cluster, c: Component): Probe {
  const local = canBind(machine, c.host);
  const elsewhere = [...cluster.opts.machines].some((m) => m.ip === c.host);
  if (!local && !elsewhere) return { ok: false, error: `Get "${c.url}": dial tcp ${joinHostPort(c.host, c.port)}: connect: connection timed out`, blockMs: CONNECT_TIMEOUT_MS };
  if (local && c.healthy()) return { ok: true };
  return { ok: false, error: `Get "${c.url}": dial tcp ${joinHostPort(c.host, c.port)}: connect: connection refused`, blockMs: 0 };
}

/**
 * The `[control-plane-check]` phase. Returns the aggregated error of the components that never
 * became healthy (apimachinery's aggregate: one error bare, several in brackets), or undefined.
 */
export async function waitForControlPlaneComponents(env: CheckEnv, machine: Machine, cluster: Cluster, advertiseAddress: string): Promise<string | undefined> {
  env.out('[control-plane-check] Waiting for healthy control plane components. This can take up to 4m0s');
  const components = controlPlaneComponents(machine, cluster, advertiseAddress);
  for (const c of components) env.out(`[control-plane-check] Checking ${c.name} at ${c.url}`);
  const start = env.now();
  const state = components.map((c) => ({ c, done: false, busyUntil: start, lastError: '' }));
  const errors: string[] = [];
  for (;;) {
    const now = env.now();
    // Components found healthy at the same poll report in the order their own durations give.
    for (const s of [...state].sort((a, b) => a.c.jitterNs - b.c.jitterNs)) {
      if (s.done || now < s.busyUntil) continue;
      if (now - start >= TIMEOUT_MS) {
        s.done = true;
        env.out(`[control-plane-check] ${s.c.name} is not healthy after ${goDuration((now - start) * 1_000_000 + Math.round(s.c.jitterNs / 1000))}`);
        errors.push(`${s.c.name} check failed at ${s.c.url}: ${s.lastError}`);
        continue;
      }
      const r = probe(machine, cluster, s.c);
      if (r.ok) {
        s.done = true;
        env.out(`[control-plane-check] ${s.c.name} is healthy after ${goDuration((now - start) * 1_000_000 + s.c.jitterNs)}`);
        continue;
      }
      s.lastError = r.error;
      // After an attempt that blocked, Go's ticker has a tick waiting: the next attempt follows at once.
      s.busyUntil = r.blockMs ? now + r.blockMs : now + RETRY_MS;
    }
    const pending = state.filter((s) => !s.done);
    if (!pending.length) break;
    const wake = Math.min(...pending.map((s) => Math.max(s.busyUntil, now + 1)));
    await env.sleep(wake - now);
  }
  if (!errors.length) return undefined;
  return aggregate(errors);
}

/** What kubeadm prints (stdout) after the check failed, for the node's CRI socket. */
export function controlPlaneFailureHelp(socket = 'unix:///var/run/containerd/containerd.sock'): string[] {
  return [
    '',
    'A control plane component may have crashed or exited when started by the container runtime.',
    'To troubleshoot, list all containers using your preferred container runtimes CLI.',
    'Here is one example how you may list all running Kubernetes containers by using crictl:',
    `\t- 'crictl --runtime-endpoint ${socket} ps -a | grep kube | grep -v pause'`,
    '\tOnce you have found the failing container, you can inspect its logs with:',
    `\t- 'crictl --runtime-endpoint ${socket} logs CONTAINERID'`,
  ];
}

/** What kubeadm v1.30–v1.32 prints (stdout) when the API server was not healthy in time (`[api-check]`). */
export function apiCheckFailureHelp(socket = 'unix:///var/run/containerd/containerd.sock'): string[] {
  return [
    '',
    'Unfortunately, an error has occurred:',
    '\tcontext deadline exceeded',
    '',
    'This error is likely caused by:',
    '\t- The kubelet is not running',
    '\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)',
    '',
    'If you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:',
    "\t- 'systemctl status kubelet'",
    "\t- 'journalctl -xeu kubelet'",
    '',
    'Additionally, a control plane component may have crashed or exited when started by the container runtime.',
    ...controlPlaneFailureHelp(socket).slice(2),
  ];
}
