/**
 * kubeadm's configuration files (cmd/kubeadm/app/util/config): YAML documents of the kinds
 * InitConfiguration, ClusterConfiguration, JoinConfiguration (kubeadm.k8s.io/v1beta1 … v1beta4, as
 * the installed release reads them: see config-versions.ts), KubeletConfiguration and
 * KubeProxyConfiguration. Decoding is strict as kubeadm's is: an unknown field is a warning for
 * init and an error for `config validate`; old API versions are refused with the real message;
 * deprecated ones are read with the deprecation warning; experimental ones need
 * --allow-experimental-api.
 */
import { parseAllDocuments } from 'yaml';
import { splitYamlStream, yamlToJsonError } from '../go-yaml';
import { V1BETA1, V1BETA2, V1BETA3, V1BETA4, configApiRelease, deprecatedApiWarning, experimentalApiError, notRegisteredError, oldApiError } from './config-versions';

export { V1BETA2, V1BETA3, V1BETA4 } from './config-versions';

/** The last kubeadm minor whose configuration API is v1beta2 (v1beta3 came with 1.22). */
export const LAST_V1BETA2_MINOR = 21;
const KUBELET_API = 'kubelet.config.k8s.io/v1beta1';
const PROXY_API = 'kubeproxy.config.k8s.io/v1alpha1';

/** Field trees of each kind (true: a leaf or a free-form value; an object: known sub-fields). */
type Fields = { [name: string]: true | Fields };

const NODE_REGISTRATION: Fields = { name: true, criSocket: true, taints: true, kubeletExtraArgs: true, ignorePreflightErrors: true, imagePullPolicy: true, imagePullSerial: true };
const API_ENDPOINT: Fields = { advertiseAddress: true, bindPort: true };
const COMMON_INIT: Fields = { apiVersion: true, kind: true, bootstrapTokens: true, nodeRegistration: NODE_REGISTRATION, localAPIEndpoint: API_ENDPOINT, certificateKey: true, skipPhases: true, patches: true };
const CONTROL_PLANE_COMPONENT: Fields = { extraArgs: true, extraVolumes: true, extraEnvs: true };
const COMMON_CLUSTER: Fields = {
  apiVersion: true,
  kind: true,
  etcd: { local: { imageRepository: true, imageTag: true, dataDir: true, extraArgs: true, extraEnvs: true, serverCertSANs: true, peerCertSANs: true }, external: { endpoints: true, caFile: true, certFile: true, keyFile: true } },
  networking: { serviceSubnet: true, podSubnet: true, dnsDomain: true },
  kubernetesVersion: true,
  controlPlaneEndpoint: true,
  apiServer: { ...CONTROL_PLANE_COMPONENT, certSANs: true },
  controllerManager: CONTROL_PLANE_COMPONENT,
  scheduler: CONTROL_PLANE_COMPONENT,
  dns: { imageRepository: true, imageTag: true, disabled: true },
  certificatesDir: true,
  imageRepository: true,
  featureGates: true,
  clusterName: true,
};
const JOIN: Fields = {
  apiVersion: true,
  kind: true,
  caCertPath: true,
  discovery: { bootstrapToken: { token: true, apiServerEndpoint: true, caCertHashes: true, unsafeSkipCAVerification: true }, file: true, tlsBootstrapToken: true },
  nodeRegistration: NODE_REGISTRATION,
  controlPlane: { localAPIEndpoint: API_ENDPOINT, certificateKey: true },
  skipPhases: true,
  patches: true,
};

const KINDS: Record<string, Record<string, Fields>> = {
  [V1BETA4]: {
    InitConfiguration: { ...COMMON_INIT, dryRun: true, timeouts: true },
    ClusterConfiguration: {
      ...COMMON_CLUSTER,
      apiServer: { ...CONTROL_PLANE_COMPONENT, certSANs: true },
      proxy: { disabled: true },
      encryptionAlgorithm: true,
      certificateValidityPeriod: true,
      caCertificateValidityPeriod: true,
    },
    JoinConfiguration: { ...JOIN, dryRun: true, timeouts: true },
  },
  [V1BETA3]: {
    InitConfiguration: COMMON_INIT,
    ClusterConfiguration: { ...COMMON_CLUSTER, apiServer: { ...CONTROL_PLANE_COMPONENT, certSANs: true, timeoutForControlPlane: true } },
    JoinConfiguration: { ...JOIN, discovery: { ...(JOIN.discovery as Fields), timeout: true } },
  },
};

