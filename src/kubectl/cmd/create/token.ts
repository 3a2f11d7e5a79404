/** kubectl create token SERVICEACCOUNT: a TokenRequest through serviceaccounts/NAME/token. */
import { goDurationMs } from '../../../sim/go-parse-duration';
import { connect, namespaceOf } from '../../client/connection';
import { dialRefused, serverAddress } from '../../client/server-address';
import { session } from '../../client/session';
import { isStatus, statusText } from '../../client/status';
import { KubectlError, fail } from '../../errors';
import type { Invocation } from '../../invocation';
import { exactlyOneName } from './generator';
import { register } from '../registry';

function durationSeconds(text: string): number {
  return Math.round((goDurationMs(text) ?? 0) / 1000);
}

function createToken(inv: Invocation): number {
  const name = exactlyOneName(inv);
  const namespace = namespaceOf(inv);
  const s = session(inv);
  if (!s.transport) {
    const addr = serverAddress(s.config.server);
    throw fail(`failed to create token: Post "${addr.url}/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token": ${dialRefused(addr)}`);
  }
  const spec: Record<string, unknown> = {};
  const audiences = inv.flags.list('audience');
  if (audiences.length) spec.audiences = audiences;
  const duration = inv.flags.str('duration');
  if (duration && duration !== '0s') spec.expirationSeconds = durationSeconds(duration);
  const conn = connect(inv, 0);
  const res = conn.request<{ status?: { token?: string } }>({
    verb: 'create', group: '', version: 'v1', resource: 'serviceaccounts', subresource: 'token', namespace, name,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: { creationTimestamp: null }, spec },
  });
  // fmt.Errorf("failed to create token: %v", err): a StatusError's %v is its message.
  if (res.code >= 300) throw new KubectlError(`error: failed to create token: ${isStatus(res.body) ? (res.body.message ?? '') : statusText(res.body)}`);
  inv.out(`${(res.body as { status?: { token?: string } }).status?.token ?? ''}\n`);
  return 0;
}

register('create token', createToken);
