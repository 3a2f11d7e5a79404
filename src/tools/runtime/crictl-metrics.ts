/**
 * crictl metricsp and metricdescs (cri-tools v1.33.0 pod_metrics.go, metric_descs.go): containerd
 * 1.7's CRI service answers both RPCs Unimplemented (list_pod_sandbox_metrics.go,
 * list_metric_descriptors.go). An -o they do not know prints the command's help, after connecting.
 */
import type { CommandContext } from '../../shell/command';
import type { ParsedFlags } from './crictl-cli';
import { showSubcommandHelp } from './crictl-app';
import { criErrorLine, criServer, fatal, rpcError } from './crictl-rpc';

interface MetricsCall {
  command: string;
  rpc: string;
  /** The action's and the list helper's wrapping of the error. */
  wrap: string;
}

const CALLS: Record<string, MetricsCall> = {
  metricsp: { command: 'metricsp', rpc: 'ListPodSandboxMetrics', wrap: 'get pod metrics: list pod sandbox metrics' },
  metricdescs: { command: 'metricdescs', rpc: 'ListMetricDescriptors', wrap: 'get metric descriptors: list metric descriptors' },
};

export async function metrics(ctx: CommandContext, name: 'metricsp' | 'metricdescs', parsed: ParsedFlags): Promise<number> {
  const call = CALLS[name];
  const output = String(parsed.values.get('output') ?? '');
  if (!['', 'json', 'yaml'].includes(output)) {
    ctx.stdout.write(showSubcommandHelp(call.command));
    return 0;
  }
  if (criServer(ctx) === 'cri-dockerd') return fatal(ctx, `crictl ${name} is not available against cri-dockerd in this simulated node`);
  // --watch displays on a 500ms ticker: the first display's error ends it.
  if (parsed.values.get('watch') === true) await ctx.clock.sleep(500, ctx.signal);
  const err = rpcError('Unimplemented', `method ${call.rpc} not implemented`);
  criErrorLine(ctx, `${call.rpc} from runtime service failed`, err);
  return fatal(ctx, `${call.wrap}: ${err}`);
}
