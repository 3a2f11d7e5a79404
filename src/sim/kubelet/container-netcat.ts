/**
 * busybox's nc (netcat 1.10's options, networking/nc_bloaty.c) and ping (networking/ping.c) in a
 * container: the NetworkPolicy test of the CKA (`nc -zv -w 2 web 80`), from the Pod's own place
 * in the cluster network. Their words, statuses and waits are busybox's:
 * - nc -v reports `HOST (IP:PORT) open` on stderr; a refused connection is silent at one -v; a
 *   connect that times out (-w SEC, or TCP's own give-up without it) says `nc: HOST (IP:PORT):
 *   Connection timed out`; all fail with status 1;
 * - ping prints busybox's lines; a Service's virtual IP answers no ICMP, and with -c N ping waits
 *   -W (10 s) for a first answer after the last packet before its statistics.
 */
import { ToolOutput, type ToolRun } from '../../shell/commands/lib/tool-run';
import { CONNECT_GIVE_UP_MS } from '../../shell/commands/lib/curl-run';
import type { ExecContext } from './exec';

const BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';
const NC_USAGE = `${BANNER}Usage: nc [OPTIONS] HOST PORT  - connect
nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen

	-e PROG	Run PROG after connect (must be last)
	-l	Listen mode, for inbound connects
	-lk	With -e, provides persistent server
	-p PORT	Local port
	-s ADDR	Local address
	-w SEC	Timeout for connects and final net reads
	-i SEC	Delay interval for lines sent
	-n	Don't do DNS resolution
	-u	UDP mode
	-b	Allow broadcasts
	-v	Verbose
	-o FILE	Hex dump traffic
	-z	Zero-I/O mode (scanning)
`;

const from = (c: ExecContext) => ({ pod: { namespace: c.pod.metadata!.namespace!, name: c.pod.metadata!.name! } });

interface NcOptions {
  verbose: number;
  zero: boolean;
  waitSec?: number;
  args: string[];
}

/** getopt32's "np:s:ubvw:+lki:o:z" with at most two operands; undefined on a usage error. */
function ncOptions(argv: string[]): NcOptions | undefined {
  const o: NcOptions = { verbose: 0, zero: false, args: [] };
  const valued = new Set(['p', 's', 'w', 'i', 'o']);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      o.args.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      o.args.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const f = a[k];
      if (valued.has(f)) {
        const value = a.slice(k + 1) || argv[++i];
        if (value === undefined) return undefined;
        if (f === 'w') {
          if (!/^\d+$/.test(value)) return undefined;
          o.waitSec = Number(value);
        }
        break;
      }
      if (f === 'v') o.verbose++;
      else if (f === 'z') o.zero = true;
      else if (!'nublk'.includes(f)) return undefined;
    }
  }
  return o.args.length > 2 ? undefined : o;
}

/** `nc [-v] [-z] [-w SEC] HOST PORT` from the Pod; `input` is what it sends (an HTTP request gets its answer). */
export function ncRun(argv: string[], c: ExecContext, input = ''): ToolRun {
  const out = new ToolOutput();
  const o = ncOptions(argv);
  const [host, portText] = o?.args ?? [];
  if (!o || !host || argv.some((a) => /^-\w*l/.test(a))) {
    // Listening is not simulated: what it would wait for never comes from this Pod's shell.
    out.err(NC_USAGE);
    return out.done(1);
  }
  const port = /^\d+$/.test(portText ?? '') ? Number(portText) : 0;
  const answer = c.network?.resolve(host, from(c));
  if (!answer?.ok) {
    if (answer?.reason === 'timeout') out.wait(10_000);
    out.err(`nc: bad address '${host}'\n`);
    return out.done(1);
  }
  const dotted = `${answer.addresses[0]}:${port}`;
  const result = c.network!.tcpConnect(from(c), answer.addresses[0], port);
  if (result === 'open') {
    if (o.verbose) out.err(`${host} (${dotted}) open\n`);
    if (!o.zero) sendInput(out, c, host, port, input);
    return out.done(0);
  }
  if (result === 'timeout') {
    out.wait(o.waitSec ? o.waitSec * 1000 : CONNECT_GIVE_UP_MS);
    if (o.verbose) out.err(`nc: ${host} (${dotted}): Connection timed out\n`);
    return out.done(1);
  }
  // Refused: said only from -vv on.
  if (o.verbose > 1) out.err(`nc: ${host} (${dotted}): Connection refused\n`);
  return out.done(1);
}

/** What comes back for what nc sends: an HTTP request is answered by the server; anything else gets no answer here. */
function sendInput(out: ToolOutput, c: ExecContext, host: string, port: number, input: string): void {
  const request = /^(GET|HEAD) (\S+) HTTP\/1\.[01]\r?\n/.exec(input);
  if (!request) return;
  const r = c.network!.httpGet(from(c), `http://${host}:${port}${request[2]}`);
  if (!r.ok) return;
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  out.out(`HTTP/1.1 ${r.status} ${r.statusText}\r\n${headers}\r\n${request[1] === 'HEAD' ? '' : r.body}`);
}

/** `ping [-c N] [-W SEC] HOST` from the Pod: a Pod or node answers; a Service's virtual IP does not. */
export function pingRun(argv: string[], c: ExecContext): ToolRun {
  const out = new ToolOutput();
  let count = Infinity;
  let waitSec = 10;
  let host: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-c') count = Number(argv[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === '-W') waitSec = Number(argv[++i]);
    else if (['-i', '-w', '-s', '-t', '-I', '-p'].includes(a)) i++;
    else if (!a.startsWith('-')) host = a;
  }
  if (!host || !Number.isFinite(waitSec)) {
    out.err(`${BANNER}Usage: ping [OPTIONS] HOST\n`);
    return out.done(1);
  }
  const answer = c.network?.resolve(host, from(c));
  if (!answer?.ok) {
    out.err(`ping: bad address '${host}'\n`);
    return out.done(1);
  }
  const ip = answer.addresses[0];
  const replies = c.network!.ping(from(c), ip);
  // An endless ping in a container that is not on a terminal: a bounded sample stands for it.
  const sent = Number.isFinite(count) && count > 0 ? count : 4;
  out.out(`PING ${host} (${ip}): 56 data bytes\n`);
  const times = [71, 93, 84, 66];
  for (let seq = 0; seq < sent; seq++) {
    if (replies) out.out(`64 bytes from ${ip}: seq=${seq} ttl=64 time=0.${String(times[seq % times.length]).padStart(3, '0')} ms\n`);
    if (seq < sent - 1) out.wait(1000);
  }
  // After the last packet: two round trips (at least a second) when answered, -W without any answer.
  out.wait(replies ? 1000 : waitSec * 1000);
  out.out(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${replies ? sent : 0} packets received, ${replies ? 0 : 100}% packet loss\n`);
  if (replies) {
    const used = Array.from({ length: sent }, (_, i) => times[i % times.length]);
    const avg = Math.floor(used.reduce((a, b) => a + b, 0) / sent);
    const ms = (us: number) => `0.${String(us).padStart(3, '0')}`;
    out.out(`round-trip min/avg/max = ${ms(Math.min(...used))}/${ms(avg)}/${ms(Math.max(...used))} ms\n`);
  }
  return out.done(replies ? 0 : 1);
}
