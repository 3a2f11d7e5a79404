/**
 * The control plane's binaries in their own containers (src/sim/runtime/control-plane-images.ts):
 *
 * - etcdctl and etcdutl in the etcd container (`kubectl exec -n kube-system etcd-NODE -- etcdctl
 *   --endpoints=https://127.0.0.1:2379 --cacert=… member list`): the node's programs, run with the
 *   container's files (the certificates and data directory its manifest mounts) from the Pod's
 *   place in the network — the etcd Pod shares its node's, so 127.0.0.1:2379 is that member;
 * - etcd's and the kube-* binaries' command-line parsing, which comes before anything else they do:
 *   etcd's help (-h), its flag errors and --version (control-plane-cli/etcd.ts); the kube-*
 *   binaries' flag errors and --version (control-plane-cli/kube.ts).
 */
import type { Program } from '../../shell/command';
import { normalizeImage } from '../runtime/images';
import { ETCD_BUILD } from '../etcd/build';
import { hostShellOf } from './host-shells';
import { podHostname, type ExecContext } from './exec';
import { etcdProgram } from './control-plane-cli/etcd';
import { kubeComponentProgram } from './control-plane-cli/kube';

/**
 * What these binaries do past their command line (start a second etcd member or control-plane
 * component next to the running one, or the kube-* help) is not simulated: the shell says so as it
 * does for any program this simulation does not provide.
 */
const notSimulated: Program = async (p) => {
  p.stderr.write(`${p.argv[0]}: command not found\n`);
  return 127;
};

export function controlPlanePrograms(ctx: ExecContext, binaries: readonly string[]): Record<string, Program> {
  const table: Record<string, Program> = {};
  const host = ctx.machine ? hostShellOf(ctx.machine) : undefined;
  const tag = normalizeImage(String(ctx.container.image ?? '')).tag;
  for (const name of binaries) {
    if ((name === 'etcdctl' || name === 'etcdutl') && host?.programs[name]) {
      const nodeProgram = host.programs[name];
      // The Pod's own files and user; the world and the address it dials from are its node's.
      table[name] = (p) => nodeProgram({ ...p, world: host.world, host: podHostname(ctx) });
    } else if (name === 'etcd' && tag.startsWith(`${ETCD_BUILD.version}-`)) table.etcd = etcdProgram(notSimulated);
    else if (name.startsWith('kube-')) table[name] = kubeComponentProgram(tag, notSimulated);
  }
  return table;
}
