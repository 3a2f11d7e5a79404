import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPolicy, CSP_META_MARK, injectCsp, inlineScripts, scriptHash } from '../../scripts/site/csp';

describe('scriptHash', () => {
  it('matches the CSP specification example', () => {
    // MDN's script-src example, also checked with `openssl dgst -sha256 -binary | base64`.
    expect(scriptHash("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });
});

describe('inlineScripts', () => {
  it('returns executable inline scripts only', () => {
    const html = [
      '<script>one()</script>',
      '<script type="module">two()</script>',
      '<script type="module" src="/_astro/x.js"></script>',
      '<script type="application/json">{"a":1}</script>',
      '<script type="application/ld+json">{}</script>',
      '<script aria-hidden="true">\n three() \n</script>',
      '<script></script>',
    ].join('');
    expect(inlineScripts(html)).toEqual(['one()', 'two()', '\n three() \n']);
  });
});

describe('buildPolicy', () => {
  it('allows only our own scripts plus the hashed inline ones, never eval', () => {
    const policy = buildPolicy(["'sha256-b'", "'sha256-a'", "'sha256-a'"]);
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b'");
    expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
  });
});

describe('injectCsp', () => {
  const page = (body: string) =>
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>x</title><script>theme()</script></head><body>${body}</body></html>`;

  it('puts the policy right after <meta charset>, before every script', () => {
    const out = injectCsp(page('<script type="module">go()</script>'));
    const meta = out.indexOf(CSP_META_MARK);
    expect(meta).toBeGreaterThan(out.indexOf('<meta charset="utf-8"/>'));
    expect(meta).toBeLessThan(out.indexOf('<script'));
    expect(out).toContain(scriptHash('theme()'));
    expect(out).toContain(scriptHash('go()'));
  });

  it('falls back to the start of <head> without a charset meta', () => {
    const out = injectCsp('<html><head><script>a()</script></head></html>');
    expect(out.startsWith(`<html><head><meta ${CSP_META_MARK}`)).toBe(true);
  });

  it('is idempotent and hashes every inline script it is given', () => {
    fc.assert(
      fc.property(fc.array(fc.string().filter((s) => !/<\/script/i.test(s) && s.length > 0), { maxLength: 5 }), (bodies) => {
        const html = page(bodies.map((b) => `<script>${b}</script>`).join(''));
        const once = injectCsp(html);
        expect(injectCsp(once)).toBe(once);
        for (const body of bodies) expect(once).toContain(scriptHash(body));
      }),
    );
  });
});
