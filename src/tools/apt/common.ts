/** What apt, apt-get, apt-cache and apt-mark share: locks, progress lines, sizes, list wrapping. */
import type { CommandContext } from '../../shell/command';
import { isRoot } from '../lib/context';

/** apt's SizeToStr under LANG=C.UTF-8 (no digit grouping): `1189 B`, `128 kB`, `87.4 MB`. */
export function sizeToStr(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T'];
  let size = bytes;
  let exp = 0;
  for (;;) {
    if (size < 100 && exp !== 0) return `${size.toFixed(1)} ${ext[exp]}`;
    if (size < 10000) return `${Math.round(size)} ${ext[exp]}`;
    size /= 1000;
    exp++;
  }
}

export function bytesText(bytes: number): string {
  return `${sizeToStr(bytes)}B`;
}

/** The "Reading package lists..." lines: ` Done` only on a terminal for apt-get; always for apt. */
export function progress(ctx: CommandContext, text: string, alwaysDone: boolean): void {
  ctx.stdout.write(`${text}...${alwaysDone || ctx.isTTY ? ' Done' : ''}\n`);
}

export function readingLists(ctx: CommandContext, apt: boolean): void {
  progress(ctx, 'Reading package lists', apt);
}

export function buildingTree(ctx: CommandContext, apt: boolean): void {
  progress(ctx, 'Building dependency tree', apt);
  progress(ctx, 'Reading state information', apt);
}

/** The non-root failure of commands that change the system. */
export function lockError(ctx: CommandContext, forUpdate: boolean): number | undefined {
  if (isRoot(ctx)) return undefined;
  if (forUpdate) {
    ctx.stderr.write(
      'E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n' +
        'W: Problem unlinking the file /var/cache/apt/pkgcache.bin - RemoveCaches (13: Permission denied)\nW: Problem unlinking the file /var/cache/apt/srcpkgcache.bin - RemoveCaches (13: Permission denied)\n',
    );
  } else {
    ctx.stderr.write('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
  }
  return 100;
}

/** A package list as apt prints it: two-space indent, wrapped at the terminal width. */
export function wrappedList(names: string[], columns: number): string {
  const width = Math.max(40, columns || 80);
  const lines: string[] = [];
  let cur = ' ';
  for (const n of names) {
    if (cur.length + 1 + n.length > width - 1 && cur.trim()) {
      lines.push(cur);
      cur = ' ';
    }
    cur += ` ${n}`;
  }
  if (cur.trim()) lines.push(cur);
  return lines.join('\n') + '\n';
}

/** The stderr notice of `apt` when its output is not a terminal. */
export function aptCliWarning(ctx: CommandContext): void {
  if (!ctx.isTTY) ctx.stderr.write('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
}
