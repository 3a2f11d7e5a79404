/**
 * Helm's connection to the cluster: the kubeconfig that kubectl reads (same loader, same context
 * rules), the API server behind its server URL, and the RESTMapper from discovery. Helm is a client
 * of the API like kubectl; nothing here reaches into the simulated cluster directly.
 */
import type { CommandContext } from '../../shell/command';
import type { ApiRequest, ApiResponse, ApiTransport, UserInfo } from '../../sim/apiserver/types';
import type { AuthInfo } from '../../kubectl/kubeconfig/types';
import { loadKubeconfig } from '../../kubectl/kubeconfig/load';
import { clientConfig, type LoaderFlags } from '../../kubectl/kubeconfig/client-config';
import { ClientConfigError } from '../../kubectl/kubeconfig/client-config-error';
import { RestMapper } from '../../kubectl/resource/mapper';
import { serverAddress } from '../../kubectl/client/server-address';
import type { UrlReadResult } from '../../runtime/url-reader';

export interface HelmDeps {
  connect(serverUrl: string, ctx: CommandContext): ApiTransport | null;
  identify?(authInfo: AuthInfo, ctx: CommandContext): UserInfo | 'unauthorized' | undefined;
  readUrl(url: string, ctx: CommandContext): UrlReadResult;
}

export class HelmError extends Error {}

export interface KubeClient {
  namespace: string;
  request<T = unknown>(req: ApiRequest): ApiResponse<T>;
  mapper(): RestMapper;
}

/** The kubectl flag object the kubeconfig loader expects, from helm's own flag names. */
function loaderFlags(opts: { context?: string; namespace?: string }): LoaderFlags {
  const given: Record<string, string> = { context: opts.context ?? '', namespace: opts.namespace ?? '' };
  const str = (name: string) => given[name] ?? '';
  return { str, globalStr: str, globalBool: () => false };
}

export function kubeClient(ctx: CommandContext, deps: HelmDeps, opts: { kubeconfig?: string; context?: string; namespace?: string }): KubeClient {
  let loaded;
  let config;
  try {
    loaded = loadKubeconfig(ctx, opts.kubeconfig);
    config = clientConfig(ctx, loaded, loaderFlags(opts), { namespaceFirst: false, interactive: false });
  } catch (e) {
    // client-go's errors as helm prints them: err.Error() ("invalid configuration: …" where kubectl's CheckErr prints "Error in configuration: …").
    if (e instanceof ClientConfigError) throw new HelmError(`Kubernetes cluster unreachable: ${e.goText()}`);
    throw e;
  }
  const transport = deps.connect(config.server, ctx);
  const user = config.user && deps.identify ? deps.identify(config.user, ctx) : undefined;
  let mapper: RestMapper | undefined;
  const unreachable = () => {
    const addr = serverAddress(config.server);
    return new HelmError(`Kubernetes cluster unreachable: Get "${addr.url}/version": dial tcp ${addr.dialAddress}: connect: connection refused`);
  };
  // Credentials the API server refuses: helm's first call (the server version) fails with client-go's 401 text.
  const refused = () => new HelmError('Kubernetes cluster unreachable: the server has asked for the client to provide credentials');
  return {
    namespace: config.namespace,
    request<T>(req: ApiRequest): ApiResponse<T> {
      if (!transport) throw unreachable();
      if (user === 'unauthorized') throw refused();
      return transport.request<T>(user ? { ...req, user } : req);
    },
    mapper() {
      if (!transport) throw unreachable();
      if (user === 'unauthorized') throw refused();
      mapper ??= new RestMapper(transport.discovery());
      return mapper;
    },
  };
}
