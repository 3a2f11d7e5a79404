/**
 * client-go's auth-provider plugins as kubectl 1.33 still knows them: gcp and azure are removed
 * (each says which credential plugin replaces it), oidc wants its issuer and client id, and any
 * other name has no plugin. The answer is the error rest.Config's transport reports, or undefined.
 */
const REMOVED: Record<string, string> = {
  gcp: 'The gcp auth plugin has been removed.\nPlease use the "gke-gcloud-auth-plugin" kubectl/client-go credential plugin instead.\nSee https://cloud.google.com/blog/products/containers-kubernetes/kubectl-auth-changes-in-gke for further details',
  azure: 'The azure auth plugin has been removed.\nPlease use the https://github.com/Azure/kubelogin kubectl/client-go credential plugin instead.\nSee https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins for further details',
};

export function authProviderError(provider: unknown): string | undefined {
  if (!provider || typeof provider !== 'object') return undefined;
  const { name, config } = provider as { name?: string; config?: Record<string, string> };
  if (name && REMOVED[name]) return REMOVED[name];
  if (name === 'oidc') {
    if (!config?.['idp-issuer-url']) return 'Must provide idp-issuer-url';
    if (!config?.['client-id']) return 'Must provide client-id';
    return undefined;
  }
  return `no Auth Provider found for name "${name ?? ''}"`;
}
