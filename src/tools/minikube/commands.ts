/**
 * minikube's commands other than start: status, stop, delete, ip, node list, profile list, addons,
 * kubectl, dashboard, version — each reading or changing the profile in the attached-worlds registry.
 */
import type { CommandContext } from '../../shell/command';
import type { AttachedCluster } from '../../runtime/attached-worlds';
import { flagBool, type ParsedArgs } from './args';
import type { MinikubeDeps, ProfileConfig } from './deps';
import { API_PORT, EXIT, MINIKUBE_COMMIT, MINIKUBE_VERSION, exitReason, out, profileNotFound, profileStopped } from './messages';
import { contextConfigured, currentContext, homeOf, removeMinikubeContext, writeMinikubeContext } from './kubeconfig';
import { addonsTable, applyAddon, enableAddon } from './addons';

export interface Invocation {
  ctx: CommandContext;
  deps: MinikubeDeps;
  profile: string;
  parsed: ParsedArgs;
}

function profileOf(inv: Invocation): AttachedCluster | undefined {
  const c = inv.deps.registry().get(inv.profile);
  return c && c.owner === 'minikube' ? c : undefined;
}

const configOf = (c: AttachedCluster) => c.config as unknown as ProfileConfig;

/** ip's and ssh's -n is --node (start's -n, which the shared parser maps, is --nodes). */
function nodeFlag(inv: Invocation): string | undefined {
  return inv.parsed.flags.get('node') ?? inv.parsed.flags.get('nodes');
}

function nodesOf(c: AttachedCluster): Array<{ name: string; ip: string }> {
  return [...c.world.machines.values()].map((m) => ({ name: m.hostname, ip: m.ip }));
}

export function status(inv: Invocation): number {
  const c = profileOf(inv);
  if (!c) return profileNotFound(inv.ctx, inv.profile);
  const running = c.status === 'Running';
  const state = running ? 'Running' : 'Stopped';
  const kubeconfig = !running ? 'Stopped' : contextConfigured(inv.ctx, inv.profile, c.serverUrl) ? 'Configured' : 'Misconfigured';
  nodesOf(c).forEach((n, i) => {
    const lines = [n.name, `type: ${i === 0 ? 'Control Plane' : 'Worker'}`, `host: ${state}`, `kubelet: ${state}`];
    if (i === 0) lines.push(`apiserver: ${state}`, `kubeconfig: ${kubeconfig}`);
    // Each node's block ends with a blank line.
    inv.ctx.stdout.write(`${lines.join('\n')}\n\n`);
  });
  return running ? 0 : EXIT.statusStopped;
}

export function stop(inv: Invocation): number {
  const c = profileOf(inv);
  if (!c) {
    out(inv.ctx, `🤷  Profile "${inv.profile}" not found. Run "minikube profile list" to view all profiles.`);
    out(inv.ctx, `👉  To start a cluster, run: "minikube start${inv.profile === 'minikube' ? '' : ` -p ${inv.profile}`}"`);
    return EXIT.guestNotFound;
  }
  const nodes = nodesOf(c);
  for (const n of nodes) {
    out(inv.ctx, `✋  Stopping node "${n.name}"  ...`);
    if (c.status === 'Running') out(inv.ctx, `🛑  Powering off "${n.name}" via SSH ...`);
  }
  c.status = 'Stopped';
  out(inv.ctx, `🛑  ${nodes.length} node${nodes.length === 1 ? '' : 's'} stopped.`);
  return 0;
}

function deleteOne(inv: Invocation, c: AttachedCluster): void {
  out(inv.ctx, `🔥  Deleting "${c.name}" in docker ...`);
  for (const n of nodesOf(c)) out(inv.ctx, `🔥  Deleting container "${n.name}" ...`);
  out(inv.ctx, `🔥  Removing ${homeOf(inv.ctx)}/.minikube/machines/${c.name} ...`);
  inv.deps.registry().remove(c.name);
  removeMinikubeContext(inv.ctx, c.name);
  try {
    inv.ctx.fs.remove(`${homeOf(inv.ctx)}/.minikube/profiles/${c.name}`, { recursive: true });
    inv.ctx.fs.remove(`${homeOf(inv.ctx)}/.minikube/machines/${c.name}`, { recursive: true });
  } catch {
    // Already gone: delete removes what is there.
  }
  out(inv.ctx, `💀  Removed all traces of the "${c.name}" cluster.`);
}

