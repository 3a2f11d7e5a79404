/**
 * What crictl asks of the runtime as a whole: `info` (the CRI Status call, cmd/crictl/info.go,
 * answered by containerd 1.7's pkg/cri/server/status.go: RuntimeReady, NetworkReady as its CNI
 * configuration allows, ContainerdHasNoDeprecationWarnings, and with them the verbose info) and
 * `runtime-config` (the RuntimeConfig call, which containerd 1.7.27 does not serve: its CRI API
 * v0.27.1 predates it, so gRPC answers Unimplemented).
 */
import type { CommandContext } from '../../shell/command';
import type { ParsedFlags } from './crictl-cli';
import { criErrorLine, fatal, printStatusData, rpcError } from './crictl-rpc';

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

/** `crictl info [-o json|yaml] [-q]`. */
export function info(ctx: CommandContext, parsed: ParsedFlags): number {
  const cni = cniLoadStatus(ctx);
  const network = cni === 'OK' ? { type: 'NetworkReady', status: true, reason: '', message: '' } : { type: 'NetworkReady', status: false, reason: 'NetworkPluginNotReady', message: 'Network plugin returns error: cni plugin not initialized' };
  const status = { conditions: [{ type: 'RuntimeReady', status: true, reason: '', message: '' }, network, { type: 'ContainerdHasNoDeprecationWarnings', status: true, reason: '', message: '' }] };
  // Verbose unless -q: the CRI plugin's own entries (its configuration and the CNI one are not modelled).
  const verbose = parsed.values.get('quiet') !== true ? { golang: CONTAINERD_GO, lastCNILoadStatus: cni, 'lastCNILoadStatus.default': cni } : {};
  const error = printStatusData(ctx, [{ status, ...verbose }], String(parsed.values.get('output')));
  return error ? fatal(ctx, `getting status of runtime: ${error}`) : 0;
}

/** `crictl runtime-config`: the RPC the runtime does not know. */
export function runtimeConfig(ctx: CommandContext): number {
  const err = rpcError('Unimplemented', 'unknown method RuntimeConfig for service runtime.v1.RuntimeService');
  criErrorLine(ctx, 'RuntimeConfig from runtime service failed', err);
  return fatal(ctx, `get runtime config: call RuntimeConfig RPC: ${err}`);
}
