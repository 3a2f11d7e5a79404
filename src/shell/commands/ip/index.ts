/**
 * ip (iproute2 5.15, Ubuntu 22.04): the global options, then an object matched by prefix in
 * ip.c's table order (`a` is address, `r` route, `n` neighbour, `l` link), then its command.
 * Every view reads the machine's network through getSystem() (links, routes, neighbours).
 * Exit statuses follow ip's: a command that returns -1 exits 1, one that calls exit(-1) exits 255.
 */
import type { CommandContext, Program } from '../../command';
import { getSystem } from '../lib/system';
import { isIPv4, type NetLink } from '../lib/net-links';
import { showAddresses, showLinks } from './links';
import { routeGet, routeRecord, sortRoutes } from './routes';
import { neighbourRecord } from './neigh';
import type { Family, IpView } from './view';

/** How ip stops: text for stderr and an exit status. */
class IpExit extends Error {
  constructor(readonly stderr: string, readonly status: number) {
    super(stderr);
  }
}

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |
                   macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

const usage = () => new IpExit(USAGE, 255);

/** lib/utils.c matches(): a non-empty prefix of the word. */
const matches = (arg: string, word: string) => arg.length > 0 && word.startsWith(arg);

const incomplete = () => new IpExit('Command line is not complete. Try option "help"\n', 255);

interface Run {
  ctx: CommandContext;
  view: IpView;
  links: NetLink[];
}

// ------------------------------------------------------------------ global options

/** The options of ip.c's main loop, in its order (the first whose name the option abbreviates wins). */
const OPTIONS: [string, (view: IpView, next: () => string, ctx: CommandContext) => void][] = [
  ['-loops', (_v, next) => void next()],
  ['-family', (v, next) => {
    const f = next();
    const family = ({ inet: 'inet', inet6: 'inet6', link: 'link' } as Record<string, Family>)[f];
    if (f === 'help') throw usage();
    if (!family) throw new IpExit(`Error: argument "${f}" is wrong: invalid protocol family\n`, 255);
    v.family = family;
  }],
  ['-human', () => {}],
  ['-human-readable', () => {}],
  ['-iec', () => {}],
  ['-stats', () => {}],
  ['-statistics', () => {}],
  ['-details', () => {}],
  ['-resolve', () => {}],
  ['-oneline', (v) => void (v.oneline = true)],
  ['-timestamp', () => {}],
  ['-tshort', () => {}],
  ['-Version', (_v, _next, ctx) => {
    ctx.stdout.write('ip utility, iproute2-5.15.0, libbpf 0.5.0\n');
    throw new IpExit('', 0);
  }],
  ['-force', () => {}],
  ['-batch', (_v, next) => void next()],
  ['-brief', (v) => void (v.brief = true)],
  ['-json', () => {}],
  ['-pretty', () => {}],
  ['-rcvbuf', (_v, next) => void next()],
];

const EXACT_FAMILIES: Record<string, Family | undefined> = { '-4': 'inet', '-6': 'inet6', '-0': 'link' };

/** Reads the options before the object; returns the rest of the arguments. */
function readOptions(argv: string[], view: IpView, ctx: CommandContext): string[] {
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i];
    if (arg === '--') return argv.slice(i + 1);
    if (!arg.startsWith('-')) break;
    const opt = arg.startsWith('--') ? arg.slice(1) : arg;
    const next = () => {
      if (i + 1 >= argv.length) throw usage();
      return argv[++i];
    };
    if (opt in EXACT_FAMILIES) view.family = EXACT_FAMILIES[opt];
    else if (opt === '-M' || opt === '-B') view.family = undefined;
    else {
      const hit = OPTIONS.find(([name]) => matches(opt, name));
      if (hit) hit[1](view, next, ctx);
      else if (!readColor(opt, view, ctx)) {
        if (matches(opt, '-help')) throw usage();
        if (matches(opt, '-netns')) next();
        else if (!matches(opt, '-Numeric') && !matches(opt, '-all')) throw new IpExit(`Option "${opt}" is unknown, try "ip -help".\n`, 255);
      }
    }
    i++;
  }
  return argv.slice(i);
}

/** -c[olor][=always|auto|never] (lib/color.c matches_color and check_enable_color). */
function readColor(opt: string, view: IpView, ctx: CommandContext): boolean {
  const [name, value = ''] = opt.split(/=(.*)/s);
  if (!matches(name, '-color')) return false;
  if (value === '' || value === 'always') view.color = true;
  else if (value === 'auto') view.color = ctx.isTTY;
  else if (value === 'never') view.color = false;
  else return false;
  // A dark background when COLORFGBG's last field is 0-6 or 8.
  view.dark = /;[0-68]$/.test(ctx.env.COLORFGBG ?? '');
  return true;
}

