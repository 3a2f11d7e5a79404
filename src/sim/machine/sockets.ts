/**
 * The listening sockets programs open on a machine while they run (kubectl proxy, kubectl
 * port-forward): bound to an address and a port, released when the program ends. The network
 * takes a connection to the machine there (src/sim/network/network.ts), and the listener answers
 * it: with an HTTP answer of its own (the proxy's), or by forwarding it into a Pod (port-forward).
 */
import type { Machine } from './machine';

export interface ListenerAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export interface ListenerRequest {
  path: string;
  headers: Record<string, string>;
  /** The Date header of the answer (the network's clock). */
  date: string;
}

interface Bound {
  /** The address it is bound to: 127.0.0.1, localhost, ::1 (loopback), 0.0.0.0 (every address) or one of the machine's. */
  address: string;
  port: number;
  /** The program holding it (what ss -p names). */
  program: string;
  /** The process holding it, and the descriptor it is there (ss -p: `users:(("kubectl",pid=1305,fd=3))`). */
  pid?: number;
  fd?: number;
}

export type Listener = Bound &
  (
    | { kind: 'http'; answer(req: ListenerRequest): ListenerAnswer }
    /** A connection carried to a Pod's port, as from inside the Pod (kubectl port-forward). */
    | { kind: 'forward'; pod: { namespace: string; name: string }; podPort: number; onConnection?(): void }
  );

const listeners = new WeakMap<Machine, Listener[]>();

function loopbackAddress(address: string): boolean {
  return address === 'localhost' || address === '::1' || address.startsWith('127.');
}

/**
 * Whether a socket bound to `address` takes a connection made to the machine's loopback, or to
 * the machine itself: a wildcard takes both, a loopback address only the first, the machine's
 * address (or name) only the second.
 */
export function boundTo(address: string, machine: Machine, loopback: boolean): boolean {
  if (address === '0.0.0.0' || address === '::' || address === '') return true;
  const isLoopback = loopbackAddress(address);
  return loopback ? isLoopback : !isLoopback && (address === machine.ip || address === machine.hostname);
}

/** Bind a listener; false when something of this kind already holds the port there (EADDRINUSE). */
export function bind(machine: Machine, listener: Listener): (() => void) | false {
  const list = listeners.get(machine) ?? [];
  const clash = list.some((l) => l.port === listener.port && (boundTo(l.address, machine, loopbackAddress(listener.address)) || boundTo(listener.address, machine, loopbackAddress(l.address))));
  if (clash) return false;
  listeners.set(machine, [...list, listener]);
  return () => listeners.set(machine, (listeners.get(machine) ?? []).filter((l) => l !== listener));
}

/** The listener that takes a connection to the machine's port (from its loopback, or to its address). */
export function listenerAt(machine: Machine, port: number, loopback: boolean): Listener | undefined {
  return (listeners.get(machine) ?? []).find((l) => l.port === port && boundTo(l.address, machine, loopback));
}

/** The listeners programs hold on the machine now, in the order they were bound. */
export function boundListeners(machine: Machine): readonly Listener[] {
  return listeners.get(machine) ?? [];
}
