/** swapoff and swapon (util-linux 2.37 as on jammy). */
import type { CommandContext, Program } from '../shell/command';
import { flag, optArg, parseArgs, withArg, type OptionSpec } from '../shell/commands/lib/args';
import { activateSwap, deactivateSwap, fstabSwaps, readSwaps, type SwapArea } from '../sim/kernel/swap';
import { isRoot, machineOf, out, systemFs } from './lib/context';
import { isRpmBased } from '../sim/machine/machine';

/** swapoff's and swapon's getopt tables (util-linux 2.37): short options "ahvVL:U:" and "ahd::efL:o:p:svVU:T". */
const SWAPOFF_SPECS: OptionSpec[] = [flag('a', 'all'), flag('h', 'help'), flag('v', 'verbose'), flag('V', 'version'), withArg('L'), withArg('U')];
const SWAPON_SPECS: OptionSpec[] = [
  flag('a', 'all'), optArg('d', 'discard'), flag('e', 'ifexists'), flag('f', 'fixpgsz'), flag('h', 'help'), withArg('L', 'label'),
  flag(undefined, 'noheadings'), withArg('o', 'options'), withArg('p', 'priority'), flag(undefined, 'raw'), optArg(undefined, 'show'),
  flag('s', 'summary'), withArg('U', 'uuid'), flag('V', 'version'), flag('v', 'verbose'), flag(undefined, 'bytes'), flag('T'),
];

const SWAPOFF_HELP =
  "\nUsage:\n swapoff [options] [<spec>]\n\nDisable devices and files for paging and swapping.\n\nOptions:\n -a, --all              disable all swaps from /proc/swaps\n -v, --verbose          verbose mode\n\n -h, --help             display this help\n -V, --version          display version\n\nThe <spec> parameter:\n -L <label>             LABEL of device to be used\n -U <uuid>              UUID of device to be used\n LABEL=<label>          LABEL of device to be used\n UUID=<uuid>            UUID of device to be used\n <device>               name of device to be used\n <file>                 name of file to be used\n\nFor more details see swapoff(8).\n";
const SWAPON_HELP =
  "\nUsage:\n swapon [options] [<spec>]\n\nEnable devices and files for paging and swapping.\n\nOptions:\n -a, --all                enable all swaps from /etc/fstab\n -d, --discard[=<policy>] enable swap discards, if supported by device\n -e, --ifexists           silently skip devices that do not exist\n -f, --fixpgsz            reinitialize the swap space if necessary\n -o, --options <list>     comma-separated list of swap options\n -p, --priority <prio>    specify the priority of the swap device\n -s, --summary            display summary about used swap devices (DEPRECATED)\n     --show[=<columns>]   display summary in definable table\n     --noheadings         don't print table heading (with --show)\n     --raw                use the raw output format (with --show)\n     --bytes              display swap size in bytes in --show output\n -v, --verbose            verbose mode\n\n -h, --help               display this help\n -V, --version            display version\n\nThe <spec> parameter:\n -L <label>             synonym for LABEL=<label>\n -U <uuid>              synonym for UUID=<uuid>\n LABEL=<label>          specifies device by swap area label\n UUID=<uuid>            specifies device by swap area UUID\n PARTLABEL=<label>      specifies device by partition label\n PARTUUID=<uuid>        specifies device by partition UUID\n <device>               name of device to be used\n <file>                 name of file to be used\n\nAvailable discard policy types (for --discard):\n once    : only single-time area discards are issued\n pages   : freed pages are discarded before they are reused\nIf no policy is selected, both discard types are enabled (default).\n\nAvailable output columns:\n NAME   device file or partition path\n TYPE   type of the device\n SIZE   size of the swap area\n USED   bytes in use\n PRIO   swap priority\n UUID   swap uuid\n LABEL  swap label\n\nFor more details see swapon(8).\n";

/**
 * The command line, or the exit status after getopt's error, --help or --version (util-linux
 * answers a usage error with its own status: 16 for swapoff, 1 for swapon).
 */
function parseSwapArgs(ctx: CommandContext, prog: 'swapoff' | 'swapon'): { flags: Set<string>; show?: string; operands: string[] } | number {
  // CentOS 7's util-linux 2.23 predates swapon's --show table.
  const swaponSpecs = isRpmBased(machineOf(ctx)) ? SWAPON_SPECS.filter((o) => !['show', 'noheadings', 'raw', 'bytes'].includes(o.long ?? '')) : SWAPON_SPECS;
  const parsed = parseArgs(ctx, prog === 'swapoff' ? SWAPOFF_SPECS : swaponSpecs, { usageStatus: prog === 'swapoff' ? 16 : 1 });
  if (typeof parsed === 'number') return parsed;
  const flags = new Set<string>();
  for (const { key } of parsed.order) {
    if (key === 'h') {
      ctx.stdout.write(prog === 'swapoff' ? SWAPOFF_HELP : SWAPON_HELP);
      return 0;
    }
    if (key === 'V') {
      ctx.stdout.write(`${prog} from util-linux 2.37.2\n`);
      return 0;
    }
    flags.add(key === 'show' ? 'show' : key);
  }
  return { flags, show: parsed.last('show'), operands: parsed.operands };
}

