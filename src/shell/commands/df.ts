/** df: a fixed, realistic table for an Ubuntu 22.04 cloud VM (-h, -T, -i not required). */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { humanSize } from './lib/human';

export interface Mount {
  fs: string;
  type: string;
  sizeK: number;
  usedK: number;
  mount: string;
}

/** The mounts df shows; another part of the simulation may replace this through `setMounts`. */
let MOUNTS: Mount[] = [
  { fs: 'tmpfs', type: 'tmpfs', sizeK: 813428, usedK: 1632, mount: '/run' },
  { fs: '/dev/sda1', type: 'ext4', sizeK: 50620216, usedK: 8482344, mount: '/' },
  { fs: 'tmpfs', type: 'tmpfs', sizeK: 4067136, usedK: 0, mount: '/dev/shm' },
  { fs: 'tmpfs', type: 'tmpfs', sizeK: 5120, usedK: 0, mount: '/run/lock' },
  { fs: '/dev/sda15', type: 'vfat', sizeK: 106858, usedK: 6182, mount: '/boot/efi' },
  { fs: 'tmpfs', type: 'tmpfs', sizeK: 813424, usedK: 4, mount: '/run/user/1000' },
];

export function setMounts(m: Mount[]): void {
  MOUNTS = m;
}

/** The machine's mounts as df shows them (a container on it sees the same disk under its overlay). */
export function nodeMounts(): readonly Mount[] {
  return MOUNTS;
}

export const df: Program = async (ctx) => dfOf(ctx, MOUNTS);

/** GNU df over a mount table (a Debian container's coreutils df reads its own). */
export async function dfOf(ctx: Parameters<Program>[0], allMounts: readonly Mount[]): Promise<number> {
  const args = parseArgs(ctx, [flag('h', 'human-readable'), flag('H', 'si'), flag('T', 'print-type'), flag('k', undefined, 'k'), flag('a', 'all'), flag('l', 'local'), flag('P', 'portability'), withArg('t', 'type'), withArg('x', 'exclude-type')]);
  if (typeof args === 'number') return args;
  // -t keeps only the types named, -x drops them (each may repeat); nothing left is an error (df.c).
  const only = args.all('t');
  const except = args.all('x');
  const mounts = allMounts.filter((m) => (!only.length || only.includes(m.type)) && !except.includes(m.type));
  if (!mounts.length) {
    ctx.stderr.write('df: no file systems processed\n');
    return 1;
  }
  const human = args.has('h');
  const rows: string[][] = [[`Filesystem`, ...(args.has('T') ? ['Type'] : []), human ? 'Size' : '1K-blocks', 'Used', human ? 'Avail' : 'Available', 'Use%', 'Mounted on']];
  const selected = args.operands.length ? mounts.filter((m) => args.operands.some((o) => ctx.fs.resolve(o).startsWith(m.mount))).slice(-1) : mounts;
  for (const m of selected) {
    const avail = m.sizeK - m.usedK;
    const pct = m.sizeK ? `${Math.ceil((m.usedK * 100) / (m.usedK + avail))}%` : '-';
    const f = (k: number) => (human ? (k === 0 ? '0' : humanSize(k * 1024)) : String(k));
    rows.push([m.fs, ...(args.has('T') ? [m.type] : []), f(m.sizeK), f(m.usedK), f(avail), pct, m.mount]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  widths[0] = Math.max(widths[0], 14);
  const numericFrom = args.has('T') ? 2 : 1;
  // With -h GNU df keeps the size columns at least five wide.
  if (human) for (let c = numericFrom; c < numericFrom + 3; c++) widths[c] = Math.max(widths[c], 5);
  const out = rows.map((r) =>
    r
      .map((cell, c) => {
        if (c === r.length - 1) return cell;
        if (c < numericFrom) return cell.padEnd(widths[c]);
        return cell.padStart(widths[c]);
      })
      .join(' '),
  );
  ctx.stdout.write(out.join('\n') + '\n');
  return 0;
}
