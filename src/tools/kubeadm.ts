/** kubeadm: a table of subcommands (version, config images, init, join, token, reset) over src/sim/kubeadm. */
import { goDurationMs, parseGoDuration } from '../sim/go-parse-duration';
import type { CommandContext, Program } from '../shell/command';
import { packagesState } from '../sim/packages/db';
import { K8S_LATEST_PATCH } from '../sim/packages/catalogue';
import { Systemd } from '../sim/systemd/manager';
import { clusterOf } from '../sim/cluster/attach';
import { ApiClient } from '../sim/apiserver';
import { kubeadmRelease, requiredImages, versionInfoLine, caCertHash, type KubeadmRelease } from '../sim/kubeadm/versions';
import { applyIgnores, preflightFailure, runPreflight } from '../sim/kubeadm/preflight';
import { createObjects, joinCommand, listTokens, newCertificateKey, newToken, runInit, runJoin, runUploadCerts, type PhaseEnv } from '../sim/kubeadm/init';
import { INIT_FLAGS_WITH_CONFIG, JOIN_FLAGS_WITH_CONFIG, loadKubeadmConfig, migrateConfig, mixedFlagsError, type KubeadmConfig } from '../sim/kubeadm/config';
import { bootstrapTokenObjects } from '../sim/cluster/addons';
import { criDisabled } from './runtime/cri';
import { dockerPreflight, nodeRuntime } from '../sim/systemd/docker';
import { checkExpiration, resetNode } from '../sim/kubeadm/reset-certs';
import { renewCerts } from '../sim/kubeadm/certs-renew';
import { initDefaults } from '../sim/kubeadm/defaults';
import { planInput, planParts } from '../sim/kubeadm/upgrade';
import { klogPrefix } from '../sim/systemd/journal';
import { runUpgradeApply } from '../sim/kubeadm/upgrade-apply';
import { runUpgradeNode } from '../sim/kubeadm/upgrade-node';
import { resolveNodeName } from '../sim/kubeadm/node-name';
import { runningHostname } from '../sim/kubelet/flags';
import { isRoot, machineOf, out, worldOf } from './lib/context';
import { kubeadmFlagError } from './kubeadm-flags';
import { parseBool } from '../sim/pflag';

interface Flags {
  values: Record<string, string>;
  bools: Set<string>;
  positional: string[];
}

const BOOLEAN_FLAGS = new Set(['print-join-command', 'force', 'f', 'dry-run', 'upload-certs', 'control-plane', 'y', 'yes', 'skip-token-print', 'skip-certificate-key-print', 'allow-experimental-api', 'allow-missing-template-keys', 'discovery-token-unsafe-skip-ca-verification', 'etcd-upgrade', 'certificate-renewal']);

function parseFlags(args: string[]): Flags {
  const f: Flags = { values: {}, bools: new Set(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-')) {
      f.positional.push(a);
      continue;
    }
    const name = a.replace(/^-+/, '');
    const eq = name.indexOf('=');
    if (eq >= 0) f.values[name.slice(0, eq)] = name.slice(eq + 1);
    else if (BOOLEAN_FLAGS.has(name)) f.bools.add(name);
    else f.values[name] = args[++i] ?? '';
  }
  return f;
}

function installedRelease(ctx: CommandContext): KubeadmRelease {
  const v = packagesState(machineOf(ctx)).installed.kubeadm?.version ?? clusterOf(worldOf(ctx)!)?.version ?? 'v1.33.4';
  return kubeadmRelease(v);
}

/** The version init deploys without --kubernetes-version: stable-1.<minor> (the latest patch of kubeadm's minor). */
function defaultKubernetesVersion(r: KubeadmRelease): string {
  const latest = K8S_LATEST_PATCH[r.minor];
  return latest === undefined ? r.gitVersion : `v1.${r.minor}.${latest}`;
}

