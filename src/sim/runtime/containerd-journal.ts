/**
 * What containerd 1.7.27 writes to its journal when it starts (logrus text format, info level):
 * "starting containerd", each plugin it loads in its load order (`loading plugin "<type>.<id>"...`
 * type=<type>, and `skip loading plugin …` with the reason when a plugin declines), the CRI
 * plugin's configuration and start, the sockets it serves and "containerd successfully booted in …".
 *
 * Texts and fields: the v1.7.27 source (cmd/containerd/command/main.go, services/server/server.go,
 * metadata/plugin, pkg/nri, pkg/cri/cri.go, pkg/cri/server/service.go, tracing/plugin/otlp.go,
 * snapshots/blockfile and btrfs). Order: a real journal of Ubuntu 22.04's own containerd package
 * (1.7.2-0ubuntu1~22.04.1, `revision=` empty as Ubuntu builds it), whose build has no aufs, zfs or
 * devmapper snapshotter — so none of their skips appear — plus the two plugins v1.7.27 registers
 * that 1.7.2 did not: io.containerd.warning.v1.deprecations (first, as 1.7.2x journals show it)
 * and the blockfile snapshotter (just before btrfs, as a 1.7.2x journal shows it; it skips
 * without a scratch file). The plugin graph puts content, native and overlayfs after btrfs: the
 * walking differ pulls the bolt metadata plugin, which pulls the content store and the
 * snapshotters not loaded yet.
 *
 * Docker's containerd.io build (aufs, devmapper and zfs compiled in; its plugin order not pinned
 * down here) prints only the lines whose place is certain: its start, its sockets and its boot time.
 */
import type { Machine } from '../machine/machine';
import type { LogrusLine, ServiceLogLine } from '../systemd/journal';
import { criPluginConfigMessage } from './containerd-cri-config';
import { parseTomlTables, tomlTable } from './containerd-toml';
import { cniConfigFiles } from '../network/cni';

/** The commit Docker's containerd.io 1.7.27 build stamps as its revision. */
const CONTAINERD_IO_REVISION = '05044ec0a9a75232cad458027ca83437aae3f4da';
const CONFIG_TOML = '/etc/containerd/config.toml';

type Plugin = [type: string, id: string];
/** Ubuntu's containerd 1.7.27 plugins up to the CRI plugin, in load order (see the file comment). */
const PLUGINS_BEFORE_CRI: Plugin[] = [
  ['io.containerd.warning.v1', 'deprecations'],
  ['io.containerd.snapshotter.v1', 'blockfile'],
  ['io.containerd.snapshotter.v1', 'btrfs'],
  ['io.containerd.content.v1', 'content'],
  ['io.containerd.snapshotter.v1', 'native'],
  ['io.containerd.snapshotter.v1', 'overlayfs'],
  ['io.containerd.metadata.v1', 'bolt'],
  ['io.containerd.differ.v1', 'walking'],
  ['io.containerd.event.v1', 'exchange'],
  ['io.containerd.gc.v1', 'scheduler'],
  ['io.containerd.lease.v1', 'manager'],
  ['io.containerd.nri.v1', 'nri'],
  ['io.containerd.runtime.v2', 'task'],
  ['io.containerd.runtime.v2', 'shim'],
  ['io.containerd.sandbox.store.v1', 'local'],
  ['io.containerd.sandbox.controller.v1', 'local'],
  ['io.containerd.streaming.v1', 'manager'],
  ['io.containerd.service.v1', 'introspection-service'],
  ['io.containerd.service.v1', 'containers-service'],
  ['io.containerd.service.v1', 'content-service'],
  ['io.containerd.service.v1', 'diff-service'],
  ['io.containerd.service.v1', 'images-service'],
  ['io.containerd.service.v1', 'namespaces-service'],
  ['io.containerd.service.v1', 'snapshots-service'],
  ['io.containerd.runtime.v1', 'linux'],
  ['io.containerd.monitor.v1', 'cgroups'],
  ['io.containerd.service.v1', 'tasks-service'],
  ['io.containerd.grpc.v1', 'introspection'],
  ['io.containerd.transfer.v1', 'local'],
  ['io.containerd.internal.v1', 'restart'],
  ['io.containerd.grpc.v1', 'containers'],
  ['io.containerd.grpc.v1', 'content'],
  ['io.containerd.grpc.v1', 'diff'],
  ['io.containerd.grpc.v1', 'events'],
  ['io.containerd.grpc.v1', 'healthcheck'],
  ['io.containerd.grpc.v1', 'images'],
  ['io.containerd.grpc.v1', 'leases'],
  ['io.containerd.grpc.v1', 'namespaces'],
  ['io.containerd.internal.v1', 'opt'],
  ['io.containerd.grpc.v1', 'sandbox-controllers'],
  ['io.containerd.grpc.v1', 'sandboxes'],
  ['io.containerd.grpc.v1', 'snapshots'],
  ['io.containerd.grpc.v1', 'streaming'],
  ['io.containerd.grpc.v1', 'tasks'],
  ['io.containerd.grpc.v1', 'transfer'],
  ['io.containerd.grpc.v1', 'version'],
];
/** Microseconds some plugins take to load (opening the bolt database, the runtime v1 shim dirs, /opt). */
const SLOW_PLUGINS: Record<string, number> = { 'io.containerd.metadata.v1.bolt': 2_871, 'io.containerd.service.v1.introspection-service': 412, 'io.containerd.runtime.v1.linux': 1_566, 'io.containerd.internal.v1.opt': 3_184 };

