/**
 * df in a container, over the container's own mount table (container-mounts.ts):
 * - busybox 1.36's (coreutils/df.c): every mount with blocks, bind mounts of one disk repeated
 *   (/etc/hosts, /etc/hostname… all from /dev/sda1), its fixed-width columns;
 * - a Debian image's GNU df (coreutils 9.1): pseudo filesystems left out and one line per
 *   device, the entry with the shortest mount point kept where the device first appeared.
 */
import type { Program } from '../../shell/command';
import { dfOf, type Mount } from '../../shell/commands/df';
import { busyboxOptions, humanReadable } from './busybox-text';
import { containerMounts, type ContainerMount } from './container-mounts';
import type { ExecContext } from './exec';

const USAGE = `Usage: df [-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...

Print filesystem usage statistics

\t-P\tPOSIX output format
\t-k\t1024-byte blocks (default)
\t-m\t1M-byte blocks
\t-h\tHuman readable (e.g. 1K 243M 2G)
\t-T\tPrint filesystem type
\t-t TYPE\tPrint only mounts of this type
\t-a\tShow all filesystems
\t-i\tInodes
\t-B SIZE\tBlocksize
`;

const SUFFIXES: Record<string, number> = { '': 1, k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3, t: 1024 ** 4, T: 1024 ** 4 };

/** The mount a path lives on: the deepest mount point above it. */
function mountOf(mounts: ContainerMount[], path: string): ContainerMount | undefined {
  let best: ContainerMount | undefined;
  for (const m of mounts) if ((m.dir === '/' || path === m.dir || path.startsWith(`${m.dir}/`)) && (!best || m.dir.length >= best.dir.length)) best = m;
  return best;
}

/** busybox df. */
export function busyboxDf(c: ExecContext): Program {
  return async (p) => {
    const args = busyboxOptions(p, 'kPTt:aiB:hHm', USAGE);
    if (!args) return 1;
    let unit = p.env.POSIXLY_CORRECT !== undefined ? 512 : 1024;
    // -k, -m and -B cancel each other: the last one given counts.
    for (const { key, value } of args.order) {
      if (key === 'k') unit = 1024;
      else if (key === 'm') unit = 1024 * 1024;
      else if (key === 'B') {
        const m = /^(\d+)([kKmMgGtT]?)$/.exec(value);
        if (!m || Number(m[1]) === 0) {
          p.stderr.write(`df: invalid number '${value}'\n`);
          return 1;
        }
        unit = Number(m[1]) * SUFFIXES[m[2]];
      }
    }
    const posix = args.has('P');
    let header = `${humanReadable(unit, 0, posix ? 1 : 0)}-blocks`;
    if (args.has('h') || args.has('H')) {
      unit = 0;
      header = '     Size';
    }
    if (args.has('i')) header = '   Inodes';
    const withType = args.has('T');
    let out = `Filesystem           ${withType ? 'Type       ' : ''}${header.padEnd(15)}Used Available ${posix ? 'Capacity' : 'Use%'} Mounted on\n`;
    const all = containerMounts(p, c, false);
    let status = 0;
    let rows: ContainerMount[] = all;
    if (args.operands.length) {
      rows = [];
      for (const o of args.operands) {
        const path = p.fs.resolve(o);
        const m = p.fs.stat(path) ? mountOf(all, path) : undefined;
        if (!m) {
          p.stdout.write(out);
          out = '';
          p.stderr.write(`df: ${o}: can't find mount point\n`);
          status = 1;
          continue;
        }
        rows.push(m);
      }
    }
    const type = args.last('t');
    for (const m of rows) {
      if (type !== undefined && m.type !== type) continue;
      if (m.sizeK === 0 && !args.operands.length && !args.has('a')) continue;
      // statvfs in 1 KiB blocks (or inodes, counted one by one).
      let [blocks, used, avail, frsize] = [m.sizeK, m.usedK, m.sizeK - m.usedK, 1024];
      let displayUnit = unit;
      if (args.has('i')) {
        [blocks, used, avail, frsize] = [m.inodes, m.inodesUsed, m.inodes - m.inodesUsed, 1];
        if (displayUnit) displayUnit = 1;
      }
      let total = used + avail;
      let u = used;
      while (total >= 0x7fffffff / 101) {
        total = Math.floor(total / 2);
        u = Math.floor(u / 2);
      }
      const pct = total ? Math.floor((u * 100 + Math.floor(total / 2)) / total) : 0;
      let line = m.device.length > 20 && !posix ? `${m.device}\n${''.padEnd(20)}` : m.device.padEnd(20);
      if (withType) line += m.type.length > 10 && !posix ? ` ${m.type}\n${''.padEnd(31)}` : ` ${m.type.padEnd(10)}`;
      const h = (n: number) => humanReadable(n, frsize, displayUnit);
      line += ` ${h(blocks).padStart(9)} ${h(used).padStart(9)} ${h(avail).padStart(9)} ${String(pct).padStart(3)}% ${m.dir}\n`;
      out += line;
    }
    p.stdout.write(out);
    return status;
  };
}

/** GNU df in a Debian container: one line per filesystem, pseudo ones left out. */
export function coreutilsDf(c: ExecContext): Program {
  return async (p) => {
    const kept: ContainerMount[] = [];
    for (const m of containerMounts(p, c, true)) {
      if (m.sizeK === 0) continue;
      const seen = kept.findIndex((k) => k.dev === m.dev);
      if (seen < 0) kept.push(m);
      else if (m.dir.length < kept[seen].dir.length) kept[seen] = m;
    }
    const mounts: Mount[] = kept.map((m) => ({ fs: m.device, type: m.type, sizeK: m.sizeK, usedK: m.usedK, mount: m.dir }));
    return dfOf(p, mounts);
  };
}
