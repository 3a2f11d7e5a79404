/**
 * curl, wget, ping, nslookup, ip, ss: thin versions that fail like the real tools when nothing
 * answers. The network part of the simulation gives real answers through `setNetworkProvider`.
 */
import { serviceName } from './lib/etc-services';
import type { CommandContext, Program } from '../command';
import { flag, parseArgvOrGetoptMessage, withArg, type OptionSpec } from './lib/args';
import { getNetwork, getSystem } from './lib/system';
import { curlRun, parseUrl, type CurlIo } from './lib/curl-run';
import { playTool } from './lib/tool-run';
import { strftime } from './lib/time';
import { socketSummary } from './lib/ss-summary';

/** curl on this machine's network. */
export const curl: Program = async (ctx) => {
  const net = getNetwork();
  const io: CurlIo = {
    resolve: (host) => net.resolve(ctx, host),
    http: (req) => net.http?.(ctx, req),
    readFile: (path) => ctx.fs.readFile(path),
    writeFile: (path, text) => ctx.fs.writeFile(path, text),
    isTTY: ctx.isTTY,
    now: ctx.clock.now(),
  };
  return playTool(curlRun(ctx.argv.slice(1), io), ctx);
};

export const wget: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (!args.length) {
    ctx.stderr.write(`wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
    return 1;
  }
  const u = parseUrl(args[0]);
  const host = u?.host ?? args[0];
  const full = u ? `${u.scheme}://${u.host}${u.port !== 80 && u.port !== 443 ? `:${u.port}` : ''}${u.path}` : args[0];
  ctx.stderr.write(`--${strftime('%Y-%m-%d %H:%M:%S', ctx.clock.now())}--  ${full}\n`);
  const addr = getNetwork().resolve(ctx, host);
  if (!addr) {
    ctx.stderr.write(`Resolving ${host} (${host})... failed: Name or service not known.\nwget: unable to resolve host address ‘${host}’\n`);
    return 4;
  }
  ctx.stderr.write(`Connecting to ${host} (${host})|${addr}|:${u?.port ?? 80}... failed: Connection refused.\n`);
  return 4;
};

export const ping: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let count = Infinity;
  let host: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-c') count = Number(argv[++i]);
    else if (argv[i] === '-W' || argv[i] === '-i' || argv[i] === '-w') i++;
    else if (!argv[i].startsWith('-')) host = argv[i];
  }
  if (!host) {
    ctx.stderr.write(`ping: usage error: Destination address required\n`);
    return 1;
  }
  const net = getNetwork();
  const addr = net.resolve(ctx, host);
  if (!addr) {
    ctx.stderr.write(`ping: ${host}: Name or service not known\n`);
    return 2;
  }
  ctx.stdout.write(`PING ${host} (${addr}) 56(84) bytes of data.\n`);
  let sent = 0;
  let received = 0;
  const times: number[] = [];
  while (sent < count && !ctx.signal.aborted) {
    sent++;
    const rtt = net.ping?.(ctx, addr) ?? null;
    if (rtt !== null) {
      received++;
      times.push(rtt);
      ctx.stdout.write(`64 bytes from ${addr}: icmp_seq=${sent} ttl=64 time=${rtt.toFixed(3)} ms\n`);
    }
    if (sent < count) await ctx.clock.sleep(1000, ctx.signal);
  }
  const loss = sent ? Math.round(((sent - received) * 100) / sent) : 0;
  ctx.stdout.write(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${Math.max(0, sent - 1) * 1000}ms\n`);
  if (times.length) {
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    ctx.stdout.write(`rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/0.000 ms\n`);
  }
  return received ? 0 : 1;
};

export const nslookup: Program = async (ctx) => {
  const host = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
  if (!host) return 1;
  const addr = getNetwork().resolve(ctx, host);
  let out = `Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n`;
  if (!addr) {
    out += `** server can't find ${host}: NXDOMAIN\n\n`;
    ctx.stdout.write(out);
    return 1;
  }
  out += `Non-authoritative answer:\nName:\t${host}\nAddress: ${addr}\n\n`;
  ctx.stdout.write(out);
  return 0;
};

export { ip } from './ip/index';


