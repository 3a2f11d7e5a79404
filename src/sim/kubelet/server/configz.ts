/**
 * /configz: the KubeletConfiguration the running kubelet works with, as it registered it when it
 * started (cmd/kubelet/app/server.go initConfigz): its --config file decoded into
 * kubelet.config.k8s.io/v1beta1 with SetDefaults_KubeletConfiguration filled in
 * (pkg/kubelet/apis/config/v1beta1/defaults.go, v1.33), the command-line flags that name the same
 * fields applied over it, the self-signed serving certificate paths InitializeTLS sets, then
 * converted back to v1beta1 and written by json.Marshal under the key "kubeletconfig"
 * (component-base/configz). So the members come in the Go struct's field order
 * (k8s.io/kubelet/config/v1beta1 types.go), apiVersion and kind are empty and left out, and a
 * member is left out only where the v1beta1 field is `omitempty` and zero while the internal one
 * is not a pointer (a *bool of v1beta1 over an internal bool is always written, false included).
 */
import { parse } from 'yaml';
import type { FsView } from '../../machine';
import { goJson } from '../../go-json';
import { goDurationMs } from '../../go-parse-duration';
import { goDuration } from '../duration';
import { kubeletArgs, kubeletFlag } from '../flags';

type Obj = Record<string, unknown>;

const DEFAULT_CONFIG_FILE = '/var/lib/kubelet/config.yaml';
const DEFAULT_CERT_DIR = '/var/lib/kubelet/pki';

/** The eviction thresholds a Linux kubelet uses when the file sets none (defaults_linux.go; imagefs.inodesFree since v1.30). */
const DEFAULT_EVICTION_HARD: Record<string, string> = {
  'imagefs.available': '15%',
  'imagefs.inodesFree': '5%',
  'memory.available': '100Mi',
  'nodefs.available': '10%',
  'nodefs.inodesFree': '5%',
};

/**
 * How a field is decoded and when json.Marshal writes it:
 * - always: written whatever its value (a struct, a v1beta1 pointer over an internal value, or no omitempty);
 * - omitempty: left out when zero ("", 0, false, empty map or list);
 * - optional: a pointer on both sides, written only when set.
 */
type Presence = 'always' | 'omitempty' | 'optional';
type Kind = 'bool' | 'int' | 'float' | 'string' | 'duration' | 'map' | 'list' | 'raw';

interface Field {
  name: string;
  kind: Kind;
  presence: Presence;
  /** SetDefaults_KubeletConfiguration's value when the file leaves the field zero (or unset, for pointers). */
  def?: unknown;
}

const f = (name: string, kind: Kind, presence: Presence, def?: unknown): Field => ({ name, kind, presence, def });