export interface ContainerdStartFacts {
  /** The package the binary comes from: Ubuntu's `containerd` or Docker's `containerd.io`. */
  build: 'ubuntu' | 'containerd.io';
  version: string;
  /** /etc/containerd/config.toml ('' when there is none: containerd's defaults). */
  config: string;
  /** CNI network configurations are present in the CRI plugin's conf_dir. */
  cniConfigured: boolean;
  /** The filesystem of /var/lib/containerd, as btrfs's refusal names it. */
  rootFsType: string;
}

/** What a start of this machine's containerd finds. */
export function containerdStartFacts(machine: Machine, build: ContainerdStartFacts['build'], version: string): ContainerdStartFacts {
  let config = '';
  try {
    config = machine.rootFs.readFile(CONFIG_TOML);
  } catch {
    /* no config.toml: containerd's defaults */
  }
  return { build, version, config, cniConfigured: (cniConfigFiles(machine)?.length ?? 0) > 0, rootFsType: 'ext4' };
}

/** Lines stamped along the start, in microseconds; `booted` is the boot time the last line reports. */
class Stamps {
  private micros = 0;
  private seq = 7;
  readonly lines: LogrusLine[] = [];

  log(stepMicros: number, level: LogrusLine['logrus'], msg: string, fields?: Record<string, string>): void {
    this.micros += stepMicros;
    this.seq = (this.seq * 31 + 17) % 997;
    this.lines.push({ logrus: level, msg, fields, offsetMs: Math.floor(this.micros / 1000), nanos: (this.micros % 1000) * 1000 + this.seq });
  }

  get elapsedMicros(): number {
    return this.micros;
  }
}

function rootTableValue(config: string, table: string, key: string): string | undefined {
  const tables = parseTomlTables(config);
  const v = (table ? tomlTable(tables, table) : tables[0])?.values.get(key);
  return typeof v === 'string' && v ? v : undefined;
}

/** Plugins named in disabled_plugins (by id, as config version 1 does, or by type.id). */
function disabledPlugins(config: string): Set<string> {
  const v = parseTomlTables(config)[0].values.get('disabled_plugins');
  return new Set(Array.isArray(v) ? v.map(String) : []);
}

