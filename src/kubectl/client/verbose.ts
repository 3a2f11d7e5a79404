/**
 * kubectl's -v=N (klog verbosity): the lines client-go and kubectl log to stderr, each with klog's
 * header (time, pid, source file:line). What each level adds, from kubectl 1.33 (recorded in
 * test/kubectl/verbose-golden, the levels read from client-go's transport/round_trippers.go):
 * - 1: the client's feature gates (envvar.go), once the REST client is built;
 * - 6: the kubeconfig files read (loader.go), one `"Response"` line per request (verb, URL,
 *   status, milliseconds);
 * - 7: a `"Request"` line with the request's headers before it; the response line then has only
 *   status and milliseconds;
 * - 8: the response's headers too, and the request and response bodies (cut at 1024 bytes);
 * - 9: the request as a curl command, the connection's dial, detailed timings (bodies cut at
 *   10240 bytes); 10 and more: bodies whole.
 * Times come from the simulated clock, moved on within the command by each line and each request.
 */
import type { Invocation } from '../invocation';
import { DEFAULT_PID, klogHeader, klogStructured } from './klog';
import { headersText, maskAuthorization, statusLine } from './wire';

/**
 * The client's feature gates in the order one run of kubectl 1.33 logged them. Go ranges over the
 * map from a random start, so a real run prints a rotation of this order; the simulator keeps one.
 */
const FEATURE_GATES: Array<[string, boolean]> = [
  ['InOrderInformers', true],
  ['WatchListClient', false],
  ['ClientsAllowCBOR', false],
  ['ClientsPreferCBOR', false],
  ['InformerResourceVersion', false],
];

/** One HTTP exchange as the debugging round tripper and the REST client log it. */
export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string[]>;
  /** The request's body bytes ('' for none). */
  requestBody: string;
  /** Who called the REST client (source of the body lines): `helper.go:105`. */
  caller: string;
  status: number;
  responseHeaders: Record<string, string[]>;
  /** The answer's body; none for a watch's stream (not logged). */
  responseBody: string | undefined;
  /** Why no answer came (net/http's dial error): the response lines then have an empty status. */
  failure?: string;
  /** The server's host, when it is a name (its DNS lookup is traced at -v=9). */
  dnsHost?: string;
  /** ip:port of the server (the dial traced at -v=9). */
  dialAddress: string;
  tls: boolean;
}

export class VerboseLog {
  /** Microseconds since the command started (the simulated clock stands still while it runs). */
  private elapsedUs: number;
  private exchanges = 0;
  private gatesLogged = false;

  constructor(
    readonly level: number,
    private readonly startMs: number,
    private readonly pid: number,
    private write: (text: string) => void,
  ) {
    // A process starts a little after the second its clock reads: some hundred milliseconds in.
    this.elapsedUs = 100_000 + (Math.floor(startMs / 1000) % 400) * 1000 + 317;
  }

  enabled(v: number): boolean {
    return this.level >= v;
  }

  /** A line at verbosity v (its text after the header). */
  info(v: number, source: string, text: string): void {
    if (this.enabled(v)) this.line('I', source, text);
  }

  /** An error line: klog prints those at every verbosity. */
  error(source: string, text: string): void {
    this.line('E', source, text);
  }

  private line(severity: 'I' | 'E', source: string, text: string): void {
    const ms = this.startMs + Math.floor(this.elapsedUs / 1000);
    this.write(`${klogHeader(severity, ms, this.elapsedUs % 1000, this.pid, source)}${text}\n`);
    this.elapsedUs += 31 + ((this.elapsedUs * 7) % 23);
  }

  /** What `fn` logs, as text instead of on stderr (for lines that go out with an error, in their place). */
  capture(fn: () => void): string {
    const write = this.write;
    let text = '';
    this.write = (t) => (text += t);
    try {
      fn();
    } finally {
      this.write = write;
    }
    return text;
  }

  /** loader.go: each kubeconfig file read (-v=6), or, when none of those listed exists, that (-v=1). */
  configLoaded(read: string[], listed: string[] = read): void {
    if (read.length === 0 && listed.length > 0) this.info(1, 'loader.go:140', `Config not found: ${listed.join(', ')}`);
    for (const file of read) this.info(6, 'loader.go:402', `Config loaded from file:  ${file}`);
  }

  /** envvar.go: the feature gates, once, when the first REST client is built. */
  featureGates(): void {
    if (this.gatesLogged) return;
    this.gatesLogged = true;
    for (const [feature, enabled] of FEATURE_GATES) this.info(1, 'envvar.go:172', klogStructured('Feature gate default state', [['feature', feature], ['enabled', { raw: String(enabled) }]]));
  }