// ------------------------------------------------------------------ objects

function device(run: Run, name: string): NetLink | undefined {
  return run.links.find((l) => l.name === name);
}

/** The filters `ip address show` and `ip link show` take (ipaddr_list_flush_or_save). */
function selectLinks(run: Run, args: string[]): { links: NetLink[]; dev?: string } {
  let dev: string | undefined;
  let links = run.links;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const next = () => {
      if (i + 1 >= args.length) throw incomplete();
      return args[++i];
    };
    if (arg === 'up') links = links.filter((l) => l.flags.includes('UP'));
    else if (arg === 'to' || arg === 'label' || arg === 'group' || arg === 'scope') next();
    else if (arg === 'master') {
      const m = next();
      if (!device(run, m)) throw new IpExit(`Error: argument "${m}" is wrong: Device does not exist\n\n`, 255);
      links = links.filter((l) => l.master === m);
    } else if (arg === 'type') {
      const kind = next();
      links = links.filter((l) => l.kind === kind);
    } else {
      const name = arg === 'dev' ? next() : arg;
      if (arg !== 'dev' && matches(arg, 'help')) throw usage();
      if (dev !== undefined) throw new IpExit(`Error: either "dev" is duplicate, or "${name}" is a garbage.\n`, 255);
      dev = name;
    }
  }
  if (dev !== undefined) {
    if (!device(run, dev)) throw new IpExit(`Device "${dev}" does not exist.\n`, 1);
    links = links.filter((l) => l.name === dev);
  }
  return { links, dev };
}

/** Changing the kernel's tables needs CAP_NET_ADMIN. */
function modify(run: Run): number {
  if (run.ctx.user.uid !== 0) throw new IpExit('RTNETLINK answers: Operation not permitted\n', 2);
  return 0;
}

type Verb = [string, (run: Run, args: string[]) => number];

/** An object's commands, matched by prefix in the order its do_* function tries them. */
function dispatch(run: Run, verbs: Verb[], fallback: (run: Run, args: string[]) => number, object: string, args: string[]): number {
  if (!args.length) return fallback(run, []);
  const hit = verbs.find(([name]) => matches(args[0], name));
  if (hit) return hit[1](run, args.slice(1));
  throw new IpExit(`Command "${args[0]}" is unknown, try "ip ${object} help".\n`, 255);
}

function addressShow(run: Run, args: string[]): number {
  const { links } = selectLinks(run, args);
  run.ctx.stdout.write(showAddresses(links, run.links, run.view));
  return 0;
}

function linkShow(run: Run, args: string[]): number {
  const { links } = selectLinks(run, args);
  run.ctx.stdout.write(showLinks(links, run.links, { ...run.view, family: 'link' }));
  return 0;
}

const MODIFY = (names: string[]): Verb[] => names.map((n) => [n, modify] as Verb);

/** ip's words when a change names no device, before it asks the kernel (so a user gets them too). */
const NO_DEV = 'Not enough information: "dev" argument is required.\n';

/** address add/change/replace/delete: `dev` is required (ipaddr_modify exits 1 without it). */
function addressModify(run: Run, args: string[]): number {
  if (!args.includes('dev')) throw new IpExit(NO_DEV, 1);
  return modify(run);
}

/** link set/change: the device is `dev NAME` or the first word that is no keyword (iplink_modify exits 255 without one). */
const LINK_SET_KEYWORDS = new Set(['up', 'down', 'arp', 'multicast', 'allmulticast', 'promisc', 'trailers', 'dynamic', 'carrier', 'on', 'off']);
function linkModify(run: Run, args: string[]): number {
  if (!args.includes('dev') && !args.some((a) => !LINK_SET_KEYWORDS.has(a))) throw new IpExit(NO_DEV, 255);
  return modify(run);
}

const addressObject = (run: Run, args: string[]) =>
  dispatch(run, [...(['add', 'change', 'replace', 'delete'].map((n) => [n, addressModify]) as Verb[]), ['list', addressShow], ['show', addressShow], ['lst', addressShow], ['flush', modify]], addressShow, 'address', args);

const linkObject = (run: Run, args: string[]) =>
  dispatch(run, [...MODIFY(['add']), ['set', linkModify], ['change', linkModify], ...MODIFY(['replace', 'delete']), ['show', linkShow], ['lst', linkShow], ['list', linkShow]], linkShow, 'link', args);

function routeShow(run: Run, args: string[]): number {
  let dev: string | undefined;
  let proto: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const next = () => {
      if (i + 1 >= args.length) throw incomplete();
      return args[++i];
    };
    if (args[i] === 'dev' || args[i] === 'oif') {
      dev = next();
      if (!device(run, dev)) throw new IpExit(`Cannot find device "${dev}"\n`, 1);
    } else if (matches(args[i], 'protocol')) proto = next();
    else if (args[i] === 'table' || matches(args[i], 'scope') || args[i] === 'type') next();
  }
  const routes = sortRoutes(getSystem().routes(run.ctx)).filter((r) => (!dev || r.dev === dev) && (!proto || r.proto === proto));
  run.ctx.stdout.write(routes.map((r) => routeRecord(r, run.view, !dev)).join(''));
  return 0;
}

