/**
 * kubeadm join's discovery with a bootstrap token (cmd/kubeadm/app/discovery/token): kubeadm reads
 * the cluster-info ConfigMap of kube-public and polls, every 5 s, until it carries the JWS signature
 * for the token ID — the bootstrap signer keeps one there for every unexpired signing token and drops
 * it when the token expires or is deleted — giving up after the discovery timeout (5m0s). A
 * signature that the token's secret does not verify is refused at once.
 */
import { detachedSignatureIsValid } from '../pki/jws';

export type DiscoveryOutcome = { ok: true } | { ok: false; error: string };

/** JoinConfiguration's discovery timeout (timeouts.discovery of kubeadm.k8s.io/v1beta4). */
export const DISCOVERY_TIMEOUT_MS = 5 * 60_000;
/** kubeadm's constants.DiscoveryRetryInterval. */
export const DISCOVERY_RETRY_MS = 5_000;

const PREFIX = "error execution phase preflight: couldn't validate the identity of the API Server";

export async function discoverWithToken(
  readClusterInfo: () => Record<string, string> | undefined,
  token: string,
  sleep: (ms: number) => Promise<void>,
): Promise<DiscoveryOutcome> {
  const [id, secret = ''] = token.split('.');
  let data = readClusterInfo();
  for (let waited = 0; !data?.[`jws-kubeconfig-${id}`]; waited += DISCOVERY_RETRY_MS) {
    if (waited >= DISCOVERY_TIMEOUT_MS) return { ok: false, error: `${PREFIX}: could not find a JWS signature in the cluster-info ConfigMap for token ID "${id}"` };
    await sleep(DISCOVERY_RETRY_MS);
    data = readClusterInfo();
  }
  const kubeconfig = data.kubeconfig;
  if (!kubeconfig) return { ok: false, error: `${PREFIX}: there is no kubeconfig key in the cluster-info ConfigMap. This API Server isn't set up for token bootstrapping, can't connect` };
  if (!detachedSignatureIsValid(data[`jws-kubeconfig-${id}`], kubeconfig, id, secret)) {
    return { ok: false, error: `${PREFIX}: failed to verify JWS signature of received cluster info object, can't trust this API Server` };
  }
  return { ok: true };
}
