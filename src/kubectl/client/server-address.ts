/**
 * The API server's address as client-go builds it from the kubeconfig's server URL, and the texts
 * of a dial to it that fails: how kubectl names the server in its messages.
 */
import { defaultServerUrl, serverUrlText } from '../kubeconfig/server-url';

export interface ServerAddress {
  /** host[:port] as the server URL writes it: how kubectl names the server in its messages. */
  hostPort: string;
  /** What Go's dialer prints: the resolved ip:port. */
  dialAddress: string;
  url: string;
  scheme: string;
  port: number;
}

/** The address of a server URL as client-go built it (ClientConfig.server). */
export function serverAddress(server: string): ServerAddress {
  const u = defaultServerUrl(server, true);
  if ('error' in u) return { hostPort: server, dialAddress: server, url: server, scheme: '', port: 0 };
  const [, host, port] = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(u.host) ?? ['', u.host, ''];
  const effectivePort = port || (u.scheme === 'http' ? '80' : '443');
  const ip = host === 'localhost' ? '127.0.0.1' : host;
  return { hostPort: u.host, dialAddress: `${ip}:${effectivePort}`, url: serverUrlText(u), scheme: u.scheme, port: Number(effectivePort) };
}

/** Why net/http cannot even dial the URL: a scheme it does not speak, a port out of range. */
export function undialable(addr: ServerAddress): string | undefined {
  if (addr.scheme !== 'http' && addr.scheme !== 'https') return `unsupported protocol scheme "${addr.scheme}"`;
  if (addr.port > 65535) return `dial tcp: address ${addr.port}: invalid port`;
  return undefined;
}

/** Text of a refused dial for a request URL. */
export function dialRefused(addr: ServerAddress): string {
  return `dial tcp ${addr.dialAddress}: connect: connection refused`;
}

/** kubectl's last line when nothing listens at the server's address. */
export function refusedMessage(addr: ServerAddress): string {
  return `The connection to the server ${addr.hostPort} was refused - did you specify the right host or port?`;
}

/** The host a request's DNS lookup resolves (none for an IP address), as the -v=9 trace names it. */
export function dnsHostOf(addr: ServerAddress): string | undefined {
  const host = addr.hostPort.replace(/:\d+$/, '');
  return /^[\d.]+$|^\[/.test(host) ? undefined : host;
}
