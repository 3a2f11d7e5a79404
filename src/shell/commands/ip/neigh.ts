/** `ip neigh` records (ip/ipneigh.c print_neigh): address, device, link-layer address, NUD state. */
import type { Neighbour } from '../lib/net-links';
import { paint, type IpView } from './view';

export function neighbourRecord(n: Neighbour, view: IpView, withDev = true): string {
  const dev = withDev ? `dev ${paint(view, 'ifname', `${n.dev} `)}` : '';
  return `${paint(view, 'inet', `${n.address} `)}${dev}lladdr ${paint(view, 'mac', n.lladdr)} ${n.state} \n`;
}
