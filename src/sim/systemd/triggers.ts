/**
 * What links units to each other beyond starting them: a socket unit triggers its service
 * (socket.c socket_add_extras: Service= or the unit of the same name), and a stop spreads to the
 * units that Requires=, BindsTo= or are PartOf= the stopped one (systemd's transaction adds a
 * stop job for each: UNIT_ATOM_PROPAGATE_STOP covers RequiredBy=, BoundBy= and ConsistsOf=).
 * All read from the unit files on the machine, as systemd loads them.
 */
import type { FsView } from '../machine/fs';
import { allUnitNames, loadUnit, unitValue, type UnitFile } from './units';

/** The service a socket unit starts on a connection (Service=, else the socket's own name). */
export function triggeredService(socket: UnitFile): string {
  return unitValue(socket, 'Socket', 'Service') ?? socket.name.replace(/\.socket$/, '.service');
}

/** The socket units that trigger a service (its TriggeredBy=), in name order. */
export function socketsTriggering(fs: FsView, service: string): string[] {
  return allUnitNames(fs).filter((n) => {
    if (!n.endsWith('.socket')) return false;
    const u = loadUnit(fs, n);
    return !!u && !u.masked && triggeredService(u) === service;
  });
}

/** Listen*= settings and the type systemctl prints beside each (socket_port_type_to_string). */
const LISTEN_TYPES: Array<[string, string]> = [
  ['ListenStream', 'Stream'],
  ['ListenDatagram', 'Datagram'],
  ['ListenSequentialPacket', 'SequentialPacket'],
  ['ListenFIFO', 'FIFO'],
  ['ListenNetlink', 'Netlink'],
  ['ListenSpecial', 'Special'],
  ['ListenMessageQueue', 'MessageQueue'],
];

/**
 * A socket's Listen property as `systemctl status` prints it: the address with specifiers of the
 * system manager expanded (%t is /run) and a path under the legacy /var/run/ moved to /run/
 * (systemd rewrites it on load, with a warning in its log).
 */
export function listenOf(socket: UnitFile): Array<{ address: string; type: string }> {
  const out: Array<{ address: string; type: string }> = [];
  for (const [key, type] of LISTEN_TYPES) {
    for (const raw of socket.sections.Socket?.[key] ?? []) {
      const address = raw.replace(/%t/g, '/run').replace(/^\/var\/run\//, '/run/');
      out.push({ address, type });
    }
  }
  return out;
}

/**
 * Does the socket run a process of its own, so that its cgroup exists while it listens? A
 * SocketUser=/SocketGroup= makes systemd fork a helper to chown the socket (socket.c socket_chown,
 * "(sd-chown)"), as ExecStartPre= and ExecStartPost= do.
 */
export function socketHasCgroup(socket: UnitFile): boolean {
  const s = socket.sections.Socket ?? {};
  return ['SocketUser', 'SocketGroup', 'ExecStartPre', 'ExecStartPost'].some((k) => (s[k] ?? []).length > 0);
}

function names(unit: UnitFile, key: string): string[] {
  return (unit.sections.Unit?.[key] ?? []).flatMap((v) => v.split(/\s+/)).filter(Boolean);
}

/** Units that a stop of `name` stops too: those that Requires=, BindsTo= or are PartOf= it. */
export function stoppedWith(fs: FsView, name: string): string[] {
  return allUnitNames(fs).filter((n) => {
    if (n === name) return false;
    const u = loadUnit(fs, n);
    if (!u || u.masked) return false;
    return ['Requires', 'BindsTo', 'PartOf'].some((k) => names(u, k).includes(name));
  });
}
