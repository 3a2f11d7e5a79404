/**
 * The files the control plane's programs open as they start, in the order they open them, and
 * the error each returns when its container does not see the file (container-files.ts): a typo in
 * a path flag, or a hostPath volume pointed elsewhere. The first missing one ends the program.
 *
 * - kube-apiserver (v1.33, pkg/controlplane/apiserver/config.go BuildGenericConfig): its serving
 *   certificate and key (SecureServingOptions.ApplyToConfig → dynamiccertificates
 *   loadCertKeyPair, os.ReadFile of the cert, then the key), then its client CA and request-header
 *   CA (Authentication.ApplyTo, NewDynamicCAContentFromFile), each error returned as it is: Go's
 *   `open PATH: no such file or directory` (a killercoda v1.35 control plane logs
 *   `"command failed" err="open /etc/kubernetes/pki/apiserver-wrong.crt: no such file or
 *   directory"`). Its etcd client files are read only when the lease reconciler creates its
 *   storage, after admission is set up: etcd's TLSInfo.ClientConfig (client/pkg/transport
 *   listener.go v3.5.21: the cert, the key, then the CA) fails, and reconcilers.NewLeases wraps it
 *   as `error creating storage factory: …`, which the apiserver logs fatally as `Error creating
 *   leases: …` (stage 'storage').
 * - kube-controller-manager (v1.33 KubeControllerManagerOptions.Config): --kubeconfig first
 *   (clientcmd.BuildConfigFromFlags: the bare `stat PATH: no such file or directory`, as KodeKloud
 *   and killercoda controller managers log it for `controller-manager-XXXX.conf`), then its
 *   delegated authentication (k8s.io/apiserver v0.33.4 options/authentication.go: the
 *   authentication kubeconfig, wrapped twice by getClient and ApplyTo; the client CA as
 *   `unable to load client CA provider: open …`, seen in a KodeKloud lab whose certificates
 *   volume was moved; the request-header CA) and authorization (its kubeconfig).
 * - kube-scheduler (v1.33 Options.Config): authentication and authorization first (ApplyTo), then
 *   --kubeconfig (createKubeConfig: `stat /etc/kubernetes/scheduler.config: no such file or
 *   directory`, as KodeKloud's broken-scheduler labs log it).
 */
import type { ContainerFiles } from './container-files';

export interface StartupFileError {
  /** 'options': returned to cli.Run while the options are applied; 'storage': fatal when the first storage is created. */
  stage: 'options' | 'storage';
  error: string;
}

type Check = [flag: string, error: (path: string) => string, stage?: StartupFileError['stage']];

const open = (path: string) => `open ${path}: no such file or directory`;
const stat = (path: string) => `stat ${path}: no such file or directory`;
const delegatedAuthentication = (path: string) => `failed to get delegated authentication kubeconfig: failed to get delegated authentication kubeconfig: ${stat(path)}`;
const delegatedAuthorization = (path: string) => `failed to get delegated authorization kubeconfig: ${stat(path)}`;
const storage = (path: string) => `error creating storage factory: ${open(path)}`;

const CHECKS: Record<string, Check[]> = {
  'kube-apiserver': [
    ['tls-cert-file', open],
    ['tls-private-key-file', open],
    ['client-ca-file', open],
    ['requestheader-client-ca-file', open],
    ['etcd-certfile', storage, 'storage'],
    ['etcd-keyfile', storage, 'storage'],
    ['etcd-cafile', storage, 'storage'],
  ],
  'kube-controller-manager': [
    ['kubeconfig', stat],
    ['authentication-kubeconfig', delegatedAuthentication],
    ['client-ca-file', (p) => `unable to load client CA provider: ${open(p)}`],
    ['requestheader-client-ca-file', (p) => `unable to create request header authentication config: ${open(p)}`],
    ['authorization-kubeconfig', delegatedAuthorization],
  ],
  'kube-scheduler': [
    ['authentication-kubeconfig', delegatedAuthentication],
    ['authorization-kubeconfig', delegatedAuthorization],
    ['kubeconfig', stat],
  ],
};

/** --flag=value (or `--flag value`), the last one given. */
function lastFlag(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith(`--${name}=`)) value = argv[i].slice(name.length + 3);
    else if (argv[i] === `--${name}`) value = argv[i + 1];
  }
  return value;
}

/** The first start-up file of `program`'s flags that its container does not see, with the error it ends with. */
export function startupFileError(program: string, argv: readonly string[], sees: ContainerFiles): StartupFileError | undefined {
  for (const [flag, error, stage = 'options'] of CHECKS[program] ?? []) {
    const path = lastFlag(argv, flag);
    if (path && !sees(path)) return { stage, error: error(path) };
  }
  return undefined;
}
