/** kubeadm: a table of subcommands (version, config images, init, join, token, reset) over src/sim/kubeadm. */
import type { CommandContext, Program } from '../shell/command';
import { packagesState } from '../sim/packages/db';
import { K8S_LATEST_PATCH } from '../sim/packages/catalogue';
import { Systemd } from '../sim/systemd/manager';
import { clusterOf } from '../sim/cluster/attach';
import { ApiClient } from '../sim/apiserver';
import { kubeadmRelease, requiredImages, versionInfoLine, caCertHash, type KubeadmRelease } from '../sim/kubeadm/versions';
import { applyIgnores, preflightFailure, runPreflight } from '../sim/kubeadm/preflight';
import { createObjects, joinCommand, listTokens, newToken, runInit, runJoin, type PhaseEnv } from '../sim/kubeadm/init';
import { bootstrapTokenObjects } from '../sim/cluster/addons';
import { criDisabled } from './runtime/cri';
import { dockerPreflight, nodeRuntime } from '../sim/systemd/docker';
import { checkExpiration, resetNode } from '../sim/kubeadm/reset-certs';
import { initDefaults } from '../sim/kubeadm/defaults';
import { applyError, applyUpgrade, planInput, planText } from '../sim/kubeadm/upgrade';
import { isRoot, machineOf, out, worldOf } from './lib/context';

interface Flags {
  values: Record<string, string>;
  bools: Set<string>;
  positional: string[];
}

const BOOLEAN_FLAGS = new Set(['print-join-command', 'force', 'f', 'dry-run', 'upload-certs', 'control-plane', 'y', 'yes']);

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

