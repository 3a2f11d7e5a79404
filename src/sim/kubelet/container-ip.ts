/**
 * busybox's ip (addr, route) and ifconfig in a Pod: its loopback and the eth0 the CNI plugin gave
 * it (flannel's bridge: a /24 of the node's podCIDR, MTU 1450 for VXLAN, the bridge's .1 as the
 * gateway). The MAC is fixed per Pod, as the plugin's random one is for the Pod's life.
 */
import type { Program } from '../../shell/command';
import { spec, status } from '../controllers/machinery/objects';
import type { ExecContext } from './exec';
import { hashString } from '../random';

const BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';
const MTU = 1450;

interface PodLink {
  ip: string;
  mac: string;
  ipv6: string;
  /** The peer's interface index on the node (eth0@ifN). */
  peer: number;
}

function podLink(c: ExecContext): PodLink | undefined {
  const ip = String(status(c.pod).podIP ?? '');
  if (!ip || spec(c.pod).hostNetwork) return undefined;
  // A locally administered unicast MAC from the Pod's uid.
  const seed = String(c.pod.metadata?.uid ?? c.pod.metadata?.name ?? ip);
  const bytes: number[] = [];
  let text = '';
  for (let i = 0; i < 6; i++) {
    text += `${seed}/${i}`;
    bytes.push(hashString(text) & 0xff);
  }
  bytes[0] = (bytes[0] & 0xfc) | 0x02;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
  // EUI-64 link-local address: the MAC with its U/L bit flipped and ff:fe in the middle.
  const eui = [(bytes[0] ^ 0x02).toString(16).padStart(2, '0') + hex[1], `${hex[2]}ff`, `fe${hex[3]}`, hex[4] + hex[5]].map((g) => g.replace(/^0+(?=.)/, ''));
  const last = Number(ip.split('.')[3] ?? 0);
  return { ip, mac: hex.join(':'), ipv6: `fe80::${eui.join(':')}`, peer: 5 + (last % 50) };
}

const subnet = (ip: string) => ip.split('.').slice(0, 3).join('.');

function addrText(link: PodLink | undefined): string {
  let out = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n';
  if (link) {
    out += `2: eth0@if${link.peer}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu ${MTU} qdisc noqueue \n    link/ether ${link.mac} brd ff:ff:ff:ff:ff:ff\n`;
    out += `    inet ${link.ip}/24 brd ${subnet(link.ip)}.255 scope global eth0\n       valid_lft forever preferred_lft forever\n`;
    out += `    inet6 ${link.ipv6}/64 scope link \n       valid_lft forever preferred_lft forever\n`;
  }
  return out;
}

function routeText(link: PodLink | undefined): string {
  if (!link) return '';
  const gw = `${subnet(link.ip)}.1`;
  return `default via ${gw} dev eth0 \n10.244.0.0/16 via ${gw} dev eth0 \n${subnet(link.ip)}.0/24 dev eth0 scope link  src ${link.ip} \n`;
}

/** -4 / -6: the addresses of the other family left out (with their lifetime lines). */
function withoutFamily(text: string, family: 'inet' | 'inet6'): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith(`    ${family} `)) {
      if (lines[i + 1]?.includes('valid_lft')) i++;
      continue;
    }
    out.push(lines[i]);
  }
  return out.join('\n');
}

const OBJECTS: [string, (l: PodLink | undefined) => string][] = [
  ['address', addrText],
  ['route', routeText],
];

/** `ip [addr|route] [show]`: objects by any prefix of their name, as ip matches them. */
export function ipProgram(c: ExecContext): Program {
  return async (p) => {
    const args = p.argv.slice(1).filter((a) => !/^-[46]$/.test(a));
    if (!args.length) {
      p.stderr.write(`${BANNER}Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n`);
      return 1;
    }
    const object = OBJECTS.find(([name]) => name.startsWith(args[0]));
    if (!object) {
      p.stderr.write(`ip: unknown command '${args[0]}'\n`);
      return 1;
    }
    const verb = args[1];
    if (verb && !['show', 'list', 'lst', 'sh', 's', 'ls', 'l'].includes(verb)) {
      // Changing addresses and routes needs NET_ADMIN, which a Pod's container has not.
      p.stderr.write('ip: RTNETLINK answers: Operation not permitted\n');
      return 2;
    }
    const family = p.argv.includes('-4') ? 'inet6' : p.argv.includes('-6') ? 'inet' : undefined;
    p.stdout.write(family ? withoutFamily(object[1](podLink(c)), family) : object[1](podLink(c)));
    return 0;
  };
}

/** busybox ifconfig [IFACE]: eth0 then lo, with counters of a quiet Pod. */
export function ifconfigProgram(c: ExecContext): Program {
  return async (p) => {
    const link = podLink(c);
    const only = p.argv.slice(1).find((a) => !a.startsWith('-'));
    if (only && only !== 'lo' && !(only === 'eth0' && link)) {
      p.stderr.write(`ifconfig: ${only}: error fetching interface information: Device not found\n`);
      return 1;
    }
    let out = '';
    if (link && only !== 'lo') {
      out += `eth0      Link encap:Ethernet  HWaddr ${link.mac.toUpperCase()}  \n          inet addr:${link.ip}  Bcast:${subnet(link.ip)}.255  Mask:255.255.255.0\n          inet6 addr: ${link.ipv6}/64 Scope:Link\n`;
      out += `          UP BROADCAST RUNNING MULTICAST  MTU:${MTU}  Metric:1\n          RX packets:14 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:1 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:0 \n          RX bytes:1180 (1.1 KiB)  TX bytes:42 (42.0 B)\n\n`;
    }
    if (only === 'eth0') {
      p.stdout.write(out);
      return 0;
    }
    out += 'lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          inet6 addr: ::1/128 Scope:Host\n          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n';
    out += '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:1000 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n';
    p.stdout.write(out);
    return 0;
  };
}
