/**
 * uname on a machine: the release and version of the kernel that machine runs (CentOS 7's 3.10
 * kernel, or jammy's), read from /proc/sys/kernel/osrelease and /proc/version as the kernel
 * reports them. Flags and errors are those of the shell's coreutils uname, to which it defers.
 */
import type { Program } from '../shell/command';
import { uname as coreutilsUname } from '../shell/commands/sysinfo';
import { KERNEL } from '../shell/commands/lib/system';
import { machineOf } from './lib/context';

export const uname: Program = async (ctx) => {
  const machine = machineOf(ctx);
  let release = '';
  let version = '';
  try {
    release = machine.rootFs.readFile('/proc/sys/kernel/osrelease').trim();
    version = /\) (#\S+ SMP .*)$/.exec(machine.rootFs.readFile('/proc/version').trim())?.[1] ?? '';
  } catch {
    /* the Ubuntu image: coreutils' answer is the machine's */
  }
  if (!release || !version) return coreutilsUname(ctx);
  let stdout = '';
  const status = await coreutilsUname({ ...ctx, stdout: { write: (s: string) => void (stdout += s) } } as typeof ctx);
  ctx.stdout.write(stdout.replace(KERNEL.release, release).replace(KERNEL.version, version));
  return status;
};
