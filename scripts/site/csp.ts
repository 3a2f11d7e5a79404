/**
 * Content-Security-Policy for the static site. Scripts may only come from our own origin or be one
 * of the inline scripts that the build itself wrote (Starlight's theme and sidebar bootstrap,
 * small module scripts Astro inlines); each inline script is allowed by its SHA-256 hash, computed
 * from the built HTML, so a script injected later (for example through content) is refused.
 * `'wasm-unsafe-eval'` lets Pagefind instantiate its WebAssembly search index; it does not allow
 * eval() or new Function(). Styles allow inline because Starlight, Expressive Code and xterm.js
 * set style attributes and create <style> elements at run time.
 */
import { createHash } from 'node:crypto';

export const CSP_META_MARK = 'http-equiv="Content-Security-Policy"';

/** Base64 SHA-256 of a script body, as CSP wants it: 'sha256-…'. */
export function scriptHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

const SCRIPT_RE = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const DATA_SCRIPT_TYPES = /\btype\s*=\s*["']?(application\/(ld\+)?json|text\/template)/i;

/** The bodies of the inline scripts the browser will execute (not src= scripts, not JSON data). */
export function inlineScripts(html: string): string[] {
  const bodies: string[] = [];
  for (const match of html.matchAll(SCRIPT_RE)) {
    const [, attrs, body] = match;
    if (/\bsrc\s*=/.test(attrs) || DATA_SCRIPT_TYPES.test(attrs)) continue;
    if (body.length === 0) continue;
    bodies.push(body);
  }
  return bodies;
}

export function buildPolicy(scriptHashes: readonly string[]): string {
  const unique = [...new Set(scriptHashes)].sort();
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${unique.length ? ' ' + unique.join(' ') : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Adds the CSP meta tag as the first element of <head> (before any script, as a meta policy only
 * governs what comes after it). Idempotent: a page that already has one is returned unchanged.
 */
export function injectCsp(html: string): string {
  if (html.includes(CSP_META_MARK)) return html;
  const policy = buildPolicy(inlineScripts(html).map(scriptHash));
  const meta = `<meta ${CSP_META_MARK} content="${policy}">`;
  const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i.exec(html);
  if (charset) {
    const at = charset.index + charset[0].length;
    return html.slice(0, at) + meta + html.slice(at);
  }
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}
