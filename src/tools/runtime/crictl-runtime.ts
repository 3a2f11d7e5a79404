/**
 * What crictl asks of the runtime as a whole: `info` (the CRI Status call, cmd/crictl/info.go,
 * answered by containerd 1.7's pkg/cri/server/status.go: RuntimeReady, NetworkReady as its CNI
 * configuration allows, ContainerdHasNoDeprecationWarnings, and with them the verbose info) and
 * `runtime-config` (the RuntimeConfig call, which containerd 1.7.27 does not serve: its CRI API
 * v0.27.1 predates it, so gRPC answers Unimplemented). cri-dockerd (minikube's docker runtime)
 * answers both its own way.
 */
import type { CommandContext } from '../../shell/command';
import type { ParsedFlags } from './crictl-cli';
import { criErrorLine, criServer, fatal, printStatusData, rpcError } from './crictl-rpc';
import { PAUSE_IMAGE } from '../../sim/kubelet/pod-worker';
import { dockerConfig } from '../../sim/systemd/docker';
import { machineOf } from '../lib/context';

/** containerd 1.7.27's release build (.github/workflows/release.yml GO_VERSION). */
const CONTAINERD_GO = 'go1.23.7';

/** The CNI configuration containerd's CRI plugin loads from /etc/cni/net.d, or why it cannot. */
function cniLoadStatus(ctx: CommandContext): string {
  const dir = '/etc/cni/net.d';
  let names: string[] = [];
  try {
    names = ctx.fs.stat(dir) ? ctx.fs.readdir(dir) : [];
  } catch {
    names = [];
  }
  if (names.some((n) => /\.(conf|conflist|json)$/.test(n))) return 'OK';
  return `cni config load failed: no network config found in ${dir}: cni plugin not initialized: failed to load cni config`;
}

/**
 * cri-dockerd v0.4.0's Status (core/docker_service.go): two conditions, Docker's runtimes as CRI
 * runtime handlers (its default one also under the empty name; runc 1.2 on a 5.12+ kernel mounts
 * read-only recursively), and its sandbox image as the verbose config.
 */
function dockerStatus(ctx: CommandContext, verbose: boolean): Record<string, unknown> {
  const cni = cniLoadStatus(ctx) === 'OK';
  const network = cni ? { type: 'NetworkReady', status: true, reason: '', message: '' } : { type: 'NetworkReady', status: false, reason: 'NetworkPluginNotReady', message: 'docker: network plugin is not ready: cni config uninitialized' };
  const features = { recursive_read_only_mounts: true };
  return {
    status: { conditions: [{ type: 'RuntimeReady', status: true, reason: '', message: '' }, network] },
    runtimeHandlers: [{ features }, { name: 'io.containerd.runc.v2', features }, { name: 'runc', features }],
    ...(verbose ? { config: { sandboxImage: PAUSE_IMAGE } } : {}),
  };
}

/** `crictl info [-o json|yaml] [-q]`. */
export function info(ctx: CommandContext, parsed: ParsedFlags): number {
  if (criServer(ctx) === 'cri-dockerd') {
    const error = printStatusData(ctx, [dockerStatus(ctx, parsed.values.get('quiet') !== true)], String(parsed.values.get('output')));
    return error ? fatal(ctx, `getting status of runtime: ${error}`) : 0;
  }
  const cni = cniLoadStatus(ctx);
  const network = cni === 'OK' ? { type: 'NetworkReady', status: true, reason: '', message: '' } : { type: 'NetworkReady', status: false, reason: 'NetworkPluginNotReady', message: 'Network plugin returns error: cni plugin not initialized' };
  const status = { conditions: [{ type: 'RuntimeReady', status: true, reason: '', message: '' }, network, { type: 'ContainerdHasNoDeprecationWarnings', status: true, reason: '', message: '' }] };
  // Verbose unless -q: the CRI plugin's own entries (its configuration and the CNI one are not modelled).
  const verbose = parsed.values.get('quiet') !== true ? { golang: CONTAINERD_GO, lastCNILoadStatus: cni, 'lastCNILoadStatus.default': cni } : {};
  const error = printStatusData(ctx, [{ status, ...verbose }], String(parsed.values.get('output')));
  return error ? fatal(ctx, `getting status of runtime: ${error}`) : 0;
}

/**
 * `crictl runtime-config`: cri-dockerd answers Docker's cgroup driver (a table: min width 10,
 * padding 3); containerd 1.7.27 does not know the call.
 */
export function runtimeConfig(ctx: CommandContext): number {
  if (criServer(ctx) === 'cri-dockerd') {
    const docker = dockerConfig(machineOf(ctx));
    const driver = docker.ok ? docker.cgroupDriver : 'cgroupfs';
    ctx.stdout.write(`cgroup driver:   ${driver.toUpperCase()}\n`);
    return 0;
  }
  const err = rpcError('Unimplemented', 'unknown method RuntimeConfig for service runtime.v1.RuntimeService');
  criErrorLine(ctx, 'RuntimeConfig from runtime service failed', err);
  return fatal(ctx, `get runtime config: call RuntimeConfig RPC: ${err}`);
}
