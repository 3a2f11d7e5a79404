/**
 * The connection from kubectl to the API server named by the kubeconfig. When nothing listens
 * there, kubectl fails as the real one does: discovery retries log five klog lines, then
 * "The connection to the server … was refused". When nothing even holds the address, every dial
 * waits for Go's 30 s dial timeout and the same failures read "i/o timeout" (see pacedFailure).
 */
import { goDurationMs } from '../../sim/go-parse-duration';
import type { ApiRequest, ApiResponse, ApiTransport, UserInfo } from '../../sim/apiserver/types';
import type { CommandContext } from '../../shell/command';
import { fail, raw, type KubectlError } from '../errors';
import { goDuration } from '../../sim/kubelet/duration';
import type { Invocation } from '../invocation';
import { loadKubeconfig, type LoadedConfig } from '../kubeconfig/load';
import { clientConfig, type ClientConfig, type PromptedCredentials } from '../kubeconfig/client-config';
import { defaultServerUrl, serverUrlText } from '../kubeconfig/server-url';
import { klogHeader } from './klog';
import { UNAUTHORIZED_TEXT } from './status';
import { RestMapper } from '../resource/mapper';

export const DEFAULT_PID = 4242;

export interface ServerAddress {
  /** host[:port] as the server URL writes it: how kubectl names the server in its messages. */
  hostPort: string;
  /** What Go's dialer prints: the resolved ip:port. */
  dialAddress: string;
  url: string;
  scheme: string;
  port: number;
}

/** The address of a server URL as client-go built it (ClientConfig.server). */
export function serverAddress(server: string): ServerAddress {
  const u = defaultServerUrl(server, true);
  if ('error' in u) return { hostPort: server, dialAddress: server, url: server, scheme: '', port: 0 };
  const [, host, port] = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(u.host) ?? ['', u.host, ''];
  const effectivePort = port || (u.scheme === 'http' ? '80' : '443');
  const ip = host === 'localhost' ? '127.0.0.1' : host;
  return { hostPort: u.host, dialAddress: `${ip}:${effectivePort}`, url: serverUrlText(u), scheme: u.scheme, port: Number(effectivePort) };
}

/** Why net/http cannot even dial the URL: a scheme it does not speak, a port out of range. */
function undialable(addr: ServerAddress): string | undefined {
  if (addr.scheme !== 'http' && addr.scheme !== 'https') return `unsupported protocol scheme "${addr.scheme}"`;
  if (addr.port > 65535) return `dial tcp: address ${addr.port}: invalid port`;
  return undefined;
}

/** Text of a refused dial for a request URL. */
export function dialRefused(addr: ServerAddress): string {
  return `dial tcp ${addr.dialAddress}: connect: connection refused`;
}

const WRITES = new Set(['create', 'update', 'patch']);

export class Connection {
  /**
   * Set by commands that only print what they list (get): list responses may then hold the
   * server's cached objects rather than copies, so nothing read through this connection may be
   * modified.
   */
  readOnlyLists = false;

  /** Warnings already printed: client-go's warning writer prints each text once per process. */
  private readonly warned = new Set<string>();

  constructor(
    readonly transport: ApiTransport,
    readonly user: UserInfo | undefined,
    readonly config: ClientConfig,
    /** Where the server's warnings go (kubectl: stderr, as `Warning: …`). */
    private readonly onWarning?: (message: string) => void,
  ) {}

  request<T = unknown>(req: ApiRequest): ApiResponse<T> {
    let sent = this.readOnlyLists && req.verb === 'list' ? { ...req, readOnly: true } : req;
    // A write without a field manager is recorded under the User-Agent's program name, as the
    // real server does with kubectl's ("kubectl/v1.33.4 (linux/amd64) kubernetes/…").
    if (WRITES.has(sent.verb) && !sent.query?.fieldManager) sent = { ...sent, query: { ...sent.query, userAgent: 'kubectl' } };
    const resp = this.transport.request<T>(this.user ? { ...sent, user: this.user } : sent);
    for (const w of resp.warnings ?? []) {
      if (!w || this.warned.has(w)) continue;
      this.warned.add(w);
      this.onWarning?.(w);
    }
    return resp;
  }

  /** A GET by URL path outside the resource API (/version, /healthz…), as this connection's user; undefined when the transport has none. */
  raw(path: string): ApiResponse<unknown> | undefined {
    return this.transport.raw?.(path, this.user);
  }
}

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
function discoveryTimeout(inv: Invocation): string {
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
    const config = clientConfig(inv.ctx, loaded, inv.flags, { namespaceFirst: !REST_CONFIG_FIRST.test(inv.path), interactive: true }, prompted.get(inv));
    const requestTimeout = requestTimeoutMs(inv);
    const transport = inv.deps.connect(config.server, inv.ctx);
    s = { loaded, config, transport };
    if (!transport && inv.deps.dialFailure?.(config.server, inv.ctx) === 'timeout') unanswered.set(inv.ctx, { addr: serverAddress(config.server), requestTimeoutMs: requestTimeout });
    sessions.set(inv, s);
  }
  return s;
}

/** The five klog lines discovery prints before giving up on a refused connection. */
export function discoveryRefusedLines(inv: Invocation, addr: ServerAddress, count = 5): string {
  return discoveryErrorLines(inv, `Get \\"${addr.url}/api?timeout=${discoveryTimeout(inv)}\\": ${dialRefused(addr)}`, count);
}

