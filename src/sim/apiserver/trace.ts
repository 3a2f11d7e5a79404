/** The trace bus: what the architecture view and tests observe (requests, etcd writes, watch deliveries). */
import type { TraceEvent } from './types';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type TraceInput = DistributiveOmit<TraceEvent, 'seq' | 'at'>;

export class TraceBus {
  private subscribers = new Set<(e: TraceEvent) => void>();
  private seq = 0;

  constructor(private readonly now: () => number) {}

  /** Listen to every trace event; returns the function that stops listening. */
  subscribe(cb: (e: TraceEvent) => void): () => void {
    this.subscribers.add(cb);
    return () => this.subscribers.delete(cb);
  }

  /** Cheap check so that hot paths build no event when nobody listens. */
  get active(): boolean {
    return this.subscribers.size > 0;
  }

  emit(e: TraceInput): void {
    if (!this.subscribers.size) return;
    const event = { ...e, seq: ++this.seq, at: this.now() } as TraceEvent;
    for (const cb of [...this.subscribers]) {
      try {
        cb(event);
      } catch {
        // an observer must never break the server
      }
    }
  }
}