/** kubeadm 1.15–1.21 (v1beta2): the DNS type and the hyperkube image still exist; no skipPhases, patches or imagePullPolicy. */
const V1BETA2_NODE_REGISTRATION: Fields = { name: true, criSocket: true, taints: true, kubeletExtraArgs: true, ignorePreflightErrors: true };
const V1BETA2_COMPONENT: Fields = { extraArgs: true, extraVolumes: true };
const V1BETA2_KINDS: Record<string, Fields> = {
  InitConfiguration: { apiVersion: true, kind: true, bootstrapTokens: true, nodeRegistration: V1BETA2_NODE_REGISTRATION, localAPIEndpoint: API_ENDPOINT, certificateKey: true },
  ClusterConfiguration: {
    ...COMMON_CLUSTER,
    etcd: { local: { imageRepository: true, imageTag: true, dataDir: true, extraArgs: true, serverCertSANs: true, peerCertSANs: true }, external: { endpoints: true, caFile: true, certFile: true, keyFile: true } },
    apiServer: { ...V1BETA2_COMPONENT, certSANs: true, timeoutForControlPlane: true },
    controllerManager: V1BETA2_COMPONENT,
    scheduler: V1BETA2_COMPONENT,
    dns: { type: true, imageRepository: true, imageTag: true },
    useHyperKubeImage: true,
  },
  JoinConfiguration: {
    apiVersion: true,
    kind: true,
    caCertPath: true,
    discovery: { ...(JOIN.discovery as Fields), timeout: true },
    nodeRegistration: V1BETA2_NODE_REGISTRATION,
    controlPlane: { localAPIEndpoint: API_ENDPOINT, certificateKey: true },
  },
};

/** v1beta1 (read by 1.15–1.21, deprecated): v1beta2 without certificateKey and ignorePreflightErrors. */
const V1BETA1_NODE_REGISTRATION: Fields = { name: true, criSocket: true, taints: true, kubeletExtraArgs: true };
const V1BETA1_KINDS: Record<string, Fields> = {
  InitConfiguration: { apiVersion: true, kind: true, bootstrapTokens: true, nodeRegistration: V1BETA1_NODE_REGISTRATION, localAPIEndpoint: API_ENDPOINT },
  ClusterConfiguration: V1BETA2_KINDS.ClusterConfiguration,
  JoinConfiguration: { ...V1BETA2_KINDS.JoinConfiguration, nodeRegistration: V1BETA1_NODE_REGISTRATION, controlPlane: { localAPIEndpoint: API_ENDPOINT } },
};