/** The klog lines of discovery's failed tries (memcache.go), the error as klog quotes it. */
function discoveryErrorLines(inv: Invocation, quotedError: string, count: number): string {
  const pid = inv.deps.pid ?? DEFAULT_PID;
  const now = inv.ctx.clock.now();
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(klogHeader('E', now, 302960 + i * 1287, pid, 'memcache.go:265') + `"Unhandled Error" err="couldn't get current server API group list: ${quotedError}"`);
  return lines.join('\n');
}

export function refusedMessage(addr: ServerAddress): string {
  return `The connection to the server ${addr.hostPort} was refused - did you specify the right host or port?`;
}

/** Discovery failing before any answer (kubectl's "Unable to connect to the server"). */
function unreachable(inv: Invocation, server: string, why: string, klogLines: number): KubectlError {
  const addr = serverAddress(server);
  // klog quotes the error once more: its own quotes escaped.
  const quoted = why.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const lines = klogLines > 0 ? `${discoveryErrorLines(inv, `Get \\"${addr.url}/api?timeout=${discoveryTimeout(inv)}\\": ${quoted}`, klogLines)}\n` : '';
  return raw(`${lines}Unable to connect to the server: ${why}`);
}

/** A connection for commands that start with discovery (get, describe, apply…). */
const connections = new WeakMap<Invocation, Connection>();

/**
 * A server warning as kubectl's warning writer prints it: `Warning: TEXT`, the word in bold
 * yellow on a terminal that allows colour (not TERM=dumb, no NO_COLOR).
 */
function warningLine(inv: Invocation, message: string): string {
  const env = inv.ctx.env;
  const color = inv.ctx.isTTY && env.TERM !== 'dumb' && env.NO_COLOR === undefined;
  return color ? `\u001b[33;1mWarning:\u001b[0m ${message}\n` : `Warning: ${message}\n`;
}

export function connect(inv: Invocation, klogLines = 5): Connection {
  const cached = connections.get(inv);
  if (cached) return cached;
  const s = session(inv);
  const unusable = undialable(serverAddress(s.config.server));
  if (unusable) throw unreachable(inv, s.config.server, unusable, klogLines);
  if (!s.transport) {
    const addr = serverAddress(s.config.server);
    const lines = klogLines > 0 ? `${discoveryRefusedLines(inv, addr, klogLines)}\n` : '';
    throw raw(`${lines}${refusedMessage(addr)}`);
  }
  // The TLS handshake comes before any request: a server certificate the client does not trust fails discovery.
  const untrusted = inv.deps.verifyServer?.(s.config.server, inv.ctx, s.config.tls);
  if (untrusted) throw unreachable(inv, s.config.server, untrusted, klogLines);
  let user = s.config.user && inv.deps.identify ? inv.deps.identify(s.config.user, inv.ctx) : undefined;
  // Credentials the API server refuses: every request answers 401, discovery's first (kubectl's CheckErr wording).
  if (user === 'unauthorized') {
    const lines = klogLines > 0 ? `${discoveryErrorLines(inv, UNAUTHORIZED_TEXT, klogLines)}\n` : '';
    throw raw(`${lines}error: You must be logged in to the server (${UNAUTHORIZED_TEXT})`);
  }
  if (inv.flags.str('as')) {
    user = { username: inv.flags.str('as'), groups: [...inv.flags.list('as-group'), 'system:authenticated'] };
  }
  const conn = new Connection(s.transport, user, s.config, (message) => inv.err(warningLine(inv, message)));
  connections.set(inv, conn);
  return conn;
}

/**
 * The namespace a command works in: --namespace, else the context's, else "default". kubectl
 * asks its client config, so a kubeconfig that cannot be used fails the command here.
 */
export function namespaceOf(inv: Invocation): string {
  return session(inv).config.namespace;
}

/** The RESTMapper of the connected server (discovery happens once per invocation). */
const mappers = new WeakMap<Connection, RestMapper>();
export function mapperOf(conn: Connection): RestMapper {
  let m = mappers.get(conn);
  if (!m) {
    m = new RestMapper(conn.transport.discovery());
    mappers.set(conn, m);
  }
  return m;
}

/** -f commands without a server: the RESTMapper cannot recognize the file's objects. */
export function connectForFiles(inv: Invocation, firstSource: string | undefined): Connection {
  const s = session(inv);
  if (!s.transport && firstSource !== undefined) {
    const addr = serverAddress(s.config.server);
    throw raw(`${discoveryRefusedLines(inv, addr, 1)}\nerror: unable to recognize "${firstSource}": Get "${addr.url}/api?timeout=${discoveryTimeout(inv)}": ${dialRefused(addr)}`);
  }
  return connect(inv, 1);
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
    else if (line.includes(timeout)) dials = afterDiscovery ? 0 : line.includes('/openapi/v2') ? 2 : 1;
    afterDiscovery = discovery;
    const klog = /^([IWE])\d{4} \d\d:\d\d:\d\d\.(\d{3})(\d{3}) +(\d+) ([^\]]+)\] /.exec(line);
    const stamped = (at: number) => (klog ? klogHeader(klog[1] as 'I' | 'W' | 'E', at, Number(klog[3]), Number(klog[4]), klog[5]) + line.slice(klog[0].length) : line);
    return { waitMs: dials * dialMs, text: stamped };
  });
}
