/** The projected service-account token a Pod's volume holds: a JWT-shaped text with the claims kubectl users decode. */
import type { KubeObject } from '../apiserver/types';
import { spec } from '../controllers/machinery/objects';

export function fakeToken(pod: KubeObject, now: number): string {
  const header = btoa(JSON.stringify({ alg: 'RS256', kid: 'cka-lab' })).replace(/=+$/, '');
  const payload = btoa(JSON.stringify({ aud: ['https://kubernetes.default.svc.cluster.local'], iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 3607, sub: `system:serviceaccount:${pod.metadata?.namespace}:${spec(pod).serviceAccountName ?? 'default'}` })).replace(/=+$/, '');
  return `${header}.${payload}.c2lnbmF0dXJl`;
}