function phaseEnv(ctx: CommandContext, r: KubeadmRelease): PhaseEnv {
  const world = worldOf(ctx)!;
  return {
    world,
    machine: machineOf(ctx),
    release: r,
    now: () => ctx.clock.now(),
    sleep: (ms) => ctx.clock.sleep(ms),
    out: (line) => out(ctx.stdout, `${line}\n`),
    random: () => world.random.string(22, 'abcdefghijklmnopqrstuvwxyz0123456789'),
  };
}

function preflight(ctx: CommandContext, r: KubeadmRelease, mode: 'init' | 'join', ignore: string, nodeName?: string): boolean {
  const machine = machineOf(ctx);
  const sd = new Systemd(machine, worldOf(ctx), () => ctx.clock.now());
  const cluster = clusterOf(worldOf(ctx)!);
  const ports: number[] = [];
  if (cluster?.kubelets.get(machine.hostname)?.running) ports.push(10250);
  if (cluster && cluster.opts.controlPlane === machine.hostname && cluster.apiReachable()) ports.push(6443, 10259, 10257, 2379, 2380);
  const kubeletUnit = sd.unit('kubelet.service');
  // Before v1.24 a machine with Docker Engine is checked through dockershim (src/sim/systemd/docker.ts).
  const dockerPath = nodeRuntime(machine, r.minor).kind === 'docker';
  const checks = runPreflight({
    machine,
    minor: r.minor,
    isRoot: isRoot(ctx),
    runtimeUp: dockerPath || sd.isActive('containerd.service') || sd.isActive('docker.service'),
    criEnabled: dockerPath || !criDisabled(ctx),
    kubeletEnabled: !!kubeletUnit && sd.enablementOf(kubeletUnit) === 'enabled',
    portsInUse: ports,
    mode,
    nodeName,
  });
  if (dockerPath && isRoot(ctx)) {
    const dockerUnit = sd.unit('docker.service');
    const docker = dockerPreflight(machine, sd.isActive('docker.service'), !!dockerUnit && sd.enablementOf(dockerUnit) === 'enabled');
    checks.warnings.unshift(...docker.warnings);
    checks.errors.unshift(...docker.errors);
  }
  const result = applyIgnores(checks, ignore ? ignore.split(',') : []);
  for (const [name, msg] of result.warnings) out(ctx.stderr, `\t[WARNING ${name}]: ${msg}`);
  if (result.errors.length) {
    ctx.stderr.write(preflightFailure(result.errors));
    return false;
  }
  return true;
}

type Sub = (ctx: CommandContext, f: Flags, r: KubeadmRelease) => Promise<number>;

