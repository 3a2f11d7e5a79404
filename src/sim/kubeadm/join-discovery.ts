/**
 * kubeadm join's discovery with a bootstrap token (cmd/kubeadm/app/discovery/token): kubeadm reads
 * the cluster-info ConfigMap anonymously and polls until it carries a JWS signature for the token
 * ID — the bootstrap signer keeps one there for every unexpired token usable for signing, and drops
 * it when the token expires or is deleted — giving up after the discovery timeout (5m0s). A
 * signature that does not verify with the token's secret is refused at once.
 */
export interface TokenRecord {
  id: string;
  secret: string;
  expiration: string;
  usages: string[];
}

export type DiscoveryOutcome = { ok: true } | { ok: false; afterMs: number; error: string };

/** JoinConfiguration's discovery timeout (timeouts.discovery of kubeadm.k8s.io/v1beta4). */
export const DISCOVERY_TIMEOUT_MS = 5 * 60_000;

const IDENTITY = "couldn't validate the identity of the API Server";

export function discoverWithToken(tokens: TokenRecord[], token: string, now: number): DiscoveryOutcome {
  const [id, secret] = token.split('.');
  // Tokens the signer signs cluster-info with: usable for signing, not expired. Only one that can
  // also authenticate lets the kubelet bootstrap afterwards (not the upload-certs proxy token).
  const signed = tokens.find((t) => t.id === id && t.usages.includes('signing') && t.usages.includes('authentication') && !(Date.parse(t.expiration) <= now));
  if (!signed) return { ok: false, afterMs: DISCOVERY_TIMEOUT_MS, error: `error execution phase preflight: ${IDENTITY}: could not find a JWS signature in the cluster-info ConfigMap for token ID "${id}"` };
  if (signed.secret !== secret) return { ok: false, afterMs: 0, error: `error execution phase preflight: ${IDENTITY}: failed to verify JWS signature of received cluster info object, can't trust this API Server` };
  return { ok: true };
}
