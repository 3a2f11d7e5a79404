/**
 * curl, wget, ping, nslookup, ip, ss: thin versions that fail like the real tools when nothing
 * answers. The network part of the simulation gives real answers through `setNetworkProvider`.
 */
import type { CommandContext, Program } from '../command';
import { getNetwork, getSystem } from './lib/system';
import { strftime } from './lib/time';

function parseUrl(raw: string): { scheme: string; host: string; port: number; path: string } | null {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)?/i.exec(raw);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

export const curl: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let url: string | undefined;
  let method = 'GET';
  let silent = false;
  let showErrors = false;
  let includeHeaders = false;
  let failOnError = false;
  let output: string | undefined;
  let remoteName = false;
  let data: string | undefined;
  const headers: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-X' || a === '--request') method = argv[++i] ?? method;
    else if (a === '-H' || a === '--header') {
      const [k, ...v] = (argv[++i] ?? '').split(':');
      headers[k.trim()] = v.join(':').trim();
    } else if (a === '-d' || a === '--data' || a === '--data-raw') {
      data = argv[++i];
      if (method === 'GET') method = 'POST';
    } else if (a === '-o' || a === '--output') output = argv[++i];
    else if (a === '-O' || a === '--remote-name') remoteName = true;
    else if (a.startsWith('-') && !a.startsWith('--') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (c === 'O') remoteName = true;
        // -Lo FILE, -fsSLo FILE: a trailing o takes the next word.
        else if (c === 'o') output = argv[++i];
        else if (c === 's') silent = true;
        else if (c === 'S') showErrors = true;
        else if (c === 'i') includeHeaders = true;
        else if (c === 'f') failOnError = true;
      }
    } else if (a === '--silent') silent = true;
    else if (a === '--include') includeHeaders = true;
    else if (a === '--fail') failOnError = true;
    else if (!a.startsWith('-')) url = a;
  }
  const fail = (code: number, msg: string) => {
    if (!silent || showErrors) ctx.stderr.write(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (!url) {
    ctx.stderr.write(`curl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  }
  const u = parseUrl(url);
  if (!u) return fail(3, 'URL using bad/illegal format or missing URL');
  if (u.scheme !== 'http' && u.scheme !== 'https') return fail(1, `Protocol "${u.scheme}" not supported or disabled in libcurl`);
  const net = getNetwork();
  const addr = net.resolve(ctx, u.host);
  if (!addr) return fail(6, `Could not resolve host: ${u.host}`);
  const res = net.http?.(ctx, { method, url, headers, body: data });
  if (!res || 'error' in res) {
    if (res && res.error === 'timeout') return fail(28, `Failed to connect to ${u.host} port ${u.port} after 130010 ms: Connection timed out`);
    return fail(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Connection refused`);
  }
  if (failOnError && res.status >= 400) return fail(22, `The requested URL returned error: ${res.status}`);
  let out = '';
  if (includeHeaders) out += `HTTP/1.1 ${res.status}\r\n` + Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
  out += res.body;
  // -O: the last segment of the URL's path, in the working directory.
  if (!output && remoteName) output = u.path.split('/').pop() || 'index.html';
  if (output) ctx.fs.writeFile(output, out);
  else ctx.stdout.write(out);
  return 0;
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

function ipAddr(ctx: CommandContext): string {
  const ip = getSystem().ip(ctx);
  return `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: ens4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1460 qdisc mq state UP group default qlen 1000
    link/ether 42:01:c0:a8:06:${ip.split('.').pop()!.padStart(3, '0').slice(-2)} brd ff:ff:ff:ff:ff:ff
    altname enp0s4
    inet ${ip}/24 metric 100 brd ${ip.replace(/\.\d+$/, '.255')} scope global dynamic ens4
       valid_lft 85633sec preferred_lft 85633sec
`;
}

export const ip: Program = async (ctx) => {
  const [obj = ''] = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (obj === '' ) {
    ctx.stderr.write(`Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\n`);
    return 255;
  }
  if ('address'.startsWith(obj) || obj === 'addr') {
    ctx.stdout.write(ipAddr(ctx));
    return 0;
  }
  if ('route'.startsWith(obj)) {
    const addr = getSystem().ip(ctx);
    const net = addr.replace(/\.\d+$/, '.0');
    ctx.stdout.write(`default via ${addr.replace(/\.\d+$/, '.1')} dev ens4 proto dhcp src ${addr} metric 100 \n${net}/24 dev ens4 proto kernel scope link src ${addr} metric 100 \n`);
    return 0;
  }
  if ('link'.startsWith(obj)) {
    ctx.stdout.write(ipAddr(ctx).split('\n').filter((l) => !/^\s+(inet|valid_lft|altname)/.test(l)).join('\n'));
    return 0;
  }
  ctx.stderr.write(`Object "${obj}" is unknown, try "ip help".\n`);
  return 1;
};

export const ss: Program = async (ctx) => {
  const listening = ctx.argv.slice(1).some((a) => /^-[a-z]*l/.test(a));
  const header = 'Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n';
  let out = header;
  if (listening) {
    out = 'State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n';
    out += 'LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*          \n';
    out += 'LISTEN 0      128          0.0.0.0:22         0.0.0.0:*          \n';
    out += 'LISTEN 0      128             [::]:22            [::]:*          \n';
  }
  ctx.stdout.write(out);
  return 0;
};