/** Every kubeadm API version's kinds; a release reads those of configApiRelease(minor).apis. */
const ALL_KINDS: Record<string, Record<string, Fields>> = { ...KINDS, [V1BETA2]: V1BETA2_KINDS, [V1BETA1]: V1BETA1_KINDS };

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** What init and join take from the files (undefined: not set, kubeadm's default applies). */
export interface KubeadmConfig {
  advertiseAddress?: string;
  bindPort?: number;
  nodeName?: string;
  criSocket?: string;
  /** null or absent: the control-plane taint; [] : none. */
  taints?: Taint[] | null;
  kubeletExtraArgs?: Array<{ name: string; value: string }>;
  token?: string;
  /** JoinConfiguration discovery: the API server to join and the pinned CA hashes. */
  apiServerEndpoint?: string;
  caCertHashes?: string[];
  /** JoinConfiguration with a controlPlane section. */
  joinControlPlane?: boolean;
  certificateKey?: string;
  kubernetesVersion?: string;
  controlPlaneEndpoint?: string;
  podSubnet?: string;
  serviceSubnet?: string;
  dnsDomain?: string;
  imageRepository?: string;
  certSANs?: string[];
  clusterName?: string;
  etcdDataDir?: string;
  cgroupDriver?: string;
  proxyMode?: string;
  /** The kinds present. */
  kinds: string[];
}

export interface LoadedConfig {
  config?: KubeadmConfig;
  /** klog warning messages (without the klog header). */
  warnings: Array<{ file: string; message: string }>;
  error?: string;
}

function gvkString(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `schema.GroupVersionKind{Group:"${group}", Version:"${version}", Kind:"${kind}"}`;
}

function unknownFields(value: unknown, fields: Fields, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const known = fields[k];
    if (!known) out.push(`${prefix}${k}`);
    else if (known !== true) out.push(...unknownFields(v, known, `${prefix}${k}.`));
  }
  return out;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** kubeletExtraArgs: a list of {name, value} in v1beta4, a map in v1beta3. */
function extraArgs(v: unknown): Array<{ name: string; value: string }> | undefined {
  if (Array.isArray(v)) return v.map((a) => ({ name: String(obj(a).name ?? ''), value: String(obj(a).value ?? '') }));
  if (v && typeof v === 'object') return Object.entries(v as Obj).map(([name, value]) => ({ name, value: String(value) }));
  return undefined;
}

/**
 * Read a kubeadm configuration file. `strict`: unknown fields are errors (config validate) rather
 * than warnings (init, join, images).
 */
export function loadKubeadmConfig(text: string, opts: { strict?: boolean; allowDeprecated?: boolean; allowExperimental?: boolean; minor?: number } = {}): LoadedConfig {
  const release = configApiRelease(opts.minor);
  const warnings: LoadedConfig['warnings'] = [];
  // SplitYAMLDocuments: apimachinery's YAMLReader cuts the file, each piece's TypeMeta is read
  // with sigs.k8s.io/yaml, so a syntax error is go-yaml's, lines counted from the piece's start.
  for (const piece of splitYamlStream(text)) {
    if ('error' in piece) return { warnings, error: piece.error };
    const error = yamlToJsonError(piece.doc);
    if (error) return { warnings, error: `error converting YAML to JSON: ${error}` };
  }
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch (e) {
    return { warnings, error: `error converting YAML to JSON: ${(e as Error).message}` };
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const config: KubeadmConfig = { kinds: [] };
  for (const doc of list) {
    if (doc.errors.length) return { warnings, error: `error converting YAML to JSON: yaml: line ${(doc.errors[0].linePos?.[0].line ?? 1)}: ${doc.errors[0].message.split('\n')[0]}` };
    let js: unknown;
    try {
      js = doc.toJS();
    } catch (e) {
      return { warnings, error: `error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}` };
    }
    const o = obj(js);
    if (!Object.keys(o).length) continue;
    const apiVersion = str(o.apiVersion) ?? '';
    const kind = str(o.kind) ?? '';
    if (!kind) return { warnings, error: `Object 'Kind' is missing in '${JSON.stringify(o)}'` };
    // validateSupportedVersion: an old version is an error, a deprecated one a warning, an
    // experimental one an error unless allowed; a version newer than this kubeadm is not in its scheme.
    if (release.old[apiVersion]) return { warnings, error: oldApiError(release, apiVersion, kind) };
    const support = release.apis[apiVersion];
    if (!support && ALL_KINDS[apiVersion]?.[kind]) return { warnings, error: notRegisteredError(apiVersion, kind) };
    if (support === 'experimental' && !opts.allowExperimental) return { warnings, error: experimentalApiError(release, apiVersion, kind) };
    config.kinds.push(kind);
    if (apiVersion === KUBELET_API && kind === 'KubeletConfiguration') {
      config.cgroupDriver = str(o.cgroupDriver);
      continue;
    }
    if (apiVersion === PROXY_API && kind === 'KubeProxyConfiguration') {
      config.proxyMode = str(o.mode);
      continue;
    }
    const fields = support ? ALL_KINDS[apiVersion]?.[kind] : undefined;
    if (!fields) return { warnings, error: `unknown configuration APIs: []schema.GroupVersionKind{${gvkString(apiVersion, kind).replace('schema.GroupVersionKind', '')}}` };
    if (support === 'deprecated' && !opts.allowDeprecated) warnings.push({ file: release.warningSource, message: deprecatedApiWarning(release, apiVersion, kind) });
    const unknown = unknownFields(o, fields);
    if (unknown.length) {
      const message = `error unmarshaling configuration ${gvkString(apiVersion, kind)}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`;
      if (opts.strict) return { warnings, error: message };
      warnings.push({ file: kind === 'JoinConfiguration' ? 'joinconfiguration.go:96' : 'initconfiguration.go:333', message });
    }
    if (kind === 'InitConfiguration' || kind === 'JoinConfiguration') {
      const reg = obj(o.nodeRegistration);
      config.nodeName = str(reg.name) ?? config.nodeName;
      config.criSocket = str(reg.criSocket) ?? config.criSocket;
      if ('taints' in reg) config.taints = Array.isArray(reg.taints) ? (reg.taints as Obj[]).map((t) => ({ key: String(t.key ?? ''), value: str(t.value), effect: String(t.effect ?? '') })) : null;
      config.kubeletExtraArgs = extraArgs(reg.kubeletExtraArgs) ?? config.kubeletExtraArgs;
      const endpoint = obj(kind === 'InitConfiguration' ? o.localAPIEndpoint : obj(o.controlPlane).localAPIEndpoint);
      config.advertiseAddress = str(endpoint.advertiseAddress) ?? config.advertiseAddress;
      if (endpoint.bindPort !== undefined) config.bindPort = Number(endpoint.bindPort);
      config.certificateKey = str(o.certificateKey) ?? str(obj(o.controlPlane).certificateKey) ?? config.certificateKey;
      if (kind === 'JoinConfiguration') {
        const bt = obj(obj(o.discovery).bootstrapToken);
        config.apiServerEndpoint = str(bt.apiServerEndpoint);
        config.caCertHashes = Array.isArray(bt.caCertHashes) ? bt.caCertHashes.map(String) : undefined;
        config.joinControlPlane = o.controlPlane !== undefined && o.controlPlane !== null;
        config.token = str(obj(o.discovery).tlsBootstrapToken) ?? str(bt.token);
      }
      const tokens = Array.isArray(o.bootstrapTokens) ? (o.bootstrapTokens as Obj[]) : [];
      config.token = str(tokens[0]?.token) ?? config.token;
    }
    if (kind === 'ClusterConfiguration') {
      const net = obj(o.networking);
      config.kubernetesVersion = str(o.kubernetesVersion);
      config.controlPlaneEndpoint = str(o.controlPlaneEndpoint) || undefined;
      config.podSubnet = str(net.podSubnet);
      config.serviceSubnet = str(net.serviceSubnet);
      config.dnsDomain = str(net.dnsDomain);
      config.imageRepository = str(o.imageRepository);
      config.clusterName = str(o.clusterName);
      const sans = obj(o.apiServer).certSANs;
      config.certSANs = Array.isArray(sans) ? sans.map(String) : undefined;
      config.etcdDataDir = str(obj(obj(o.etcd).local).dataDir);
    }
  }
  criSocketScheme(config, warnings, opts);
  return { config, warnings };
}

/**
 * kubeadm 1.24–1.26 (dockershim gone, CRI endpoints becoming URLs) take a criSocket without a
 * scheme but warn and prepend unix:// (SetNodeRegistrationDynamicDefaults; v1.24.0 printed it
 * from initconfiguration.go:120). Only when the file is used, not validated.
 */
function criSocketScheme(config: KubeadmConfig, warnings: LoadedConfig['warnings'], opts: { strict?: boolean; minor?: number }): void {
  const socket = config.criSocket;
  if (opts.strict || opts.minor === undefined || opts.minor < 24 || opts.minor > 26 || !socket || socket.startsWith('unix://')) return;
  warnings.push({
    file: 'initconfiguration.go:120',
    message: `Usage of CRI endpoints without URL scheme is deprecated and can cause kubelet errors in the future. Automatically prepending scheme "unix" to the "criSocket" with value "${socket}". Please update your configuration!`,
  });
  config.criSocket = `unix://${socket}`;
}

/**
 * `kubeadm config migrate`: the kubeadm documents written in the version this release writes
 * (v1beta2 up to 1.21, v1beta3 from 1.22, v1beta4 from 1.31 or with --allow-experimental-api on
 * 1.28–1.30). Only kubeadm kinds are migrated; deprecated versions are read without a warning.
 */
export function migrateConfig(text: string, opts: { minor?: number; allowExperimental?: boolean } = {}): { output?: string; error?: string } {
  // Migration decodes strictly, as validate does: an unknown field is an error.
  const checked = loadKubeadmConfig(text, { strict: true, allowDeprecated: true, allowExperimental: opts.allowExperimental, minor: opts.minor });
  if (checked.error) return { error: checked.error };
  const release = configApiRelease(opts.minor);
  const target = opts.allowExperimental && release.experimentalTarget ? release.experimentalTarget : release.target;
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch (e) {
    return { error: (e as Error).message };
  }
  const out: string[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    let js: unknown;
    try {
      js = doc.toJS();
    } catch (e) {
      return { error: `error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}` };
    }
    const o = obj(js);
    if (!Object.keys(o).length) continue;
    if (!ALL_KINDS[str(o.apiVersion) ?? '']) continue; // only kubeadm kinds are migrated
    out.push(toYaml(convertTo(target, o)));
  }
  return { output: out.join('---\n') };
}

/** v1beta4's conversion of an extra-arguments map: a list sorted by name. */
function sortedArgs(v: unknown): Array<{ name: string; value: string }> | undefined {
  return extraArgs(v)?.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A kubeadm document in `target`'s shape: the fields the newer version removed or reshaped. */
function convertTo(target: string, o: Obj): Obj {
  const copy: Obj = { ...o, apiVersion: target };
  if (target === V1BETA3 && copy.kind === 'ClusterConfiguration') {
    // v1beta3 dropped the DNS type (CoreDNS only) and the hyperkube image.
    const { type: _type, ...dns } = obj(copy.dns);
    void _type;
    if (copy.dns !== undefined) copy.dns = dns;
    delete copy.useHyperKubeImage;
  }
  if (target !== V1BETA4) return copy;
  // v1beta4: extra arguments are lists of {name, value}; the timeouts moved to InitConfiguration/JoinConfiguration.timeouts.
  const reg = obj(copy.nodeRegistration);
  if (reg.kubeletExtraArgs && !Array.isArray(reg.kubeletExtraArgs)) copy.nodeRegistration = { ...reg, kubeletExtraArgs: sortedArgs(reg.kubeletExtraArgs) };
  for (const component of ['apiServer', 'controllerManager', 'scheduler']) {
    const c = obj(copy[component]);
    if (c.extraArgs && !Array.isArray(c.extraArgs)) copy[component] = { ...c, extraArgs: sortedArgs(c.extraArgs) };
  }
  const local = obj(obj(copy.etcd).local);
  if (local.extraArgs && !Array.isArray(local.extraArgs)) copy.etcd = { ...obj(copy.etcd), local: { ...local, extraArgs: sortedArgs(local.extraArgs) } };
  if ('timeoutForControlPlane' in obj(copy.apiServer)) {
    const { timeoutForControlPlane: _t, ...rest } = obj(copy.apiServer);
    void _t;
    copy.apiServer = rest;
  }
  if ('timeout' in obj(copy.discovery)) {
    const { timeout: _d, ...rest } = obj(copy.discovery);
    void _d;
    copy.discovery = rest;
  }
  return copy;
}

/** Go's yaml.Marshal layout: keys sorted, two-space indentation, lists not indented. */
function toYaml(value: unknown, indent = ''): string {
  const o = obj(value);
  let s = '';
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    if (v === null || v === undefined) s += `${indent}${k}: null\n`;
    else if (Array.isArray(v)) {
      if (!v.length) s += `${indent}${k}: []\n`;
      else {
        s += `${indent}${k}:\n`;
        for (const item of v) {
          if (item && typeof item === 'object') {
            const body = toYaml(item, `${indent}  `);
            s += `${indent}- ${body.slice(indent.length + 2)}`;
          } else s += `${indent}- ${scalar(item)}\n`;
        }
      }
    } else if (typeof v === 'object') s += Object.keys(v as Obj).length ? `${indent}${k}:\n${toYaml(v, `${indent}  `)}` : `${indent}${k}: {}\n`;
    else s += `${indent}${k}: ${scalar(v)}\n`;
  }
  return s;
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return /^[\w./:@-]+$/.test(v) && !/^(true|false|null|\d+(\.\d+)?)$/.test(v) ? v : JSON.stringify(v);
  return String(v);
}

/** Flags that `kubeadm init --config` accepts besides the file (the rest cannot be mixed with it). */
export const INIT_FLAGS_WITH_CONFIG = new Set(['config', 'ignore-preflight-errors', 'dry-run', 'kubeconfig', 'upload-certs', 'certificate-key', 'skip-certificate-key-print', 'skip-token-print', 'skip-phases', 'patches', 'v', 'rootfs', 'node-name']);
export const JOIN_FLAGS_WITH_CONFIG = new Set(['config', 'ignore-preflight-errors', 'dry-run', 'kubeconfig', 'skip-phases', 'patches', 'v', 'rootfs', 'node-name', 'control-plane', 'certificate-key']);

/** `can not mix '--config' with arguments [a b]`, or undefined. */
export function mixedFlagsError(flags: string[], allowed: Set<string>): string | undefined {
  const bad = flags.filter((f) => !allowed.has(f)).sort();
  return bad.length ? `can not mix '--config' with arguments [${bad.join(' ')}]` : undefined;
}
