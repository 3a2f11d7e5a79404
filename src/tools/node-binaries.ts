/** Binaries the packages install that learners run by hand: kubelet --version, runc --version, ntpdate. */
import type { Program } from '../shell/command';
import { packagesState } from '../sim/packages/db';
import { isRoot, machineOf, out } from './lib/context';

export const kubelet: Program = async (ctx) => {
  const version = packagesState(machineOf(ctx)).installed.kubelet?.version.replace(/-.*$/, '') ?? '1.33.4';
  const arg = ctx.argv[1];
  if (arg === '--version' || arg === 'version') {
    out(ctx.stdout, `Kubernetes v${version}`);
    return 0;
  }
  // Run by hand it would fight the systemd unit for its ports; the unit is how it runs here.
  ctx.stderr.write(`E0115 08:00:00.000000    4242 run.go:72] "command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/config.yaml\\", error: open /var/lib/kubelet/config.yaml: no such file or directory"\n`);
  return 1;
};

export const runc: Program = async (ctx) => {
  if (ctx.argv[1] === '--version' || ctx.argv[1] === '-v') {
    out(ctx.stdout, 'runc version 1.2.5\ncommit: v1.2.5-0-g59923ef\nspec: 1.2.0\ngo: go1.23.7\nlibseccomp: 2.5.3');
    return 0;
  }
  ctx.stderr.write('runc: no command specified\n');
  return 1;
};

export const ntpdate: Program = async (ctx) => {
  const server = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
  const d = new Date(ctx.clock.now());
  const stamp = `${String(d.getUTCDate()).padStart(2, '0')} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${d.toISOString().slice(11, 19)}`;
  if (!server) {
    ctx.stderr.write(`${stamp} ntpdate[4242]: no servers can be used, exiting\n`);
    return 1;
  }
  if (!isRoot(ctx)) {
    ctx.stderr.write(`${stamp} ntpdate[4242]: bind() fails: Permission denied\n`);
    return 1;
  }
  await ctx.clock.sleep(2_000);
  out(ctx.stdout, `${stamp} ntpdate[4242]: adjust time server 203.107.6.88 offset +0.000214 sec`);
  return 0;
};
