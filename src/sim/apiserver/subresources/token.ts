/**
 * serviceaccounts/token (TokenRequest, `kubectl create token`): a bound service-account token in
 * JWT form (header.payload.signature, base64url) whose claims are the real ones (iss, sub, aud,
 * exp, iat, nbf, kubernetes.io). The signature is random bytes: the simulator trusts its own
 * tokens by reading the claims (authenticateToken), which is what TokenReview answers from.
 */
import { errors, fail, ok } from '../errors';
import type { Handler, RequestContext } from '../context';
import { storageKey } from '../storage';
import type { KubeObject, UserInfo, Verb } from '../types';
import { admitNodeRequest } from '../admission/node-restriction';
import type { ApiServer } from '../server';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';

function b64url(s: string): string {
  return btoa(unescape(encodeURIComponent(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function unb64url(s: string): string {
  const pad = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  return decodeURIComponent(escape(atob(pad)));
}

const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function issueToken(ctx: RequestContext, namespace: string, name: string, uid: string, expirationSeconds: number, audiences: string[]): { token: string; expires: number } {
  const now = Math.floor(ctx.server.clock.now() / 1000);
  const header = { alg: 'RS256', kid: ctx.server.random.string(43, B64URL_ALPHABET) };
  const payload = {
    aud: audiences,
    exp: now + expirationSeconds,
    iat: now,
    iss: ISSUER,
    jti: ctx.server.random.uuid(),
    'kubernetes.io': { namespace, serviceaccount: { name, uid } },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const sig = ctx.server.random.string(342, B64URL_ALPHABET);
  return { token: `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${sig}`, expires: payload.exp };
}

/** The user a token issued by this cluster stands for, or undefined (bad, foreign or expired token). */
export function authenticateToken(server: Pick<ApiServer, 'clock'>, token: string): UserInfo | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(unb64url(parts[1])) as { iss?: string; exp?: number; sub?: string; 'kubernetes.io'?: { namespace: string; serviceaccount: { uid: string } } };
    if (claims.iss !== ISSUER || !claims.sub || !claims.exp || claims.exp * 1000 <= server.clock.now()) return undefined;
    const ns = claims['kubernetes.io']?.namespace ?? '';
    return {
      username: claims.sub,
      uid: claims['kubernetes.io']?.serviceaccount.uid,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
    };
  } catch {
    return undefined;
  }
}

export const tokenHandlers: Partial<Record<Verb, Handler>> = {
  create: (ctx) => {
    const name = ctx.req.name!;
    const info = ctx.server.registry.get('', 'v1', 'serviceaccounts')!;
    const sa = ctx.server.storage.get(storageKey(info.etcdPrefix, ctx.namespace, name));
    if (!sa) return fail(errors.notFound('serviceaccounts', name));
    const refused = admitNodeRequest(ctx, 'CREATE', (ctx.req.body ?? {}) as KubeObject);
    if (refused) return fail(refused);
    const spec = ((ctx.req.body as { spec?: { expirationSeconds?: number; audiences?: string[] } } | undefined)?.spec ?? {});
    const expirationSeconds = spec.expirationSeconds ?? 3600;
    if (expirationSeconds < 600)
      return fail(errors.invalid('TokenRequest', 'authentication.k8s.io', '', [{ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes` }]));
    const audiences = spec.audiences?.length ? spec.audiences : [ISSUER];
    const { token, expires } = issueToken(ctx, ctx.namespace, name, sa.obj.metadata!.uid!, expirationSeconds, audiences);
    return ok(
      {
        kind: 'TokenRequest',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { name, namespace: ctx.namespace, creationTimestamp: ctx.server.clock.rfc3339() },
        spec: { audiences, expirationSeconds, boundObjectRef: null },
        status: { token, expirationTimestamp: ctx.server.clock.rfc3339(expires * 1000) },
      },
      201,
    );
  },
};
