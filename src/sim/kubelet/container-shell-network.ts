/**
 * The network applets of a container (nslookup, wget, curl, nc, ping): they ask the cluster network from
 * the Pod's own place (its namespace for DNS search, NetworkPolicy by its labels), so a learner
 * testing a Service or a policy from inside a Pod sees what the real Pod would see. Each is a
 * synchronous run (tool-run.ts) that `kubectl exec` plays on the clock and a container whose
 * command it is writes to its log.
 */
import type { Program } from '../../shell/command';
import { curlRun, CONNECT_GIVE_UP_MS } from '../../shell/commands/lib/curl-run';
import { ToolOutput, playTool, type ToolRun } from '../../shell/commands/lib/tool-run';
import type { ExecContext } from './exec';
import { ncRun, pingRun } from './container-netcat';

const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';
const WGET_USAGE = `${BUSYBOX_BANNER}Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`;

/** The files a network tool may test and write: the container's. */
export interface ToolFiles {
  exists(path: string): boolean;
  writeFile(path: string, text: string): void;
  readFile?(path: string): string;
}

function podRef(c: ExecContext): { pod: { namespace: string; name: string } } {
  return { pod: { namespace: c.pod.metadata!.namespace!, name: c.pod.metadata!.name! } };
}

/** busybox nslookup NAME: the A records of a name through the cluster DNS. */
function nslookupRun(argv: string[], c: ExecContext): ToolRun {
  const out = new ToolOutput();
  const name = argv.filter((a) => !a.startsWith('-'))[1];
  if (!name) {
    out.err(`${BUSYBOX_BANNER}Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n`);
    return out.done(1);
  }
  const a = c.network?.resolve(name, podRef(c));
  if (!a || !a.ok) {
    if (a?.reason === 'timeout') {
      // busybox: 5 s per try, two tries.
      out.wait(10_000);
      out.out(';; connection timed out; no servers could be reached\n\n');
      return out.done(1);
    }
    out.out(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find ${name}.cluster.local: NXDOMAIN\n\n** server can't find ${name}.svc.cluster.local: NXDOMAIN\n\n** server can't find ${name}.${c.pod.metadata!.namespace}.svc.cluster.local: NXDOMAIN\n\n`);
    return out.done(1);
  }
  out.out(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${a.addresses.map((ip) => `Name:\t${a.name}\nAddress: ${ip}\n`).join('')}\n`);
  return out.done(0);
}

const WGET_VALUE = new Set(['-O', '-o', '-T', '-U', '-P', '-Y', '--header', '--post-data', '--post-file', '--timeout', '--user-agent']);

interface WgetOptions {
  output?: string;
  quiet: boolean;
  spider: boolean;
  /** -T SEC / --timeout=SEC: busybox gives up on a connection after this long (its default, 900 s, outlasts TCP's). */
  timeoutSec?: number;
  url?: string;
}

function wgetOptions(args: string[]): WgetOptions {
  const o: WgetOptions = { quiet: false, spider: false };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--spider') o.spider = true;
    else if (a === '-q' || a === '--quiet') o.quiet = true;
    else if (a === '-O' || a === '--output-document') o.output = args[++i];
    else if (a.startsWith('--output-document=')) o.output = a.slice(18);
    else if (a === '-T' || a === '--timeout') o.timeoutSec = Number(args[++i]);
    else if (a.startsWith('--timeout=')) o.timeoutSec = Number(a.slice(10));
    else if (/^-[a-zA-Z]*O/.test(a)) {
      o.quiet ||= a.slice(0, a.indexOf('O')).includes('q');
      const rest = a.slice(a.indexOf('O') + 1);
      o.output = rest || args[++i];
    } else if (/^-[a-zA-Z]*T/.test(a)) {
      o.quiet ||= a.slice(0, a.indexOf('T')).includes('q');
      const rest = a.slice(a.indexOf('T') + 1);
      o.timeoutSec = Number(rest || args[++i]);
    } else if (/^-[a-zA-Z]+$/.test(a) && a.includes('q')) o.quiet = true;
    else if (WGET_VALUE.has(a)) i++;
    else if (!a.startsWith('-') || a === '-') operands.push(a);
  }
  o.url = operands[operands.length - 1];
  return o;
}

