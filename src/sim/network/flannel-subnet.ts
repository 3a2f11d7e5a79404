/**
 * A node's flannel lease as flanneld leaves it on the machine and on its Node, and the VXLAN device
 * it creates: read by the node's network view (`ip`), flanneld's own log, and written when it starts.
 */
import type { Machine } from '../machine/machine';
import { randomMac } from './link-ids';

/** The node's flannel lease: its subnet as /run/flannel/subnet.env gives it (`10.244.1.1/24`). */
export function flannelSubnet(machine: Machine): { gateway: string; prefix: number } | undefined {
  let text: string;
  try {
    text = machine.rootFs.readFile('/run/flannel/subnet.env');
  } catch {
    return undefined;
  }
  const m = /^FLANNEL_SUBNET=(\d+\.\d+\.\d+\.\d+)\/(\d+)$/m.exec(text);
  return m ? { gateway: m[1], prefix: Number(m[2]) } : undefined;
}

/** flannel.1's MAC on a node (its VtepMAC), stable for the machine. */
export const flannelVtepMac = (machine: Pick<Machine, 'hostname'>): string => randomMac(`flannel.1/${machine.hostname}`);

/** The annotation prefix flanneld writes under (its --kube-annotation-prefix default). */
export const FLANNEL_ANNOTATION_PREFIX = 'flannel.alpha.coreos.com';

/** The annotations flanneld writes on its Node when it acquires its lease (kube.go AcquireLease). */
export function leaseAnnotations(vni: number, mac: string, ip: string): Record<string, string> {
  const p = FLANNEL_ANNOTATION_PREFIX;
  return {
    [`${p}/backend-data`]: JSON.stringify({ VNI: vni, VtepMAC: mac }),
    [`${p}/backend-type`]: 'vxlan',
    [`${p}/kube-subnet-manager`]: 'true',
    [`${p}/public-ip`]: ip,
  };
}
