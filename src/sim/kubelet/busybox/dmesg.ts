/**
 * busybox dmesg (util-linux/dmesg.c at 1_36_1) reads the kernel's ring buffer with klogctl. In an
 * unprivileged container the kernel refuses it: Ubuntu's nodes set kernel.dmesg_restrict=1, which
 * asks for CAP_SYSLOG, and containerd's default capabilities (oci/spec.go at v1.7.27) do not hold
 * it; so klogctl fails EPERM and dmesg dies with bb_simple_perror_msg_and_die("klogctl"), -n alike.
 * A privileged container may read the node's kernel log, which this simulation does not keep.
 */
import type { Program } from '../../../shell/command';
import type { ExecContext } from '../exec';
import { notSimulated } from './not-simulated';

export function busyboxDmesg(ctx: ExecContext): Program {
  const privileged = ((ctx.container.securityContext ?? {}) as { privileged?: boolean }).privileged === true;
  return async (p) => {
    if (privileged) return notSimulated(p);
    p.stderr.write('dmesg: klogctl: Operation not permitted\n');
    return 1;
  };
}