/** containerd's lines from "starting containerd" to "successfully booted", and when it notifies systemd. */
export function containerdStartLines(f: ContainerdStartFacts): { lines: ServiceLogLine[]; readyAfterMs: number } {
  const root = rootTableValue(f.config, '', 'root') ?? '/var/lib/containerd';
  const state = rootTableValue(f.config, '', 'state') ?? '/run/containerd';
  const address = rootTableValue(f.config, 'grpc', 'address') ?? '/run/containerd/containerd.sock';
  const s = new Stamps();
  // The process reads its config and cleans its temporary mounts before it says it starts.
  s.log(11_027, 'info', 'starting containerd', { revision: f.build === 'containerd.io' ? CONTAINERD_IO_REVISION : '', version: f.version });
  const disabled = disabledPlugins(f.config);
  const criOn = f.build === 'ubuntu' && !disabled.has('cri') && !disabled.has('io.containerd.grpc.v1.cri');
  if (f.build === 'ubuntu') {
    for (const [type, id] of PLUGINS_BEFORE_CRI) {
      const uri = `${type}.${id}`;
      if (disabled.has(id) || disabled.has(uri)) continue;
      s.log(SLOW_PLUGINS[uri] ?? 11, 'info', `loading plugin "${uri}"...`, { type });
      if (id === 'blockfile') s.log(53, 'info', `skip loading plugin "${uri}"...`, { error: 'no scratch file generator: skip plugin', type });
      if (id === 'btrfs') s.log(114, 'info', `skip loading plugin "${uri}"...`, { error: `path ${root}/${uri} (${f.rootFsType}) must be a btrfs filesystem to be used with the btrfs snapshotter: skip plugin`, type });
      if (id === 'bolt') s.log(34, 'info', 'metadata content store policy set', { policy: 'shared' });
      if (id === 'nri' && tomlTable(parseTomlTables(f.config), 'plugins', 'io.containerd.nri.v1.nri')?.values.get('disable') !== false) s.log(8, 'info', 'NRI interface is disabled by configuration.');
    }
    if (criOn) {
      s.log(9, 'info', 'loading plugin "io.containerd.grpc.v1.cri"...', { type: 'io.containerd.grpc.v1' });
      s.log(87, 'info', criPluginConfigMessage(f.config, { root, state, address }));
      s.log(45, 'info', 'Connect containerd service');
      s.log(17, 'info', 'using legacy CRI server');
      s.log(5, 'info', 'using experimental NRI integration - disable nri plugin to prevent this');
      s.log(16, 'info', `Get image filesystem path "${root}/io.containerd.snapshotter.v1.overlayfs"`);
      if (!f.cniConfigured) s.log(211, 'error', 'failed to load cni during init, please check CRI plugin status before setting up network for pods', { error: 'cni config load failed: no network config found in /etc/cni/net.d: cni plugin not initialized: failed to load cni config' });
    }
    s.log(430, 'info', 'loading plugin "io.containerd.tracing.processor.v1.otlp"...', { type: 'io.containerd.tracing.processor.v1' });
    s.log(18, 'info', 'skip loading plugin "io.containerd.tracing.processor.v1.otlp"...', { error: 'no OpenTelemetry endpoint: skip plugin', type: 'io.containerd.tracing.processor.v1' });
    s.log(10, 'info', 'loading plugin "io.containerd.internal.v1.tracing"...', { type: 'io.containerd.internal.v1' });
    s.log(9, 'info', 'skipping tracing processor initialization (no tracing plugin)', { error: 'no OpenTelemetry endpoint: skip plugin' });
  }
  if (criOn) {
    // The CRI service runs in its own goroutine: its lines interleave with the sockets being served.
    s.log(52, 'info', 'Start subscribing containerd event');
    s.log(41, 'info', 'Start recovering state');
    s.log(44, 'info', 'Start event monitor');
    s.log(12, 'info', 'Start snapshots syncer');
  }
  s.log(6, 'info', 'serving...', { address: `${address}.ttrpc` });
  s.log(18, 'info', 'serving...', { address });
  if (criOn) {
    s.log(9, 'info', 'Start cni network conf syncer for default');
    s.log(6, 'info', 'Start streaming server');
  }
  const bootedMicros = s.elapsedMicros + 356;
  s.log(356, 'info', `containerd successfully booted in ${(bootedMicros / 1e6).toFixed(6)}s`);
  const last = s.lines[s.lines.length - 1];
  return { lines: s.lines, readyAfterMs: last.offsetMs };
}

/**
 * containerd's line when the kubelet hands it the node's pod CIDR (UpdateRuntimeConfig) and the
 * CRI plugin has no CNI config template: the network plugin's own config is awaited instead.
 */
export function podCidrUpdateLine(offsetMs: number): LogrusLine {
  return { logrus: 'info', msg: 'No cni config template is specified, wait for other system components to drop the config.', offsetMs, nanos: 612_094 };
}
