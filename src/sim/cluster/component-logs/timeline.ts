/**
 * Building a process's log: each line is stamped with its offset from the process start and the
 * time it carries (the simulated clock plus that offset). klog and zap print microseconds; the
 * microsecond part below the millisecond comes from a per-process counter so that two lines of
 * the same millisecond still differ, as real ones do.
 */
import type { ProcessLine } from '../control-plane-processes';
import { klog, zap } from '../control-plane-processes';

export type KlogLevel = 'I' | 'W' | 'E' | 'F';

/**
 * Micros below the millisecond. Lines of the same millisecond follow each other by a few dozen
 * microseconds, as one goroutine's do; a later millisecond starts anywhere. Never a final 0 (a
 * real timestamp rarely has one).
 */
class Micros {
  private seq: number;
  private micro = 0;
  private lastOffset = -1;

  constructor(seed: number) {
    this.seq = seed % 1000;
  }

  next(offsetMs: number): number {
    this.seq = (this.seq * 37 + 211) % 1000;
    // A new millisecond starts in its first half, leaving room for the lines that follow in it.
    const m = offsetMs === this.lastOffset ? Math.min(999, this.micro + 17 + (this.seq % 47)) : this.seq % 500;
    this.lastOffset = offsetMs;
    this.micro = m % 10 === 0 ? m + 1 : m;
    return this.micro;
  }
}

/** A process's lines so far, each stamped with the time it carries. */
abstract class Timeline {
  readonly lines: ProcessLine[] = [];
  private readonly micros: Micros;

  constructor(
    protected readonly startedAt: number,
    seed: number,
  ) {
    this.micros = new Micros(seed);
  }

  /** Record a line written `offsetMs` after the start: `format` gets the time and its microseconds. */
  protected push(offsetMs: number, format: (at: number, micros: number) => string): void {
    this.lines.push({ offsetMs, line: format(this.startedAt + offsetMs, this.micros.next(offsetMs)) });
  }
}

/** The lines of a klog-writing component (kube-apiserver, kube-controller-manager, kube-scheduler). */
export class KlogTimeline extends Timeline {
  log(offsetMs: number, level: KlogLevel, source: string, msg: string): void {
    this.push(offsetMs, (at, micros) => klog(level, at, micros, source, msg));
  }

  info(offsetMs: number, source: string, msg: string): void {
    this.log(offsetMs, 'I', source, msg);
  }
}

/** The lines of etcd (zap's JSON encoder). */
export class ZapTimeline extends Timeline {
  log(offsetMs: number, level: 'info' | 'warn', caller: string, msg: string, fields?: Record<string, unknown>, logger?: string): void {
    this.push(offsetMs, (at, micros) => zap(level, at, micros, caller, msg, fields, logger));
  }

  info(offsetMs: number, caller: string, msg: string, fields?: Record<string, unknown>): void {
    this.log(offsetMs, 'info', caller, msg, fields);
  }

  /** A line of etcd's raft library: its logger is named "raft", and every call goes through etcd's zap adapter. */
  raft(offsetMs: number, msg: string): void {
    this.log(offsetMs, 'info', 'etcdserver/zap_raft.go:77', msg, undefined, 'raft');
  }
}

/** A klog key/value string as Go's %q prints it (what klog writes for structured values). */
export const q = (s: string): string => JSON.stringify(s);
