/**
 * containerd 1.7.27's `Start cri plugin with config {…}` line (pkg/cri/cri.go: log of
 * criconfig.Config with Go's %+v): the CRI plugin's configuration as containerd decoded it from
 * config.toml over its defaults (pkg/cri/config/config_unix.go DefaultConfig), printed field by
 * field in the structs' declaration order (pkg/cri/config/config.go of v1.7.27). Maps print with
 * their keys sorted, nil and empty slices and maps as `[]` and `map[]`, embedded structs under
 * their type's name. The shape was checked against a real Ubuntu 22.04 containerd 1.7.2 journal,
 * whose struct lacks only the two fields v1.7.27 added at the end of PluginConfig
 * (ImagePullWithSyncFs, IgnoreDeprecationWarnings).
 */
import { parseTomlTables, tomlTable, type TomlTable, type TomlValue } from './containerd-toml';

type Kind = 'string' | 'int' | 'bool' | 'strings';
/** A Go field: its name, its TOML key, its kind and containerd's default. */
type Field = [name: string, key: string, kind: Kind, fallback: TomlValue];

const RUNTIME_FIELDS: Field[] = [
  ['Type', 'runtime_type', 'string', ''],
  ['Path', 'runtime_path', 'string', ''],
  ['Engine', 'runtime_engine', 'string', ''],
  ['PodAnnotations', 'pod_annotations', 'strings', []],
  ['ContainerAnnotations', 'container_annotations', 'strings', []],
  ['Root', 'runtime_root', 'string', ''],
];
const RUNTIME_FIELDS_AFTER_OPTIONS: Field[] = [
  ['PrivilegedWithoutHostDevices', 'privileged_without_host_devices', 'bool', false],
  ['PrivilegedWithoutHostDevicesAllDevicesAllowed', 'privileged_without_host_devices_all_devices_allowed', 'bool', false],
  ['BaseRuntimeSpec', 'base_runtime_spec', 'string', ''],
  ['NetworkPluginConfDir', 'cni_conf_dir', 'string', ''],
  ['NetworkPluginMaxConfNum', 'cni_max_conf_num', 'int', 0],
  ['Snapshotter', 'snapshotter', 'string', ''],
  ['SandboxMode', 'sandbox_mode', 'string', ''],
];
const CONTAINERD_TAIL: Field[] = [
  ['NoPivot', 'no_pivot', 'bool', false],
  ['DisableSnapshotAnnotations', 'disable_snapshot_annotations', 'bool', true],
  ['DiscardUnpackedLayers', 'discard_unpacked_layers', 'bool', false],
  ['IgnoreBlockIONotEnabledErrors', 'ignore_blockio_not_enabled_errors', 'bool', false],
  ['IgnoreRdtNotEnabledErrors', 'ignore_rdt_not_enabled_errors', 'bool', false],
];
const CNI_FIELDS: Field[] = [
  ['NetworkPluginBinDir', 'bin_dir', 'string', '/opt/cni/bin'],
  ['NetworkPluginConfDir', 'conf_dir', 'string', '/etc/cni/net.d'],
  ['NetworkPluginMaxConfNum', 'max_conf_num', 'int', 1],
  ['NetworkPluginSetupSerially', 'setup_serially', 'bool', false],
  ['NetworkPluginConfTemplate', 'conf_template', 'string', ''],
  ['IPPreference', 'ip_pref', 'string', ''],
];
/** PluginConfig's plain fields between ImageDecryption and X509KeyPairStreaming, then after it. */
const PLUGIN_HEAD: Field[] = [
  ['DisableTCPService', 'disable_tcp_service', 'bool', true],
  ['StreamServerAddress', 'stream_server_address', 'string', '127.0.0.1'],
  ['StreamServerPort', 'stream_server_port', 'string', '0'],
  ['StreamIdleTimeout', 'stream_idle_timeout', 'string', '4h0m0s'],
  ['EnableSelinux', 'enable_selinux', 'bool', false],
  ['SelinuxCategoryRange', 'selinux_category_range', 'int', 1024],
  ['SandboxImage', 'sandbox_image', 'string', 'registry.k8s.io/pause:3.8'],
  ['StatsCollectPeriod', 'stats_collect_period', 'int', 10],
  ['SystemdCgroup', 'systemd_cgroup', 'bool', false],
  ['EnableTLSStreaming', 'enable_tls_streaming', 'bool', false],
];
const PLUGIN_TAIL: Field[] = [
  ['MaxContainerLogLineSize', 'max_container_log_line_size', 'int', 16384],
  ['DisableCgroup', 'disable_cgroup', 'bool', false],
  ['DisableApparmor', 'disable_apparmor', 'bool', false],
  ['RestrictOOMScoreAdj', 'restrict_oom_score_adj', 'bool', false],
  ['MaxConcurrentDownloads', 'max_concurrent_downloads', 'int', 3],
  ['DisableProcMount', 'disable_proc_mount', 'bool', false],
  ['UnsetSeccompProfile', 'unset_seccomp_profile', 'string', ''],
  ['TolerateMissingHugetlbController', 'tolerate_missing_hugetlb_controller', 'bool', true],
  ['DisableHugetlbController', 'disable_hugetlb_controller', 'bool', true],
  ['DeviceOwnershipFromSecurityContext', 'device_ownership_from_security_context', 'bool', false],
  ['IgnoreImageDefinedVolumes', 'ignore_image_defined_volumes', 'bool', false],
  ['NetNSMountsUnderStateDir', 'netns_mounts_under_state_dir', 'bool', false],
  ['EnableUnprivilegedPorts', 'enable_unprivileged_ports', 'bool', false],
  ['EnableUnprivilegedICMP', 'enable_unprivileged_icmp', 'bool', false],
  ['EnableCDI', 'enable_cdi', 'bool', false],
  ['CDISpecDirs', 'cdi_spec_dirs', 'strings', ['/etc/cdi', '/var/run/cdi']],
  ['ImagePullProgressTimeout', 'image_pull_progress_timeout', 'string', '5m0s'],
  ['DrainExecSyncIOTimeout', 'drain_exec_sync_io_timeout', 'string', '0s'],
  ['ImagePullWithSyncFs', 'image_pull_with_sync_fs', 'bool', false],
  ['IgnoreDeprecationWarnings', 'ignore_deprecation_warnings', 'strings', []],
];

