/**
 * What CoreDNS writes to its log: the banner at start (server block, the reload plugin's SHA512
 * of the Corefile, version and build), and with the `log` plugin one line per query in the
 * plugin's default format:
 *   [INFO] {remote}:{port} - {id} "{type} {class} {name} {proto} {size} {do} {bufsize}" {rcode} {flags} {rsize} {duration}
 * Sizes are the DNS wire sizes: a query is 12 + qname + 4 bytes; an A answer repeats the name
 * (CoreDNS's kubernetes plugin does not compress it) with 14 more bytes; an empty answer or a
 * NXDOMAIN carries the cluster zone's SOA (93 bytes).
 */
import { hashString } from '../random';

/** Stands for the SHA512 of the Corefile in the start banner; the kubelet fills it when logs are read. */
export const COREFILE_SHA512 = '{corefile-sha512}';

/** Go version and commit each CoreDNS release was built with (its start banner). */
const BUILDS: Record<string, string> = {
  '1.12.0': 'go1.23.3, 51e11f1',
  '1.11.3': 'go1.21.11, a6338e9',
  '1.11.1': 'go1.20.7, ae2bbc2',
};

export function corednsStartLines(tag: string): string[] {
  const version = tag.replace(/^v/, '');
  return ['.:53', `[INFO] plugin/reload: Running configuration SHA512 = ${COREFILE_SHA512}`, `CoreDNS-${version}`, `linux/amd64, ${BUILDS[version] ?? BUILDS['1.12.0']}`];
}

/** Whether a Corefile turns on the `log` plugin (a line `log`, with or without arguments). */
export function corefileLogsQueries(corefile: string): boolean {
  return /^\s*log(\s|$)/m.test(corefile.replace(/#.*$/gm, ''));
}

export interface TriedName {
  fqdn: string;
  addresses: string[];
}

const SOA_CLUSTER = 93;
const SOA_ROOT = 76;

function mix(seed: number): number {
  let x = seed | 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}


/**
 * The log lines of the queries a resolver makes for the names it tried, in order (A then AAAA for
 * each), from `client` at `now`. Ports, ids and durations vary as real ones do, repeatably.
 */
export function dnsQueryLines(client: string, tried: TriedName[], now: number): string[] {
  const seed = hashString(`${client}|${now}|${tried.map((t) => t.fqdn).join(',')}`);
  const port = 32768 + (mix(seed) % 28000);
  const lines: string[] = [];
  tried.forEach((t, i) => {
    const name = `${t.fqdn.replace(/\.$/, '')}.`;
    const qname = name.length + 1;
    const size = 12 + qname + 4;
    const cluster = /\.cluster\.local\.$/.test(name);
    const flags = cluster ? 'qr,aa,rd' : 'qr,rd,ra';
    const soa = cluster ? SOA_CLUSTER : SOA_ROOT;
    for (const [j, type] of (['A', 'AAAA'] as const).entries()) {
      const id = mix(seed + i * 2 + j + 1) % 65536;
      const found = t.addresses.length > 0;
      const rcode = found ? 'NOERROR' : 'NXDOMAIN';
      const rsize = found && type === 'A' ? size + t.addresses.length * (qname + 14) : size + soa;
      const ns = 60_000 + (mix(seed ^ (id + 7)) % 240_000);
      lines.push(`[INFO] ${client}:${port} - ${id} "${type} IN ${name} udp ${size} false 512" ${rcode} ${flags} ${rsize} ${String(ns / 1e9)}s`);
    }
  });
  return lines;
}

/**
 * The Corefile each CoreDNS container runs with, per runtime: set when it starts and when the
 * reload plugin picks up an edited ConfigMap (not serialised: after a restore the ConfigMap's
 * current Corefile stands in).
 */
const activeCorefiles = new WeakMap<object, Map<string, string>>();

export function setActiveCorefile(runtime: object, containerId: string, corefile: string): void {
  let m = activeCorefiles.get(runtime);
  if (!m) activeCorefiles.set(runtime, (m = new Map()));
  m.set(containerId, corefile);
}

export function activeCorefile(runtime: object, containerId: string): string | undefined {
  return activeCorefiles.get(runtime)?.get(containerId);
}

/** What the reload plugin logs when the Corefile changed. */
export function reloadLines(sha512: string): string[] {
  return ['[INFO] Reloading', `[INFO] plugin/reload: Running configuration SHA512 = ${sha512}`, '[INFO] Reloading complete'];
}
