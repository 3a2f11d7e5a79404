/**
 * curl, wget, ping, nslookup, ip, ss: thin versions that fail like the real tools when nothing
 * answers. The network part of the simulation gives real answers through `setNetworkProvider`.
 */
import { serviceName } from './lib/etc-services';
import type { Program } from '../command';
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
export const ss: Program = async (ctx) => {
  const flags = ctx.argv.slice(1).filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
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
    ctx.stdout.write(`${netid ? 'Netid ' : ''}State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n`);
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
  let out = line({ netid: 'Netid', state: 'State', recv: 'Recv-Q', send: 'Send-Q', local: 'Local Address', lport: 'Port', peer: 'Peer Address', pport: 'Port', process: 'Process' });
  for (const r of rows) out += line(r);
  ctx.stdout.write(out);
  return 0;
};
