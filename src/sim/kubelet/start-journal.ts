/**
 * What a v1.33 kubelet of a kubeadm node writes to its journal when it starts and runs (klog's
 * text format at the default verbosity), from pflag's deprecation notices to "Starting kubelet
 * main sync loop", then its registration once it reaches the API server. Written once per start.
 *
 * Texts, keys, order and spacing: a kubeadm control-plane node's v1.32.4 kubelet with containerd
 * 1.7.27 (`journalctl -xeu kubelet` pasted in a public guide, its start took ~85 ms, its first
 * registration attempt ~100 ms later), which is also where the file:line of most lines come from.
 * The kubernetes/kubernetes source reachable here is a much later commit (its server.go dumps the
 * effective KubeletConfiguration, which v1.33 does not), so it was read for conditions only. Lines
 * whose v1.33 numbers are known from v1.33 journals use them: kubelet_node_status.go:75 (and :107
 * for the failure, in unreachable-journal.ts), kubelet.go:2459 ("Skipping pod synchronization",
 * as runtime-status.ts). "Starting kubelet main sync loop" sits 24 lines above it in v1.32.4's
 * syncLoop, hence kubelet.go:2435. A restart on a registered Node follows a v1.34 journal for
 * what v1.32.4's first start does not show ("Node was previously registered" :124, "Successfully
 * registered node" :78 — :75 and :107 are the same in v1.32, v1.33 and v1.34 — then the pod CIDR
 * handed to the runtime, kuberuntime_manager.go:1828 and kubelet_network.go:47, and
 * apiserver.go:52 "Watching apiserver"): those numbers are v1.34's.
 *
 * containerd 1.7 has no RuntimeConfig call, so the kubelet says it falls back to the cgroupDriver
 * of its own config (KubeletCgroupDriverFromCRI) instead of naming a driver received from the CRI;
 * cri-dockerd (a minikube node) answers it with Docker's driver. The runtime's name and version
 * in "Container runtime initialized" are its CRI Version answer.
 *
 * Left out, not being known for v1.33: "Creating Container Manager object based on Node Config"
 * (its nodeConfig JSON is not pinned for v1.33), the ClusterTrustBundle informer line (its text
 * changed around v1.33), the per-volume reconciler lines and the pod sync lines (per pod, not per
 * start). Lines about the API server while it cannot be reached come from unreachable-journal.ts.
 */
import type { KlogLine, PlainLine, ServiceLogLine } from '../systemd/journal';
import { goQuote } from './journal';

/**
 * Flags of the KubeletConfiguration (options.AddKubeletConfigFlags marks every one deprecated in
 * favour of the config file). Only these widely used ones are known here; another config flag
 * given on the command line prints no notice.
 */
const CONFIG_FLAGS = new Set([
  'address', 'anonymous-auth', 'authentication-token-webhook', 'authorization-mode', 'cgroup-driver', 'cgroup-root', 'cgroups-per-qos',
  'client-ca-file', 'cluster-dns', 'cluster-domain', 'container-log-max-files', 'container-log-max-size', 'container-runtime-endpoint',
  'cpu-manager-policy', 'enforce-node-allocatable', 'event-qps', 'eviction-hard', 'eviction-soft', 'fail-swap-on', 'feature-gates',
  'hairpin-mode', 'healthz-bind-address', 'healthz-port', 'image-gc-high-threshold', 'image-gc-low-threshold', 'image-service-endpoint',
  'kube-api-burst', 'kube-api-qps', 'kube-reserved', 'make-iptables-util-chains', 'max-pods', 'node-status-update-frequency', 'oom-score-adj',
  'pod-manifest-path', 'pod-max-pids', 'port', 'protect-kernel-defaults', 'provider-id', 'read-only-port', 'register-node', 'register-with-taints',
  'resolv-conf', 'rotate-certificates', 'rotate-server-certificates', 'runtime-request-timeout', 'serialize-image-pulls',
  'streaming-connection-idle-timeout', 'sync-frequency', 'system-reserved', 'tls-cert-file', 'tls-private-key-file', 'topology-manager-policy',
  'volume-plugin-dir',
]);
const CONFIG_FILE_NOTICE = "This parameter should be set via the config file specified by the Kubelet's --config flag. See https://kubernetes.io/docs/tasks/administer-cluster/kubelet-config-file/ for more information.";
const POD_INFRA_NOTICE = 'will be removed in 1.35. Image garbage collector will get sandbox image information from CRI.';

