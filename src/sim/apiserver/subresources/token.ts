/**
 * serviceaccounts/token (TokenRequest, `kubectl create token`): a bound service-account token in
 * JWT form (header.payload.signature, base64url) whose claims are the real ones (iss, sub, aud,
 * exp, iat, nbf, kubernetes.io). The signature is random bytes: the simulator trusts its own
 * tokens by reading the claims (authenticateToken), which is what TokenReview answers from. Legacy
 * secret-based tokens (issueLegacyToken, written by the tokens controller) are checked against the
 * Secret that holds them.
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

/** The issuer of legacy secret-based tokens (serviceaccount.LegacyIssuer). */
const LEGACY_ISSUER = 'kubernetes/serviceaccount';
const LEGACY_CLAIM = 'kubernetes.io/serviceaccount/';

/**
 * A legacy service-account token, as the tokens controller writes it into a Secret of type
 * kubernetes.io/service-account-token (serviceaccount.LegacyClaims): no expiry, no audience, the
 * Secret's name in its claims; the signature is random bytes like issueToken's.
 */
export function issueLegacyToken(random: { string(n: number, alphabet: string): string }, namespace: string, secretName: string, saName: string, saUid: string): string {
  const header = { alg: 'RS256', kid: random.string(43, B64URL_ALPHABET) };
  const payload = {
    iss: LEGACY_ISSUER,
    [`${LEGACY_CLAIM}namespace`]: namespace,
    [`${LEGACY_CLAIM}secret.name`]: secretName,
    [`${LEGACY_CLAIM}service-account.name`]: saName,
    [`${LEGACY_CLAIM}service-account.uid`]: saUid,
    sub: `system:serviceaccount:${namespace}:${saName}`,
  };
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${random.string(342, B64URL_ALPHABET)}`;
}

/**
 * A legacy token counts while its Secret still holds it and its ServiceAccount is the one it names
 * (the legacy authenticator's lookup): a deleted Secret or a recreated account revokes it.
 */
function legacyUser(server: Pick<ApiServer, 'storage' | 'registry'>, token: string, claims: Record<string, unknown>): UserInfo | undefined {
  const ns = String(claims[`${LEGACY_CLAIM}namespace`] ?? '');
  const secretName = String(claims[`${LEGACY_CLAIM}secret.name`] ?? '');
  const saName = String(claims[`${LEGACY_CLAIM}service-account.name`] ?? '');
  const uid = String(claims[`${LEGACY_CLAIM}service-account.uid`] ?? '');
  const prefix = (resource: string) => server.registry.get('', 'v1', resource)!.etcdPrefix;
  const secret = server.storage.get(storageKey(prefix('secrets'), ns, secretName))?.obj;
  const sa = server.storage.get(storageKey(prefix('serviceaccounts'), ns, saName))?.obj;
  const held = (secret?.data as Record<string, string> | undefined)?.token;
  if (!secret || !sa || sa.metadata?.uid !== uid || !held || atob(held) !== token) return undefined;
  return { username: `system:serviceaccount:${ns}:${saName}`, uid, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] };
}

/** The user a token issued by this cluster stands for, or undefined (bad, foreign, expired or revoked token). */
export function authenticateToken(server: Pick<ApiServer, 'clock' | 'storage' | 'registry'>, token: string): UserInfo | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(unb64url(parts[1])) as { iss?: string; exp?: number; sub?: string; 'kubernetes.io'?: { namespace: string; serviceaccount: { uid: string } } };
    if (claims.iss === LEGACY_ISSUER) return legacyUser(server, token, claims as Record<string, unknown>);
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
