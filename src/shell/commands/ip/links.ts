/**
 * `ip link` and `ip address` records, laid out as iproute2 5.15 prints them (ip/ipaddress.c:
 * print_linkinfo, print_linkinfo_brief, print_addrinfo).
 *
 * With -6 ip asks the kernel for the links' IPv6 view (an AF_INET6 RTM_GETLINK dump), which
 * carries no qdisc, group, master or peer namespace: the record is shorter and a veth's peer index
 * is looked up among this namespace's links (`veth…@ens4`).
 */
import type { NetAddress, NetLink } from '../lib/net-links';
import { paint, sl, stateColor, type IpView } from './view';

/** The name with its lower device, as print_name_and_link makes it. */
function nameWithLink(link: NetLink, all: NetLink[], family: IpView['family']): string {
  if (link.peerIndex === undefined) return link.name;
  if (link.peerIndex === 0) return `${link.name}@NONE`;
  if (link.linkNetns && family !== 'inet6') return `${link.name}@if${link.peerIndex}`;
  return `${link.name}@${all.find((l) => l.index === link.peerIndex)?.name ?? `if${link.peerIndex}`}`;
}

function flagsText(link: NetLink): string {
  return `<${link.flags.join(',')}> `;
}

/** The first line of a link's record (and its link/ line and altnames unless a family is asked). */
export function linkRecord(link: NetLink, all: NetLink[], view: IpView, doLink: boolean): string {
  const family = doLink ? 'link' : view.family;
  const name = nameWithLink(link, all, family);
  if (view.brief) {
    let out = paint(view, 'ifname', `${name.padEnd(16)} `) + paint(view, stateColor(link.state), `${link.state.padEnd(14)} `);
    if (family === 'link') out += `${paint(view, 'mac', `${link.mac} `)}${flagsText(link)}\n`;
    return out;
  }
  const ipv6View = family === 'inet6';
  let out = `${link.index}: ${paint(view, 'ifname', `${name}: `)}${flagsText(link)}mtu ${link.mtu} `;
  if (!ipv6View) out += `qdisc ${link.qdisc} `;
  if (link.master && !ipv6View) out += `master ${link.master} `;
  out += `state ${paint(view, stateColor(link.state), `${link.state} `)}`;
  if (doLink) out += 'mode DEFAULT ';
  if (!ipv6View) out += 'group default ';
  if (link.qlen) out += `qlen ${link.qlen}`;
  if (!family || family === 'link') {
    out += `${sl(view)}    link/${link.linkType} ${paint(view, 'mac', link.mac)} brd ${paint(view, 'mac', link.brd)}`;
    if (link.linkNetns) out += ` link-netns ${link.linkNetns}`;
  }
  if (!ipv6View) for (const alt of link.altnames ?? []) out += `${sl(view)}    altname ${alt}`;
  return `${out}\n`;
}

function lifetime(seconds: number | undefined): string {
  return seconds === undefined ? 'forever' : `${seconds}sec`;
}

/** One address of a link: its own line (or, brief, its `addr/len ` cell). */
export function addressRecord(link: NetLink, a: NetAddress, view: IpView): string {
  const local = `${paint(view, a.family, a.local)}/${a.prefix} ${a.metric !== undefined ? `metric ${a.metric} ` : ''}`;
  if (view.brief) return local;
  let out = view.oneline ? `${link.index}: ${link.name}` : '';
  out += `    ${a.family} ${local}`;
  if (a.brd) out += `brd ${paint(view, a.family, `${a.brd} `)}`;
  out += `scope ${a.scope} `;
  for (const f of a.flags ?? []) out += `${f} `;
  // Only IPv4 addresses carry a label (the link's name).
  if (a.family === 'inet') out += link.name;
  return `${out}${sl(view)}       valid_lft ${lifetime(a.validLft)} preferred_lft ${lifetime(a.preferredLft)}\n`;
}

/** The links ip address shows for a family: with -4 or -6 only those holding such an address. */
export function linksWithFamily(links: NetLink[], family: IpView['family']): NetLink[] {
  if (!family || family === 'link') return links;
  return links.filter((l) => l.addresses.some((a) => a.family === family));
}

/** `ip address [show]`: each link's record then its addresses (with -o the addresses alone). */
export function showAddresses(links: NetLink[], all: NetLink[], view: IpView): string {
  let out = '';
  for (const link of linksWithFamily(links, view.family)) {
    if (view.brief || !view.oneline) out += linkRecord(link, all, view, false);
    if (view.family === 'link') continue;
    for (const a of link.addresses) if (!view.family || a.family === view.family) out += addressRecord(link, a, view);
    if (view.brief) out += '\n';
  }
  return out;
}

/** `ip link [show]`. */
export function showLinks(links: NetLink[], all: NetLink[], view: IpView): string {
  return links.map((l) => linkRecord(l, all, view, true)).join('');
}