/** busybox wget -O FILE / -O- / -qO- / -T SEC, with its progress lines on stderr unless -q. */
function wgetRun(argv: string[], c: ExecContext, files: ToolFiles): ToolRun {
  const out = new ToolOutput();
  const o = wgetOptions(argv.slice(1));
  const url = o.url;
  if (!url || !c.network) {
    out.err(WGET_USAGE);
    return out.done(1);
  }
  const r = c.network.httpGet(podRef(c), url);
  const hostPort = url.replace(/^https?:\/\//, '').split('/')[0];
  const host = hostPort.split(':')[0];
  if (!r.ok && r.reason === 'resolve') {
    out.err(`wget: bad address '${host}'\n`);
    return out.done(1);
  }
  const port = hostPort.split(':')[1] ?? (/^https:/.test(url) ? '443' : '80');
  const answer = r.ok && !/^\d+\.\d+\.\d+\.\d+$/.test(host) ? c.network.resolve(host, podRef(c)) : undefined;
  const ip = !r.ok ? r.ip : answer?.ok ? answer.addresses[0] : host;
  if (!o.quiet && ip) out.err(`Connecting to ${hostPort} (${ip}:${port})\n`);
  if (!r.ok) {
    if (r.reason === 'refused') {
      out.err(`wget: can't connect to remote host (${r.ip}): Connection refused\n`);
      return out.done(1);
    }
    // Nothing answers the SYN: wget's own alarm (-T) or TCP's give-up, whichever comes first.
    const limitMs = o.timeoutSec !== undefined && Number.isFinite(o.timeoutSec) && o.timeoutSec > 0 ? o.timeoutSec * 1000 : Infinity;
    if (limitMs < CONNECT_GIVE_UP_MS) {
      out.wait(limitMs);
      out.err('wget: download timed out\n');
    } else {
      out.wait(CONNECT_GIVE_UP_MS);
      out.err(`wget: can't connect to remote host (${r.ip}): Connection timed out\n`);
    }
    return out.done(1);
  }
  if (r.status >= 400) {
    out.err(`wget: server returned error: HTTP/1.1 ${r.status} ${r.statusText}\n`);
    return out.done(1);
  }
  if (o.spider) {
    if (!o.quiet) out.err('remote file exists\n');
    return out.done(0);
  }
  // busybox's progress bar: name, 100%, 32 stars, size, ETA.
  const progress = (name: string) => `${name.padEnd(20)} 100% |${'*'.repeat(32)}| ${String(r.body.length).padStart(5)}  0:00:00 ETA\n`;
  const target = o.output ?? (url.replace(/^https?:\/\//, '').replace(/^[^/]*/, '').split('/').pop() || 'index.html');
  if (target === '-') {
    if (!o.quiet) out.err('writing to stdout\n');
    out.out(r.body);
    if (!o.quiet) out.err(`${progress('-')}written to stdout\n`);
    return out.done(0);
  }
  if (files.exists(target) && o.output === undefined) {
    out.err(`wget: can't open '${target}': File exists\n`);
    return out.done(1);
  }
  files.writeFile(target, r.body);
  if (!o.quiet) out.err(`saving to '${target}'\n${progress(target)}'${target}' saved\n`);
  return out.done(0);
}

/** curl from the Pod: the node's curl over the Pod's network and files. */
function curlInPod(argv: string[], c: ExecContext, files: ToolFiles, isTTY = false): ToolRun {
  const from = podRef(c);
  return curlRun(argv.slice(1), {
    resolve: (host) => {
      const a = c.network?.resolve(host, from);
      return a?.ok ? a.addresses[0] : null;
    },
    http: (req) => {
      const r = c.network?.httpGet(from, req.url, req.headers);
      if (!r) return { error: 'refused' };
      if (r.ok) return { status: r.status, headers: r.headers, body: r.body };
      return { error: r.reason === 'timeout' ? 'timeout' : 'refused' };
    },
    readFile: (path) => {
      if (!files.readFile) throw new Error(`${path}: not readable`);
      return files.readFile(path);
    },
    writeFile: (path, text) => files.writeFile(path, text),
    isTTY,
  });
}

/** The network tools of a container by name, as synchronous runs over the given files. */
export function networkTool(c: ExecContext, files: ToolFiles): (argv: string[]) => ToolRun | undefined {
  return (argv) => {
    const name = (argv[0] ?? '').replace(/^.*\//, '');
    if (name === 'wget') return wgetRun(argv, c, files);
    if (name === 'curl') return curlInPod(argv, c, files);
    if (name === 'nslookup') return nslookupRun(argv, c);
    if (name === 'nc') return ncRun(argv, c);
    if (name === 'ping') return pingRun(argv, c);
    return undefined;
  };
}

/** The container's network programs by name, bound to its Pod, on the shell's streams and clock. */
export function networkPrograms(c: ExecContext): Record<string, Program> {
  const filesOf = (ctx: Parameters<Program>[0]): ToolFiles => ({
    exists: (p) => !!ctx.fs.stat(p),
    writeFile: (p, t) => ctx.fs.writeFile(p, t),
    readFile: (p) => ctx.fs.readFile(p),
  });
  return {
    nslookup: (ctx) => playTool(nslookupRun(ctx.argv, c), ctx),
    wget: (ctx) => playTool(wgetRun(ctx.argv, c, filesOf(ctx)), ctx),
    curl: (ctx) => playTool(curlInPod(ctx.argv, c, filesOf(ctx), ctx.isTTY), ctx),
    // Without -z, what nc sends comes from its stdin.
    nc: async (ctx) => playTool(ncRun(ctx.argv, c, ctx.argv.some((a) => /^-\w*z/.test(a)) ? '' : await ctx.stdin.readAll()), ctx),
    ping: (ctx) => playTool(pingRun(ctx.argv, c), ctx),
  };
}
