/**
 * kube-apiserver, kube-controller-manager and kube-scheduler in their images, up to the point
 * where they would start: cobra parses the command line with pflag first, and component-base's
 * cli.Run prints a parse error as `Error: <err>` on stderr, exit 1 (the flag sets and messages are
 * src/sim/cluster/component-flags.ts's, which the static pods' crash loops use too).
 * kube-apiserver silences its usage, so that line is all it prints; kube-controller-manager and
 * kube-scheduler print their usage (every flag with its help, by section) before it, which is not
 * modelled: only the error line shows.
 *
 * --version prints the version (verflag). Their help (-h, --help) and a real start (which would
 * contend with the running component for its port) are not simulated: `otherwise` answers them.
 */
import type { Program } from '../../../shell/command';
import { flagFailure } from '../../cluster/component-flags';

export function kubeComponentProgram(tag: string, otherwise: Program): Program {
  return async (ctx) => {
    const failure = flagFailure(ctx.argv, tag);
    if (failure) {
      ctx.stderr.write(`${failure.lines.join('\n')}\n`);
      return failure.exitCode;
    }
    const end = ctx.argv.indexOf('--');
    const flags = end < 0 ? ctx.argv.slice(1) : ctx.argv.slice(1, end);
    if (flags.some((a) => a === '--version' || a === '--version=true')) {
      ctx.stdout.write(`Kubernetes ${tag}\n`);
      return 0;
    }
    return otherwise(ctx);
  };
}
