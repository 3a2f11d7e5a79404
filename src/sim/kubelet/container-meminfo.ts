/**
 * The node's /proc/meminfo as a container reads it (the host's, without LXCFS): the node's
 * memory split the way the kernel reports it, with buff/cache divided into Buffers, Cached and
 * SReclaimable so that free's and top's sums come out as the node's own `free` prints them.
 */
import type { Program } from '../../shell/command';
import { getSystem } from '../../shell/commands/lib/system';
import type { ExecContext } from './exec';

export interface Meminfo {
  total: number;
  free: number;
  available: number;
  buffers: number;
  cached: number;
  reclaimable: number;
  shared: number;
  swapTotal: number;
  swapFree: number;
}

/** In KiB. */
export function nodeMeminfo(p: Parameters<Program>[0], c: ExecContext): Meminfo {
  const m = getSystem().memoryKiB({ ...p, machine: c.machine ?? p.machine });
  const buffers = Math.round(m.buffCache * 0.05);
  const reclaimable = Math.round(m.buffCache * 0.12);
  return {
    total: m.total,
    free: m.free,
    available: m.available,
    buffers,
    cached: m.buffCache - buffers - reclaimable,
    reclaimable,
    shared: m.shared,
    swapTotal: m.swapTotal,
    swapFree: m.swapTotal - m.swapUsed,
  };
}
