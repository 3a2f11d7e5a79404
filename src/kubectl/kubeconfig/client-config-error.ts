/**
 * An error of client-go on the way from kubeconfig files to a REST config, kept as client-go
 * builds it so that each program prints it its own way: kubectl through cmdutil.CheckErr
 * (an aggregate of one unwrapped, configuration errors as "Error in configuration: …"), helm
 * through err.Error() ("invalid configuration: […]").
 */
import { KubectlError } from '../errors';

/**
 * - load: the files that failed to load (utilerrors.Aggregate of "error loading config file …")
 * - invalid: ConfirmUsable's findings (errConfigurationInvalid)
 * - plain: any other error (a missing --user, a bad CA, a bad server URL)
 */
export type ClientConfigErrorKind = 'load' | 'invalid' | 'plain';

const CONTEXT_NOT_FOUND = 'context was not found for specified context';

export class ClientConfigError extends KubectlError {
  constructor(
    readonly kind: ClientConfigErrorKind,
    readonly messages: string[],
  ) {
    super(kubectlText(kind, messages));
  }

  /** err.Error() in Go, as helm prints it after "Kubernetes cluster unreachable: ". */
  goText(): string {
    // utilerrors.Aggregate's Error(): one message alone, several in brackets (duplicates once).
    const unique = [...new Set(this.messages)];
    const joined = unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
    return this.kind === 'invalid' ? `invalid configuration: ${joined}` : joined;
  }
}

function kubectlText(kind: ClientConfigErrorKind, messages: string[]): string {
  if (messages.length > 1) {
    // A configuration error lists its findings under a heading; other aggregates print one per line.
    if (kind === 'invalid') return `Error in configuration: \n${messages.map((m) => `* ${m}`).join('\n')}`;
    return messages.join('\n');
  }
  const [message] = messages;
  if (message.includes(CONTEXT_NOT_FOUND)) return `Error in configuration: ${message}`;
  return message.startsWith('error: ') ? message : `error: ${message}`;
}

export const loadError = (messages: string[]) => new ClientConfigError('load', messages);
export const invalidConfig = (messages: string[]) => new ClientConfigError('invalid', messages);
export const clientError = (message: string) => new ClientConfigError('plain', [message]);
