/**
 * Whether the kubelet's kubeconfig is still a usable client config when it starts
 * (pkg/kubelet/certificate/bootstrap isClientConfigStillValid → loadRESTClientConfig →
 * clientcmd's ConfirmUsable): the client certificate and key files its current context's user
 * names must open. A missing one is client-go's validation error, aggregated as
 * `invalid configuration: [unable to read client-cert P for USER due to open P: no such file or
 * directory, unable to read client-key …]` (one error alone has no brackets).
 */
import { parse } from 'yaml';
import type { FsView } from '../machine';
import { aggregate } from '../go-errors';

interface Kubeconfig {
  'current-context'?: string;
  contexts?: Array<{ name?: string; context?: { user?: string } }>;
  users?: Array<{ name?: string; user?: { 'client-certificate'?: string; 'client-key'?: string } }>;
}

/** Why the kubeconfig at `path` cannot be used for its client files, or undefined (it can, or it does not parse: not modelled). */
export function clientConfigError(fs: FsView, path: string): string | undefined {
  let config: Kubeconfig;
  try {
    config = parse(fs.readFile(path)) as Kubeconfig;
  } catch {
    return undefined;
  }
  const userName = config?.contexts?.find((c) => c.name === config['current-context'])?.context?.user;
  const user = config?.users?.find((u) => u.name === userName)?.user;
  if (!userName || !user) return undefined;
  const errs: string[] = [];
  for (const [field, file] of [['client-cert', user['client-certificate']], ['client-key', user['client-key']]] as const) {
    if (file && !fs.stat(file)) errs.push(`unable to read ${field} ${file} for ${userName} due to open ${file}: no such file or directory`);
  }
  return errs.length ? `invalid configuration: ${aggregate(errs)}` : undefined;
}