function preflight(ctx: CommandContext, r: KubeadmRelease, mode: 'init' | 'join', ignore: string): boolean {
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

const config: Sub = async (ctx, f, r) => {
  const [, what, verb] = f.positional;
  if (what === 'print' && verb === 'init-defaults') {
    ctx.stdout.write(initDefaults(r.minor));
    return 0;
  }
  if (what === 'images' && (verb === 'list' || verb === 'pull')) {
    const k8s = f.values['kubernetes-version'] ?? defaultKubernetesVersion(r);
    const images = requiredImages(r, k8s, f.values['image-repository'] ?? 'registry.k8s.io');
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

const init: Sub = async (ctx, f, r) => {
  if (f.values.config) {
    ctx.stderr.write('error: --config is not supported by this simulator yet; pass the settings as flags\n');
    return 1;
  }
  const k8s = f.values['kubernetes-version'] ?? defaultKubernetesVersion(r);
  out(ctx.stdout, `[init] Using Kubernetes version: ${k8s.startsWith('v') ? k8s : `v${k8s}`}`);
  out(ctx.stdout, '[preflight] Running pre-flight checks');
  if (!preflight(ctx, r, 'init', f.values['ignore-preflight-errors'] ?? '')) return 1;
  const machine = machineOf(ctx);
  return runInit(phaseEnv(ctx, r), {
    kubernetesVersion: k8s.startsWith('v') ? k8s : `v${k8s}`,
    advertiseAddress: f.values['apiserver-advertise-address'] ?? machine.ip,
    podSubnet: f.values['pod-network-cidr'] ?? '10.244.0.0/16',
    serviceSubnet: f.values['service-cidr'] ?? '10.96.0.0/12',
    imageRepository: f.values['image-repository'] ?? 'registry.k8s.io',
    controlPlaneEndpoint: f.values['control-plane-endpoint']?.replace(/:\d+$/, ''),
  });
};

const join: Sub = async (ctx, f, r) => {
  const endpoint = f.positional[1];
  out(ctx.stdout, '[preflight] Running pre-flight checks');
  if (!preflight(ctx, r, 'join', f.values['ignore-preflight-errors'] ?? '')) return 1;
  if (!endpoint || !f.values.token) {
    ctx.stderr.write('error execution phase preflight: couldn\'t validate the identity of the API Server: discovery: Invalid value: "": bootstrapToken or file must be set\nTo see the stack trace of this error execute with --v=5 or higher\n');
    return 1;
  }
  const res = await runJoin(phaseEnv(ctx, r), { endpoint, token: f.values.token, caCertHash: f.values['discovery-token-ca-cert-hash'] ?? '' });
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
  const server = `${cpMachine?.ip ?? '192.168.6.171'}:6443`;
  if (verb === 'list') {
    const now = ctx.clock.now();
    const rows = [['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS']];
    for (const t of listTokens(client)) {
      const left = Date.parse(t.expiration) - now;
      if (left <= 0) continue;
      rows.push([`${t.id}.${t.secret}`, shortHumanDuration(left), t.expiration, 'authentication,signing', '<none>', t.groups]);
    }
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
    const ttl = goDurationMs(ttlText);
    if (ttl === undefined) {
      ctx.stderr.write(`invalid argument "${ttlText}" for "--ttl" flag: time: invalid duration "${ttlText}"\nTo see the stack trace of this error execute with --v=5 or higher\n`);
      return 1;
    }
    const expires = new Date(ctx.clock.now() + (ttl > 0 ? ttl : 24 * 3600_000)).toISOString().replace(/\.\d+Z$/, 'Z');
    createObjects(client, bootstrapTokenObjects({ ...t, expiresAt: expires }, caPem, `https://${server}`).filter((o) => o.kind === 'Secret'));
    if (f.bools.has('print-join-command')) out(ctx.stdout, joinCommand(server, `${t.id}.${t.secret}`, caCertHash(caPem)).replace(' \\\n\t', ' '));
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
  out(ctx.stderr, `W${new Date(ctx.clock.now()).toISOString().slice(5, 10).replace('-', '')} ${new Date(ctx.clock.now()).toISOString().slice(11, 19)}.000000    4321 preflight.go:56] [reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.`);
  if (!f.bools.has('force') && !f.bools.has('f')) {
    ctx.stdout.write('[reset] Are you sure you want to proceed? [y/N]: ');
    const answer = await ctx.stdin.read();
    if (!answer || !/^y(es)?$/i.test(answer.split('\n')[0].trim())) {
      if (answer === null) ctx.stdout.write('\n');
      ctx.stderr.write('error execution phase preflight: aborted reset operation\nTo see the stack trace of this error execute with --v=5 or higher\n');
      return 1;
    }
  }
  for (const line of resetNode(machineOf(ctx), worldOf(ctx), () => ctx.clock.now())) out(ctx.stdout, `${line}\n`);
  return 0;
};

const certs: Sub = async (ctx, f) => {
  if (f.positional[1] !== 'check-expiration') {
    ctx.stderr.write(`unknown command "${f.positional[1] ?? ''}" for "kubeadm certs"\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  const text = checkExpiration(machineOf(ctx), ctx.clock.now());
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
    out(ctx.stdout, '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[upgrade] Use \'kubeadm init phase upload-config --config your-config.yaml\' to re-upload it.\n[upgrade/preflight] Running pre-flight checks\n[upgrade/preflight] Skipping prepull. Not a control plane node.\n[upgrade/control-plane] Skipping phase. Not a control plane node.\n[upgrade/kubeconfig] Skipping phase. Not a control plane node.\n[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.\n[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.');
    return 0;
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
    ctx.stdout.write(planText(input));
    return 0;
  }
  const target = f.positional[2];
  if (!target) {
    ctx.stderr.write('[upgrade/version] FATAL: missing one or more required arguments. Required arguments: [version]\nTo see the stack trace of this error execute with --v=5 or higher\n');
    return 1;
  }
  const t = target.startsWith('v') ? target : `v${target}`;
  out(ctx.stdout, '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[upgrade] Use \'kubeadm init phase upload-config --config your-config.yaml\' to re-upload it.\n[upgrade/preflight] Running preflight checks\n[upgrade] Running cluster health checks');
  out(ctx.stdout, `[upgrade/preflight] You have chosen to upgrade the cluster version to "${t}"\n[upgrade/versions] Cluster version: ${input.clusterVersion}\n[upgrade/versions] kubeadm version: ${r.gitVersion}`);
  const err = applyError(input.clusterVersion, target, r);
  if (err) {
    ctx.stderr.write(`${err}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  if (!f.bools.has('y') && !f.bools.has('yes') && !f.bools.has('force')) {
    ctx.stdout.write('[upgrade] Are you sure you want to proceed? [y/N]: ');
    const answer = await ctx.stdin.read();
    if (!answer || !/^y(es)?$/i.test(answer.split('\n')[0].trim())) {
      if (answer === null) ctx.stdout.write('\n');
      ctx.stderr.write('won\'t proceed; the user didn\'t answer (Y|y) in order to continue\nTo see the stack trace of this error execute with --v=5 or higher\n');
      return 1;
    }
  }
  out(ctx.stdout, '[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using \'kubeadm config images pull\'');
  await ctx.clock.sleep(10_000);
  for (const line of applyUpgrade(world, machineOf(ctx), t)) {
    out(ctx.stdout, line);
    await ctx.clock.sleep(1_000);
  }
  out(ctx.stdout, `\n[upgrade/successful] SUCCESS! Your cluster was upgraded to "${t}". Enjoy!\n\n[upgrade/kubelet] Now that your control plane is upgraded, please proceed with upgrading your kubelets if you haven't already done so.`);
  return 0;
};

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
  return run(ctx, f, installedRelease(ctx));
};

/** A Go time.Duration flag value (`48h`, `2h30m`, `90m`, `1h0m0s`, `0`) in milliseconds. */
export function goDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]];
    at = re.lastIndex;
  }
  return text.length ? total : undefined;
}

/** apimachinery's ShortHumanDuration, as `kubeadm token list` prints a token's TTL (23h, 1d). */
export function shortHumanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  if (s < 86_400 * 365) return `${Math.floor(s / 86_400)}d`;
  return `${Math.floor(s / (86_400 * 365))}y`;
}
