/**
 * The network applets of a container (nslookup, wget, curl): they ask the cluster network from
 * the Pod's own place (its namespace for DNS search, NetworkPolicy by its labels), so a learner
 * testing a Service or a policy from inside a Pod sees what the real Pod would see.
 */
import type { Program } from '../../shell/command';
import type { ExecContext, ExecResult } from './exec';

const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
const err = (stderr: string, exitCode = 1): ExecResult => ({ stdout: '', stderr, exitCode });

const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';

function podRef(c: ExecContext): { pod: { namespace: string; name: string } } {
  return { pod: { namespace: c.pod.metadata!.namespace!, name: c.pod.metadata!.name! } };
}

/** busybox nslookup NAME: the A records of a name through the cluster DNS. */
export function nslookup(argv: string[], c: ExecContext): ExecResult {
  const name = argv.filter((a) => !a.startsWith('-'))[1];
  if (!name) return err(`${BUSYBOX_BANNER}Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n`);
  const a = c.network?.resolve(name, podRef(c));
  if (!a || !a.ok) {
    if (a?.reason === 'timeout') return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
    return { stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find ${name}.cluster.local: NXDOMAIN\n\n** server can't find ${name}.svc.cluster.local: NXDOMAIN\n\n** server can't find ${name}.${c.pod.metadata!.namespace}.svc.cluster.local: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  }
  return ok(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${a.addresses.map((ip) => `Name:\t${a.name}\nAddress: ${ip}\n`).join('')}\n`);
}

/** An HTTP GET from the Pod; the body, or the tool's own failure text and status. */
export function httpFetch(url: string | undefined, c: ExecContext, tool: 'wget' | 'curl'): ExecResult {
  if (!url || !c.network) return err(tool === 'curl' ? "curl: try 'curl --help' or 'curl --manual' for more information\n" : `${BUSYBOX_BANNER}Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`, tool === 'curl' ? 2 : 1);
  const r = c.network.httpGet(podRef(c), url);
  const host = url.replace(/^https?:\/\//, '').split(/[/:]/)[0];
  if (r.ok) {
    if (r.status >= 400 && tool === 'wget') return err(`wget: server returned error: HTTP/1.1 ${r.status} ${r.statusText}\n`);
    return ok(r.body);
  }
  if (tool === 'curl') {
    if (r.reason === 'resolve') return err(`curl: (6) Could not resolve host: ${host}\n`, 6);
    if (r.reason === 'refused') return err(`curl: (7) Failed to connect to ${host} port ${r.port} after 0 ms: Couldn't connect to server\n`, 7);
    return err(`curl: (28) Failed to connect to ${host} port ${r.port} after 130000 ms: Connection timed out\n`, 28);
  }
  if (r.reason === 'resolve') return err(`wget: bad address '${host}'\n`);
  if (r.reason === 'refused') return err(`wget: can't connect to remote host (${r.ip}): Connection refused\n`);
  return err(`wget: can't connect to remote host (${r.ip}): Connection timed out\n`);
}

/** The URL among a command's words: the last that is neither an option nor an option's value. */
function urlOf(args: string[], withValue: Set<string>): string | undefined {
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (withValue.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-') && a !== '-') continue;
    url = a;
  }
  return url;
}

const WGET_VALUE = new Set(['-O', '-o', '-T', '-U', '-P', '-Y', '--header', '--post-data', '--post-file', '--timeout', '--user-agent']);
const CURL_VALUE = new Set(['-o', '-m', '-H', '-d', '-X', '-u', '-A', '-w', '--max-time', '--connect-timeout', '--header', '--data', '--request', '--output', '--user-agent']);

/** wget -O FILE / -O- / -qO-, with busybox's progress lines on stderr unless -q. */
function wgetProgram(c: ExecContext): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let output: string | undefined;
    let quiet = false;
    let spider = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--spider') spider = true;
      else if (a === '-q' || a === '--quiet') quiet = true;
      else if (a === '-O' || a === '--output-document') output = args[++i];
      else if (/^-[a-zA-Z]*O/.test(a)) {
        quiet ||= a.includes('q');
        const rest = a.slice(a.indexOf('O') + 1);
        output = rest || args[++i];
      } else if (/^-[a-zA-Z]+$/.test(a) && a.includes('q')) quiet = true;
      else if (a.startsWith('--output-document=')) output = a.slice(18);
    }
    const url = urlOf(args.filter((a) => !/^-[a-zA-Z]*O/.test(a) || a === '-O'), WGET_VALUE);
    const r = httpFetch(url, c, 'wget');
    const hostPort = (url ?? '').replace(/^https?:\/\//, '').split('/')[0];
    const [host, port = /^https:/.test(url ?? '') ? '443' : '80'] = hostPort.split(':');
    const ip = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : (() => {
      const a = c.network?.resolve(host, podRef(c));
      return a?.ok ? a.addresses[0] : undefined;
    })();
    if (!quiet && url && ip) ctx.stderr.write(`Connecting to ${hostPort} (${ip}:${port})\n`);
    // busybox's progress bar: name, 100%, 32 stars, size, ETA.
    const progress = (name: string) => `${name.padEnd(20)} 100% |${'*'.repeat(32)}| ${String(r.stdout.length).padStart(5)}  0:00:00 ETA\n`;
    if (r.exitCode !== 0) {
      ctx.stderr.write(r.stderr);
      return r.exitCode;
    }
    if (spider) {
      if (!quiet) ctx.stderr.write('remote file exists\n');
      return 0;
    }
    const target = output ?? ((url ?? '').replace(/^https?:\/\//, '').replace(/^[^/]*/, '').split('/').pop() || 'index.html');
    if (target === '-') {
      if (!quiet) ctx.stderr.write('writing to stdout\n');
      ctx.stdout.write(r.stdout);
      if (!quiet) ctx.stderr.write(`${progress('-')}written to stdout\n`);
      return 0;
    }
    if (ctx.fs.stat(target) && output === undefined) {
      ctx.stderr.write(`wget: can't open '${target}': File exists\n`);
      return 1;
    }
    ctx.fs.writeFile(target, r.stdout);
    if (!quiet) ctx.stderr.write(`saving to '${target}'\n${progress(target)}'${target}' saved\n`);
    return 0;
  };
}

/** curl URL, -s, -o FILE, -I (status line only). */
function curlProgram(c: ExecContext): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let output: string | undefined;
    let head = false;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-o' || args[i] === '--output') output = args[++i];
      else if (args[i] === '-I' || args[i] === '--head') head = true;
    }
    const r = httpFetch(urlOf(args, CURL_VALUE), c, 'curl');
    if (r.exitCode !== 0) {
      const silent = args.some((a) => /^-[a-zA-Z]*s/.test(a) && !args.includes('-S')) || args.includes('--silent');
      if (!silent) ctx.stderr.write(r.stderr);
      return r.exitCode;
    }
    if (head) ctx.stdout.write('HTTP/1.1 200 OK\r\n\r\n');
    else if (output && output !== '-') ctx.fs.writeFile(output, r.stdout);
    else ctx.stdout.write(r.stdout);
    return 0;
  };
}

/** The container's network programs by name, bound to its Pod. */
export function networkPrograms(c: ExecContext): Record<string, Program> {
  return {
    nslookup: async (ctx) => {
      const r = nslookup(ctx.argv, c);
      ctx.stdout.write(r.stdout);
      ctx.stderr.write(r.stderr);
      return r.exitCode;
    },
    wget: wgetProgram(c),
    curl: curlProgram(c),
  };
}