function humanSize(kib: number): string {
  const units = ['K', 'M', 'G', 'T'];
  let v = kib;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = v >= 10 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
  return s + units[u];
}

/** swapon --show's columns (util-linux 2.37): which side each is aligned to, and its cell. */
const SHOW_COLUMNS: Record<string, { right: boolean; cell: (a: SwapArea, bytes: boolean) => string }> = {
  NAME: { right: false, cell: (a) => a.filename },
  TYPE: { right: false, cell: (a) => a.type },
  SIZE: { right: true, cell: (a, bytes) => (bytes ? String(a.sizeKiB * 1024) : humanSize(a.sizeKiB)) },
  USED: { right: true, cell: (a, bytes) => (bytes ? String(a.usedKiB * 1024) : a.usedKiB ? humanSize(a.usedKiB) : '0B') },
  PRIO: { right: true, cell: (a) => String(a.priority) },
  UUID: { right: false, cell: () => '' },
  LABEL: { right: false, cell: () => '' },
};

/** `swapon --show[=COLUMNS]` with --noheadings, --raw and --bytes, as libsmartcols lays the table out. */
function showSwaps(ctx: CommandContext, areas: SwapArea[], columns: string | undefined, flags: Set<string>): number {
  const names = columns ? columns.split(',') : ['NAME', 'TYPE', 'SIZE', 'USED', 'PRIO'];
  const unknown = names.find((n) => !SHOW_COLUMNS[n.toUpperCase()]);
  if (unknown !== undefined) {
    ctx.stderr.write(`swapon: unknown column: ${unknown}\n`);
    return 1;
  }
  if (!areas.length) return 0;
  const cols = names.map((n) => SHOW_COLUMNS[n.toUpperCase()]);
  const rows = [...(flags.has('noheadings') ? [] : [names.map((n) => n.toUpperCase())]), ...areas.map((a) => cols.map((c) => c.cell(a, flags.has('bytes'))))];
  if (flags.has('raw')) {
    for (const r of rows) out(ctx.stdout, r.join(' '));
    return 0;
  }
  const widths = cols.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) out(ctx.stdout, r.map((cell, i) => (cols[i].right ? cell.padStart(widths[i]) : i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join(' '));
  return 0;
}

export const swapoff: Program = async (ctx) => {
  const args = parseSwapArgs(ctx, 'swapoff');
  if (typeof args === 'number') return args;
  const { flags, operands } = args;
  const fs = systemFs(ctx);
  const targets = flags.has('a') ? readSwaps(fs).map((a) => a.filename) : operands;
  if (!flags.has('a') && !operands.length) {
    ctx.stderr.write("swapoff: bad usage\nTry 'swapoff --help' for more information.\n");
    return 16;
  }
  let status = 0;
  for (const t of targets) {
    const path = ctx.fs.resolve(t);
    if (!isRoot(ctx)) {
      // swapoff(2) says EPERM: util-linux ends there, with its word for it.
      ctx.stderr.write('swapoff: Not superuser.\n');
      return 16;
    }
    if (flags.has('v')) out(ctx.stdout, `swapoff ${path}`);
    if (!deactivateSwap(fs, path)) {
      ctx.stderr.write(`swapoff: ${t}: swapoff failed: Invalid argument\n`);
      status = 4;
    }
  }
  return status;
};

export const swapon: Program = async (ctx) => {
  const args = parseSwapArgs(ctx, 'swapon');
  if (typeof args === 'number') return args;
  const { flags, operands } = args;
  const fs = systemFs(ctx);
  if (flags.has('s')) {
    out(ctx.stdout, 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority');
    for (const a of readSwaps(fs)) out(ctx.stdout, `${a.filename.padEnd(40)}${a.type}\t\t${a.sizeKiB}\t\t${a.usedKiB}\t\t${a.priority}`);
    return 0;
  }
  if (flags.has('show') || (!flags.has('a') && !operands.length)) return showSwaps(ctx, readSwaps(fs), args.show, flags);
  const targets = flags.has('a') ? fstabSwaps(fs).filter((s) => !s.options.split(',').includes('noauto')).map((s) => s.device) : operands;
  let status = 0;
  for (const t of targets) {
    const path = ctx.fs.resolve(t);
    if (!isRoot(ctx)) {
      ctx.stderr.write(`swapon: ${t}: swapon failed: Operation not permitted\n`);
      status = 4;
      continue;
    }
    const r = activateSwap(fs, path);
    if (r === 'missing') {
      ctx.stderr.write(`swapon: cannot open ${t}: No such file or directory\n`);
      status = 255;
    } else if (r === 'busy' && !flags.has('a')) {
      ctx.stderr.write(`swapon: ${t}: swapon failed: Device or resource busy\n`);
      status = 4;
    } else if (r === 'ok' && flags.has('v')) out(ctx.stdout, `swapon: ${path}: found signature [pagesize=4096, signature=swap]\nswapon ${path}`);
  }
  return status;
};