export function del(inv: Invocation): number {
  if (flagBool(inv.parsed, 'all')) {
    for (const c of inv.deps.registry().list('minikube')) deleteOne(inv, c);
    out(inv.ctx, '🔥  Successfully deleted all profiles');
    if (flagBool(inv.parsed, 'purge')) {
      try {
        inv.ctx.fs.remove(`${homeOf(inv.ctx)}/.minikube`, { recursive: true });
      } catch {
        // nothing to purge
      }
      out(inv.ctx, `💀  Successfully purged minikube directory located at - [${homeOf(inv.ctx)}/.minikube]`);
    }
    return 0;
  }
  const c = profileOf(inv);
  if (!c) {
    out(inv.ctx, `🙄  "${inv.profile}" profile does not exist, trying anyways.`);
    removeMinikubeContext(inv.ctx, inv.profile);
    out(inv.ctx, `💀  Removed all traces of the "${inv.profile}" cluster.`);
    return 0;
  }
  deleteOne(inv, c);
  return 0;
}

export function ip(inv: Invocation): number {
  const c = profileOf(inv);
  if (!c) return profileNotFound(inv.ctx, inv.profile);
  if (c.status !== 'Running') return profileStopped(inv.ctx, inv.profile);
  const wanted = nodeFlag(inv);
  const node = nodesOf(c).find((n) => !wanted || n.name === wanted);
  if (!node) {
    exitReason(inv.ctx, '❌', 'GUEST_NODE_RETRIEVE', `retrieving node: Could not find node ${wanted}`);
    return 80;
  }
  out(inv.ctx, node.ip);
  return 0;
}

export function nodeList(inv: Invocation): number {
  const c = profileOf(inv);
  if (!c) return profileNotFound(inv.ctx, inv.profile);
  for (const n of nodesOf(c)) out(inv.ctx, `${n.name}\t${n.ip}`);
  return 0;
}

