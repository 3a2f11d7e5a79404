/**
 * What the control plane's own processes do on their machine when their flags cannot work there.
 *
 * - etcd binds every --listen-peer-urls address (then the client ones). An address the machine
 *   does not hold (`localAPIEndpoint.advertiseAddress: 1.2.3.4` left from `kubeadm config print
 *   init-defaults`) fails with `bind: cannot assign requested address`: etcd logs it (zap JSON on
 *   stderr) and exits 1 at once; the kubelet restarts it with back-off. A peer TLS file that does
 *   not exist fails the same way, with `open PATH: no such file or directory`.
 * - kube-apiserver dials its --etcd-servers. When none of them reaches a listening etcd — this
 *   machine's etcd cannot start, or the URLs name a port or address of this machine where etcd
 *   does not listen (`--etcd-servers=https://127.0.0.1:2378`) — it logs gRPC dial errors and,
 *   after the 20 s storage dial timeout, `Error creating leases: error creating storage factory:
 *   context deadline exceeded` (klog fatal, exit 255). It never opens its secure port meanwhile,
 *   so clients are refused (see servingFails). etcd v3.5 also serves its gRPC API on its peer
 *   listeners (server/embed/etcd.go servePeers), so a peer URL that etcd listens on works.
 *   Another machine's address answers where that machine's etcd listens; an address no machine
 *   holds never answers (the dials time out).
 * - kube-apiserver reads its serving certificate, then its --client-ca-file, while it builds its
 *   configuration: a path its container does not see (`ca-authority.crt` for `ca.crt`, or a
 *   certificates volume moved) ends it within a second with `"command failed" err="open PATH: no
 *   such file or directory"` (component-base cli.Run), exit 1; an etcd client file, only when its
 *   first storage is created (fatal, exit 255). kube-controller-manager and kube-scheduler end the
 *   same way on a --kubeconfig or CA file they cannot open (startup-files.ts).
 * - kube-apiserver validates its options before it starts anything: an admission plugin it does not
 *   know (`--enable-admission-plugins=NodeRestrictio`) ends it with `"command failed"
 *   err="enable-admission-plugins plugin \"NodeRestrictio\" is unknown"`, exit 1.
 * - Any of them (kube-controller-manager and kube-scheduler too) with a command line it cannot
 *   parse (an unknown flag, a flag without its value, a value of the wrong type) exits at once
 *   with the parser's error: see component-flags.ts.
 * Everything else keeps running as before: this module only knows failures.
 *
 * The texts are etcd v3.5.21's (server/embed/etcd.go, server/etcdmain/etcd.go) and kube-apiserver
 * v1.33's, with their source lines.
 */
import type { Machine } from '../machine/machine';
import type { Container, ContainerRuntime } from '../runtime/containerd';
import type { SimClock } from '../clock';
import { readStaticPods } from '../kubelet/static-pods';
import { kubeletNodeName } from '../kubelet/flags';
import { flagFailure, kubernetesMinor } from './component-flags';
import { aggregate } from '../go-errors';
import type { KubeObject } from '../apiserver/types';
import { containerFiles, type ContainerFiles } from './container-files';
import { startupFileError } from './startup-files';

/** The containers of the control plane's static pods whose processes this module knows. */
const CONTROL_PLANE: ReadonlySet<string> = new Set(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);

export interface ProcessLine {
  offsetMs: number;
  line: string;
}

export interface ProcessFailure {
  lines: ProcessLine[];
  exitAfterMs: number;
  exitCode: number;
  /**
   * A process that fails only once it runs: its failure given the lines it prints when it starts
   * normally (its narration, component-logs/), which it prints up to the failure.
   */
  afterStart?: (start: readonly ProcessLine[]) => ProcessFailure;
}

/** Can a process on this machine listen on `host`? Loopback, the wildcard and the machine's own address. */
export function canBind(machine: Pick<Machine, 'ip' | 'hostname'>, host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === '' || h === '0.0.0.0' || h === '::' || h === '::1' || h === 'localhost' || h === machine.hostname) return true;
  if (/^127\./.test(h) || h === machine.ip) return true;
  // Another IPv4 or IPv6 address is not on any interface; a name other than ours is not modelled.
  return !(/^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':'));
}

/** --flag=value (or `--flag value`) of a command line. */
export function flagOf(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
    if (a === `--${name}`) return argv[i + 1];
  }
  return undefined;
}