/** Top-level fields of KubeletConfiguration v1beta1 in their Go order (v1.33), except the nested structs built below. */
const FIELDS: (Field | 'authentication' | 'authorization' | 'memorySwap' | 'logging' | 'crashLoopBackOff')[] = [
  f('enableServer', 'bool', 'always', true),
  f('staticPodPath', 'string', 'omitempty'),
  f('podLogsDir', 'string', 'omitempty', '/var/log/pods'),
  f('syncFrequency', 'duration', 'always', 60_000),
  f('fileCheckFrequency', 'duration', 'always', 20_000),
  f('httpCheckFrequency', 'duration', 'always', 20_000),
  f('staticPodURL', 'string', 'omitempty'),
  f('staticPodURLHeader', 'raw', 'omitempty'),
  f('address', 'string', 'omitempty', '0.0.0.0'),
  f('port', 'int', 'omitempty', 10250),
  f('readOnlyPort', 'int', 'omitempty'),
  f('tlsCertFile', 'string', 'omitempty'),
  f('tlsPrivateKeyFile', 'string', 'omitempty'),
  f('tlsCipherSuites', 'list', 'omitempty'),
  f('tlsMinVersion', 'string', 'omitempty'),
  f('rotateCertificates', 'bool', 'omitempty'),
  f('serverTLSBootstrap', 'bool', 'omitempty'),
  'authentication',
  'authorization',
  f('registryPullQPS', 'int', 'always', 5),
  f('registryBurst', 'int', 'omitempty', 10),
  f('imagePullCredentialsVerificationPolicy', 'string', 'omitempty'),
  f('preloadedImagesVerificationAllowlist', 'list', 'omitempty'),
  f('eventRecordQPS', 'int', 'always', 50),
  f('eventBurst', 'int', 'omitempty', 100),
  f('enableDebuggingHandlers', 'bool', 'always', true),
  f('enableContentionProfiling', 'bool', 'omitempty'),
  f('healthzPort', 'int', 'always', 10248),
  f('healthzBindAddress', 'string', 'omitempty', '127.0.0.1'),
  f('oomScoreAdj', 'int', 'always', -999),
  f('clusterDomain', 'string', 'omitempty'),
  f('clusterDNS', 'list', 'omitempty'),
  f('streamingConnectionIdleTimeout', 'duration', 'always', 4 * 3_600_000),
  f('nodeStatusUpdateFrequency', 'duration', 'always'),
  f('nodeStatusReportFrequency', 'duration', 'always'),
  f('nodeLeaseDurationSeconds', 'int', 'omitempty', 40),
  f('imageMinimumGCAge', 'duration', 'always', 120_000),
  f('imageMaximumGCAge', 'duration', 'always'),
  f('imageGCHighThresholdPercent', 'int', 'always', 85),
  f('imageGCLowThresholdPercent', 'int', 'always', 80),
  f('volumeStatsAggPeriod', 'duration', 'always', 60_000),
  f('kubeletCgroups', 'string', 'omitempty'),
  f('systemCgroups', 'string', 'omitempty'),
  f('cgroupRoot', 'string', 'omitempty'),
  f('cgroupsPerQOS', 'bool', 'always', true),
  f('cgroupDriver', 'string', 'omitempty', 'cgroupfs'),
  f('cpuManagerPolicy', 'string', 'omitempty', 'none'),
  f('singleProcessOOMKill', 'bool', 'optional'),
  f('cpuManagerPolicyOptions', 'map', 'omitempty'),
  f('cpuManagerReconcilePeriod', 'duration', 'always', 10_000),
  f('memoryManagerPolicy', 'string', 'omitempty', 'None'),
  f('topologyManagerPolicy', 'string', 'omitempty', 'none'),
  f('topologyManagerScope', 'string', 'omitempty', 'container'),
  f('topologyManagerPolicyOptions', 'map', 'omitempty'),
  f('qosReserved', 'map', 'omitempty'),
  f('runtimeRequestTimeout', 'duration', 'always', 120_000),
  f('hairpinMode', 'string', 'omitempty', 'promiscuous-bridge'),
  f('maxPods', 'int', 'omitempty', 110),
  f('podCIDR', 'string', 'omitempty'),
  f('podPidsLimit', 'int', 'always', -1),
  f('resolvConf', 'string', 'always', '/etc/resolv.conf'),
  f('runOnce', 'bool', 'omitempty'),
  f('cpuCFSQuota', 'bool', 'always', true),
  f('cpuCFSQuotaPeriod', 'duration', 'always', 100),
  f('nodeStatusMaxImages', 'int', 'always', 50),
  f('maxOpenFiles', 'int', 'omitempty', 1_000_000),
  f('contentType', 'string', 'omitempty', 'application/vnd.kubernetes.protobuf'),
  f('kubeAPIQPS', 'int', 'always', 50),
  f('kubeAPIBurst', 'int', 'omitempty', 100),
  f('serializeImagePulls', 'bool', 'always'),
  f('maxParallelImagePulls', 'int', 'optional'),
  f('evictionHard', 'map', 'omitempty'),
  f('evictionSoft', 'map', 'omitempty'),
  f('evictionSoftGracePeriod', 'map', 'omitempty'),
  f('evictionPressureTransitionPeriod', 'duration', 'always', 300_000),
  f('evictionMaxPodGracePeriod', 'int', 'omitempty'),
  f('evictionMinimumReclaim', 'map', 'omitempty'),
  f('mergeDefaultEvictionSettings', 'bool', 'always', false),
  f('podsPerCore', 'int', 'omitempty'),
  f('enableControllerAttachDetach', 'bool', 'always', true),
  f('protectKernelDefaults', 'bool', 'omitempty'),
  f('makeIPTablesUtilChains', 'bool', 'always', true),
  f('iptablesMasqueradeBit', 'int', 'always', 14),
  f('iptablesDropBit', 'int', 'always', 15),
  f('featureGates', 'raw', 'omitempty'),
  f('failSwapOn', 'bool', 'always', true),
  'memorySwap',
  f('containerLogMaxSize', 'string', 'omitempty', '10Mi'),
  f('containerLogMaxFiles', 'int', 'always', 5),
  f('containerLogMaxWorkers', 'int', 'always', 1),
  f('containerLogMonitorInterval', 'duration', 'always', 10_000),
  f('configMapAndSecretChangeDetectionStrategy', 'string', 'omitempty', 'Watch'),
  f('systemReserved', 'map', 'omitempty'),
  f('kubeReserved', 'map', 'omitempty'),
  f('reservedSystemCPUs', 'string', 'omitempty'),
  f('showHiddenMetricsForVersion', 'string', 'omitempty'),
  f('systemReservedCgroup', 'string', 'omitempty'),
  f('kubeReservedCgroup', 'string', 'omitempty'),
  f('enforceNodeAllocatable', 'list', 'omitempty', ['pods']),
  f('allowedUnsafeSysctls', 'list', 'omitempty'),
  f('volumePluginDir', 'string', 'omitempty', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec/'),
  f('providerID', 'string', 'omitempty'),
  f('kernelMemcgNotification', 'bool', 'omitempty'),
  'logging',
  f('enableSystemLogHandler', 'bool', 'always', true),
  f('enableSystemLogQuery', 'bool', 'always', false),
  f('shutdownGracePeriod', 'duration', 'always'),
  f('shutdownGracePeriodCriticalPods', 'duration', 'always'),
  f('shutdownGracePeriodByPodPriority', 'raw', 'omitempty'),
  'crashLoopBackOff',
  f('reservedMemory', 'raw', 'omitempty'),
  f('enableProfilingHandler', 'bool', 'always', true),
  f('enableDebugFlagsHandler', 'bool', 'always', true),
  f('seccompDefault', 'bool', 'always', false),
  f('memoryThrottlingFactor', 'float', 'optional', 0.9),
  f('registerWithTaints', 'raw', 'omitempty'),
  f('registerNode', 'bool', 'always', true),
  f('tracing', 'raw', 'optional'),
  f('localStorageCapacityIsolation', 'bool', 'always', true),
  f('containerRuntimeEndpoint', 'string', 'always', 'unix:///run/containerd/containerd.sock'),
  f('imageServiceEndpoint', 'string', 'omitempty'),
  f('failCgroupV1', 'bool', 'always', false),
  f('userNamespaces', 'raw', 'optional'),
];

/** Command-line flags that set a configuration field (the kubelet's deprecated config flags kubeadm and admins use). */
const FLAG_FIELDS: Record<string, string> = {
  'container-runtime-endpoint': 'containerRuntimeEndpoint',
  'image-service-endpoint': 'imageServiceEndpoint',
  'cgroup-driver': 'cgroupDriver',
  'max-pods': 'maxPods',
  'fail-swap-on': 'failSwapOn',
  'cluster-dns': 'clusterDNS',
  'cluster-domain': 'clusterDomain',
  'resolv-conf': 'resolvConf',
  'pod-cidr': 'podCIDR',
  'port': 'port',
  'read-only-port': 'readOnlyPort',
  'address': 'address',
  'healthz-port': 'healthzPort',
  'healthz-bind-address': 'healthzBindAddress',
  'rotate-certificates': 'rotateCertificates',
  'tls-cert-file': 'tlsCertFile',
  'tls-private-key-file': 'tlsPrivateKeyFile',
  'serialize-image-pulls': 'serializeImagePulls',
  'pod-manifest-path': 'staticPodPath',
  'provider-id': 'providerID',
};

/** Durations that are pointers in v1beta1 (defaulted when unset, not when zero). */
const POINTER_DURATIONS = new Set(['cpuCFSQuotaPeriod', 'containerLogMonitorInterval']);
/** Value fields without omitempty (defaulted when zero, written always). */
const VALUE_ALWAYS = new Set(['containerRuntimeEndpoint']);

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function readOr(fs: FsView, path: string): string | undefined {
  try {
    return fs.readFile(path);
  } catch {
    return undefined;
  }
}

/** A value of the file or a flag as the field's Go type holds it; undefined when absent or not decodable. */
function decode(kind: Kind, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (kind) {
    case 'bool':
      return typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined;
    case 'int':
    case 'float': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) ? (kind === 'int' ? Math.trunc(n) : n) : undefined;
    }
    case 'string':
      return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    case 'duration':
      return typeof v === 'string' ? goDurationMs(v) : undefined;
    case 'map':
      return isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : undefined;
    case 'list':
      return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    default:
      return v;
  }
}