const version: Sub = async (ctx, f, r) => {
  const o = f.values.o ?? f.values.output;
  if (o === 'short') out(ctx.stdout, r.gitVersion);
  else if (o === 'json' || o === 'yaml') {
    const info = { clientVersion: { major: '1', minor: String(r.minor), gitVersion: r.gitVersion, gitCommit: r.gitCommit, gitTreeState: 'clean', buildDate: r.buildDate, goVersion: r.goVersion, compiler: 'gc', platform: 'linux/amd64' } };
    if (o === 'json') out(ctx.stdout, JSON.stringify(info, null, 2));
    else out(ctx.stdout, `clientVersion:\n${Object.entries(info.clientVersion).map(([k, v]) => `  ${k}: ${/^\d/.test(v) ? `"${v}"` : v}`).join('\n')}`);
  } else if (o) {
    ctx.stderr.write(`error: invalid output format: ${o}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  } else out(ctx.stdout, versionInfoLine(r));
  return 0;
};

/** A klog warning line as kubeadm writes it to stderr. */
function klogWarning(ctx: CommandContext, file: string, message: string): void {
  const d = new Date(ctx.clock.now()).toISOString();
  out(ctx.stderr, `W${d.slice(5, 7)}${d.slice(8, 10)} ${d.slice(11, 23)}000    4242 ${file}] ${message}`);
}

function fatal(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${message}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
  return 1;
}

/** Read --config FILE: the settings, or the exit status after printing kubeadm's error. */
function readConfigFile(ctx: CommandContext, path: string, minor: number, strict = false, allowExperimental = false): KubeadmConfig | number {
  let text: string;
  try {
    text = ctx.fs.readFile(path);
  } catch {
    return fatal(ctx, `unable to read config from "${path}" : open ${path}: no such file or directory`);
  }
  const loaded = loadKubeadmConfig(text, { strict, allowDeprecated: strict, allowExperimental, minor });
  for (const w of loaded.warnings) klogWarning(ctx, w.file, w.message);
  if (loaded.error) return fatal(ctx, loaded.error);
  return loaded.config!;
}

const config: Sub = async (ctx, f, r) => {
  const [, what, verb] = f.positional;
  if (what === 'print' && verb === 'init-defaults') {
    ctx.stdout.write(initDefaults(r.minor));
    return 0;
  }
  // `config validate` came with kubeadm 1.28 (before, it is an unknown command).
  if (what === 'validate' && r.minor >= 28) {
    if (!f.values.config) return fatal(ctx, 'the --config flag is mandatory');
    const c = readConfigFile(ctx, f.values.config, r.minor, true, f.bools.has('allow-experimental-api'));
    if (typeof c === 'number') return c;
    out(ctx.stdout, 'ok');
    return 0;
  }
  if (what === 'migrate') {
    const from = f.values['old-config'];
    if (!from) return fatal(ctx, 'the --old-config flag is mandatory');
    let text: string;
    try {
      text = ctx.fs.readFile(from);
    } catch {
      return fatal(ctx, `open ${from}: no such file or directory`);
    }
    const m = migrateConfig(text, { minor: r.minor, allowExperimental: f.bools.has('allow-experimental-api') });
    if (m.error) return fatal(ctx, m.error);
    if (f.values['new-config']) ctx.fs.writeFile(f.values['new-config'], m.output!);
    else ctx.stdout.write(m.output!);
    return 0;
  }
  if (what === 'images' && (verb === 'list' || verb === 'pull')) {
    let k8s = f.values['kubernetes-version'] ?? defaultKubernetesVersion(r);
    let repo = f.values['image-repository'] ?? 'registry.k8s.io';
    if (f.values.config) {
      const mixed = mixedFlagsError(Object.keys(f.values).concat([...f.bools]), new Set(['config', 'v', 'cri-socket', 'o', 'output', 'allow-missing-template-keys', 'feature-gates']));
      if (mixed) return fatal(ctx, mixed);
      const c = readConfigFile(ctx, f.values.config, r.minor);
      if (typeof c === 'number') return c;
      k8s = c.kubernetesVersion ?? k8s;
      repo = c.imageRepository ?? repo;
    }
    const images = requiredImages(r, k8s, repo);
    if (verb === 'list') {
      out(ctx.stdout, images.join('\n'));
      return 0;
    }
    const sd = new Systemd(machineOf(ctx), worldOf(ctx), () => ctx.clock.now());
    if (!sd.isActive('containerd.service') || criDisabled(ctx)) {
      const why = sd.isActive('containerd.service') ? 'rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService' : 'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: no such file or directory"';
      ctx.stderr.write(`failed to create new CRI runtime service: validate service connection: validate CRI v1 runtime API for endpoint "unix:///var/run/containerd/containerd.sock": ${why}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
      return 1;
    }
    for (const image of images) {
      await ctx.clock.sleep(3_000);
      out(ctx.stdout, `[config/images] Pulled ${image}`);
    }
    return 0;
  }
  ctx.stderr.write(`unknown command "${[what, verb].filter(Boolean).join(' ')}" for "kubeadm config"\nTo see the stack trace of this error execute with --v=5 or higher\n`);
  return 1;
};

/** host:port of a control plane endpoint (kubeadm adds the bind port when none is given). */
function withPort(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  return /:\d+$/.test(endpoint) ? endpoint : `${endpoint}:6443`;
}