/**
 * ss (iproute2): the listening TCP sockets (-l, -t), ports by name unless -n, the owning process
 * with -p. Columns as ss lays them out: each as wide as its longest cell or header (the local
 * port at least five), an address right-aligned against its port.
 */
/** ss's usage (iproute2 5.15, recorded from jammy's ss -h). */
const SS_USAGE = "Usage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n   -h, --help          this message\n   -V, --version       output version information\n   -n, --numeric       don't resolve service names\n   -r, --resolve       resolve host names\n   -a, --all           display all sockets\n   -l, --listening     display listening sockets\n   -o, --options       show timer information\n   -e, --extended      show detailed socket information\n   -m, --memory        show socket memory usage\n   -p, --processes     show process using socket\n   -i, --info          show internal TCP information\n       --tipcinfo      show internal tipc socket information\n   -s, --summary       show socket usage summary\n       --tos           show tos and priority information\n       --cgroup        show cgroup information\n   -b, --bpf           show bpf filter socket information\n   -E, --events        continually display sockets as they are destroyed\n   -Z, --context       display process SELinux security contexts\n   -z, --contexts      display process and socket SELinux security contexts\n   -N, --net           switch to the specified network namespace name\n\n   -4, --ipv4          display only IP version 4 sockets\n   -6, --ipv6          display only IP version 6 sockets\n   -0, --packet        display PACKET sockets\n   -t, --tcp           display only TCP sockets\n   -M, --mptcp         display only MPTCP sockets\n   -S, --sctp          display only SCTP sockets\n   -u, --udp           display only UDP sockets\n   -d, --dccp          display only DCCP sockets\n   -w, --raw           display only RAW sockets\n   -x, --unix          display only Unix domain sockets\n       --tipc          display only TIPC sockets\n       --vsock         display only vsock sockets\n   -f, --family=FAMILY display sockets of type FAMILY\n       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}\n\n   -K, --kill          forcibly close sockets, display what was closed\n   -H, --no-header     Suppress header line\n   -O, --oneline       socket's data printed on a single line\n       --inet-sockopt  show various inet socket options\n\n   -A, --query=QUERY, --socket=QUERY\n       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|netlink|vsock_stream|vsock_dgram|tipc}[,QUERY]\n\n   -D, --diag=FILE     Dump raw information about TCP sockets to FILE\n   -F, --filter=FILE   read filter information from FILE\n       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]\n       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}\n         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}\n          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n             bucket := {syn-recv|time-wait}\n                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}\n";

/** ss's options as its usage lists them (getopt_long; -A's --socket is its second name). */
const SS_OPTIONS: OptionSpec[] = [
  ...[['h', 'help'], ['V', 'version'], ['n', 'numeric'], ['r', 'resolve'], ['a', 'all'], ['l', 'listening'], ['o', 'options'], ['e', 'extended'], ['m', 'memory'], ['p', 'processes'], ['i', 'info']].map(([s, l]) => flag(s, l)),
  flag(undefined, 'tipcinfo'), flag('s', 'summary'), flag(undefined, 'tos'), flag(undefined, 'cgroup'), flag('b', 'bpf'), flag('E', 'events'), flag('Z', 'context'), flag('z', 'contexts'), withArg('N', 'net'),
  ...[['4', 'ipv4'], ['6', 'ipv6'], ['0', 'packet'], ['t', 'tcp'], ['M', 'mptcp'], ['S', 'sctp'], ['u', 'udp'], ['d', 'dccp'], ['w', 'raw'], ['x', 'unix']].map(([s, l]) => flag(s, l)),
  flag(undefined, 'tipc'), flag(undefined, 'vsock'), withArg('f', 'family'), flag('K', 'kill'), flag('H', 'no-header'), flag('O', 'oneline'), flag(undefined, 'inet-sockopt'),
  withArg('A', 'query', 'A'), withArg(undefined, 'socket', 'A'), withArg('D', 'diag'), withArg('F', 'filter'),
];
const SS_FAMILIES = ['inet', 'inet6', 'link', 'unix', 'netlink', 'vsock', 'tipc', 'xdp', 'help'];
const SS_TABLES = ['all', 'inet', 'tcp', 'mptcp', 'udp', 'raw', 'unix', 'unix_dgram', 'unix_stream', 'unix_seqpacket', 'packet', 'netlink', 'vsock_stream', 'vsock_dgram', 'tipc'];