  /** How long a request takes: a first one dials and shakes hands, later ones reuse the connection. */
  private durationMs(first: boolean): number {
    const spread = (this.startMs / 20 + this.exchanges * 5) % 3;
    return first ? 4 + spread : spread;
  }

  /** The lines of one HTTP exchange at this verbosity. */
  exchange(x: Exchange): void {
    if (!this.enabled(6)) return;
    // A failed dial is a new connection each time; an answered request reuses the first one's.
    const first = this.exchanges === 0 || x.failure !== undefined;
    const ms = x.failure !== undefined ? 0 : this.durationMs(first);
    this.exchanges++;
    const v9 = this.enabled(9);
    const headers = Object.fromEntries(Object.entries(x.requestHeaders).map(([k, vs]) => [k, k.toLowerCase() === 'authorization' ? vs.map(maskAuthorization) : vs]));
    this.body(x.caller, 'Request Body', x.requestBody);
    if (v9) this.info(9, 'round_trippers.go:527', klogStructured('Request', [['curlCommand', curl(x.method, headers, x.url)]]));
    else if (this.enabled(7)) this.info(7, 'round_trippers.go:527', klogStructured('Request', [['verb', x.method], ['url', x.url], ['headers', headersText(headers)]]));
    if (v9 && first) {
      if (x.dnsHost) this.info(9, 'round_trippers.go:547', klogStructured('HTTP Trace: DNS Lookup resolved', [['host', x.dnsHost], ['address', { raw: `[{"IP":"${x.dialAddress.replace(/:\d+$/, '')}","Zone":""}]` }]]));
      if (x.failure !== undefined) this.info(9, 'round_trippers.go:560', klogStructured('HTTP Trace: Dial failed', [['network', 'tcp'], ['address', x.dialAddress], ['err', x.failure]]));
      else this.info(9, 'round_trippers.go:562', klogStructured('HTTP Trace: Dial succeed', [['network', 'tcp'], ['address', x.dialAddress]]));
    }
    this.elapsedUs += ms * 1000 + 211;
    const status = x.failure !== undefined ? '' : statusLine(x.status);
    const pairs: Array<[string, string | number]> = [];
    if (v9 || !this.enabled(7)) pairs.push(['verb', x.method], ['url', x.url]);
    pairs.push(['status', status]);
    if (this.enabled(8)) pairs.push(['headers', headersText(x.responseHeaders)]);
    pairs.push(['milliseconds', ms]);
    if (v9) {
      if (first) pairs.push(['dnsLookupMilliseconds', 0], ['dialMilliseconds', 0], ['tlsHandshakeMilliseconds', x.tls ? Math.max(0, ms - 2) : 0]);
      else pairs.push(['getConnectionMilliseconds', 0]);
      if (x.failure === undefined) pairs.push(['serverProcessingMilliseconds', first ? Math.min(ms, 1) : ms]);
    }
    this.info(6, 'round_trippers.go:632', klogStructured('Response', pairs));
    if (x.failure === undefined && x.responseBody !== undefined) this.body(x.caller, 'Response Body', x.responseBody);
  }

  /** rest.Request's logBody: a body at -v=8, cut at 1024 bytes (10240 at -v=9, whole from -v=10). */
  private body(caller: string, what: string, body: string): void {
    if (!this.enabled(8)) return;
    const max = this.enabled(10) ? Infinity : this.enabled(9) ? 10240 : 1024;
    const bytes = new TextEncoder().encode(body);
    const text = bytes.length <= max ? body : `${new TextDecoder().decode(bytes.slice(0, max))} [truncated ${bytes.length - max} chars]`;
    this.info(8, caller, klogStructured(what, [['body', text]]));
  }
}

/** The request as round_trippers.go's toCurl writes it (headers in the order Go's map gave them: here sorted). */
function curl(method: string, headers: Record<string, string[]>, url: string): string {
  const h = Object.keys(headers)
    .sort()
    .flatMap((k) => headers[k].map((v) => ` -H ${JSON.stringify(`${k}: ${v}`)}`))
    .join('');
  return `curl -v -X${method} ${h} '${url}'\n`;
}

const logs = new WeakMap<Invocation, VerboseLog>();

/** The -v level of a command line (0 when absent or not a number, as klog's default). */
export function verbosityOf(inv: Invocation): number {
  if (!inv.flags.has('v')) return 0;
  const n = Number.parseInt(inv.flags.str('v'), 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** The invocation's verbose log (silent at -v=0). */
export function verboseLog(inv: Invocation): VerboseLog {
  let log = logs.get(inv);
  if (!log) {
    log = new VerboseLog(verbosityOf(inv), inv.ctx.clock.now(), inv.deps.pid ?? DEFAULT_PID, (text) => inv.err(text));
    logs.set(inv, log);
  }
  return log;
}
