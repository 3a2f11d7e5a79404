/** hostnamectl, reboot, and the SELinux tools of the CentOS flavour (setenforce, getenforce, sestatus). */
import type { Program } from '../shell/command';
import { bootKernel, kernelState, setKernelHostname } from '../sim/kernel/state';
import { bootSystemd } from '../sim/systemd/boot';
import { clusterOf } from '../sim/cluster/attach';
import { kernelRelease } from '../sim/kernel/modules';
import { isRoot, machineOf, out, systemFs, worldOf } from './lib/context';
import { systemdCommandLine, systemdSpecs } from './lib/systemd-getopt';
import { HOSTNAMECTL_HELP } from './lib/systemd-help';

/** hostnamectl 249's getopt table, in its order ("hH:M:"). */
const HOSTNAMECTL_OPTIONS = systemdSpecs([
  ['help', 'none', 'h'], ['version', 'none'], ['transient', 'none'], ['static', 'none'], ['pretty', 'none'],
  ['host', 'required', 'H'], ['machine', 'required', 'M'], ['no-ask-password', 'none'], ['json', 'required'],
]);

export const hostnamectl: Program = async (ctx) => {
  const parsed = systemdCommandLine(ctx, 'hostnamectl', HOSTNAMECTL_OPTIONS, HOSTNAMECTL_HELP);
  if (typeof parsed === 'number') return parsed;
  const args = parsed.operands;
  const machine = machineOf(ctx);
  const fs = systemFs(ctx);
  const verb = args[0] ?? 'status';
  if (verb === 'set-hostname' || verb === 'hostname') {
    const name = args[1];
    if (!name) {
      if (verb === 'hostname') {
        out(ctx.stdout, fs.readFile('/proc/sys/kernel/hostname').trim());
        return 0;
      }
      ctx.stderr.write('Too few arguments.\n');
      return 1;
    }
    if (!/^[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$/.test(name)) {
      ctx.stderr.write(`Invalid hostname '${name}'\n`);
      return 1;
    }
    if (!isRoot(ctx)) {
      ctx.stderr.write('Could not set static hostname: Access denied\n');
      return 1;
    }
    fs.writeFile('/etc/hostname', `${name}\n`);
    setKernelHostname(machine, name);
    return 0;
  }
  if (verb !== 'status') {
    ctx.stderr.write(`Unknown command verb ${verb}.\n`);
    return 1;
  }
  const hostname = fs.readFile('/proc/sys/kernel/hostname').trim();
  let machineId = '';
  try {
    machineId = fs.readFile('/etc/machine-id').trim();
  } catch {
    /* none */
  }
  const rows: Array<[string, string]> = [
    ['Static hostname', hostname],
    ['Icon name', 'computer-vm'],
    ['Chassis', 'vm'],
    ['Machine ID', machineId],
    ['Boot ID', bootId(machineId, kernelState(machine).boots)],
    ['Virtualization', 'kvm'],
    ['Operating System', machine.os.pretty],
    ['Kernel', `Linux ${kernelRelease(fs)}`],
    ['Architecture', 'x86-64'],
    ['Hardware Vendor', 'QEMU'],
    ['Hardware Model', 'Standard PC _i440FX + PIIX, 1996_'],
  ];
  out(ctx.stdout, rows.map(([k, v]) => `${k.padStart(16)}: ${v}`).join('\n'));
  return 0;
};

function bootId(machineId: string, boots: number): string {
  const digits = machineId || '0'.repeat(32);
  let out = '';
  for (let i = 0; i < 32; i++) out += ((parseInt(digits[i] ?? '0', 16) + boots * (i + 3)) % 16).toString(16);
  return out;
}

/**
 * reboot: the machine goes down and comes back with what was persisted. A terminal connected over
 * ssh would drop; ours prints what the ssh client prints and stays on the rebooted machine (as if
 * the learner had reconnected once it was back), with the clock moved on by the boot time.
 */
export const reboot: Program = async (ctx) => {
  const force = ctx.argv.includes('-f') || ctx.argv.includes('--force');
  if (!isRoot(ctx)) {
    ctx.stderr.write('Failed to set wall message, ignoring: Interactive authentication required.\nCall to Reboot failed: Interactive authentication required.\n');
    return 1;
  }
  const machine = machineOf(ctx);
  if (!force) ctx.stderr.write(`Connection to ${machine.hostname} closed by remote host.\n`);
  await ctx.clock.sleep(30_000);
  rebootMachine(machine, worldOf(ctx), ctx.clock.now());
  return 0;
};

/** Boot a machine again: kernel state from persisted config, then enabled systemd units. */
export function rebootMachine(machine: ReturnType<typeof machineOf>, world: ReturnType<typeof worldOf>, nowMs: number): void {
  // Containers do not survive a reboot (images on disk do): the kubelet starts its pods again.
  const runtime = world ? clusterOf(world)?.runtimes.get(machine.hostname) : undefined;
  if (runtime) {
    for (const c of [...runtime.containers.values()]) runtime.removeContainer(c.id);
    for (const sb of [...runtime.sandboxes.values()]) runtime.removeSandbox(sb.id);
  }
  bootKernel(machine, nowMs);
  bootSystemd(machine, world, nowMs);
}

export const getenforce: Program = async (ctx) => {
  const mode = kernelState(machineOf(ctx)).selinux;
  out(ctx.stdout, mode ? mode[0].toUpperCase() + mode.slice(1) : 'Disabled');
  return 0;
};

export const setenforce: Program = async (ctx) => {
  const arg = ctx.argv[1];
  const state = kernelState(machineOf(ctx));
  const want = arg === '0' || arg?.toLowerCase() === 'permissive' ? 'permissive' : arg === '1' || arg?.toLowerCase() === 'enforcing' ? 'enforcing' : null;
  if (!arg || !want || ctx.argv.length > 2) {
    ctx.stderr.write('usage:  setenforce [ Enforcing | Permissive | 1 | 0 ]\n');
    return 1;
  }
  if (!state.selinux || state.selinux === 'disabled') {
    ctx.stderr.write('setenforce: SELinux is disabled\n');
    return 1;
  }
  if (!isRoot(ctx)) {
    ctx.stderr.write('setenforce:  setenforce() failed\n');
    return 1;
  }
  state.selinux = want;
  return 0;
};

export const sestatus: Program = async (ctx) => {
  const machine = machineOf(ctx);
  const mode = kernelState(machine).selinux;
  if (!mode || mode === 'disabled') {
    out(ctx.stdout, 'SELinux status:                 disabled');
    return 0;
  }
  let configured = 'enforcing';
  try {
    configured = /^\s*SELINUX\s*=\s*(\w+)/m.exec(machine.rootFs.readFile('/etc/selinux/config'))?.[1] ?? configured;
  } catch {
    /* default */
  }
  const rows: Array<[string, string]> = [
    ['SELinux status', 'enabled'],
    ['SELinuxfs mount', '/sys/fs/selinux'],
    ['SELinux root directory', '/etc/selinux'],
    ['Loaded policy name', 'targeted'],
    ['Current mode', mode],
    ['Mode from config file', configured],
    ['Policy MLS status', 'enabled'],
    ['Policy deny_unknown status', 'allowed'],
    ['Max kernel policy version', '31'],
  ];
  out(ctx.stdout, rows.map(([k, v]) => `${(k + ':').padEnd(32)}${v}`).join('\n'));
  return 0;
};
