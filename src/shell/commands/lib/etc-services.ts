/**
 * Port names from /etc/services (Ubuntu 22.04's netbase), for what ss, nc, iptables and ipvsadm
 * print without -n and accept in place of numbers (getservbyport, getservbyname). Only the ports a
 * cluster's nodes meet; others print as numbers, as a port with no entry does.
 */
const TCP: Record<number, string> = {
  21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 80: 'http', 110: 'pop3', 123: 'ntp', 143: 'imap2', 179: 'bgp', 389: 'ldap', 443: 'https',
  636: 'ldaps', 873: 'rsync', 993: 'imaps', 995: 'pop3s', 3306: 'mysql', 5432: 'postgresql', 6379: 'redis', 8080: 'http-alt',
};
const UDP: Record<number, string> = { 53: 'domain', 67: 'bootps', 68: 'bootpc', 123: 'ntp', 161: 'snmp', 443: 'https', 514: 'syslog', 5353: 'mdns' };
/** Aliases netbase lists after the name (www for http, …). */
const ALIASES: Record<string, string> = { www: 'http', webcache: 'http-alt' };

export function serviceName(port: number, proto: string): string | undefined {
  return (proto === 'udp' ? UDP : TCP)[port];
}

/** The port of a service name for a protocol (getservbyname), or undefined. */
export function servicePort(name: string, proto: string): number | undefined {
  const canonical = ALIASES[name] ?? name;
  const table = proto === 'udp' ? UDP : TCP;
  for (const [port, n] of Object.entries(table)) if (n === canonical) return Number(port);
  return undefined;
}
