/**
 * crictl's pod sandbox commands (cri-tools v1.33.0 cmd/crictl/sandbox.go) over containerd 1.7's
 * CRI service (pkg/cri/server sandbox_stop.go, sandbox_remove.go, sandbox_status.go):
 * `stopp` (idempotent: an unknown ID is "stopped" too), `rmp` (a ready sandbox refused unless -f,
 * which stops it first) and `inspectp` (the status, and with it containerd's verbose info).
 */
import type { CommandContext } from '../../shell/command';
import type { ContainerRuntime, Sandbox } from '../../sim/runtime/containerd';
import type { ParsedFlags } from './crictl-cli';
import { noIdsGiven, showSubcommandHelp } from './crictl-app';
import { listingFlags, filterSandboxes, sandboxLabels } from './crictl-filters';
import { logrusLine } from './crictl-log';
import { podAnnotations } from './crictl-cri-objects';
import { exitWithErrors, fatal, printStatusData, rfc3339Nano, sandboxById, sandboxNotFound } from './crictl-rpc';
import { systemdCgroup } from './cri';
import { fnv32a } from '../../sim/controllers/machinery/hash';
import { PAUSE_IMAGE } from '../../sim/kubelet/pod-worker';

/** `crictl stopp ID…`: StopPodSandbox for each; containerd answers an unknown ID with success. */
export function stopp(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  for (const id of parsed.args) {
    const sb = sandboxById(rt, id);
    if (sb && rt) rt.stopSandbox(sb.id, ctx.clock.now());
    ctx.stdout.write(`Stopped sandbox ${id}\n`);
  }
  return 0;
}

/** `crictl rmp [-f] [-a] ID…`: each sandbox's status, a stop when forced, the removal. */
export function rmp(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  const all = parsed.values.get('all') === true;
  const ids = all ? [...(rt?.sandboxes.keys() ?? [])] : parsed.args;
  if (ids.length === 0) {
    if (all) {
      ctx.stderr.write(logrusLine('INFO', 'No pods to remove'));
      return 0;
    }
    ctx.stdout.write(showSubcommandHelp('rmp'));
    return 0;
  }
  const errors: string[] = [];
  for (const id of ids) {
    const sb = sandboxById(rt, id);
    if (!sb || !rt) {
      errors.push(`getting sandbox status of pod ${JSON.stringify(id)}: ${sandboxNotFound(ctx, id)}`);
      continue;
    }
    if (sb.state === 'SANDBOX_READY') {
      if (parsed.values.get('force') !== true) {
        errors.push(`pod sandbox ${JSON.stringify(id)} is running, please stop it first`);
        continue;
      }
      rt.stopSandbox(sb.id, ctx.clock.now());
      ctx.stdout.write(`Stopped sandbox ${id}\n`);
    }
    // RemovePodSandbox stops the sandbox once more (already done) and removes its containers with it.
    rt.removeSandbox(sb.id);
    ctx.stdout.write(`Removed sandbox ${id}\n`);
  }
  return exitWithErrors(ctx, errors);
}

