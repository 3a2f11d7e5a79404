/**
 * The server of a kubeconfig as client-go's rest.DefaultServerURL reads it: a URL, else a
 * host[:port] given http:// (https:// when TLS settings apply), a path only as part of a full
 * URL. Go's url.Parse is followed for the cases a kubeconfig meets: a scheme must start with a
 * letter, a first path segment may not hold a colon, a port is digits.
 */
export interface ServerUrl {
  scheme: string;
  /** host[:port] as written (what kubectl names in "The connection to the server …"). */
  host: string;
  /** A path prefix for every request ('' or '/…'). */
  path: string;
}

type Parsed = ServerUrl | 'error';

export function goUrlParse(s: string): Parsed {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
  if (!scheme) {
    const firstSegment = s.split('/')[0];
    return firstSegment.includes(':') ? 'error' : { scheme: '', host: '', path: s };
  }
  const rest = s.slice(scheme[0].length);
  if (!rest.startsWith('//')) return { scheme: scheme[1].toLowerCase(), host: '', path: '' };
  const afterSlashes = rest.slice(2);
  const end = afterSlashes.search(/[/?#]/);
  const host = end < 0 ? afterSlashes : afterSlashes.slice(0, end);
  const path = end < 0 ? '' : afterSlashes.slice(end).replace(/[?#].*$/, '');
  const port = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(host)?.[1];
  if (port !== undefined && !/^\d*$/.test(port)) return 'error';
  return { scheme: scheme[1].toLowerCase(), host, path };
}

/** The server URL client-go builds, or the error its REST client reports. */
export function defaultServerUrl(server: string, defaultTls: boolean): ServerUrl | { error: string } {
  if (server === '') return { error: 'host must be a URL or a host:port pair' };
  const parsed = goUrlParse(server);
  if (parsed !== 'error' && parsed.scheme && parsed.host) return parsed;
  const withScheme = goUrlParse(`${defaultTls ? 'https' : 'http'}://${server}`);
  if (withScheme === 'error' || (withScheme.path !== '' && withScheme.path !== '/')) return { error: `host must be a URL or a host:port pair: "${server}"` };
  return withScheme;
}

export function serverUrlText(u: ServerUrl): string {
  return `${u.scheme}://${u.host}${u.path === '/' ? '' : u.path}`;
}
