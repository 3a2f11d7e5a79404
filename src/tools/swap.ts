/** swapoff and swapon (util-linux 2.37 as on jammy). */
import type { Program } from '../shell/command';
import { activateSwap, deactivateSwap, fstabSwaps, readSwaps } from '../sim/kernel/swap';
import { isRoot, out, systemFs } from './lib/context';

function splitFlags(argv: string[]): { flags: Set<string>; operands: string[]; bad?: string } {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const a of argv) {
    if (a === '--all') flags.add('a');
    else if (a === '--verbose') flags.add('v');
    else if (a === '--show' || a.startsWith('--show=')) flags.add('show');
    else if (a === '--summary') flags.add('s');
    else if (a.startsWith('--')) return { flags, operands, bad: a };
    else if (a.startsWith('-') && a.length > 1) for (const c of a.slice(1)) flags.add(c);
    else operands.push(a);
  }
  return { flags, operands };
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

export const swapoff: Program = async (ctx) => {
  const { flags, operands, bad } = splitFlags(ctx.argv.slice(1));
  if (bad) {
    ctx.stderr.write(`swapoff: unrecognized option '${bad}'\nTry 'swapoff --help' for more information.\n`);
    return 1;
  }
  const fs = systemFs(ctx);
  const targets = flags.has('a') ? readSwaps(fs).map((a) => a.filename) : operands;
  if (!flags.has('a') && !operands.length) {
    ctx.stderr.write('Usage:\n swapoff [options] [<spec>]\n\nDisable devices and files for paging and swapping.\n\nTry \'swapoff --help\' for more information.\n');
    return 2;
  }
  let status = 0;
  for (const t of targets) {
    const path = ctx.fs.resolve(t);
    if (!isRoot(ctx)) {
      ctx.stderr.write(`swapoff: ${t}: swapoff failed: Operation not permitted\n`);
      status = 4;
      continue;
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
  const { flags, operands, bad } = splitFlags(ctx.argv.slice(1));
  if (bad) {
    ctx.stderr.write(`swapon: unrecognized option '${bad}'\nTry 'swapon --help' for more information.\n`);
    return 1;
  }
  const fs = systemFs(ctx);
  if (flags.has('s')) {
    out(ctx.stdout, 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority');
    for (const a of readSwaps(fs)) out(ctx.stdout, `${a.filename.padEnd(40)}${a.type}\t\t${a.sizeKiB}\t\t${a.usedKiB}\t\t${a.priority}`);
    return 0;
  }
  if (flags.has('show') || (!flags.has('a') && !operands.length)) {
    const areas = readSwaps(fs);
    if (!areas.length) return 0;
    const rows = [['NAME', 'TYPE', 'SIZE', 'USED', 'PRIO'], ...areas.map((a) => [a.filename, a.type, humanSize(a.sizeKiB), a.usedKiB ? humanSize(a.usedKiB) : '0B', String(a.priority)])];
    const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) out(ctx.stdout, `${r[0].padEnd(w[0])} ${r[1].padEnd(w[1])} ${r[2].padStart(w[2])} ${r[3].padStart(w[3])} ${r[4].padStart(4)}`);
    return 0;
  }
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
      status = 4;
    } else if (r === 'busy' && !flags.has('a')) {
      ctx.stderr.write(`swapon: ${t}: swapon failed: Device or resource busy\n`);
      status = 4;
    } else if (r === 'ok' && flags.has('v')) out(ctx.stdout, `swapon: ${path}: found signature [pagesize=4096, signature=swap]\nswapon ${path}`);
  }
  return status;
};