/** toCRISandboxStatus as protojson writes it (defaults emitted), with crictl's createdAt in RFC 3339. */
function sandboxStatus(ctx: CommandContext, sb: Sandbox): Record<string, unknown> {
  const ready = sb.state === 'SANDBOX_READY';
  return {
    id: sb.id,
    metadata: { name: sb.podName, uid: sb.podUid, namespace: sb.namespace, attempt: sb.attempt },
    state: sb.state,
    createdAt: rfc3339Nano(sb.createdAt),
    // getIPs: nothing for the node's network, nor once the network namespace is closed.
    network: { ip: sb.hostNetwork || !ready ? '' : sb.ip, additionalIps: [] },
    // The kubelet's namespace options: the node's network for hostNetwork (hostIPC and hostPID are not modelled).
    linux: { namespaces: { options: { network: sb.hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER', ipc: 'POD', targetId: '' } } },
    labels: sandboxLabels(sb),
    annotations: podAnnotations(ctx, sb),
    runtimeHandler: '',
  };
}

/**
 * SandboxInfo (sandbox_status.go), json.Marshal of its Go struct. The OCI runtime spec and the
 * CNI result it also carries are left out here.
 */
function sandboxInfo(ctx: CommandContext, sb: Sandbox): Record<string, unknown> {
  const ready = sb.state === 'SANDBOX_READY';
  return {
    pid: ready ? 1000 + (fnv32a(sb.id) % 60000) : 0,
    processStatus: ready ? 'running' : 'deleted',
    netNamespaceClosed: !sb.hostNetwork && !ready,
    image: PAUSE_IMAGE,
    snapshotKey: sb.id,
    snapshotter: 'overlayfs',
    runtimeHandler: '',
    runtimeType: 'io.containerd.runc.v2',
    runtimeOptions: systemdCgroup(ctx) ? { SystemdCgroup: true } : {},
    config: {
      metadata: { name: sb.podName, uid: sb.podUid, namespace: sb.namespace, ...(sb.attempt ? { attempt: sb.attempt } : {}) },
      labels: sandboxLabels(sb),
      annotations: podAnnotations(ctx, sb),
    },
  };
}

/** `crictl inspectp [-o json|yaml|table] [-q] ID…`; without IDs, the sandboxes the filters select. */
export function inspectp(ctx: CommandContext, rt: ContainerRuntime | undefined, parsed: ParsedFlags): number {
  let ids = parsed.args;
  if (ids.length === 0) {
    const flags = listingFlags(parsed, 'pods');
    if ('error' in flags) return fatal(ctx, flags.error.startsWith('incorrectly') ? `parse label string slice: ${flags.error}` : flags.error);
    ids = filterSandboxes(rt?.sandboxes.values() ?? [], flags).map((s) => s.id);
  }
  if (ids.length === 0) return noIdsGiven(ctx, 'inspectp');
  const verbose = parsed.values.get('quiet') !== true;
  const output = String(parsed.values.get('output') || 'json');
  const items: Record<string, unknown>[] = [];
  for (const id of ids) {
    const sb = sandboxById(rt, id);
    if (!sb) return fatal(ctx, `get the status of pod sandboxes: get pod sandbox status: ${sandboxNotFound(ctx, id)}`);
    if (output === 'table') {
      ctx.stdout.write(sandboxTable(ctx, sb, verbose));
      continue;
    }
    items.push({ status: sandboxStatus(ctx, sb), ...(verbose ? { info: sandboxInfo(ctx, sb) } : {}) });
  }
  if (output === 'table') return 0;
  const error = printStatusData(ctx, items, output);
  return error ? fatal(ctx, `get the status of pod sandboxes: ${error}`) : 0;
}

/** outputPodSandboxStatusTable: Go's %v of the creation time (time.Time.String in the machine's zone, UTC here). */
function sandboxTable(ctx: CommandContext, sb: Sandbox, verbose: boolean): string {
  const created = new Date(sb.createdAt).toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, (_m, f: string) => `${f === '000' ? '' : `.${f.replace(/0+$/, '')}`} +0000 UTC`);
  const s = sandboxStatus(ctx, sb);
  const labels = s.labels as Record<string, string>;
  const annotations = s.annotations as Record<string, string>;
  const sorted = (m: Record<string, string>) => Object.keys(m).sort().map((k) => `\t${k} -> ${m[k]}\n`).join('');
  let out = `ID: ${sb.id}\nName: ${sb.podName}\nUID: ${sb.podUid}\nNamespace: ${sb.namespace}\nAttempt: ${sb.attempt}\nStatus: ${sb.state}\nCreated: ${created}\n`;
  out += `IP Addresses: ${(s.network as { ip: string }).ip}\n`;
  out += `Labels:\n${sorted(labels)}Annotations:\n${sorted(annotations)}`;
  if (verbose) out += `Info: map[info:${JSON.stringify(sandboxInfo(ctx, sb))}]\n`;
  return out;
}