export function profileList(inv: Invocation): number {
  const clusters = inv.deps.registry().list('minikube');
  if (!clusters.length) {
    out(inv.ctx, '');
    out(inv.ctx, '🤹  Exiting due to MK_USAGE_NO_PROFILE: No minikube profile was found.');
    out(inv.ctx, '💡  Suggestion: ');
    out(inv.ctx, '');
    out(inv.ctx, '    You can create one using \'minikube start\'.');
    out(inv.ctx, '    ');
    out(inv.ctx, '');
    return EXIT.usage;
  }
  const active = currentContext(inv.ctx);
  const header = ['Profile', 'VM Driver', 'Runtime', 'IP', 'Port', 'Version', 'Status', 'Nodes', 'Active Profile', 'Active Kubecontext'];
  const rows = clusters.map((c) => {
    const cfg = configOf(c);
    return [c.name, cfg.driver, cfg.containerRuntime ?? 'docker', nodesOf(c)[0]?.ip ?? '', String(API_PORT), cfg.kubernetesVersion, c.status === 'Running' ? 'OK' : 'Stopped', String(nodesOf(c).length), c.name === 'minikube' ? '*' : '', c.name === active ? '*' : ''];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const centre = (s: string, w: number) => {
    const left = Math.floor((w - s.length) / 2);
    return `${' '.repeat(left)}${s}${' '.repeat(w - s.length - left)}`;
  };
  const numeric = new Set([4, 7]);
  const line = (cells: string[]) => `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  out(inv.ctx, [rule, `| ${header.map((h, i) => centre(h, widths[i])).join(' | ')} |`, rule, ...rows.map(line), rule].join('\n'));
  return 0;
}

export async function addons(inv: Invocation): Promise<number> {
  const [verb, name] = inv.parsed.args.slice(1);
  const c = profileOf(inv);
  if (verb === 'list') {
    if (!c) return profileNotFound(inv.ctx, inv.profile);
    inv.ctx.stdout.write(addonsTable(inv.profile, configOf(c).addons));
    return 0;
  }
  if (verb === 'enable' || verb === 'disable') {
    if (!name) {
      exitReason(inv.ctx, '❌', 'MK_USAGE', `usage: minikube addons ${verb} ADDON_NAME`);
      return EXIT.usage;
    }
    if (!c) return profileNotFound(inv.ctx, inv.profile);
    if (c.status !== 'Running') return profileStopped(inv.ctx, inv.profile);
    if (verb === 'enable') return enableAddon(inv.ctx, c, name);
    const cfg = configOf(c);
    cfg.addons = cfg.addons.filter((a) => a !== name);
    out(inv.ctx, `🌑  "The '${name}' addon is disabled`);
    return 0;
  }
  out(inv.ctx, 'addons modifies minikube addons files using subcommands like "minikube addons enable dashboard"');
  out(inv.ctx, '');
  out(inv.ctx, 'Available Commands:');
  for (const [cmd, text] of [['configure', 'Configures the addon w/ADDON_NAME within minikube (example: minikube addons configure registry-creds). For a list of available addons use: minikube addons list'], ['disable', 'Disables the addon w/ADDON_NAME within minikube (example: minikube addons disable dashboard). For a list of available addons use: minikube addons list'], ['enable', 'Enables the addon w/ADDON_NAME within minikube. For a list of available addons use: minikube addons list '], ['images', 'List image names the addon w/ADDON_NAME used. For a list of available addons use: minikube addons list'], ['list', 'Lists all available minikube addons as well as their current statuses (enabled/disabled)'], ['open', 'Opens the addon w/ADDON_NAME within minikube (example: minikube addons open dashboard). For a list of available addons use: minikube addons list ']]) {
    out(inv.ctx, `  ${cmd.padEnd(11)}${text}`);
  }
  out(inv.ctx, '');
  out(inv.ctx, 'Use "minikube <command> --help" for more information about a given command.');
  return 0;
}

/** `minikube kubectl -- ARGS`: the kubectl of the cluster's version, pointed at the profile's context. */
export async function kubectl(inv: Invocation): Promise<number> {
  const args = [...inv.parsed.args.slice(1), ...inv.parsed.rest];
  return inv.deps.kubectl({ ...inv.ctx, argv: ['kubectl', '--context', inv.profile, ...args] });
}

export async function dashboard(inv: Invocation): Promise<number> {
  const c = profileOf(inv);
  if (!c) return profileNotFound(inv.ctx, inv.profile);
  if (c.status !== 'Running') return profileStopped(inv.ctx, inv.profile);
  if (!configOf(c).addons.includes('dashboard')) {
    out(inv.ctx, '🔌  Enabling dashboard ...');
    applyAddon(c, 'dashboard');
    out(inv.ctx, '    ▪ Using image docker.io/kubernetesui/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93');
    out(inv.ctx, '    ▪ Using image docker.io/kubernetesui/metrics-scraper:v1.0.8@sha256:76049887f07a0476dc93efc2d3569b9529bf982b22d29f356092ce206e98765c');
    configOf(c).addons = [...configOf(c).addons, 'dashboard'];
  }
  out(inv.ctx, '🤔  Verifying dashboard health ...');
  out(inv.ctx, '🚀  Launching proxy ...');
  out(inv.ctx, '🤔  Verifying proxy health ...');
  const url = `http://127.0.0.1:${36000 + (c.serverUrl.length * 97) % 1000}/api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/`;
  if (flagBool(inv.parsed, 'url')) out(inv.ctx, url);
  else out(inv.ctx, `🎉  Opening ${url} in your default browser...\n👉  http://${url.slice(7)}`);
  // The proxy runs until Ctrl-C in a terminal on real time; on manual time (scripts, tests, the
  // headless CLI) nobody could press Ctrl-C, so the command returns once the URL is printed.
  if (inv.ctx.isTTY && inv.ctx.clock.mode === 'realtime') {
    while (!inv.ctx.signal.aborted) await inv.ctx.clock.sleep(3600_000, inv.ctx.signal);
    return 130;
  }
  return 0;
}

/** `minikube ssh [-n NODE] [-- CMD]`: a shell (or one command) on the node, as user docker. */
export async function ssh(inv: Invocation): Promise<number> {
  const c = profileOf(inv);
  if (!c) return profileNotFound(inv.ctx, inv.profile);
  if (c.status !== 'Running') return profileStopped(inv.ctx, inv.profile);
  const wanted = nodeFlag(inv);
  const node = nodesOf(c).find((n) => !wanted || n.name === wanted);
  if (!node) {
    exitReason(inv.ctx, '❌', 'GUEST_NODE_RETRIEVE', `retrieving node: Could not find node ${wanted}`);
    return 80;
  }
  if (!inv.ctx.spawn) return 1;
  const command = [...inv.parsed.args.slice(1), ...inv.parsed.rest].map(quote).join(' ');
  return inv.ctx.spawn(`ssh -q -t docker@${node.ip}${command ? ` ${quote(command)}` : ''}`);
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function version(inv: Invocation): number {
  if (flagBool(inv.parsed, 'short')) {
    out(inv.ctx, MINIKUBE_VERSION);
    return 0;
  }
  out(inv.ctx, `minikube version: ${MINIKUBE_VERSION}`);
  out(inv.ctx, `commit: ${MINIKUBE_COMMIT}`);
  return 0;
}

export function updateContext(inv: Invocation): number {
  const c = profileOf(inv);
  if (!c) return profileNotFound(inv.ctx, inv.profile);
  writeMinikubeContext(inv.ctx, inv.profile, c.serverUrl);
  out(inv.ctx, `🎉  "${inv.profile}" context has been updated to point to ${c.serverUrl.replace('https://', '')}`);
  out(inv.ctx, '💗  Current context is "minikube"');
  return 0;
}

