/**
 * What a verb handler receives: the process context, the parsed flags and arguments, and lazy
 * access to the kubeconfig and the API connection (only commands that need them pay for them).
 */
import type { CommandContext } from '../shell/command';
import type { ApiTransport, UserInfo } from '../sim/apiserver/types';
import type { Flags } from './flags/parse';
import type { ClientTls } from './kubeconfig/client-config';
import type { AuthInfo } from './kubeconfig/types';

export interface KubectlDeps {
  /** The API server listening at a kubeconfig server URL, or null when nothing listens there. */
  connect(serverUrl: string, ctx: CommandContext): ApiTransport | null;
  /**
   * How the dial fails where connect() found nothing: 'refused' (a host that exists, no listener:
   * at once) or 'timeout' (nothing holds the address: Go's dialer waits 30 s). Default: refused.
   */
  dialFailure?(serverUrl: string, ctx: CommandContext): 'refused' | 'timeout';
  /** Why the client does not trust the server it reached (its certificate), as client-go reports it; undefined when it does. */
  verifyServer?(serverUrl: string, ctx: CommandContext, tls: ClientTls): string | undefined;
  /** Who the credentials of a kubeconfig user are (certificate CN/O, token…); undefined = anonymous. */
  /** Who the API server takes these credentials for; 'unauthorized' when it refuses them (401). */
  identify?(authInfo: AuthInfo, ctx: CommandContext): UserInfo | 'unauthorized' | undefined;
  /** Process id printed in klog lines (fixed so that outputs are repeatable). */
  pid?: number;
  /** The API server's version (e.g. "v1.32.4") for `kubectl version` when the server has no /version. */
  serverVersion?(ctx: CommandContext): string | undefined;
  /**
   * An HTTP GET of a manifest URL for -f URL: the status and body, or the dial error text
   * ("dial tcp: lookup HOST on 127.0.0.53:53: no such host"). Without it every URL is a 404.
   */
  readUrl?(url: string, ctx: CommandContext): { status: number; statusText: string; body: string } | { dialError: string };
}

export interface Invocation {
  readonly ctx: CommandContext;
  readonly deps: KubectlDeps;
  /** Command path without "kubectl", e.g. "create deployment". */
  readonly path: string;
  readonly flags: Flags;
  out(text: string): void;
  err(text: string): void;
}

export type Handler = (inv: Invocation) => Promise<number> | number;