function isZero(kind: Kind, v: unknown): boolean {
  if (v === undefined) return true;
  switch (kind) {
    case 'bool':
      return v === false;
    case 'int':
    case 'float':
    case 'duration':
      return v === 0;
    case 'string':
      return v === '';
    case 'map':
      return Object.keys(v as Obj).length === 0;
    case 'list':
      return (v as unknown[]).length === 0;
    default:
      return Array.isArray(v) ? v.length === 0 : isObj(v) ? Object.keys(v).length === 0 : false;
  }
}

/** A map with its keys in Go's (bytewise) order, as json.Marshal writes a map. */
function sortedMap(m: Obj): Obj {
  return Object.fromEntries(Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, m[k]]));
}

function encode(kind: Kind, v: unknown): unknown {
  if (kind === 'duration') return goDuration(v as number);
  if (kind === 'map') return sortedMap(v as Obj);
  return v;
}

/** A plain field's value after decoding and defaulting, or undefined when it is not written. */
function fieldValue(field: Field, raw: unknown): unknown {
  let v = decode(field.kind, raw);
  // Defaulting: a value field (a Duration struct, a string or number) is defaulted when zero; a
  // pointer field when unset.
  const pointer = field.kind === 'duration' ? POINTER_DURATIONS.has(field.name) : field.presence !== 'omitempty' && !VALUE_ALWAYS.has(field.name);
  if (field.def !== undefined && (pointer ? v === undefined : isZero(field.kind, v))) v = field.def;
  if (field.presence === 'optional') return v === undefined ? undefined : encode(field.kind, v);
  if (field.presence === 'always') return encode(field.kind, v ?? zeroOf(field.kind));
  return isZero(field.kind, v) ? undefined : encode(field.kind, v);
}

