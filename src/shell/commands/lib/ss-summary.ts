/**
 * `ss -s` (iproute2 5.15 misc/ss.c print_summary): the counts of /proc/net/sockstat and sockstat6.
 * They are made from the sockets the machine lists (`ss -tl`): a listener on an IPv4 address counts
 * as TCP, one on `[::]` or `*` (a dual-stack socket) as TCP6. Nothing else is connected, so no
 * socket is established, closed, orphaned or in TIME-WAIT. The total also counts the Unix sockets
 * every process holds (its journal stream and its bus or control socket: two each).
 */
import type { ListenSocket } from './system';

export function socketSummary(sockets: ListenSocket[], processCount: number): string {
  const tcp6 = sockets.filter((s) => s.address === '*' || s.address.startsWith('[')).length;
  const tcp4 = sockets.length - tcp6;
  const total = sockets.length + 2 * processCount;
  const row = (name: string, all: number, v4: number, v6: number) => `${name}\t  ${String(all).padEnd(9)} ${String(v4).padEnd(9)} ${String(v6).padEnd(9)}\n`;
  return (
    `Total: ${total}\n` +
    `TCP:   ${tcp4 + tcp6} (estab 0, closed 0, orphaned 0, timewait 0)\n\n` +
    'Transport Total     IP        IPv6\n' +
    row('RAW', 0, 0, 0) +
    row('UDP', 0, 0, 0) +
    row('TCP', tcp4 + tcp6, tcp4, tcp6) +
    row('INET', tcp4 + tcp6, tcp4, tcp6) +
    row('FRAG', 0, 0, 0) +
    '\n'
  );
}