const init: Sub = async (ctx, f, r) => {
  if (f.positional[1] === 'phase') return initPhase(ctx, f, r);
  let c: KubeadmConfig = { kinds: [] };
  if (f.values.config) {
    const mixed = mixedFlagsError([...Object.keys(f.values), ...f.bools], INIT_FLAGS_WITH_CONFIG);
    if (mixed) return fatal(ctx, mixed);
    const loaded = readConfigFile(ctx, f.values.config, r.minor);
    if (typeof loaded === 'number') return loaded;
    c = loaded;
  }
  const k8s = f.values['kubernetes-version'] ?? c.kubernetesVersion ?? defaultKubernetesVersion(r);
  const machine = machineOf(ctx);
  const node = resolveNodeName({ flag: f.values['node-name'], configured: c.nodeName, hostname: runningHostname(machine) });
  if (!node.ok) return fatal(ctx, node.error);
  out(ctx.stdout, `[init] Using Kubernetes version: ${k8s.startsWith('v') ? k8s : `v${k8s}`}`);
  out(ctx.stdout, '[preflight] Running pre-flight checks');
  if (!preflight(ctx, r, 'init', f.values['ignore-preflight-errors'] ?? '', node.name)) return 1;
  const env = { ...phaseEnv(ctx, r), err: (line: string) => out(ctx.stderr, line) };
  return runInit(env, {
    kubernetesVersion: k8s.startsWith('v') ? k8s : `v${k8s}`,
    advertiseAddress: f.values['apiserver-advertise-address'] ?? c.advertiseAddress ?? machine.ip,
    podSubnet: f.values['pod-network-cidr'] ?? c.podSubnet ?? '10.244.0.0/16',
    serviceSubnet: f.values['service-cidr'] ?? c.serviceSubnet ?? '10.96.0.0/12',
    imageRepository: f.values['image-repository'] ?? c.imageRepository ?? 'registry.k8s.io',
    controlPlaneEndpoint: withPort(f.values['control-plane-endpoint'] ?? c.controlPlaneEndpoint),
    uploadCerts: f.bools.has('upload-certs'),
    certificateKey: f.values['certificate-key'] ?? c.certificateKey,
    certSANs: f.values['apiserver-cert-extra-sans']?.split(',') ?? c.certSANs,
    taints: c.taints,
    token: f.values.token ?? c.token,
    skipTokenPrint: f.bools.has('skip-token-print'),
    skipCertificateKeyPrint: f.bools.has('skip-certificate-key-print'),
    nodeName: node.name,
    kubeletExtraArgs: c.kubeletExtraArgs,
  });
};

/** `kubeadm init phase upload-certs --upload-certs [--certificate-key K]`. */
const initPhase: Sub = async (ctx, f, r) => {
  const phase = f.positional[2];
  if (phase !== 'upload-certs') return fatal(ctx, `unknown command "${phase ?? ''}" for "kubeadm init phase"`);
  if (!f.bools.has('upload-certs')) {
    out(ctx.stdout, '[upload-certs] Skipping phase. Please see --upload-certs');
    return 0;
  }
  if (!isRoot(ctx) || !machineOf(ctx).rootFs.stat('/etc/kubernetes/admin.conf')) return fatal(ctx, `error execution phase upload-certs: failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: ${isRoot(ctx) ? 'no such file or directory' : 'permission denied'}`);
  const client = adminClient(ctx);
  if (!client) return fatal(ctx, 'error execution phase upload-certs: error uploading certs: Post "https://192.168.6.171:6443/api/v1/namespaces/kube-system/secrets?timeout=10s": dial tcp 192.168.6.171:6443: connect: connection refused');
  const env = phaseEnv(ctx, r);
  const key = f.values['certificate-key'] ?? newCertificateKey(env);
  const up = runUploadCerts(env, client, key);
  if (up.error) return fatal(ctx, up.error);
  for (const l of up.lines) out(ctx.stdout, l);
  return 0;
};

