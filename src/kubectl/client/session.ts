/**
 * kubectl's session with the API server named by the kubeconfig: the kubeconfig loaded, the client
 * config built from it and the flags, the transport dialled. When nothing listens there, kubectl
 * fails as the real one does: discovery retries log five klog lines, then "The connection to the
 * server … was refused". When nothing even holds the address, every dial waits for Go's 30 s dial
 * timeout and the same failures read "i/o timeout" (see pacedFailure).
 */
import { goDurationMs } from '../../sim/go-parse-duration';
import type { ApiTransport } from '../../sim/apiserver/types';
import type { CommandContext } from '../../shell/command';
import { fail, raw, type KubectlError } from '../errors';
import { goDuration } from '../../sim/kubelet/duration';
import type { Invocation } from '../invocation';
import { loadKubeconfig, type LoadedConfig } from '../kubeconfig/load';
import { clientConfig, type ClientConfig, type PromptedCredentials } from '../kubeconfig/client-config';
import { DEFAULT_PID, klogHeader } from './klog';
import { ACCEPT_DISCOVERY } from './wire';
import { verboseLog, type Exchange } from './verbose';
import { userAgent } from './user-agent';
import { authorization } from './exchange-log';
import { dialRefused, dnsHostOf, serverAddress, type ServerAddress } from './server-address';

export interface Session {
  loaded: LoadedConfig;
  config: ClientConfig;
  /** The transport, or null when connection is refused. */
  transport: ApiTransport | null;
}

/** Go's net.Dialer timeout in client-go's transport: each dial to an address that never answers. */
export const DIAL_TIMEOUT_MS = 30_000;

/** Servers whose dials time out, by the process that found it (read when its error is printed). */
const unanswered = new WeakMap<CommandContext, { addr: ServerAddress; requestTimeoutMs: number }>();

/**
 * --request-timeout as client-go reads it: an integer is seconds, else a Go duration; 0 or unset
 * is no timeout. Anything else stops the command before it dials.
 */
export function requestTimeoutMs(inv: Invocation): number {
  const text = inv.flags.str('request-timeout');
  if (!text) return 0;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const ms = goDurationMs(text);
  if (ms === undefined) throw fail('Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)');
  return ms;
}

/** The ?timeout= of discovery requests: the request timeout, else discovery's own 32 s. */
export function discoveryTimeout(inv: Invocation): string {
  const ms = requestTimeoutMs(inv);
  return ms > 0 ? goDuration(ms) : '32s';
}

const sessions = new WeakMap<Invocation, Session>();

/** Commands whose Complete asks for the REST config before the namespace (their kubeconfig errors read "context … does not exist"). */
const REST_CONFIG_FIRST = /^(run|expose|apply|replace|diff|wait|explain|autoscale|proxy|api-resources|api-versions|cluster-info|cordon|uncordon|drain|version|top node|set env|auth can-i|auth whoami|certificate (approve|deny)|create(?! token)( .*)?)$/;
/** What the user typed at the credentials prompt (credential-prompt.ts), per invocation. */
const prompted = new WeakMap<Invocation, PromptedCredentials>();

/** Settle the session again with typed credentials. */
export function usePromptedCredentials(inv: Invocation, credentials: PromptedCredentials): void {
  prompted.set(inv, credentials);
  sessions.delete(inv);
}

export function session(inv: Invocation): Session {
  let s = sessions.get(inv);
  if (!s) {
    const loaded = loadKubeconfig(inv.ctx, inv.flags.str('kubeconfig') || undefined);
    const log = verboseLog(inv);
    if (!prompted.has(inv)) log.configLoaded([...loaded.perFile.keys()], loaded.files);
    const config = clientConfig(inv.ctx, loaded, inv.flags, { namespaceFirst: !REST_CONFIG_FIRST.test(inv.path), interactive: true }, prompted.get(inv));
    const requestTimeout = requestTimeoutMs(inv);
    log.featureGates();
    const transport = inv.deps.connect(config.server, inv.ctx);
    s = { loaded, config, transport };
    if (!transport && inv.deps.dialFailure?.(config.server, inv.ctx) === 'timeout') unanswered.set(inv.ctx, { addr: serverAddress(config.server), requestTimeoutMs: requestTimeout });
    sessions.set(inv, s);
  }
  return s;
}

/** The five klog lines discovery prints before giving up on a refused connection. */
export function discoveryRefusedLines(inv: Invocation, addr: ServerAddress, count = 5): string {
  return discoveryErrorLines(inv, `Get \\"${addr.url}/api?timeout=${discoveryTimeout(inv)}\\": ${dialRefused(addr)}`, count, { addr, error: dialRefused(addr) });
}

/**
 * The klog lines of discovery's failed tries (memcache.go), the error as klog quotes it. With -v,
 * each try's lines around it: its request and empty response (-v=6 and up, `dial` naming the
 * failed dial), the cache it could not fill (cached_discovery.go, -v=3), and after the second
 * try the shortcut expander giving up (shortcut.go, -v=1).
 */