export function urls(value: string | undefined): string[] {
  return (value ?? '').split(',').map((u) => u.trim()).filter(Boolean);
}

/** host and port of a URL as Go's net.Listen names them (`1.2.3.4:2380`, `[::1]:2379`). */
export function hostPort(url: string): { host: string; port: string; addr: string } | undefined {
  const m = /^[a-z+]+:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?/.exec(url);
  if (!m) return undefined;
  const port = m[2] ?? (url.startsWith('https') ? '443' : '80');
  return { host: m[1], port, addr: `${m[1]}:${port}` };
}

const BIND_ERROR = 'bind: cannot assign requested address';

/**
 * A zap production-encoder line (level, ts, then the logger's name if it has one — etcd's raft
 * logger is named "raft" —, caller, msg, then the fields in order).
 */
export function zap(level: string, at: number, micros: number, caller: string, msg: string, fields: Record<string, unknown> = {}, logger?: string): string {
  const ts = new Date(at).toISOString().replace(/\.(\d{3})Z$/, (_m, ms: string) => `.${ms}${String(micros % 1000).padStart(3, '0')}Z`);
  return JSON.stringify({ level, ts, ...(logger ? { logger } : {}), caller, msg, ...fields });
}

/**
 * The peer TLS file an https peer listener cannot read, as Go's open error: the listener loads
 * the cert and key (tlsutil.NewCert), then the trusted CA (TLSInfo.ServerConfig) when it is
 * created, so a wrong path fails like an address that cannot be bound.
 */
function missingPeerTlsFile(argv: readonly string[], peers: string[], files: Pick<Machine, 'rootFs'>['rootFs']): string | undefined {
  if (!peers.some((u) => u.startsWith('https://'))) return undefined;
  for (const flag of ['peer-cert-file', 'peer-key-file', 'peer-trusted-ca-file']) {
    const path = flagOf(argv, flag);
    if (path && !files.stat(path)) return `open ${path}: no such file or directory`;
  }
  return undefined;
}

/**
 * The client TLS file etcd cannot read, as Go's open error. Its client listeners are plain TCP; the
 * files are read when each starts serving, once the member is ready (embed/serve.go serve →
 * TLSInfo.ServerConfig: the cert, then the key (tlsutil.NewCert), then the trusted CA (NewCertPool)).
 */
function clientTlsError(argv: readonly string[], clients: string[], sees: ContainerFiles | undefined): string | undefined {
  if (!sees || !clients.some((u) => u.startsWith('https://'))) return undefined;
  for (const flag of ['cert-file', 'key-file', 'trusted-ca-file']) {
    const path = flagOf(argv, flag);
    if (path && !sees(path)) return `open ${path}: no such file or directory`;
  }
  return undefined;
}

const ETCD_FATAL_STACK = (line: number) =>
  `go.etcd.io/etcd/server/v3/etcdmain.startEtcdOrProxyV2\n\tgo.etcd.io/etcd/server/v3/etcdmain/etcd.go:${line}\ngo.etcd.io/etcd/server/v3/etcdmain.Main\n\tgo.etcd.io/etcd/server/v3/etcdmain/main.go:40\nmain.main\n\tgo.etcd.io/etcd/server/v3/main.go:31\nruntime.main\n\truntime/proc.go:272`;

/**
 * etcd 3.5.21 with a client TLS file it cannot read: it starts, elects itself, reports ready to
 * serve and notifies its init daemon; the serving goroutine's error reaches main's error channel,
 * which fatals (etcdmain/etcd.go:219 `lg.Fatal("listener failed", zap.Error(lerr))`) and exits 1.
 * Without its start narration (a member this simulation does not narrate) only that line shows,
 * about when a single member is elected.
 */