const join: Sub = async (ctx, f, r) => {
  let endpoint = f.positional[1];
  let tokenValue = f.values.token ?? f.values['discovery-token'];
  let controlPlane = f.bools.has('control-plane');
  let certificateKey = f.values['certificate-key'];
  let advertise = f.values['apiserver-advertise-address'];
  let caHash = f.values['discovery-token-ca-cert-hash'] ?? '';
  let configuredName: string | undefined;
  let kubeletExtraArgs: Array<{ name: string; value: string }> | undefined;
  if (f.values.config) {
    const mixed = mixedFlagsError([...Object.keys(f.values), ...f.bools], JOIN_FLAGS_WITH_CONFIG);
    if (mixed) return fatal(ctx, mixed);
    const c = readConfigFile(ctx, f.values.config, r.minor);
    if (typeof c === 'number') return c;
    tokenValue = c.token ?? tokenValue;
    endpoint = c.apiServerEndpoint ?? endpoint;
    caHash = c.caCertHashes?.[0] ?? caHash;
    advertise = c.advertiseAddress ?? advertise;
    certificateKey = c.certificateKey ?? certificateKey;
    controlPlane = controlPlane || !!c.joinControlPlane;
    configuredName = c.nodeName;
    kubeletExtraArgs = c.kubeletExtraArgs;
  }
  const node = resolveNodeName({ flag: f.values['node-name'], configured: configuredName, hostname: runningHostname(machineOf(ctx)) });
  if (!node.ok) return fatal(ctx, node.error);
  out(ctx.stdout, '[preflight] Running pre-flight checks');
  if (!preflight(ctx, r, 'join', f.values['ignore-preflight-errors'] ?? '', node.name)) return 1;
  if (!endpoint || !tokenValue) {
    ctx.stderr.write('error execution phase preflight: couldn\'t validate the identity of the API Server: discovery: Invalid value: "": bootstrapToken or file must be set\nTo see the stack trace of this error execute with --v=5 or higher\n');
    return 1;
  }
  endpoint = withPort(endpoint)!;
  const res = await runJoin({ ...phaseEnv(ctx, r), err: (line: string) => out(ctx.stderr, line) }, { endpoint, token: tokenValue, caCertHash: caHash, controlPlane, certificateKey, advertiseAddress: advertise, nodeName: node.name, unsafeSkipCAVerification: f.bools.has('discovery-token-unsafe-skip-ca-verification'), kubeletExtraArgs });
  if (res.error) ctx.stderr.write(`${res.error}\n`);
  return res.status;
};

function adminClient(ctx: CommandContext): ApiClient | undefined {
  const cluster = clusterOf(worldOf(ctx)!);
  const machine = machineOf(ctx);
  if (!cluster || !machine.rootFs.stat('/etc/kubernetes/admin.conf') || !cluster.apiReachable()) return undefined;
  return new ApiClient(cluster.apiServer, undefined, 'kubeadm');
}