export function discoveryErrorLines(inv: Invocation, quotedError: string, count: number, dial?: { addr: ServerAddress; error: string }): string {
  const pid = inv.deps.pid ?? DEFAULT_PID;
  const now = inv.ctx.clock.now();
  const log = verboseLog(inv);
  if (log.level === 0) {
    const lines: string[] = [];
    for (let i = 0; i < count; i++) lines.push(klogHeader('E', now, 302960 + i * 1287, pid, 'memcache.go:265') + `"Unhandled Error" err="couldn't get current server API group list: ${quotedError}"`);
    return lines.join('\n');
  }
  const plain = quotedError.replace(/\\(.)/g, '$1');
  return log
    .capture(() => {
      for (let i = 0; i < count; i++) {
        if (dial) log.exchange(failedDiscovery(inv, dial.addr, dial.error));
        log.error('memcache.go:265', `"Unhandled Error" err="couldn't get current server API group list: ${quotedError}"`);
        log.info(3, 'cached_discovery.go:120', `skipped caching discovery info due to ${plain}`);
        if (count === 5 && i === 1) log.info(1, 'shortcut.go:103', `Error loading discovery information: ${plain}`);
      }
    })
    .replace(/\n$/, '');
}

/** A discovery request whose dial failed, as the debugging round tripper sees it. */
function failedDiscovery(inv: Invocation, addr: ServerAddress, error: string): Exchange {
  return {
    method: 'GET',
    url: `${addr.url}/api?timeout=${discoveryTimeout(inv)}`,
    requestHeaders: { Accept: [ACCEPT_DISCOVERY], 'User-Agent': [userAgent(inv)], ...authorization(session(inv).config) },
    requestBody: '',
    caller: 'discovery_client.go:252',
    status: 0,
    responseHeaders: {},
    responseBody: '',
    failure: error,
    dnsHost: dnsHostOf(addr),
    dialAddress: addr.dialAddress,
    tls: addr.scheme === 'https',
  };
}

/** kubectl's error printer on a refused connection, at -v=4 (helpers.go): the URL unquoted. */
export function connectionErrorLine(inv: Invocation, addr: ServerAddress): string {
  const log = verboseLog(inv);
  return log.capture(() => log.info(4, 'helpers.go:264', `Connection error: Get ${addr.url}/api?timeout=${discoveryTimeout(inv)}: ${dialRefused(addr)}`));
}

/** Discovery failing before any answer (kubectl's "Unable to connect to the server"). */
export function unreachable(inv: Invocation, server: string, why: string, klogLines: number): KubectlError {
  const addr = serverAddress(server);
  // klog quotes the error once more: its own quotes escaped.
  const quoted = why.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const lines = klogLines > 0 ? `${discoveryErrorLines(inv, `Get \\"${addr.url}/api?timeout=${discoveryTimeout(inv)}\\": ${quoted}`, klogLines)}\n` : '';
  return raw(`${lines}Unable to connect to the server: ${why}`);
}

/**
 * The error of a command whose server never answered, line by line with the simulated time to
 * wait before each: the refused texts read "i/o timeout" instead, and every dial takes 30 s. A
 * discovery klog line ends one dial; an error right after one repeats that dial's failure; any
 * other failing request is a dial of its own (two for -f validation: discovery, then the
 * OpenAPI download). A klog line carries the time it is written (`at`). Undefined when the
 * command's server did not time out.
 */
export function pacedFailure(ctx: CommandContext, error: KubectlError): Array<{ waitMs: number; text(at: number): string }> | undefined {
  const found = unanswered.get(ctx);
  if (!found) return undefined;
  const { addr, requestTimeoutMs } = found;
  // A request timeout shorter than the dial timeout ends each request first, with net/http's words.
  const clientTimeout = requestTimeoutMs > 0 && requestTimeoutMs < DIAL_TIMEOUT_MS;
  const timeout = clientTimeout ? 'net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)' : `dial tcp ${addr.dialAddress}: i/o timeout`;
  const dialMs = clientTimeout ? requestTimeoutMs : DIAL_TIMEOUT_MS;
  const text = error.text
    .split(`The connection to the server ${addr.hostPort} was refused - did you specify the right host or port?`)
    .join(`Unable to connect to the server: ${timeout}`)
    .split(dialRefused(addr))
    .join(timeout);
  let afterDiscovery = false;
  return text.replace(/\n$/, '').split('\n').map((line) => {
    const discovery = line.includes("couldn't get current server API group list");
    let dials = 0;
    if (discovery) dials = 1;
    // Verbose (I) lines tell of a dial, they do not wait for one.
    else if (line.includes(timeout) && !line.startsWith('I')) dials = afterDiscovery ? 0 : line.includes('/openapi/v2') ? 2 : 1;
    if (!line.startsWith('I')) afterDiscovery = discovery;
    const klog = /^([IWE])\d{4} \d\d:\d\d:\d\d\.(\d{3})(\d{3}) +(\d+) ([^\]]+)\] /.exec(line);
    const stamped = (at: number) => (klog ? klogHeader(klog[1] as 'I' | 'W' | 'E', at, Number(klog[3]), Number(klog[4]), klog[5]) + line.slice(klog[0].length) : line);
    return { waitMs: dials * dialMs, text: stamped };
  });
}
