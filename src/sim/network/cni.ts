/**
 * The CNI plugins' footprint on a node. Our default network is flannel (pod CIDR 10.244.0.0/16,
 * a /24 per node, host-local IPAM): when the kube-flannel container starts on a node it writes
 * /etc/cni/net.d/10-flannel.conflist and /run/flannel/subnet.env, which is what makes the
 * node's runtime network — and so the node — Ready. Deleting the file makes it NotReady again.
 */
import type { Machine } from '../machine';
import type { Container } from '../runtime/containerd';

export const FLANNEL_CONFLIST = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;

export const POD_NETWORK_CIDR = '10.244.0.0/16';

/** What a starting CNI container does to its host. Returns true when it wrote something. */
export function onCniContainer(c: Container, machine: Machine, podCidr: string | undefined): boolean {
  if (c.state !== 'CONTAINER_RUNNING') return false;
  const fs = machine.rootFs;
  if (c.name === 'kube-flannel' || c.name === 'install-cni') {
    fs.mkdir('/etc/cni/net.d', { recursive: true });
    fs.writeFile('/etc/cni/net.d/10-flannel.conflist', FLANNEL_CONFLIST);
    if (podCidr) {
      fs.mkdir('/run/flannel', { recursive: true });
      const gw = podCidr.replace(/\.0\/24$/, '.1/24');
      fs.writeFile('/run/flannel/subnet.env', `FLANNEL_NETWORK=${POD_NETWORK_CIDR}\nFLANNEL_SUBNET=${gw}\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n`);
    }
    return true;
  }
  return false;
}