const token: Sub = async (ctx, f) => {
  const verb = f.positional[1];
  if (!isRoot(ctx)) {
    ctx.stderr.write('failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: permission denied\nTo see the stack trace of this error execute with --v=5 or higher\n');
    return 1;
  }
  const client = adminClient(ctx);
  if (!client) {
    ctx.stderr.write(machineOf(ctx).rootFs.stat('/etc/kubernetes/admin.conf') ? 'failed to list bootstrap tokens: Get "https://192.168.6.171:6443/api/v1/namespaces/kube-system/secrets?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken": dial tcp 192.168.6.171:6443: connect: connection refused\nTo see the stack trace of this error execute with --v=5 or higher\n' : 'failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n');
    return 1;
  }
  const cluster = clusterOf(worldOf(ctx)!)!;
  const cpMachine = worldOf(ctx)!.machines.get(cluster.opts.controlPlane);
  // The join command names the API server of the admin kubeconfig (the controlPlaneEndpoint when there is one).
  let server = `${cpMachine?.ip ?? '192.168.6.171'}:6443`;
  try {
    server = /server:\s*https:\/\/(\S+)/.exec(machineOf(ctx).rootFs.readFile('/etc/kubernetes/admin.conf'))?.[1] ?? server;
  } catch {
    /* the control plane's address */
  }
  if (verb === 'list') {
    const now = ctx.clock.now();
    const rows = [['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS']];
    for (const t of listTokens(client)) {
      // A token made with --ttl 0 has no expiration: it lives <forever> and expires <never>.
      const left = t.expiration ? Date.parse(t.expiration) - now : Infinity;
      if (left <= 0) continue;
      rows.push([`${t.id}.${t.secret}`, t.expiration ? shortHumanDuration(left) : '<forever>', t.expiration || '<never>', t.usages.join(',') || '<none>', t.description || '<none>', t.groups || '<none>']);
    }
    // kubeadm's text printer writes the header with the first token: no tokens, no output.
    if (rows.length === 1) return 0;
    const w = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    out(ctx.stdout, rows.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(w[i] + 2))).join('')).join('\n'));
    return 0;
  }
  if (verb === 'create') {
    if (f.values['certificate-key'] && !f.bools.has('print-join-command')) {
      ctx.stderr.write('cannot use --certificate-key without --print-join-command\nTo see the stack trace of this error execute with --v=5 or higher\n');
      return 1;
    }
    const t = f.positional[2] ? { id: f.positional[2].split('.')[0], secret: f.positional[2].split('.')[1] ?? '' } : newToken(phaseEnv(ctx, installedRelease(ctx)));
    let caPem = '';
    try {
      caPem = cpMachine?.rootFs.readFile('/etc/kubernetes/pki/ca.crt') ?? '';
    } catch {
      /* hash of nothing */
    }
    const ttlText = f.values.ttl ?? '24h0m0s';
    const parsed = parseGoDuration(ttlText);
    if ('error' in parsed) {
      ctx.stderr.write(`invalid argument "${ttlText}" for "--ttl" flag: ${parsed.error}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
      return 1;
    }
    const ttl = parsed.ms;
    const expires = new Date(ctx.clock.now() + ttl).toISOString().replace(/\.\d+Z$/, 'Z');
    const secret = bootstrapTokenObjects({ ...t, expiresAt: expires }, caPem, `https://${server}`).filter((o) => o.kind === 'Secret');
    // --ttl 0: a token that never expires carries no expiration at all.
    if (ttl === 0) for (const o of secret) delete (o.data as Record<string, string>).expiration;
    createObjects(client, secret);
    const cpJoin = f.values['certificate-key'] ? `--control-plane --certificate-key ${f.values['certificate-key']}` : '';
    if (f.bools.has('print-join-command')) out(ctx.stdout, `${joinCommand(server, `${t.id}.${t.secret}`, caCertHash(caPem)).replace(' \\\n\t', ' ')}${cpJoin}`);
    else out(ctx.stdout, `${t.id}.${t.secret}`);
    return 0;
  }
  if (verb === 'delete') {
    for (const id of f.positional.slice(2).map((x) => x.split('.')[0])) {
      const r = client.request({ verb: 'delete', group: '', version: 'v1', resource: 'secrets', namespace: 'kube-system', name: `bootstrap-token-${id}` });
      if (r.code >= 300) {
        ctx.stderr.write(`failed to delete bootstrap token with ID "${id}": secrets "bootstrap-token-${id}" not found\nTo see the stack trace of this error execute with --v=5 or higher\n`);
        return 1;
      }
      out(ctx.stdout, `bootstrap token "${id}" deleted`);
    }
    return 0;
  }
  ctx.stderr.write(`unknown command "${verb ?? ''}" for "kubeadm token"\n`);
  return 1;
};

const reset: Sub = async (ctx, f) => {
  if (!isRoot(ctx)) {
    ctx.stderr.write('error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR IsPrivilegedUser]: user is not running as root\n[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\nTo see the stack trace of this error execute with --v=5 or higher\n');
    return 1;
  }
  // With admin.conf kubeadm reads its configuration from the cluster before any phase runs.
  if (machineOf(ctx).rootFs.stat('/etc/kubernetes/admin.conf')) {
    out(ctx.stdout, '[reset] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n');
    out(ctx.stdout, "[reset] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n");
  }
  // The preflight phase warns only before it asks: --force skips both (phases/reset/preflight.go).
  if (!f.bools.has('force') && !f.bools.has('f')) {
    out(ctx.stderr, `W${new Date(ctx.clock.now()).toISOString().slice(5, 10).replace('-', '')} ${new Date(ctx.clock.now()).toISOString().slice(11, 19)}.000000    4321 preflight.go:56] [reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.`);
    ctx.stdout.write('[reset] Are you sure you want to proceed? [y/N]: ');
    const answer = await ctx.stdin.read();
    if (!answer || !/^y(es)?$/i.test(answer.split('\n')[0].trim())) {
      if (answer === null) ctx.stdout.write('\n');
      ctx.stderr.write('error execution phase preflight: aborted reset operation\nTo see the stack trace of this error execute with --v=5 or higher\n');
      return 1;
    }
  }
  for (const line of resetNode(machineOf(ctx), worldOf(ctx), () => ctx.clock.now())) out(line.stderr ? ctx.stderr : ctx.stdout, `${line.text}\n`);
  return 0;
};

const certs: Sub = async (ctx, f) => {
  if (f.positional[1] === 'renew') {
    const what = f.positional[2];
    if (!what) return fatal(ctx, 'missing subcommand; "renew" is not meant to be run on its own');
    if (!isRoot(ctx)) return fatal(ctx, `failed to load configuration: open /etc/kubernetes/pki/ca.crt: permission denied`);
    if (!machineOf(ctx).rootFs.stat('/etc/kubernetes/pki/ca.crt')) return fatal(ctx, 'failed to load CA certificate: open /etc/kubernetes/pki/ca.crt: no such file or directory');
    const r = renewCerts(machineOf(ctx), what, ctx.clock.now());
    if (r.error) return fatal(ctx, r.error);
    ctx.stdout.write(r.stdout);
    return 0;
  }
  if (f.positional[1] !== 'check-expiration') {
    ctx.stderr.write(`unknown command "${f.positional[1] ?? ''}" for "kubeadm certs"\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  const format = f.values.o ?? f.values.output ?? 'text';
  const text = checkExpiration(machineOf(ctx), ctx.clock.now(), format === 'json' || format === 'yaml' ? format : 'text');
  if (!text) {
    ctx.stderr.write('failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n');
    return 1;
  }
  ctx.stdout.write(text);
  return 0;
};

const upgrade: Sub = async (ctx, f, r) => {
  const verb = f.positional[1];
  const world = worldOf(ctx)!;
  if (verb === 'node') {
    const etcdUpgrade = boolFlag(f, 'etcd-upgrade', true);
    const renewCerts = boolFlag(f, 'certificate-renewal', true);
    for (const v of [etcdUpgrade, renewCerts]) if (typeof v === 'string') return fatal(ctx, v);
    return runUpgradeNode({ ...phaseEnv(ctx, r), err: (line: string) => out(ctx.stderr, line) }, { etcdUpgrade: etcdUpgrade === true, renewCerts: renewCerts === true });
  }
  if (verb !== 'plan' && verb !== 'apply') {
    ctx.stderr.write(`unknown command "${verb ?? ''}" for "kubeadm upgrade"\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  if (!isRoot(ctx) || !machineOf(ctx).rootFs.stat('/etc/kubernetes/admin.conf')) {
    ctx.stderr.write('[upgrade/config] FATAL: failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: ' + (isRoot(ctx) ? 'no such file or directory' : 'permission denied') + '\nTo see the stack trace of this error execute with --v=5 or higher\n');
    return 1;
  }
  const input = planInput(world, r);
  if (!input || !clusterOf(world)?.apiReachable()) {
    ctx.stderr.write('[upgrade/config] FATAL: unable to fetch the kubeadm-config ConfigMap: failed to get config map: Get "https://192.168.6.171:6443/api/v1/namespaces/kube-system/configmaps/kubeadm-config?timeout=10s": dial tcp 192.168.6.171:6443: connect: connection refused\nTo see the stack trace of this error execute with --v=5 or higher\n');
    return 1;
  }
  if (verb === 'plan') {
    const plan = planParts(input);
    ctx.stdout.write(plan.before);
    if (plan.notice) ctx.stderr.write(`${klogPrefix('I', ctx.clock.now(), 4242, plan.notice.source)}${plan.notice.message}\n`);
    ctx.stdout.write(plan.after);
    return 0;
  }
  const target = f.positional[2];
  const yes = f.bools.has('y') || f.bools.has('yes');
  const force = f.bools.has('f') || f.bools.has('force');
  const dryRun = boolFlag(f, 'dry-run', false);
  const etcdUpgrade = boolFlag(f, 'etcd-upgrade', true);
  const certificateRenewal = boolFlag(f, 'certificate-renewal', true);
  for (const v of [dryRun, etcdUpgrade, certificateRenewal]) if (typeof v === 'string') return fatal(ctx, v);
  return runUpgradeApply(
    { ...phaseEnv(ctx, r), err: (line: string) => out(ctx.stderr, line) },
    {
      target,
      clusterVersion: input.clusterVersion,
      nonInteractive: yes || force || dryRun === true,
      force,
      dryRun: dryRun === true,
      etcdUpgrade: etcdUpgrade === true,
      certificateRenewal: certificateRenewal === true,
      confirm: async (prompt) => {
        ctx.stdout.write(prompt);
        const answer = await ctx.stdin.read();
        if (answer === null) ctx.stdout.write('\n');
        return answer;
      },
    },
  );
};

/** A boolean flag as pflag reads it (`--x`, `--x=false`); the error text for a value it cannot parse. */
function boolFlag(f: Flags, name: string, fallback: boolean): boolean | string {
  if (f.bools.has(name)) return true;
  const v = f.values[name];
  if (v === undefined) return fallback;
  const parsed = parseBool(v);
  if (parsed !== undefined) return parsed;
  return `invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`;
}

const SUBCOMMANDS: Record<string, Sub> = { version, config, init, join, token, reset, certs, upgrade };

export const kubeadm: Program = async (ctx) => {
  const f = parseFlags(ctx.argv.slice(1));
  const sub = f.positional[0];
  if (!sub) {
    out(ctx.stdout, '\n    ┌──────────────────────────────────────────────────────────┐\n    │ KUBEADM                                                  │\n    │ Easily bootstrap a secure Kubernetes cluster             │\n    │                                                          │\n    │ Please give us feedback at:                              │\n    │ https://github.com/kubernetes/kubeadm/issues             │\n    └──────────────────────────────────────────────────────────┘\n');
    return 0;
  }
  const run = SUBCOMMANDS[sub];
  if (!run) {
    ctx.stderr.write(`unknown command "${sub}" for "kubeadm"\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  const release = installedRelease(ctx);
  // cobra parses the command's flags before it runs anything (src/tools/kubeadm-flags.ts).
  const flagError = kubeadmFlagError(ctx.argv.slice(1), release.minor);
  if (flagError) {
    ctx.stderr.write(`${flagError}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  return run(ctx, f, release);
};

export { goDurationMs };

/** apimachinery's ShortHumanDuration, as `kubeadm token list` prints a token's TTL (23h, 1d). */
export function shortHumanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  if (s < 86_400 * 365) return `${Math.floor(s / 86_400)}d`;
  return `${Math.floor(s / (86_400 * 365))}y`;
}