/** What the starting process reads: its command line, its config file and what it finds on the node. */
export interface KubeletStartFacts {
  /** The kubelet's version, e.g. v1.33.4. */
  version: string;
  /** Its flags in command-line order. */
  args: Array<[string, string]>;
  /** /var/lib/kubelet/config.yaml as read at start. */
  config: string;
  /** The runtime's name and version as the CRI reports them (`crictl version`): containerd's, or "docker" and Docker Engine's behind cri-dockerd. */
  runtimeName: string;
  runtimeVersion: string;
  /**
   * The cgroup driver the runtime's RuntimeConfig answers (cri-dockerd v0.4.0 core/docker_service.go
   * RuntimeConfig: Docker's), or undefined when the runtime lacks the call (containerd 1.7).
   */
  criCgroupDriver?: 'systemd' | 'cgroupfs';
  /** The Flexvolume plugin directory is missing (the kubelet creates it and says so). */
  flexvolumeDirMissing: boolean;
  /** No Node of this name was registered before: the first start on this node (no device-plugin checkpoint yet). */
  firstStart: boolean;
}

/** A klog line `ms` milliseconds (with microseconds as the fraction) after the start. */
const at = (ms: number, klog: KlogLine['klog'], source: string, text: string): KlogLine => ({ klog, source, text, offsetMs: Math.floor(ms), micros: Math.round((ms % 1) * 1000) });
const info = (ms: number, source: string, text: string) => at(ms, 'I', source, text);