/** Keywords of `ip route get` that take a value (iproute_get). */
const GET_KEYWORDS = ['tos', 'dsfield', 'from', 'iif', 'mark', 'oif', 'vrf', 'uid', 'sport', 'dport', 'ipproto'];

function routeGetCommand(run: Run, args: string[]): number {
  let address: string | undefined;
  // The family a prefix is read in: -4/-6, else the first address's (iproute_get's req.r.rtm_family).
  let family: string | undefined = run.view.family === 'inet' || run.view.family === 'inet6' ? run.view.family : undefined;
  const prefix = (text: string): string => {
    const host = text.split('/')[0];
    const kind = isIPv4(host) ? 'inet' : /^[0-9a-f:]+$/i.test(text) && text.includes(':') ? 'inet6' : undefined;
    if (!kind || (family && kind !== family)) throw new IpExit(`Error: ${family ?? 'any valid'} prefix is expected rather than "${text}".\n`, 1);
    family = kind;
    return host;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const next = () => {
      if (i + 1 >= args.length) throw incomplete();
      return args[++i];
    };
    if (arg === 'dev' || GET_KEYWORDS.some((k) => matches(arg, k))) {
      const value = next();
      if ((arg === 'dev' || matches(arg, 'oif') || matches(arg, 'iif')) && !device(run, value)) throw new IpExit(`Cannot find device "${value}"\n`, 1);
      if (matches(arg, 'from')) prefix(value);
    } else if (matches(arg, 'notify') || matches(arg, 'connected') || matches(arg, 'fibmatch')) continue;
    else {
      const target = arg === 'to' ? next() : arg;
      if (matches(target, 'help')) throw usage();
      address = prefix(target);
    }
  }
  if (address === undefined) throw new IpExit('need at least a destination address\n', 1);
  const answer = routeGet(address, run.links, getSystem().routes(run.ctx), run.view);
  if (!answer.ok) throw new IpExit(answer.error, answer.status);
  run.ctx.stdout.write(answer.text);
  return 0;
}

const routeObject = (run: Run, args: string[]) =>
  dispatch(run, [...MODIFY(['add', 'change', 'replace', 'prepend', 'append', 'test', 'delete']), ['list', routeShow], ['show', routeShow], ['lst', routeShow], ['get', routeGetCommand], ['flush', modify]], routeShow, 'route', args);

function neighShow(run: Run, args: string[]): number {
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev') {
      if (i + 1 >= args.length) throw incomplete();
      dev = args[++i];
      if (!device(run, dev)) throw new IpExit(`Cannot find device "${dev}"\n`, 1);
    }
  }
  const rows = getSystem().neighbours(run.ctx).filter((n) => !dev || n.dev === dev);
  run.ctx.stdout.write(rows.map((n) => neighbourRecord(n, run.view, !dev)).join(''));
  return 0;
}

const neighObject = (run: Run, args: string[]) =>
  dispatch(run, [...MODIFY(['add', 'change', 'replace', 'delete']), ['show', neighShow], ['lst', neighShow], ['list', neighShow], ['flush', modify]], neighShow, 'neigh', args);

/** ip.c's objects in its order; those this machine's ip does not model are left out of the answers. */
const OBJECTS: [string, ((run: Run, args: string[]) => number) | undefined][] = [
  ['address', addressObject],
  ['addrlabel', undefined],
  ['maddress', undefined],
  ['route', routeObject],
  ['rule', undefined],
  ['neighbor', neighObject],
  ['neighbour', neighObject],
  ['ntable', undefined],
  ['ntbl', undefined],
  ['link', linkObject],
  ['help', () => {
    throw usage();
  }],
];

export const ip: Program = async (ctx) => {
  const view: IpView = { brief: false, oneline: false, color: false, dark: false, uid: ctx.user.uid };
  try {
    const rest = readOptions(ctx.argv.slice(1), view, ctx);
    if (!rest.length) throw usage();
    const object = OBJECTS.find(([name]) => matches(rest[0], name));
    const handler = object?.[1];
    if (!handler) throw new IpExit(`Object "${rest[0]}" is unknown, try "ip help".\n`, 1);
    return handler({ ctx, view, links: getSystem().links(ctx) }, rest.slice(1));
  } catch (e) {
    if (!(e instanceof IpExit)) throw e;
    ctx.stderr.write(e.stderr);
    return e.status;
  }
};
