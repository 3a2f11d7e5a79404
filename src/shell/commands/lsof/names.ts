/**
 * How lsof names an Internet socket: `host:port`, the host by gethostbyaddr unless -n, the port by
 * getservbyport unless -P, a wildcard address as `*`, an IPv6 address in brackets, the TCP state
 * in parentheses (print.c printiproto, dialects/linux's socket decoding).
 */
import type { CommandContext } from '../../command';
import { hostsEntries } from '../../../tools/getent';
import { getSystem } from '../lib/system';
import { serviceName } from '../lib/etc-services';
import type { SocketFile } from '../lib/open-files';

/**
 * The name gethostbyaddr finds for an address on an Ubuntu 22.04 node: /etc/hosts first, then
 * systemd-resolved, which answers for its stub's address (_localdnsstub) and for the machine's own
 * addresses with its host name (resolved-dns-synthesize.c); anything else stays a number.
 */
export function hostByAddress(ctx: CommandContext, address: string): string {
  const entry = hostsEntries(ctx).find((e) => e.addr === address);
  if (entry) return entry.names[0];
  if (address === '127.0.0.53') return '_localdnsstub';
  if (address === getSystem().ip(ctx)) return ctx.host;
  return address;
}

/** The address a host name stands for in `-i @host` (/etc/hosts, the machine's own name), or undefined. */
export function addressOfHost(ctx: CommandContext, name: string): string | undefined {
  const entry = hostsEntries(ctx).find((e) => e.names.includes(name) && /^\d+\.\d+\.\d+\.\d+$/.test(e.addr));
  if (entry) return entry.addr;
  return name === ctx.host ? getSystem().ip(ctx) : undefined;
}

/** NAME of a socket: `*:6443 (LISTEN)`, `localhost:10248 (LISTEN)`, `[::1]:8080 (LISTEN)`. */
export function socketName(ctx: CommandContext, s: SocketFile, numericHosts: boolean, numericPorts: boolean): string {
  let host = '*';
  if (s.address) {
    const named = numericHosts ? s.address : hostByAddress(ctx, s.address);
    host = named.includes(':') ? `[${named}]` : named;
  }
  const port = numericPorts ? String(s.port) : (serviceName(s.port, 'tcp') ?? String(s.port));
  return `${host}:${port} (${s.state})`;
}
