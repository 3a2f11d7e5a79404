/** Binaries the packages install that learners run by hand: kubelet --version, runc --version, ntpdate. */
import type { Program } from '../shell/command';
import { packagesState } from '../sim/packages/db';
import { isRoot, machineOf, out } from './lib/context';
import { klogHeader } from '../kubectl/client/klog';
import { goQuote } from '../sim/go-quote';

/**
 * The kubelet run by hand. It parses its own command line (cobra's flag parsing is off) before
 * anything else, and cli.Run logs an error through klog once logging is set up: an argument that
 * is not a flag is refused as `unknown command ARG` (cmd/kubelet/app/server.go), `kubelet version`
 * included. --version prints the version. Its flag set and help (-h) are not simulated: any other
 * command line goes on to the start, which fails on the config file it is not given (run by hand it
 * would fight the systemd unit for its ports; the unit is how it runs here).
 */
export const kubelet: Program = async (ctx) => {
  const version = packagesState(machineOf(ctx)).installed.kubelet?.version.replace(/-.*$/, '') ?? '1.33.4';
  const args = ctx.argv.slice(1);
  if (args[0] === '--version') {
    out(ctx.stdout, `Kubernetes v${version}`);
    return 0;
  }
  // pflag reports a bad flag before a stray argument: with no flag at all, the first argument is the command.
  const err = args.length && !args.some((a) => a.startsWith('-'))
    ? `unknown command ${args[0]}`
    : 'failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file "/var/lib/kubelet/config.yaml", error: open /var/lib/kubelet/config.yaml: no such file or directory';
  ctx.stderr.write(`${klogHeader('E', ctx.clock.now(), 0, 4242, 'run.go:72')}"command failed" err=${goQuote(err)}\n`);
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
