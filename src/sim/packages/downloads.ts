/**
 * The offline internet of package repositories, for the shell's curl/wget provider seam
 * (`setNetworkProvider` in src/shell/commands/lib/system.ts): the hosts that resolve and the
 * artefacts they serve (repository keys). The world's network provider composes this.
 */
import { KNOWN_HOSTS } from './catalogue';
import { publishedKey } from './keys';

/** Public address a repository host resolves to (stable, for curl -v and apt's [IP: …]). */
export function packageHostAddress(host: string): string | null {
  if (!KNOWN_HOSTS.has(host)) return null;
  let h = 0;
  for (const c of host) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `151.101.${h % 250}.${(h >> 8) % 250}`;
}

/** An HTTP GET of a repository artefact: 200 with the body, 404 for other paths on a known host, undefined for other hosts. */
export function downloadArtefact(url: string): { status: number; headers: Record<string, string>; body: string } | undefined {
  const host = /^https?:\/\/([^/:]+)/.exec(url)?.[1];
  if (!host || !KNOWN_HOSTS.has(host)) return undefined;
  const key = publishedKey(url);
  if (key) return { status: 200, headers: { 'content-type': 'application/pgp-keys' }, body: key };
  return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>404 Not Found</h1></body></html>\n' };
}