function zeroOf(kind: Kind): unknown {
  switch (kind) {
    case 'bool':
      return false;
    case 'string':
      return '';
    default:
      return 0;
  }
}

const durationOr = (raw: unknown, def: number): string => {
  const ms = decode('duration', raw) as number | undefined;
  return goDuration(ms ? ms : def);
};

function authentication(file: Obj): Obj {
  const a = isObj(file.authentication) ? file.authentication : {};
  const x509 = isObj(a.x509) ? a.x509 : {};
  const webhook = isObj(a.webhook) ? a.webhook : {};
  const anonymous = isObj(a.anonymous) ? a.anonymous : {};
  const clientCAFile = decode('string', x509.clientCAFile);
  return {
    x509: clientCAFile ? { clientCAFile } : {},
    webhook: { enabled: decode('bool', webhook.enabled) ?? true, cacheTTL: durationOr(webhook.cacheTTL, 120_000) },
    anonymous: { enabled: decode('bool', anonymous.enabled) ?? false },
  };
}

function authorization(file: Obj): Obj {
  const a = isObj(file.authorization) ? file.authorization : {};
  const webhook = isObj(a.webhook) ? a.webhook : {};
  return {
    mode: decode('string', a.mode) || 'Webhook',
    webhook: { cacheAuthorizedTTL: durationOr(webhook.cacheAuthorizedTTL, 300_000), cacheUnauthorizedTTL: durationOr(webhook.cacheUnauthorizedTTL, 30_000) },
  };
}

function memorySwap(file: Obj): Obj {
  const behavior = isObj(file.memorySwap) ? decode('string', file.memorySwap.swapBehavior) : undefined;
  return behavior ? { swapBehavior: behavior } : {};
}

/**
 * LoggingConfiguration (component-base logs/api/v1) after SetRecommendedLoggingConfiguration:
 * format "text", flushFrequency 5s written as a duration string (a number in the file stays a
 * number of nanoseconds), infoBufferSize "0" for both formats.
 */
function logging(file: Obj, verbosityFlag: number | undefined): Obj {
  const l = isObj(file.logging) ? file.logging : {};
  const out: Obj = {};
  const format = decode('string', l.format);
  out.format = format || 'text';
  const flush = l.flushFrequency;
  if (typeof flush === 'string' && goDurationMs(flush)) out.flushFrequency = goDuration(goDurationMs(flush)!);
  else if (typeof flush === 'number' && flush !== 0) out.flushFrequency = flush;
  else out.flushFrequency = '5s';
  out.verbosity = verbosityFlag ?? (decode('int', l.verbosity) as number | undefined) ?? 0;
  if (Array.isArray(l.vmodule) && l.vmodule.length) out.vmodule = l.vmodule;
  const options = isObj(l.options) ? l.options : {};
  const routing = (o: unknown): Obj => {
    const r = isObj(o) ? o : {};
    const split = decode('bool', r.splitStream);
    const size = decode('string', r.infoBufferSize);
    return { ...(split ? { splitStream: true } : {}), infoBufferSize: size || '0' };
  };
  out.options = { text: routing(options.text), json: routing(options.json) };
  return out;
}

