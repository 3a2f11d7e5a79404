/**
 * busybox free (procps/free.c) in a container: the node's memory, since a container reads the
 * host's /proc/meminfo and sysinfo() (no LXCFS on a kubeadm node). -b/-k/-m/-g pick the unit
 * from the first argument only; -h prints one decimal with a suffix.
 */
import type { Program } from '../../shell/command';
import { BUSYBOX_BANNER, humanReadable } from './busybox-text';
import { nodeMeminfo } from './container-meminfo';
import type { ExecContext } from './exec';

const USAGE = 'Usage: free [-bkmgh]\n\nDisplay free and used memory\n';
const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, h: 0 };

export function busyboxFree(c: ExecContext): Program {
  return async (p) => {
    let unit = 1024;
    const first = p.argv[1];
    if (first?.startsWith('-')) {
      const u = UNITS[first[1] ?? ''];
      if (u === undefined) {
        p.stderr.write(BUSYBOX_BANNER + USAGE);
        return 1;
      }
      unit = u;
    }
    const m = nodeMeminfo(p, c);
    // sysinfo's counts are in bytes here (mem_unit 1).
    const s = (kib: number) => humanReadable(kib * 1024, 1, unit).padStart(12);
    const cached = m.cached + m.buffers + m.reclaimable;
    let out = `       ${['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map((h) => h.padStart(12)).join('')}\nMem:   `;
    out += s(m.total) + s(m.total - cached - m.free) + s(m.free) + s(m.shared) + s(cached) + s(m.available) + '\n';
    out += `Swap:  ${s(m.swapTotal)}${s(m.swapTotal - m.swapFree)}${s(m.swapFree)}\n`;
    p.stdout.write(out);
    return 0;
  };
}
