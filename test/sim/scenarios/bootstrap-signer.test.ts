/**
 * The bootstrap signer keeps one jws-kubeconfig-<id> entry in kube-public/cluster-info per valid
 * signing token, computed as k8s.io/cluster-bootstrap/token/jws does (HS256, detached payload).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { base64Url, detachedSignature, detachedSignatureIsValid, hmacSha256 } from '../../../src/sim/pki/jws';
import { signingTokens } from '../../../src/sim/controllers/bootstrapsigner';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('jws', () => {
  it('HMAC-SHA256 matches RFC 4231 test cases 2 and 6 (a key longer than the block)', () => {
    expect(hex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(hex(hmacSha256(new Uint8Array(131).fill(0xaa), utf8('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it('signs with the header {"alg":"HS256","kid":"<id>"} and leaves the payload out', () => {
    const sig = detachedSignature('content', 'abcdef', '0123456789abcdef');
    const [header, payload, mac] = sig.split('.');
    expect(atob(header)).toBe('{"alg":"HS256","kid":"abcdef"}');
    expect(payload).toBe('');
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(base64Url(utf8('>>>?'))).toBe('Pj4-Pw');
    expect(detachedSignatureIsValid(sig, 'content', 'abcdef', '0123456789abcdef')).toBe(true);
    expect(detachedSignatureIsValid(sig, 'content2', 'abcdef', '0123456789abcdef')).toBe(false);
  });
});

describe('signingTokens', () => {
  const b64 = (s: string) => btoa(s);
  const secret = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token', metadata: { name: 'bootstrap-token-abcdef', namespace: 'kube-system' }, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) });
  const base = { 'token-id': 'abcdef', 'token-secret': '0123456789abcdef', 'usage-bootstrap-signing': 'true' };
  const now = Date.parse('2026-01-16T00:00:00Z');

  it('keeps unexpired signing tokens and those without expiration', () => {
    expect(signingTokens([secret({ ...base, expiration: '2026-01-16T01:00:00Z' })], now)).toEqual([{ id: 'abcdef', secret: '0123456789abcdef', expiresAt: Date.parse('2026-01-16T01:00:00Z') }]);
    expect(signingTokens([secret(base)], now)[0].expiresAt).toBe(Infinity);
  });

  it('drops expired tokens, tokens not for signing and malformed ones', () => {
    expect(signingTokens([secret({ ...base, expiration: '2026-01-15T23:59:59Z' })], now)).toEqual([]);
    expect(signingTokens([secret({ ...base, 'usage-bootstrap-signing': 'false' })], now)).toEqual([]);
    expect(signingTokens([secret({ ...base, 'token-secret': 'short' })], now)).toEqual([]);
  });
});

describe('bootstrap signer in the cluster', () => {
  const JWS = "kubectl -n kube-public get cm cluster-info -o jsonpath='{.data}' | grep -o 'jws-kubeconfig-[a-z0-9]*' | sort | tr '\\n' ' '; echo";

  it('signs cluster-info for init\'s token and for a new one, and drops a deleted token\'s signature', async () => {
    const world = bootWorld('cluster');
    const first = await runScript(world, 'cka01', `kubeadm token list | awk 'NR > 1 {print substr($1, 1, 6)}'\n${JWS}`);
    const [initId, signed] = first.stdout.split('\n');
    expect(signed).toBe(`jws-kubeconfig-${initId} `);
    const created = await runScript(world, 'cka01', `kubeadm token create abcdef.0123456789abcdef >/dev/null\nsleep 1\n${JWS}`);
    expect(created.stdout).toBe(`${[`jws-kubeconfig-${initId}`, 'jws-kubeconfig-abcdef'].sort().join(' ')} \n`);
    const cm = await runScript(world, 'cka01', "kubectl -n kube-public get cm cluster-info -o jsonpath='{.data.jws-kubeconfig-abcdef}'");
    const kubeconfig = await runScript(world, 'cka01', "kubectl -n kube-public get cm cluster-info -o jsonpath='{.data.kubeconfig}'");
    expect(detachedSignatureIsValid(cm.stdout, kubeconfig.stdout, 'abcdef', '0123456789abcdef')).toBe(true);
    const deleted = await runScript(world, 'cka01', `kubeadm token delete abcdef >/dev/null\nsleep 1\n${JWS}`);
    expect(deleted.stdout).toBe(`jws-kubeconfig-${initId} \n`);
  });

  it('drops the signature when a token expires', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubeadm token create abcdef.0123456789abcdef --ttl 1m >/dev/null');
    world.clock.advance(2_000);
    expect((await runScript(world, 'cka01', JWS)).stdout).toContain('jws-kubeconfig-abcdef');
    world.clock.advance(61_000);
    expect((await runScript(world, 'cka01', JWS)).stdout).not.toContain('jws-kubeconfig-abcdef');
  });
});