/** ss's own refusal: its words (or getopt's), then the usage, on stderr, exit 255. */
function ssUsageError(ctx: CommandContext, message: string): number {
  ctx.stderr.write(`${message}\n${SS_USAGE}`);
  return 255;
}

export const ss: Program = async (ctx) => {
  const parsed = parseArgvOrGetoptMessage('ss', ctx.argv.slice(1), SS_OPTIONS);
  if ('getoptMessage' in parsed) return ssUsageError(ctx, parsed.getoptMessage);
  for (const { key, value } of parsed.order) {
    if (key === 'h') {
      ctx.stdout.write(SS_USAGE);
      return 0;
    }
    if (key === 'V') {
      ctx.stdout.write('ss utility, iproute2-5.15.0\n');
      return 0;
    }
    if (key === 'f' && !SS_FAMILIES.includes(value)) return ssUsageError(ctx, `ss: "${value}" is invalid family`);
    if (key === 'A') for (const t of value.split(',')) if (!SS_TABLES.includes(t)) return ssUsageError(ctx, `ss: "${t}" is illegal socket table id`);
  }
  // The letters given, long names included (each option is keyed by its letter).
  const flags = parsed.order.map((o) => (o.key.length === 1 ? o.key : '')).join('');
  const listening = flags.includes('l');
  const numeric = flags.includes('n');
  const withProcess = flags.includes('p');
  const netid = !flags.includes('t') && !flags.includes('u');
  if (flags.includes('s')) {
    ctx.stdout.write(socketSummary(getSystem().sockets(ctx), getSystem().processes(ctx).length));
    // Only a socket family or state asked beside -s lists sockets after the summary.
    if (!/[dtSuwx460M]/.test(flags)) return 0;
  }
  if (!listening) {
    if (!flags.includes('H')) ctx.stdout.write(`${netid ? 'Netid ' : ''}State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n`);
    return 0;
  }
  const rows = getSystem().sockets(ctx).map((s) => {
    const peer = s.address === '*' ? '*' : s.address.startsWith('[') ? '[::]' : '0.0.0.0';
    const port = numeric ? String(s.port) : (serviceName(s.port, 'tcp') ?? String(s.port));
    const process = withProcess && s.process ? ` users:(("${s.process.name}",pid=${s.process.pid},fd=${s.process.fd}))` : '';
    return { ...(netid ? { netid: 'tcp' } : {}), state: 'LISTEN', recv: '0', send: String(s.backlog), local: s.address, lport: port, peer, pport: '*', process };
  });
  const width = (header: string, cells: string[]) => Math.max(header.length, ...cells.map((c) => c.length));
  const w = {
    state: width('State', rows.map((r) => r.state)),
    recv: width('Recv-Q', rows.map((r) => r.recv)),
    send: width('Send-Q', rows.map((r) => r.send)),
    local: width('Local Address', rows.map((r) => r.local)),
    // Ubuntu 22.04's ss (iproute2 5.15) keeps room for a five-digit port.
    lport: Math.max(5, width('Port', rows.map((r) => r.lport))),
    peer: width('Peer Address', rows.map((r) => r.peer)),
    pport: width('Port', rows.map((r) => r.pport)),
    process: width('Process', rows.map((r) => r.process)),
  };
  const line = (c: { netid?: string; state: string; recv: string; send: string; local: string; lport: string; peer: string; pport: string; process: string }) =>
    `${netid ? `${(c.netid ?? '').padEnd(5)} ` : ''}${c.state.padEnd(w.state)} ${c.recv.padEnd(w.recv)} ${c.send.padEnd(w.send)} ${c.local.padStart(w.local)}:${c.lport.padEnd(w.lport)} ${c.peer.padStart(w.peer)}:${c.pport.padEnd(w.pport)}${c.process.padEnd(w.process)}\n`;
  let out = flags.includes('H') ? '' : line({ netid: 'Netid', state: 'State', recv: 'Recv-Q', send: 'Send-Q', local: 'Local Address', lport: 'Port', peer: 'Peer Address', pport: 'Port', process: 'Process' });
  for (const r of rows) out += line(r);
  ctx.stdout.write(out);
  return 0;
};
