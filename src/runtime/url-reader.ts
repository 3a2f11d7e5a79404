/**
 * What a client program (kubectl -f URL, helm) reaches when it GETs a URL from a machine: the same
 * offline internet and cluster network that curl uses, with Go's net/http error texts.
 */
import type { CommandContext } from '../shell/command';
import { serviceNetwork } from './service-network';

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export type UrlReadResult = { status: number; statusText: string; body: string } | { dialError: string };

export function readUrl(url: string, ctx: CommandContext): UrlReadResult {
  const m = /^(https?):\/\/([^/:]+)(?::(\d+))?/.exec(url);
  if (!m) return { dialError: `unsupported protocol scheme ""` };
  const [, scheme, host, portText] = m;
  const port = portText ?? (scheme === 'https' ? '443' : '80');
  const ip = serviceNetwork.resolve(ctx, host);
  if (!ip) return { dialError: `dial tcp: lookup ${host} on 127.0.0.53:53: no such host` };
  const res = serviceNetwork.http?.(ctx, { method: 'GET', url, headers: {} });
  if (!res || 'error' in res) {
    const why = res && 'error' in res && res.error === 'timeout' ? 'i/o timeout' : 'connect: connection refused';
    return { dialError: `dial tcp ${ip}:${port}: ${why}` };
  }
  return { status: res.status, statusText: STATUS_TEXT[res.status] ?? '', body: res.body };
}
