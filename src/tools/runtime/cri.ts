/**
 * What crictl and ctr reach through a CRI socket: nothing when no unit serving it runs (containerd,
 * CRI-O, cri-dockerd), a runtime without the CRI service when config.toml disables the plugin (Docker's
 * containerd.io default), else the cluster's runtime of this machine (empty when no cluster).
 */
import type { CommandContext } from '../../shell/command';
import type { ContainerRuntime } from '../../sim/runtime/containerd';
import { clusterOf } from '../../sim/cluster/attach';
import { Systemd } from '../../sim/systemd/manager';
import { machineOf, worldOf } from '../lib/context';

export type RuntimeAccess = { ok: true; runtime: ContainerRuntime | undefined } | { ok: false; reason: 'down' | 'cri-disabled' };

/** Does /etc/containerd/config.toml list "cri" in disabled_plugins? */
export function criDisabled(ctx: CommandContext): boolean {
  try {
    const text = machineOf(ctx).rootFs.readFile('/etc/containerd/config.toml');
    const m = /^\s*disabled_plugins\s*=\s*\[([^\]]*)\]/m.exec(text);
    return !!m && /"(io\.containerd\.grpc\.v1\.)?cri"/.test(m[1]);
  } catch {
    return false;
  }
}

/** SystemdCgroup in the runc options of config.toml (containerd's default: false). */
export function systemdCgroup(ctx: CommandContext): boolean {
  try {
    return /^\s*SystemdCgroup\s*=\s*true\s*$/m.test(machineOf(ctx).rootFs.readFile('/etc/containerd/config.toml'));
  } catch {
    return false;
  }
}

/** The units that serve each CRI socket (cri-dockerd's also through its socket unit). */
const SERVING_UNITS: Record<string, readonly string[]> = {
  '/run/containerd/containerd.sock': ['containerd.service'],
  '/var/run/crio/crio.sock': ['crio.service'],
  '/var/run/cri-dockerd.sock': ['cri-docker.service', 'cri-docker.socket'],
};

/** The socket's path as its units know it (/var/run and /run are the same directory). */
function socketKey(endpoint: string): string {
  const path = endpoint.replace(/^unix:\/\//, '');
  if (SERVING_UNITS[path]) return path;
  const other = path.startsWith('/var/run/') ? path.slice(4) : path.startsWith('/run/') ? `/var${path}` : path;
  return SERVING_UNITS[other] ? other : path;
}

/** What a client reaches at a CRI endpoint (containerd's by default): nothing when no unit serves that socket. */
export function runtimeAccess(ctx: CommandContext, endpoint = 'unix:///run/containerd/containerd.sock'): RuntimeAccess {
  const machine = machineOf(ctx);
  const world = worldOf(ctx);
  const sd = new Systemd(machine, world, () => ctx.clock.now());
  const key = socketKey(endpoint);
  const units = SERVING_UNITS[key] ?? [];
  if (!units.some((u) => sd.isActive(u))) return { ok: false, reason: 'down' };
  if (key === '/run/containerd/containerd.sock' && criDisabled(ctx)) return { ok: false, reason: 'cri-disabled' };
  const runtime = world ? clusterOf(world)?.runtimes.get(machine.hostname) : undefined;
  return { ok: true, runtime };
}

/** go-units HumanDuration, as crictl prints CREATED ("2 minutes ago"). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

/** go-units HumanSizeWithPrecision (decimal, 4 significant digits as HumanSize): 18.2MB, 321kB. */
export function humanSize(bytes: number, precision = 4): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(precision))}${units[i]}`;
}

/** Go's text/tabwriter as crictl configures it: min width 20, padding 3, the last column unpadded. */
export function crictlTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(20 - 3, ...rows.map((r) => r[i]?.length ?? 0)) + 3);
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n') + '\n';
}
