/**
 * `ip route` records and `ip route get`, as iproute2 5.15 prints them (ip/iproute.c: print_route,
 * print_rt_flags, print_cache_flags). `get` answers as the kernel's FIB lookup would: a local
 * address through lo, else the longest matching prefix of the main table (lowest metric first),
 * with the device's own address as the source when the route names none.
 */
import type { NetLink, NetRoute } from '../lib/net-links';
import { inPrefix, isIPv4, prefixLength } from '../lib/net-links';
import { paint, sl, type IpView } from './view';

/** One route of the table; `withDev` false when the listing was asked for one device. */
export function routeRecord(r: NetRoute, view: IpView, withDev = true): string {
  let out = r.type ? `${r.type} ` : '';
  out += r.dst === 'default' ? 'default ' : paint(view, 'inet', `${r.dst} `);
  if (r.via) out += `via ${paint(view, 'inet', `${r.via} `)}`;
  if (withDev && r.dev) out += `dev ${paint(view, 'ifname', `${r.dev} `)}`;
  if (r.proto) out += `proto ${r.proto} `;
  if (r.scope) out += `scope ${r.scope} `;
  if (r.src) out += `src ${paint(view, 'inet', `${r.src} `)}`;
  if (r.metric !== undefined) out += `metric ${r.metric} `;
  if (r.onlink) out += 'onlink ';
  if (r.linkdown) out += 'linkdown ';
  return `${out}\n`;
}

/** The main table in the order the kernel's FIB trie dumps it: by network, then by prefix length. */
export function sortRoutes(routes: NetRoute[]): NetRoute[] {
  const key = (r: NetRoute) => (r.dst === 'default' ? [0, 0] : [ipNumber(r.dst.split('/')[0]), prefixLength(r.dst)]);
  return [...routes].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1] || (a.metric ?? 0) - (b.metric ?? 0));
}

function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

export type RouteAnswer = { ok: true; text: string } | { ok: false; error: string; status: number };

/** `ip route get ADDR`: the route a packet to ADDR would take, as the kernel reports its cached result. */
export function routeGet(address: string, links: NetLink[], routes: NetRoute[], view: IpView): RouteAnswer {
  if (!isIPv4(address)) return { ok: false, error: 'RTNETLINK answers: Network is unreachable\n', status: 2 };
  const cache = `${sl(view)}    cache `;
  const local = links.flatMap((l) => l.addresses).find((a) => a.family === 'inet' && a.local === address) ?? (inPrefix(address, '127.0.0.0/8') ? { local: address } : undefined);
  if (local) return { ok: true, text: `local ${paint(view, 'inet', `${address} `)}dev ${paint(view, 'ifname', 'lo ')}src ${paint(view, 'inet', `${address} `)}uid ${view.uid} ${cache}<local> \n` };
  const best = routes
    .filter((r) => r.type !== 'blackhole' && inPrefix(address, r.dst))
    .sort((a, b) => prefixLength(b.dst) - prefixLength(a.dst) || (a.metric ?? 0) - (b.metric ?? 0))[0];
  if (!best) return { ok: false, error: 'RTNETLINK answers: Network is unreachable\n', status: 2 };
  const src = best.src ?? links.find((l) => l.name === best.dev)?.addresses.find((a) => a.family === 'inet')?.local;
  let out = paint(view, 'inet', `${address} `);
  if (best.via) out += `via ${paint(view, 'inet', `${best.via} `)}`;
  out += `dev ${paint(view, 'ifname', `${best.dev} `)}`;
  if (src) out += `src ${paint(view, 'inet', `${src} `)}`;
  return { ok: true, text: `${out}uid ${view.uid} ${cache}\n` };
}