/** containerd's default runc options (config_unix.go defaultRuncV2Opts), when config.toml gives none. */
const DEFAULT_RUNC_OPTIONS: Record<string, TomlValue> = {
  BinaryName: '',
  CriuImagePath: '',
  CriuPath: '',
  CriuWorkPath: '',
  IoGid: 0,
  IoUid: 0,
  NoNewKeyring: false,
  NoPivotRoot: false,
  Root: '',
  ShimCgroup: '',
  SystemdCgroup: false,
};

/** A value as %+v prints it. */
function goValue(v: TomlValue): string {
  return Array.isArray(v) ? `[${v.map(goValue).join(' ')}]` : String(v);
}

function goMap(entries: Array<[string, string]>): string {
  return `map[${entries
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k}:${v}`)
    .join(' ')}]`;
}

function fields(list: Field[], table: TomlTable | undefined): string[] {
  return list.map(([name, key, , fallback]) => `${name}:${goValue(table?.values.get(key) ?? fallback)}`);
}

const CRI = ['plugins', 'io.containerd.grpc.v1.cri'];

function runtimeText(tables: TomlTable[], path: string[], defaults: { values: Map<string, TomlValue>; options: Record<string, TomlValue> }): string {
  const table = tomlTable(tables, ...path);
  const merged: TomlTable = { path, values: new Map([...defaults.values, ...(table?.values ?? [])]) };
  const optionsTable = tomlTable(tables, ...path, 'options');
  const options = { ...defaults.options, ...Object.fromEntries(optionsTable?.values ?? []) };
  const optionsText = goMap(Object.entries(options).map(([k, v]) => [k, goValue(v)]));
  return `{${[...fields(RUNTIME_FIELDS, merged), `Options:${optionsText}`, ...fields(RUNTIME_FIELDS_AFTER_OPTIONS, merged)].join(' ')}}`;
}

/** The runtimes config.toml names (`containerd.runtimes.<name>`), with containerd's default runc. */
function runtimesText(tables: TomlTable[]): string {
  const prefix = [...CRI, 'containerd', 'runtimes'];
  const names = new Set<string>(['runc']);
  for (const t of tables) if (t.path.length === prefix.length + 1 && prefix.every((p, i) => t.path[i] === p)) names.add(t.path[prefix.length]);
  const runcDefaults = new Map<string, TomlValue>([
    ['runtime_type', 'io.containerd.runc.v2'],
    ['sandbox_mode', 'podsandbox'],
  ]);
  return goMap(
    [...names].map((n) => [n, runtimeText(tables, [...prefix, n], n === 'runc' ? { values: runcDefaults, options: DEFAULT_RUNC_OPTIONS } : { values: new Map(), options: {} })]),
  );
}

/** A Go heap address as %+v prints a pointer field: stable for a name, as addresses look (0xc000…). */
function goPointer(name: string): string {
  let h = 0x811c9dc5;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return `0xc000${(h & 0xfffff).toString(16).padStart(5, '0')}0`.slice(0, 12);
}

/** The registry's deprecated tables (mirrors, configs, auths, headers), each entry as its struct prints. */
function registryText(tables: TomlTable[]): string {
  const registry = tomlTable(tables, ...CRI, 'registry');
  const entries = (name: string): Array<[string, TomlTable]> => {
    const prefix = [...CRI, 'registry', name];
    return tables.filter((t) => t.path.length === prefix.length + 1 && prefix.every((p, i) => t.path[i] === p)).map((t) => [t.path[prefix.length], t]);
  };
  const str = (t: TomlTable, key: string) => goValue(t.values.get(key) ?? '');
  const mirrors = goMap(entries('mirrors').map(([k, t]) => [k, `{Endpoints:${goValue(t.values.get('endpoint') ?? [])}}`]));
  const configs = goMap(
    entries('configs').map(([k]) => {
      const has = (sub: string) => tables.some((t) => t.path.join('.') === [...CRI, 'registry', 'configs', k, sub].join('.'));
      return [k, `{Auth:${has('auth') ? goPointer(`${k}/auth`) : '<nil>'} TLS:${has('tls') ? goPointer(`${k}/tls`) : '<nil>'}}`];
    }),
  );
  const auths = goMap(entries('auths').map(([k, t]) => [k, `{Username:${str(t, 'username')} Password:${str(t, 'password')} Auth:${str(t, 'auth')} IdentityToken:${str(t, 'identitytoken')}}`]));
  const headers = goMap([...(tomlTable(tables, ...CRI, 'registry', 'headers')?.values ?? new Map<string, TomlValue>())].map(([k, v]) => [k, goValue(v)]));
  return `{ConfigPath:${goValue(registry?.values.get('config_path') ?? '')} Mirrors:${mirrors} Configs:${configs} Auths:${auths} Headers:${headers}}`;
}

export interface CriPaths {
  /** containerd's root (/var/lib/containerd) and state (/run/containerd) directories, its gRPC address. */
  root: string;
  state: string;
  address: string;
}

/** The message of the `Start cri plugin with config …` line for this config.toml (absent file: defaults). */
export function criPluginConfigMessage(configToml: string, paths: CriPaths): string {
  const tables = parseTomlTables(configToml);
  const cri = tomlTable(tables, ...CRI);
  const containerd = tomlTable(tables, ...CRI, 'containerd');
  const none = { values: new Map<string, TomlValue>(), options: {} };
  const containerdConfig = [
    `Snapshotter:${goValue(containerd?.values.get('snapshotter') ?? 'overlayfs')}`,
    `DefaultRuntimeName:${goValue(containerd?.values.get('default_runtime_name') ?? 'runc')}`,
    `DefaultRuntime:${runtimeText(tables, [...CRI, 'containerd', 'default_runtime'], none)}`,
    `UntrustedWorkloadRuntime:${runtimeText(tables, [...CRI, 'containerd', 'untrusted_workload_runtime'], none)}`,
    `Runtimes:${runtimesText(tables)}`,
    ...fields(CONTAINERD_TAIL, containerd),
  ].join(' ');
  const cni = fields(CNI_FIELDS, tomlTable(tables, ...CRI, 'cni')).join(' ');
  const x509 = tomlTable(tables, ...CRI, 'x509_key_pair_streaming');
  const plugin = [
    `ContainerdConfig:{${containerdConfig}}`,
    `CniConfig:{${cni}}`,
    `Registry:${registryText(tables)}`,
    `ImageDecryption:{KeyModel:${goValue(tomlTable(tables, ...CRI, 'image_decryption')?.values.get('key_model') ?? 'node')}}`,
    ...fields(PLUGIN_HEAD, cri),
    `X509KeyPairStreaming:{TLSCertFile:${goValue(x509?.values.get('tls_cert_file') ?? '')} TLSKeyFile:${goValue(x509?.values.get('tls_key_file') ?? '')}}`,
    ...fields(PLUGIN_TAIL, cri),
  ].join(' ');
  const criDir = 'io.containerd.grpc.v1.cri';
  return `Start cri plugin with config {PluginConfig:{${plugin}} ContainerdRootDir:${paths.root} ContainerdEndpoint:${paths.address} RootDir:${paths.root}/${criDir} StateDir:${paths.state}/${criDir}}`;
}
