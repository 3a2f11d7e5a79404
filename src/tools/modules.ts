/** modprobe and lsmod (kmod 29 as on jammy). */
import type { Program } from '../shell/command';
import { kernelRelease, isLoaded, isModuleAvailable, loadModule, normaliseModuleName, readModules, unloadModule } from '../sim/kernel/modules';
import { isRoot, out, systemFs } from './lib/context';

export const modprobe: Program = async (ctx) => {
  let remove = false;
  let quiet = false;
  let dryRun = false;
  const names: string[] = [];
  let endOfOptions = false;
  for (const a of ctx.argv.slice(1)) {
    if (endOfOptions) names.push(a);
    else if (a === '--') endOfOptions = true;
    else if (a === '-r' || a === '--remove') remove = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-n' || a === '--dry-run' || a === '--show') dryRun = true;
    else if (a === '-v' || a === '--verbose' || a === '-a' || a === '--all') continue;
    else if (a.startsWith('-')) {
      ctx.stderr.write(`modprobe: unrecognized option '${a}'\nmodprobe: ERROR: unknown command\n`);
      return 1;
    } else names.push(a);
  }
  if (!names.length) {
    ctx.stderr.write('modprobe: ERROR: missing parameters. See -h.\n');
    return 1;
  }
  const fs = systemFs(ctx);
  // Without -a, modprobe takes one module and the rest are its parameters.
  const targets = remove || ctx.argv.includes('-a') || ctx.argv.includes('--all') ? names : [names[0]];
  for (const name of targets) {
    const n = normaliseModuleName(name);
    if (remove) {
      if (!isRoot(ctx) && isLoaded(fs, n)) {
        ctx.stderr.write(`modprobe: ERROR: could not remove '${n}': Operation not permitted\n`);
        return 1;
      }
      if (dryRun) continue;
      const r = unloadModule(fs, n);
      if (r === 'busy') {
        ctx.stderr.write(`modprobe: FATAL: Module ${n} is in use.\n`);
        return 1;
      }
      continue;
    }
    if (isLoaded(fs, n)) continue;
    if (!isModuleAvailable(n, fs)) {
      if (!quiet) ctx.stderr.write(`modprobe: FATAL: Module ${name} not found in directory /lib/modules/${kernelRelease(fs)}\n`);
      return 1;
    }
    if (!isRoot(ctx)) {
      ctx.stderr.write(`modprobe: ERROR: could not insert '${n}': Operation not permitted\n`);
      return 1;
    }
    if (!dryRun) loadModule(fs, n);
  }
  return 0;
};

export const lsmod: Program = async (ctx) => {
  if (ctx.argv.length > 1 && !['-h', '--help', '-V', '--version'].includes(ctx.argv[1])) {
    ctx.stderr.write('Usage: lsmod\n');
    return 1;
  }
  const fs = systemFs(ctx);
  let text = 'Module                  Size  Used by\n';
  for (const m of readModules(fs)) {
    const count = m.users.length + m.refs;
    text += `${m.name.padEnd(19)} ${String(m.size).padStart(8)}  ${count}${m.users.length ? ' ' + m.users.join(',') : ''}\n`;
  }
  out(ctx.stdout, text);
  return 0;
};