function crashLoopBackOff(file: Obj): Obj {
  const c = isObj(file.crashLoopBackOff) ? file.crashLoopBackOff : {};
  const max = decode('duration', c.maxContainerRestartPeriod) as number | undefined;
  return max !== undefined ? { maxContainerRestartPeriod: goDuration(max) } : {};
}

/** The kubelet's flags that name configuration fields, as [field, value] in command-line order. */
function flagOverrides(fs: FsView): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of kubeletArgs(fs)) {
    const field = FLAG_FIELDS[name];
    if (field) out.set(field, value);
  }
  return out;
}

/** The file the kubelet reads its configuration from (--config), parsed; {} when absent or unreadable. */
function configFile(fs: FsView): Obj {
  const text = readOr(fs, kubeletFlag(fs, 'config') ?? DEFAULT_CONFIG_FILE);
  if (text === undefined) return {};
  try {
    // A key given twice: the last one (the kubelet decodes leniently when strict decoding fails).
    const doc = parse(text, { uniqueKeys: false }) as unknown;
    return isObj(doc) ? doc : {};
  } catch {
    return {};
  }
}

/**
 * The running configuration of a kubelet that starts now on this machine, in the order and form
 * /configz writes it (the object under "kubeletconfig").
 */
export function effectiveKubeletConfiguration(fs: FsView): Obj {
  const file = configFile(fs);
  const flags = flagOverrides(fs);
  const verbosity = kubeletFlag(fs, 'v');
  const out: Obj = {};
  const raw = (name: string): unknown => (flags.has(name) ? flags.get(name) : file[name]);
  for (const entry of FIELDS) {
    if (typeof entry === 'string') {
      if (entry === 'authentication') out.authentication = authentication(file);
      else if (entry === 'authorization') out.authorization = authorization(file);
      else if (entry === 'memorySwap') out.memorySwap = memorySwap(file);
      else if (entry === 'logging') out.logging = logging(file, verbosity !== undefined && /^\d+$/.test(verbosity) ? Number(verbosity) : undefined);
      else out.crashLoopBackOff = crashLoopBackOff(file);
      continue;
    }
    const v = fieldValue(entry, raw(entry.name));
    if (v !== undefined) out[entry.name] = v;
  }
  // Cross-field defaults: the report frequency follows an explicit update frequency; image pulls are
  // serialized unless parallel pulls are allowed; the Linux eviction thresholds when none is set.
  const update = decode('duration', file.nodeStatusUpdateFrequency) as number | undefined;
  const report = decode('duration', file.nodeStatusReportFrequency) as number | undefined;
  out.nodeStatusUpdateFrequency = goDuration(update || 10_000);
  out.nodeStatusReportFrequency = goDuration(report || update || 300_000);
  if (decode('bool', raw('serializeImagePulls')) === undefined) {
    const parallel = decode('int', file.maxParallelImagePulls) as number | undefined;
    out.serializeImagePulls = parallel === undefined || parallel < 2;
  }
  // A negative pids limit means the node's own (-1).
  if ((out.podPidsLimit as number) < 0) out.podPidsLimit = -1;
  // mergeDefaultEvictionSettings (v1.33): the defaults fill in the signals the file leaves out.
  if (!isObj(file.evictionHard)) out.evictionHard = { ...DEFAULT_EVICTION_HARD };
  else if (out.mergeDefaultEvictionSettings) out.evictionHard = sortedMap({ ...DEFAULT_EVICTION_HARD, ...(out.evictionHard as Obj | undefined) });
  // InitializeTLS: without certificate files or serverTLSBootstrap, the kubelet serves a self-signed
  // certificate it keeps in --cert-dir.
  if (!out.serverTLSBootstrap && !out.tlsCertFile && !out.tlsPrivateKeyFile) {
    const dir = kubeletFlag(fs, 'cert-dir') ?? DEFAULT_CERT_DIR;
    out.tlsCertFile = `${dir}/kubelet.crt`;
    out.tlsPrivateKeyFile = `${dir}/kubelet.key`;
  }
  return reorder(out);
}

/** The object with its members in the struct's order again (members set after the first pass were appended). */
function reorder(o: Obj): Obj {
  const order = FIELDS.map((e) => (typeof e === 'string' ? e : e.name));
  return Object.fromEntries(order.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

/** The body of /configz: json.Marshal of {"kubeletconfig": config}, no newline. */
export function configzBody(config: Obj): string {
  return goJson({ kubeletconfig: config }, false);
}
