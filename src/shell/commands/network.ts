/**
 * curl, wget, ping, nslookup, ip, ss: thin versions that fail like the real tools when nothing
 * answers. The network part of the simulation gives real answers through `setNetworkProvider`.
 */
import { FsError, type CommandContext, type Program } from '../command';
import { errnoText } from './lib/io';
import { getNetwork, getSystem } from './lib/system';
import { CURL_TRY, parseCurlArgs, type CurlOptions } from './lib/curl-args';
import { progressEnd, progressStart, responseHead, writeOut, type TransferFacts } from './lib/curl-output';
import { strftime } from './lib/time';

function parseUrl(raw: string): { scheme: string; host: string; port: number; path: string } | null {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)?/i.exec(raw);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

/** The file name -O uses: the last segment of the URL's path (no query). */
function remoteFileName(url: string): string {
  return (parseUrl(url)?.path ?? '').replace(/[?#].*$/, '').split('/').pop() ?? '';
}

interface CurlFailure {
  code: number;
  message: string;
}

export const curl: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  if (!argv.length) {
    ctx.stderr.write(CURL_TRY);
    return 2;
  }
  const parsed = parseCurlArgs(argv);
  if ('error' in parsed) {
    ctx.stderr.write(parsed.error);
    return 2;
  }
  const o = parsed.options;
  if (!o.urls.length) {
    ctx.stderr.write(`curl: no URL specified!\n${CURL_TRY}`);
    return 2;
  }
  if (o.head && o.data.length) {
    ctx.stderr.write('Warning: You can only select one HTTP request method! You asked for both POST \nWarning: (-d, --data) and HEAD (-I, --head).\n');
    return 2;
  }
  const showErrors = !o.silent || o.showError;
  let status = 0;
  for (let n = 0; n < o.urls.length; n++) {
    const url = o.urls[n];
    let output = o.outputs[n];
    if (output === undefined && (o.remoteNameAll || n < o.remoteNames)) {
      output = remoteFileName(url);
      if (!output) {
        if (showErrors) ctx.stderr.write(`curl: Remote file name has no length!\n${CURL_TRY}`);
        status = 23;
        continue;
      }
    }
    status = await curlOne(ctx, o, url, output, showErrors);
  }
  return status;
};

async function curlOne(ctx: CommandContext, o: CurlOptions, url: string, output: string | undefined, showErrors: boolean): Promise<number> {
  const meter = !o.silent && !o.noProgressMeter && (output !== undefined || !ctx.isTTY);
  const method = o.method ?? (o.head ? 'HEAD' : o.data.length && !o.get ? 'POST' : 'GET');
  const headers: Record<string, string> = {};
  for (const h of o.headers) {
    const colon = h.indexOf(':');
    if (colon > 0) headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  if (o.user !== undefined) headers.Authorization = `Basic ${btoa(o.user.includes(':') ? o.user : `${o.user}:`)}`;
  let body: string | undefined;
  if (o.data.length) {
    try {
      body = o.data.map((d) => (!d.raw && d.value.startsWith('@') ? ctx.fs.readFile(d.value.slice(1)).replace(/[\r\n]/g, '') : d.value)).join('&');
    } catch {
      const file = o.data.find((d) => !d.raw && d.value.startsWith('@'))!.value.slice(1);
      if (showErrors) ctx.stderr.write(`Warning: Couldn't read data from file "${file}", this makes an empty \nWarning: POST.\n`);
      body = '';
    }
    if (o.get) {
      url += (url.includes('?') ? '&' : '?') + body;
      body = undefined;
    } else headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
  }
  const facts: TransferFacts = {
    url, status: 0, sizeDownload: 0, sizeHeader: 0, contentType: '', redirects: 0, redirectUrl: '', seconds: 0,
    remoteIp: '', remotePort: 0, method, exitCode: 0, errorMessage: '', scheme: parseUrl(url)?.scheme ?? '',
  };
  const finish = (failure: CurlFailure | null, received: number | null, started = true): number => {
    if (meter && started) ctx.stderr.write(progressEnd(received, facts.seconds));
    if (failure) {
      facts.exitCode = failure.code;
      facts.errorMessage = failure.message;
      if (showErrors) ctx.stderr.write(`curl: (${failure.code}) ${failure.message}\n`);
    }
    if (o.writeOut !== undefined) {
      let format = o.writeOut;
      if (format.startsWith('@')) {
        try {
          format = format === '@-' ? '' : ctx.fs.readFile(format.slice(1));
        } catch {
          format = '';
        }
      }
      for (const part of writeOut(format, facts)) (part.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(part.text);
    }
    return failure?.code ?? 0;
  };

  let text = '';
  for (;;) {
    const u = /^[a-z][a-z0-9+.-]*:\/\/(?:[/?#:]|$)/i.test(facts.url) ? null : parseUrl(facts.url);
    if (!u || !u.host) return finish({ code: 3, message: 'URL using bad/illegal format or missing URL' }, null, false);
    if (u.scheme !== 'http' && u.scheme !== 'https') return finish({ code: 1, message: `Protocol "${u.scheme}" not supported or disabled in libcurl` }, null, false);
    if (meter && facts.redirects === 0) ctx.stderr.write(progressStart());
    const net = getNetwork();
    const addr = net.resolve(ctx, u.host);
    if (!addr) return finish({ code: 6, message: `Could not resolve host: ${u.host}` }, null);
    const res = net.http?.(ctx, { method, url: facts.url, headers, body });
    if (!res || 'error' in res) {
      if (res?.error === 'timeout') {
        // Nothing answers the SYN: the first limit to run out ends the transfer.
        const limits = [o.connectTimeout, o.maxTime].filter((t): t is number => t !== undefined);
        if (limits.length) {
          const ms = Math.round(Math.min(...limits) * 1000);
          await ctx.clock.sleep(ms, ctx.signal);
          facts.seconds += ms / 1000;
          const byMaxTime = o.maxTime !== undefined && o.maxTime * 1000 <= ms;
          return finish({ code: 28, message: byMaxTime ? `Connection timed out after ${ms + 1} milliseconds` : `Connection timeout after ${ms + 1} ms` }, null);
        }
        return finish({ code: 28, message: `Failed to connect to ${u.host} port ${u.port} after 130010 ms: Connection timed out` }, null);
      }
      return finish({ code: 7, message: `Failed to connect to ${u.host} port ${u.port} after 0 ms: Connection refused` }, null);
    }
    facts.remoteIp = addr;
    facts.remotePort = u.port;
    facts.status = res.status;
    facts.seconds += 0.004;
    const contentType = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-type');
    facts.contentType = contentType?.[1] ?? '';
    const location = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
    const head = responseHead(res.status, res.headers);
    facts.sizeHeader += head.length;
    if (o.include || o.head) text += head;
    if (location && res.status >= 300 && res.status < 400) {
      facts.redirectUrl = new URL(location, facts.url).href;
      if (o.location) {
        if (facts.redirects >= o.maxRedirs) return finish({ code: 47, message: `Maximum (${o.maxRedirs}) redirects followed` }, null);
        facts.redirects++;
        facts.url = facts.redirectUrl;
        facts.redirectUrl = '';
        continue;
      }
    }
    if (o.fail && res.status >= 400) return finish({ code: 22, message: `The requested URL returned error: ${res.status}` }, 0);
    if (!o.head) text += res.body;
    facts.sizeDownload = o.head ? 0 : res.body.length;
    break;
  }
  if (output !== undefined && output !== '-') {
    try {
      ctx.fs.writeFile(output, text);
    } catch (e) {
      const why = e instanceof FsError ? errnoText(e.code) : String(e);
      if (showErrors) ctx.stderr.write(`Warning: Failed to create the file ${output}: ${why}\n`);
      return finish({ code: 23, message: `Failed writing body (0 != ${text.length})` }, 0);
    }
  } else ctx.stdout.write(text);
  return finish(null, text.length);
}

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
