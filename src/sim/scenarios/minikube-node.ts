/**
 * What every minikube runtime's set-up does to the kicbase node alike: files written as root, and
 * after kubeadm the dpkg records of kicbase (Docker's containerd.io, not the containerd and runc a
 * kubeadm node gets) with containerd.service disabled (the kicbase Dockerfile's
 * `systemctl disable containerd`).
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { packagesState } from '../packages/db';
import { Systemd } from '../systemd/manager';

export function writeNodeFile(m: Machine, path: string, content: string): void {
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (!m.rootFs.stat(dir)) m.rootFs.mkdir(dir, { recursive: true });
  m.rootFs.writeFile(path, content);
}

/** kicbase's containerd after kubeadm: its records, disabled; the service manager and when containerd came up. */
export function kicbaseContainerd(world: World, m: Machine): { sd: Systemd; containerdSince: number } {
  const installed = packagesState(m).installed;
  delete installed.containerd;
  delete installed.runc;
  const sd = new Systemd(m, world, () => world.clock.now());
  sd.disable('containerd.service');
  return { sd, containerdSince: sd.runtime('containerd.service').since };
}