function clientTlsFailure(error: string, startedAt: number): ProcessFailure {
  const fatal = (offsetMs: number, micros = 463): ProcessFailure => ({
    lines: [{ offsetMs, line: zap('fatal', startedAt + offsetMs, micros, 'etcdmain/etcd.go:219', 'listener failed', { error, stacktrace: ETCD_FATAL_STACK(219) }) }],
    exitAfterMs: offsetMs + 1,
    exitCode: 1,
  });
  return {
    ...fatal(1000),
    afterStart: (start) => {
      const notified = start.findIndex((l) => l.line.includes('"msg":"successfully notified init daemon"'));
      if (notified < 0) return fatal(1000);
      const kept = start.slice(0, notified + 1);
      const last = kept[kept.length - 1];
      // A moment after the last line, in the same millisecond.
      const micros = Number(/\.\d{3}(\d{3})Z"/.exec(last.line)?.[1] ?? 0);
      const end = fatal(last.offsetMs, Math.min(999, micros + 137));
      return { ...end, lines: [...kept, ...end.lines] };
    },
  };
}

/**
 * What etcd does with these flags on this machine: undefined when every listener can be created
 * (every address bound; with the machine's files, every peer TLS file read).
 */
export function etcdFailure(argv: readonly string[], machine: Pick<Machine, 'ip' | 'hostname'> & Partial<Pick<Machine, 'rootFs'>>, startedAt: number, sees?: ContainerFiles): ProcessFailure | undefined {
  const peers = urls(flagOf(argv, 'listen-peer-urls') ?? 'http://localhost:2380');
  const clients = urls(flagOf(argv, 'listen-client-urls') ?? 'http://localhost:2379');
  const unbindable = peers.find((u) => { const hp = hostPort(u); return hp && !canBind(machine, hp.host); });
  const tlsError = unbindable || !machine.rootFs ? undefined : missingPeerTlsFile(argv, peers, machine.rootFs);
  const badPeer = unbindable ?? (tlsError ? peers.find((u) => u.startsWith('https://')) : undefined);
  const badClient = badPeer ? undefined : clients.find((u) => { const hp = hostPort(u); return hp && !canBind(machine, hp.host); });
  const bad = badPeer ?? badClient;
  if (!bad) {
    const tls = clientTlsError(argv, clients, sees ?? (machine.rootFs ? (path) => !!machine.rootFs!.stat(path) : undefined));
    return tls ? clientTlsFailure(tls, startedAt) : undefined;
  }
  const error = tlsError ?? `listen tcp ${hostPort(bad)!.addr}: ${BIND_ERROR}`;
  const lines: ProcessLine[] = [];
  let micro = 211;
  const log = (offsetMs: number, level: string, caller: string, msg: string, fields?: Record<string, unknown>) => {
    micro += 137;
    lines.push({ offsetMs, line: zap(level, startedAt + offsetMs, micro, caller, msg, fields) });
  };
  log(0, 'info', 'etcdmain/etcd.go:73', 'Running: ', { args: [...argv] });
  if (!flagOf(argv, 'listen-client-http-urls')) log(0, 'warn', 'embed/config.go:689', 'Running http and grpc server on single port. This is not recommended for production.');
  log(1, 'info', 'embed/etcd.go:140', 'configuring peer listeners', { 'listen-peer-urls': peers });
  const cert = flagOf(argv, 'peer-cert-file');
  if (cert) {
    const tls = `cert = ${cert}, key = ${flagOf(argv, 'peer-key-file') ?? ''}, client-cert=, client-key=, trusted-ca = ${flagOf(argv, 'peer-trusted-ca-file') ?? ''}, client-cert-auth = ${flagOf(argv, 'peer-client-cert-auth') === 'true'}, crl-file = `;
    log(1, 'info', 'embed/etcd.go:528', 'starting with peer TLS', { 'tls-info': tls, 'cipher-suites': [] });
  }
  if (badPeer) {
    log(2, 'error', 'embed/etcd.go:570', 'creating peer listener failed', { error });
    log(2, 'warn', 'embed/etcd.go:542', 'closing peer listener', { address: badPeer, error });
  } else log(2, 'info', 'embed/etcd.go:148', 'configuring client listeners', { 'listen-client-urls': clients });
  const server = { name: flagOf(argv, 'name') ?? 'default', 'data-dir': flagOf(argv, 'data-dir') ?? 'default.etcd', 'advertise-peer-urls': urls(flagOf(argv, 'initial-advertise-peer-urls') ?? 'http://localhost:2380'), 'advertise-client-urls': urls(flagOf(argv, 'advertise-client-urls') ?? 'http://localhost:2379') };
  log(2, 'info', 'embed/etcd.go:408', 'closing etcd server', server);
  log(2, 'info', 'embed/etcd.go:410', 'closed etcd server', server);
  log(2, 'warn', 'etcdmain/etcd.go:146', 'failed to start etcd', { error });
  log(2, 'fatal', 'etcdmain/etcd.go:204', 'discovery failed', {
    error,
    stacktrace: 'go.etcd.io/etcd/server/v3/etcdmain.startEtcdOrProxyV2\n\tgo.etcd.io/etcd/server/v3/etcdmain/etcd.go:204\ngo.etcd.io/etcd/server/v3/etcdmain.Main\n\tgo.etcd.io/etcd/server/v3/etcdmain/main.go:40\nmain.main\n\tgo.etcd.io/etcd/server/v3/main.go:31\nruntime.main\n\truntime/proc.go:272',
  });
  return { lines, exitAfterMs: 3, exitCode: 1 };
}

/** A klog header line as a process in a container writes it (PID 1). */
export function klog(level: 'I' | 'W' | 'F' | 'E', at: number, micros: number, source: string, msg: string): string {
  const d = new Date(at);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const us = p((at % 1000) * 1000 + (micros % 1000), 6);
  return `${level}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${us}       1 ${source}] ${msg}`;
}

type KlogLog = (offsetMs: number, level: 'I' | 'W' | 'F' | 'E', source: string, msg: string) => void;

/** A process's klog lines as it writes them: each call stamps a line at its offset, micros counted from `micro` by `step`. */
function klogRecorder(startedAt: number, micro: number, step: number): { lines: ProcessLine[]; log: KlogLog } {
  const lines: ProcessLine[] = [];
  const log: KlogLog = (offsetMs, level, source, msg) => {
    micro += step;
    lines.push({ offsetMs, line: klog(level, startedAt + offsetMs, micro, source, msg) });
  };
  return { lines, log };
}

export const MUTATING = 'NamespaceLifecycle,LimitRanger,ServiceAccount,NodeRestriction,TaintNodesByCondition,Priority,DefaultTolerationSeconds,DefaultStorageClass,StorageObjectInUseProtection,RuntimeClass,DefaultIngressClass,PodTopologyLabels,MutatingAdmissionPolicy,MutatingAdmissionWebhook';
export const VALIDATING = 'LimitRanger,ServiceAccount,PodSecurity,Priority,PersistentVolumeClaimResize,RuntimeClass,CertificateApproval,CertificateSigning,ClusterTrustBundleAttest,CertificateSubjectRestriction,ValidatingAdmissionPolicy,ValidatingAdmissionWebhook,ResourceQuota';
/** gRPC's reconnect back-off as a v1.33 kube-apiserver log shows it: [offset ms, channel] after the first attempts. */
const RETRIES: Array<[number, string]> = [
  [1393, '#2 SubChannel #3'], [1393, '#1 SubChannel #4'], [1406, '#5 SubChannel #6'],
  [2883, '#2 SubChannel #3'], [3014, '#5 SubChannel #6'], [3220, '#1 SubChannel #4'],
  [5272, '#2 SubChannel #3'], [5784, '#1 SubChannel #4'], [6022, '#5 SubChannel #6'],
  [9340, '#2 SubChannel #3'], [9727, '#1 SubChannel #4'], [10362, '#5 SubChannel #6'],
  [16331, '#5 SubChannel #6'], [16452, '#1 SubChannel #4'], [17039, '#2 SubChannel #3'],
];

/**
 * What kube-apiserver does when none of its --etcd-servers will ever answer: the start-up lines,
 * gRPC's dial errors, then the fatal storage error 20.4 s after it started. A refused dial fails
 * at once and gRPC retries with back-off; a dial to an address nothing holds ends only at gRPC's
 * 20 s connect deadline, which Go reports as "i/o timeout", just before the storage gives up.
 */
export function apiServerWithoutEtcd(argv: readonly string[], version: string, startedAt: number, dialFailure: 'refused' | 'timeout' = 'refused'): ProcessFailure {
  const etcd = hostPort(urls(flagOf(argv, 'etcd-servers'))[0] ?? 'https://127.0.0.1:2379')?.addr ?? '127.0.0.1:2379';
  const why = dialFailure === 'timeout' ? 'i/o timeout' : 'connect: connection refused';
  const dial = (channel: string) => `[core] [Channel ${channel}]grpc: addrConn.createTransport failed to connect to {Addr: "${etcd}", ServerName: "${etcd}", }. Err: connection error: desc = "transport: Error while dialing: dial tcp ${etcd}: ${why}"`;
  // A dial that times out is reported once per channel, 20 s after its start, instead of the retries.
  const timedOut = dialFailure === 'timeout';
  const { lines, log } = klogRecorder(startedAt, 488, 211);
  apiServerStartLines(argv, version, log);
  if (!timedOut) {
    log(392, 'W', 'logging.go:55', dial('#2 SubChannel #3'));
    log(392, 'W', 'logging.go:55', dial('#1 SubChannel #4'));
  }
  apiServerConfigLines(log);
  if (timedOut) {
    log(20392, 'W', 'logging.go:55', dial('#2 SubChannel #3'));
    log(20392, 'W', 'logging.go:55', dial('#1 SubChannel #4'));
    log(20405, 'W', 'logging.go:55', dial('#5 SubChannel #6'));
  } else {
    log(405, 'W', 'logging.go:55', dial('#5 SubChannel #6'));
    for (const [at, channel] of RETRIES) log(at, 'W', 'logging.go:55', dial(channel));
  }
  log(20406, 'F', 'instance.go:226', 'Error creating leases: error creating storage factory: context deadline exceeded');
  return { lines, exitAfterMs: 20407, exitCode: 255 };
}

/** What kube-apiserver logs while it builds its configuration, from its authorizer's caches to the endpoint reconciler it picks. */
function apiServerConfigLines(log: KlogLog): void {
  log(393, 'I', 'shared_informer.go:350', '"Waiting for caches to sync" controller="node_authorizer"');
  log(399, 'I', 'shared_informer.go:350', '"Waiting for caches to sync" controller="*generic.policySource[*k8s.io/api/admissionregistration/v1.ValidatingAdmissionPolicy,*k8s.io/api/admissionregistration/v1.ValidatingAdmissionPolicyBinding,k8s.io/apiserver/pkg/admission/plugin/policy/validating.Validator]"');
  log(404, 'I', 'plugins.go:157', `Loaded 14 mutating admission controller(s) successfully in the following order: ${MUTATING}.`);
  log(404, 'I', 'plugins.go:160', `Loaded 13 validating admission controller(s) successfully in the following order: ${VALIDATING}.`);
  log(404, 'I', 'instance.go:233', 'Using reconciler: lease');
}

/**
 * kube-apiserver whose etcd client cannot load its TLS files: nothing is dialled; the lease
 * reconciler's storage is the first created, and its error is fatal at once (exit 255).
 */
export function apiServerStorageFailure(argv: readonly string[], version: string, startedAt: number, error: string): ProcessFailure {
  // Steps that never wrap within a millisecond: the lines of one millisecond keep their order.
  const { lines, log } = klogRecorder(startedAt, 101, 97);
  apiServerStartLines(argv, version, log);
  apiServerConfigLines(log);
  log(405, 'F', 'instance.go:226', `Error creating leases: ${error}`);
  return { lines, exitAfterMs: 406, exitCode: 255 };
}

/**
 * kube-controller-manager or kube-scheduler that cannot open a file it starts with: it makes its
 * in-memory serving certificate (k8s.io/apiserver v0.33.4 serving.go:386), then cli.Run logs the
 * error, exit 1, within the same millisecond (KodeKloud's broken controller manager:
 * `I0410 02:12:07.432277 … serving.go:386] Generated self-signed cert in-memory`, then
 * `E0410 02:12:07.432378 … run.go:72] "command failed" err="stat …: no such file or directory"`).
 */
export function componentCommandFailed(startedAt: number, error: string): ProcessFailure {
  return {
    lines: [
      { offsetMs: 0, line: klog('I', startedAt, 277, 'serving.go:386', 'Generated self-signed cert in-memory') },
      { offsetMs: 0, line: klog('E', startedAt, 378, 'run.go:72', `"command failed" err=${JSON.stringify(error)}`) },
    ],
    exitAfterMs: 1,
    exitCode: 1,
  };
}

/** kube-apiserver's start-up lines, shared by its failures and its normal start: the advertise address, its version, Go's settings. */
export function apiServerStartLines(argv: readonly string[], version: string, log: KlogLog): void {
  log(0, 'I', 'options.go:249', `external host was not specified, using ${flagOf(argv, 'advertise-address') ?? '0.0.0.0'}`);
  log(2, 'I', 'server.go:147', `Version: ${version}`);
  log(2, 'I', 'server.go:149', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
}

/**
 * The admission plugins kube-apiserver v1.33 registers (its --admission-control help, as the
 * generated reference pages list them; v1.32 has no PodTopologyLabels yet).
 */
const ADMISSION_PLUGINS = new Set(
  ('AlwaysAdmit AlwaysDeny AlwaysPullImages CertificateApproval CertificateSigning CertificateSubjectRestriction ClusterTrustBundleAttest ' +
    'DefaultIngressClass DefaultStorageClass DefaultTolerationSeconds DenyServiceExternalIPs EventRateLimit ExtendedResourceToleration ' +
    'ImagePolicyWebhook LimitPodHardAntiAffinityTopology LimitRanger MutatingAdmissionPolicy MutatingAdmissionWebhook NamespaceAutoProvision ' +
    'NamespaceExists NamespaceLifecycle NodeRestriction OwnerReferencesPermissionEnforcement PersistentVolumeClaimResize PodNodeSelector ' +
    'PodSecurity PodTolerationRestriction PodTopologyLabels Priority ResourceQuota RuntimeClass ServiceAccount StorageObjectInUseProtection ' +
    'TaintNodesByCondition ValidatingAdmissionPolicy ValidatingAdmissionWebhook').split(' '),
);

/**
 * The errors of kube-apiserver's option validation that this simulation checks (AdmissionOptions.Validate:
 * a plugin name it does not register, for each flag that names one), in its order.
 */
export function apiServerOptionErrors(argv: readonly string[], version: string): string[] {
  const minor = kubernetesMinor(version);
  if (minor !== 32 && minor !== 33) return [];
  const known = (name: string) => ADMISSION_PLUGINS.has(name) && !(minor === 32 && name === 'PodTopologyLabels');
  const errs: string[] = [];
  for (const flag of ['enable-admission-plugins', 'disable-admission-plugins']) {
    for (const name of (flagOf(argv, flag) ?? '').split(',')) if (name && !known(name)) errs.push(`${flag} plugin "${name}" is unknown`);
  }
  return errs;
}

/**
 * kube-apiserver whose options do not validate: it completes them (logging the external host), then
 * returns the aggregated errors to cli.Run, which logs them (`"command failed" err=…`), exit 1.
 */
function apiServerInvalidOptions(argv: readonly string[], startedAt: number, errs: string[]): ProcessFailure {
  const err = aggregate(errs);
  return {
    lines: [
      { offsetMs: 0, line: klog('I', startedAt, 712, 'options.go:249', `external host was not specified, using ${flagOf(argv, 'advertise-address') ?? '0.0.0.0'}`) },
      { offsetMs: 1, line: klog('E', startedAt + 1, 184, 'run.go:72', `"command failed" err=${JSON.stringify(err)}`) },
    ],
    exitAfterMs: 2,
    exitCode: 1,
  };
}

/** What kube-apiserver does when a file its options name at start-up cannot be opened. */
export function apiServerCommandFailed(argv: readonly string[], version: string, startedAt: number, error: string): ProcessFailure {
  const { lines, log } = klogRecorder(startedAt, 254, 177);
  apiServerStartLines(argv, version, log);
  log(431, 'E', 'run.go:72', `"command failed" err=${JSON.stringify(error)}`);
  return { lines, exitAfterMs: 432, exitCode: 1 };
}

/** The static pod (from the machine's manifests) that a runtime container belongs to. */
function staticPodOf(machine: Machine, c: Container): KubeObject | undefined {
  return readStaticPods(machine.rootFs, kubeletNodeName(machine)).find((p) => p.pod.metadata?.uid === c.podUid)?.pod;
}

/** The command line of the static pod container that a runtime container runs, from the machine's manifests. */
export function commandOf(machine: Machine, c: Container, pod = staticPodOf(machine, c)): string[] | undefined {
  const spec = (pod?.spec as { containers?: Array<{ name?: string; command?: string[]; args?: string[] }> } | undefined)?.containers?.find((x) => x.name === c.name);
  return spec ? [...(spec.command ?? []), ...(spec.args ?? [])].map(String) : undefined;
}

/** The command line and image of this machine's etcd static pod, if it has one. */
function localEtcd(machine: Machine): { argv: string[]; image: string; sees: ContainerFiles } | undefined {
  for (const p of readStaticPods(machine.rootFs, kubeletNodeName(machine))) {
    const c = (p.pod.spec as { containers?: Array<{ name?: string; command?: string[]; args?: string[]; image?: string }> }).containers?.find((x) => x.command?.[0] === 'etcd');
    if (c && p.pod.metadata?.namespace === 'kube-system') return { argv: [...(c.command ?? []), ...(c.args ?? [])].map(String), image: String(c.image ?? ''), sees: containerFiles(machine, p.pod, String(c.name ?? 'etcd')) };
  }
  return undefined;
}

const isLoopback = (h: string) => h === 'localhost' || h === '::1' || /^127\./.test(h);

/**
 * Where this machine's etcd answers gRPC: its client listeners, and its peer listeners up to
 * v3.5 (v3.6 serves only raft there). Nothing when it has no manifest or cannot start.
 */
export function etcdGrpcListeners(machine: Machine, startedAt: number): Array<{ host: string; port: string }> {
  const etcd = localEtcd(machine);
  if (!etcd || etcdFailure(etcd.argv, machine, startedAt, etcd.sees)) return [];
  const version = /:v?(\d+)\.(\d+)/.exec(etcd.image);
  const peersServeGrpc = !version || Number(version[1]) < 3 || (Number(version[1]) === 3 && Number(version[2]) <= 5);
  const listeners = urls(flagOf(etcd.argv, 'listen-client-urls') ?? 'http://localhost:2379');
  if (peersServeGrpc) listeners.push(...urls(flagOf(etcd.argv, 'listen-peer-urls') ?? 'http://localhost:2380'));
  return listeners.flatMap((u) => {
    const hp = hostPort(u);
    return hp ? [{ host: hp.host.replace(/^\[|\]$/g, ''), port: hp.port }] : [];
  });
}

/** An address as a listener or a dialer means it: localhost and the machine's name resolved. */
function addressOf(host: string, machine: Pick<Machine, 'ip' | 'hostname'>): string {
  if (host === 'localhost') return '127.0.0.1';
  return host === machine.hostname ? machine.ip : host;
}

/** Does a machine's etcd listen where a dial to `target`:`port` from that machine lands? */
function listensAt(listeners: Array<{ host: string; port: string }>, machine: Pick<Machine, 'ip' | 'hostname'>, target: string, port: string): boolean {
  return listeners.some((l) => l.port === port && (l.host === '0.0.0.0' || l.host === '::' || l.host === '' || addressOf(l.host, machine) === target));
}

/** The other machines of the cluster, by address or name (undefined: nothing holds that address). */
export type MachineLookup = (host: string) => Machine | undefined;

/**
 * Does an --etcd-servers URL reach etcd from this machine? A URL naming this machine (loopback,
 * its address or its name) answers only where its etcd listens (the port, and the address or
 * the wildcard). Another address answers where that machine's etcd listens; without a lookup it
 * is taken to answer.
 */
export function etcdUrlAnswers(url: string, machine: Pick<Machine, 'ip' | 'hostname'>, listeners: Array<{ host: string; port: string }>): boolean {
  return etcdDial(url, machine, listeners) === 'open';
}

/** Where a dial to an --etcd-servers URL from this machine ends. */
function etcdDial(url: string, machine: Pick<Machine, 'ip' | 'hostname'>, listeners: Array<{ host: string; port: string }>, others?: MachineLookup, startedAt = 0): 'open' | 'refused' | 'timeout' {
  const hp = hostPort(url);
  if (!hp) return 'refused';
  const target = addressOf(hp.host.replace(/^\[|\]$/g, ''), machine);
  if (isLoopback(target) || target === machine.ip) return listensAt(listeners, machine, target, hp.port) ? 'open' : 'refused';
  if (!others) return 'open';
  const other = others(target);
  if (!other) return 'timeout';
  return listensAt(etcdGrpcListeners(other, startedAt), other, other.ip, hp.port) ? 'open' : 'refused';
}

/** How a control-plane container that just started on `machine` will fail, if it will. */
export function plannedFailure(machine: Machine, c: Container, others?: MachineLookup): ProcessFailure | undefined {
  if (c.namespace !== 'kube-system' || !CONTROL_PLANE.has(c.name)) return undefined;
  const pod = staticPodOf(machine, c);
  const argv = commandOf(machine, c, pod);
  if (!pod || !argv) return undefined;
  const startedAt = c.startedAt ?? c.createdAt;
  const version = c.image.split(':').pop() ?? '';
  // The command line is parsed before anything else runs.
  const badFlags = flagFailure(argv, version);
  if (badFlags) return { lines: badFlags.lines.map((line) => ({ offsetMs: 0, line })), exitAfterMs: 0, exitCode: badFlags.exitCode };
  if (c.name === 'etcd') return etcdFailure(argv, machine, startedAt, containerFiles(machine, pod, c.name));
  const invalid = c.name === 'kube-apiserver' ? apiServerOptionErrors(argv, version) : [];
  if (invalid.length) return apiServerInvalidOptions(argv, startedAt, invalid);
  const missing = startupFileError(c.name, argv, containerFiles(machine, pod, c.name));
  if (missing && c.name !== 'kube-apiserver') return componentCommandFailed(startedAt, missing.error);
  if (missing) return missing.stage === 'options' ? apiServerCommandFailed(argv, version, startedAt, missing.error) : apiServerStorageFailure(argv, version, startedAt, missing.error);
  if (c.name !== 'kube-apiserver') return undefined;
  const servers = urls(flagOf(argv, 'etcd-servers'));
  if (servers.length === 0) return undefined;
  const listeners = etcdGrpcListeners(machine, startedAt);
  const dials = servers.map((u) => etcdDial(u, machine, listeners, others, startedAt));
  if (dials.includes('open')) return undefined;
  return apiServerWithoutEtcd(argv, version, startedAt, dials[0] === 'timeout' ? 'timeout' : 'refused');
}

/** Containers started to fail, per runtime: the API server among them serves nothing meanwhile. */
const doomed = new WeakMap<ContainerRuntime, Set<string>>();

/**
 * Is this runtime's running `name` container one that will fail (a kube-apiserver that cannot
 * reach etcd never opens its port)? Cheap when nothing fails: the set is empty.
 */
export function servingFails(runtime: ContainerRuntime, name: string): boolean {
  const ids = doomed.get(runtime);
  if (!ids?.size) return false;
  for (const id of ids) {
    const c = runtime.containers.get(id);
    if (c && c.name === name && c.state === 'CONTAINER_RUNNING') return true;
  }
  return false;
}

/**
 * Run a started control-plane container's failure: its lines reach the runtime's log as they
 * happen and the process exits when its time comes; the kubelet notices the exit (PLEG) and
 * restarts it with back-off. A failure due at once (etcd's bind error) happens before anything
 * else can see the process running. Returns whether the container will fail.
 */
export function superviseControlPlaneProcess(machine: Machine, runtime: ContainerRuntime, clock: SimClock, c: Container, others?: MachineLookup, startLines?: () => readonly ProcessLine[]): boolean {
  if (c.state !== 'CONTAINER_RUNNING') return false;
  const planned = plannedFailure(machine, c, others);
  if (!planned) return false;
  const failure = planned.afterStart ? planned.afterStart(startLines?.() ?? []) : planned;
  const startedAt = c.startedAt ?? clock.now();
  let ids = doomed.get(runtime);
  if (!ids) doomed.set(runtime, (ids = new Set()));
  ids.add(c.id);
  let next = 0;
  const step = () => {
    if (c.state !== 'CONTAINER_RUNNING') return void ids.delete(c.id);
    const now = clock.now();
    while (next < failure.lines.length && startedAt + failure.lines[next].offsetMs <= now) runtime.log(c.id, startedAt + failure.lines[next].offsetMs, failure.lines[next++].line, 'stderr');
    if (startedAt + failure.exitAfterMs <= now || failure.exitAfterMs <= 3) {
      while (next < failure.lines.length) runtime.log(c.id, startedAt + failure.lines[next].offsetMs, failure.lines[next++].line, 'stderr');
      ids.delete(c.id);
      runtime.finish(c.id, failure.exitCode, 'Error', Math.max(now, startedAt));
      return;
    }
    const due = next < failure.lines.length ? startedAt + failure.lines[next].offsetMs : startedAt + failure.exitAfterMs;
    clock.setTimeout(step, Math.max(0, due - now));
  };
  step();
  return true;
}
