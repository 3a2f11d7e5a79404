/** The kubeconfig file (clientcmd/api/v1 Config) as kubectl reads and writes it. */
export interface NamedEntry<T> {
  name: string;
  [key: string]: unknown;
  cluster?: T;
  context?: T;
  user?: T;
}

export interface Cluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
  [key: string]: unknown;
}

export interface Context {
  cluster?: string;
  user?: string;
  namespace?: string;
  [key: string]: unknown;
}

export interface AuthInfo {
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  [key: string]: unknown;
}

export interface KubeConfig {
  apiVersion?: string;
  kind?: string;
  clusters: { name: string; cluster: Cluster }[];
  contexts: { name: string; context: Context }[];
  users: { name: string; user: AuthInfo }[];
  'current-context'?: string;
  preferences?: Record<string, unknown>;
  [key: string]: unknown;
}

/** v1 defaulting of an exec plugin: the older API versions default interactiveMode to IfAvailable. */
export const EXEC_INTERACTIVE_DEFAULTED = new Set(['client.authentication.k8s.io/v1beta1', 'client.authentication.k8s.io/v1alpha1']);

export function emptyConfig(): KubeConfig {
  return { clusters: [], contexts: [], users: [], preferences: {} };
}