/** A top-level scalar of the KubeletConfiguration YAML, if set. */
function configValue(config: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(config);
  return m ? m[1].replace(/^["']|["']$/g, '') : undefined;
}

/** `authentication.x509.clientCAFile`, read by its indentation. */
export function clientCAFile(config: string): string | undefined {
  return /^\s+clientCAFile:[ \t]*(\S+)/m.exec(config)?.[1];
}

function flag(args: Array<[string, string]>, name: string): string | undefined {
  let value: string | undefined;
  for (const [n, v] of args) if (n === name) value = v;
  return value;
}

/** pflag's notices, one per deprecated flag given, in command-line order (stderr, no klog header). */
function deprecationNotices(args: Array<[string, string]>): PlainLine[] {
  const out: PlainLine[] = [];
  for (const [name] of args) {
    const notice = name === 'pod-infra-container-image' ? POD_INFRA_NOTICE : CONFIG_FLAGS.has(name) ? CONFIG_FILE_NOTICE : undefined;
    if (notice) out.push({ plain: `Flag --${name} has been deprecated, ${notice}`, offsetMs: 0 });
  }
  return out;
}

/** How far a kubelet that fails got into its start: its config file, the dependencies built from it, or run(). */
export type KubeletStartStage = 'config' | 'dependencies' | 'run';

/**
 * What a kubelet that fails at `stage` printed before its error, and when the error comes: pflag's
 * notices as it parses its flags; past its config file, the sandbox-image notice (KodeKloud's
 * worker with a wrong clientCAFile: server.go:215, then "command failed" 1.5 ms later); in run(),
 * its version and Go settings. A failure at run() prints more in between (certificates, cgroups),
 * left out here.
 */
export function kubeletFailurePrologue(args: Array<[string, string]>, stage: KubeletStartStage, version: string): { lines: ServiceLogLine[]; failAtMs: number } {
  const lines: ServiceLogLine[] = [...deprecationNotices(args)];
  if (stage === 'config') return { lines, failAtMs: 0.15 };
  if (flag(args, 'pod-infra-container-image') !== undefined) lines.push(info(4.338, 'server.go:215', '"--pod-infra-container-image will not be pruned by the image garbage collector in kubelet and should also be set in the remote runtime"'));
  if (stage === 'dependencies') return { lines, failAtMs: 5.789 };
  lines.push(info(9.116, 'server.go:520', `"Kubelet version" kubeletVersion=${goQuote(version)}`), info(9.137, 'server.go:522', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'));
  return { lines, failAtMs: 23.6 };
}

/**
 * getCgroupDriverFromCRI (cmd/kubelet/app/server.go): containerd 1.7 has no RuntimeConfig, so the
 * kubelet logs the failed call and falls back (server.go:1421 in v1.32.4's journal); a runtime
 * that answers (cri-dockerd) gets "Using cgroup driver setting received from the CRI runtime",
 * 23 lines further down the same function (the function's text is the same from v1.32 to v1.34):
 * server.go:1444, derived, not seen in a v1.33 journal.
 */
function runtimeConfigLines(criCgroupDriver: KubeletStartFacts['criCgroupDriver']): KlogLine[] {
  if (criCgroupDriver) return [info(15.242, 'server.go:1444', `"Using cgroup driver setting received from the CRI runtime" cgroupDriver=${goQuote(criCgroupDriver)}`)];
  return [
    at(15.22, 'E', 'log.go:32', '"RuntimeConfig from runtime service failed" err="rpc error: code = Unimplemented desc = unknown method RuntimeConfig for service runtime.v1.RuntimeService"'),
    info(15.242, 'server.go:1421', '"CRI implementation should be updated to support RuntimeConfig when KubeletCgroupDriverFromCRI feature gate has been enabled. Falling back to using cgroupDriver from kubelet config."'),
  ];
}

/** The lines from the process start to its main sync loop. */
export function kubeletStartLines(f: KubeletStartFacts): ServiceLogLine[] {
  const cfg = f.config;
  const lines: ServiceLogLine[] = [...deprecationNotices(f.args)];
  const push = (...l: Array<KlogLine | false | "" | undefined>) => {
    for (const x of l) if (x) lines.push(x);
  };
  const rotation = configValue(cfg, 'rotateCertificates') === 'true' && !!flag(f.args, 'bootstrap-kubeconfig');
  const caFile = clientCAFile(cfg);
  const staticPodPath = configValue(cfg, 'staticPodPath');
  const cgroupRoot = configValue(cfg, 'cgroupRoot') ?? '';
  const perQos = configValue(cfg, 'cgroupsPerQOS') !== 'false';
  const address = configValue(cfg, 'address') ?? '0.0.0.0';
  const port = configValue(cfg, 'port') ?? '10250';
  const certDir = flag(f.args, 'cert-dir') ?? '/var/lib/kubelet/pki';
  const serverCert = configValue(cfg, 'serverTLSBootstrap') === 'true' || configValue(cfg, 'tlsCertFile') ? undefined : `${certDir}/kubelet.crt::${certDir}/kubelet.key`;
  push(
    flag(f.args, 'pod-infra-container-image') !== undefined && info(4.338, 'server.go:215', '"--pod-infra-container-image will not be pruned by the image garbage collector in kubelet and should also be set in the remote runtime"'),
    info(9.116, 'server.go:520', `"Kubelet version" kubeletVersion=${goQuote(f.version)}`),
    info(9.137, 'server.go:522', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'),
    rotation && info(9.359, 'server.go:954', '"Client rotation is on, will bootstrap in background"'),
    rotation && info(10.746, 'certificate_store.go:130', `Loading cert/key pair from "${certDir}/kubelet-client-current.pem".`),
    caFile && info(12.693, 'dynamic_cafile_content.go:161', `"Starting controller" name=${goQuote(`client-ca-bundle::${caFile}`)}`),
    ...runtimeConfigLines(f.criCgroupDriver),
    perQos && !cgroupRoot && info(23.519, 'server.go:772', '"--cgroups-per-qos enabled, but --cgroup-root was not specified.  defaulting to /"'),
    info(23.745, 'container_manager_linux.go:268', `"Container manager verified user specified cgroup-root exists" cgroupRoot=[${cgroupRoot}]`),
    info(23.963, 'topology_manager.go:138', '"Creating topology manager with none policy"'),
    info(23.973, 'container_manager_linux.go:304', '"Creating device plugin manager"'),
    info(24.096, 'state_mem.go:36', '"Initialized new in-memory state store"'),
    info(24.362, 'kubelet.go:446', '"Attempting to sync node with API server"'),
    staticPodPath && info(24.383, 'kubelet.go:341', `"Adding static pod path" path=${goQuote(staticPodPath)}`),
    info(24.401, 'kubelet.go:352', '"Adding apiserver pod source"'),
    info(24.412, 'apiserver.go:42', '"Waiting for node sync before watching apiserver pods"'),
    info(25.044, 'kuberuntime_manager.go:269', `"Container runtime initialized" containerRuntime=${goQuote(f.runtimeName)} version=${goQuote(f.runtimeVersion)} apiVersion="v1"`),
    f.flexvolumeDirMissing && at(25.385, 'W', 'probe.go:272', 'Flexvolume plugin directory at /usr/libexec/kubernetes/kubelet-plugins/volume/exec/ does not exist. Recreating.'),
    info(25.658, 'watchdog_linux.go:99', '"Systemd watchdog is not enabled"'),
    info(25.673, 'server.go:1287', '"Started kubelet"'),
    info(25.761, 'ratelimit.go:55', '"Setting rate limiting for endpoint" service="podresources" qps=100 burstTokens=10'),
    info(25.77, 'server.go:169', `"Starting to listen" address=${goQuote(address)} port=${port}`),
    info(26.021, 'server.go:243', '"Starting to serve the podresources API" endpoint="unix:/var/lib/kubelet/pod-resources/kubelet.sock"'),
    info(26.314, 'fs_resource_analyzer.go:67', '"Starting FS ResourceAnalyzer"'),
    serverCert && info(26.343, 'dynamic_serving_content.go:135', `"Starting controller" name=${goQuote(`kubelet-server-cert-files::${serverCert}`)}`),
    info(26.416, 'volume_manager.go:297', '"Starting Kubelet Volume Manager"'),
    info(26.449, 'desired_state_of_world_populator.go:150', '"Desired state populator starts to run"'),
    info(26.521, 'reconciler.go:26', '"Reconciler: start to sync state"'),
    info(27.248, 'factory.go:219', 'Registration of the crio container factory failed: Get "http://%2Fvar%2Frun%2Fcrio%2Fcrio.sock/info": dial unix /var/run/crio/crio.sock: connect: no such file or directory'),
    info(28.627, 'server.go:479', '"Adding debug handlers to kubelet server"'),
    info(29.015, 'factory.go:221', 'Registration of the containerd container factory successfully'),
    info(29.031, 'factory.go:221', 'Registration of the systemd container factory successfully'),
    at(29.126, 'E', 'kubelet.go:1555', '"Image garbage collection failed once. Stats initialization may not have completed yet" err="invalid capacity 0 on image filesystem"'),
    info(38.984, 'cpu_manager.go:221', '"Starting CPU manager" policy="none"'),
    info(38.991, 'cpu_manager.go:222', '"Reconciling" reconcilePeriod="10s"'),
    info(39.003, 'state_mem.go:36', '"Initialized new in-memory state store"'),
    info(40.09, 'policy_none.go:49', '"None policy: Start"'),
    info(40.098, 'memory_manager.go:186', '"Starting memorymanager" policy="None"'),
    info(40.104, 'state_mem.go:35', '"Initializing new in-memory state store"'),
    f.firstStart && info(79.672, 'manager.go:519', '"Failed to read data from checkpoint" checkpoint="kubelet_internal_checkpoint" err="checkpoint is not found"'),
    info(79.805, 'eviction_manager.go:189', '"Eviction manager: starting control loop"'),
    info(79.817, 'container_log_manager.go:189', '"Initializing container log rotate workers" workers=1 monitorPeriod="10s"'),
    info(79.983, 'plugin_manager.go:118', '"Starting Kubelet Plugin Manager"'),
    at(80.523, 'E', 'eviction_manager.go:267', '"eviction manager: failed to check if we have separate container filesystem. Ignoring." err="no imagefs label for configured runtime"'),
    info(83.661, 'kubelet_network_linux.go:50', '"Initialized iptables rules." protocol="IPv4"'),
    info(84.773, 'kubelet_network_linux.go:50', '"Initialized iptables rules." protocol="IPv6"'),
    info(84.793, 'status_manager.go:227', '"Starting to sync pod status with apiserver"'),
    info(84.815, 'watchdog_linux.go:127', '"Systemd watchdog is not enabled or the interval is invalid, so health checking will not be started."'),
    info(84.821, 'kubelet.go:2435', '"Starting kubelet main sync loop"'),
    at(84.861, 'E', 'kubelet.go:2459', '"Skipping pod synchronization" err="PLEG is not healthy: pleg has yet to be successful"'),
  );
  return lines;
}

/** When, after its start, the kubelet's first registration attempt comes (registerWithAPIServer sleeps 100 ms first). */
export const FIRST_REGISTRATION_MS = 182;

export interface KubeletRegistration {
  nodeName: string;
  /** The Node existed before this attempt (a restart): the kubelet reconciles it instead of creating it. */
  previouslyRegistered: boolean;
  /** The Node's spec.podCIDR as the kubelet finds it, handed to the runtime. */
  podCIDR?: string;
  /** Milliseconds after the process start (at least FIRST_REGISTRATION_MS). */
  offsetMs: number;
}

/** The lines of a registration that succeeds, and when the pod CIDR went to the runtime (a registered Node's). */
export function kubeletRegistrationLines(r: KubeletRegistration): { lines: ServiceLogLine[]; podCidrHandedAfterMs?: number } {
  const node = goQuote(r.nodeName);
  const t = r.offsetMs;
  // The pod source starts once the node informer has synced, which the API answering makes quick.
  const lines: KlogLine[] = [info(t - 80.394, 'apiserver.go:52', '"Watching apiserver"'), info(t + 0.16, 'kubelet_node_status.go:75', `"Attempting to register node" node=${node}`)];
  if (r.previouslyRegistered) lines.push(info(t + 4.011, 'kubelet_node_status.go:124', `"Node was previously registered" node=${node}`));
  lines.push(info(t + 4.122, 'kubelet_node_status.go:78', `"Successfully registered node" node=${node}`));
  if (!r.previouslyRegistered || !r.podCIDR) return { lines };
  lines.push(info(t + 4.142, 'kuberuntime_manager.go:1828', `"Updating runtime config through cri with podcidr" CIDR=${goQuote(r.podCIDR)}`));
  lines.push(info(t + 4.889, 'kubelet_network.go:47', `"Updating Pod CIDR" originalPodCIDR="" newPodCIDR=${goQuote(r.podCIDR)}`));
  return { lines, podCidrHandedAfterMs: t + 4 };
}
