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
import { DEFAULT_PID, klogHeader } from './klog';
import { ACCEPT_DISCOVERY, ACCEPT_JSON, ACCEPT_JSON_ANY, ACCEPT_PROTOBUF, ACCEPT_TABLE, PROTOBUF, responseBody, responseHeaders, uuidFrom } from './wire';
import { METHOD_OF_VERB, requestTarget } from './request-line';
import { verboseLog, type Exchange, type VerboseLog } from './verbose';
import { userAgent } from './user-agent';
import { AGGREGATED_TYPE, aggregatedDiscovery } from './aggregated-discovery';
import { discoveryCacheFresh, markDiscoveryCached } from './discovery-cache';
import { goJson, goJsonIndent } from '../../sim/go-json';
import { sha256Hex } from '../util/sha256';
import { statusText, UNAUTHORIZED_TEXT } from './status';
import { RestMapper } from '../resource/mapper';

export { DEFAULT_PID };

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

/**
 * A request as it goes on the wire: in-process, a DELETE carries its options in the query (as the
 * handlers read them); kubectl sends them as a DeleteOptions body, its fields in the struct's order.
 */
function onTheWire(req: ApiRequest): ApiRequest {
  if (req.verb !== 'delete' && req.verb !== 'deletecollection') return req;
  const { gracePeriodSeconds, propagationPolicy, dryRun, ...query } = req.query ?? {};
  if (gracePeriodSeconds === undefined && propagationPolicy === undefined && dryRun === undefined) return req;
  const body = { gracePeriodSeconds: gracePeriodSeconds === undefined ? undefined : Number(gracePeriodSeconds), propagationPolicy, dryRun: dryRun === undefined ? undefined : [dryRun] };
  return { ...req, query, body };
}

/** metav1.Status's fields in the struct's order (how Go writes one back). */
const STATUS_FIELDS = ['kind', 'apiVersion', 'metadata', 'status', 'message', 'reason', 'details', 'code'];
function inStatusOrder(body: unknown): unknown {
  if (!body || typeof body !== 'object' || (body as { kind?: string }).kind !== 'Status') return body;
  const b = body as Record<string, unknown>;
  return Object.fromEntries([...STATUS_FIELDS.filter((k) => k in b), ...Object.keys(b).filter((k) => !STATUS_FIELDS.includes(k))].map((k) => [k, b[k]]));
}

/**
 * The line of cli-runtime's resource helper (resource/helper.go) whose REST call kubectl's
 * generic commands make, by verb: where client-go's body lines (-v=8) say they come from.
 */
const HELPER_CALLER: Record<string, string> = { get: 'helper.go:105', list: 'helper.go:113', delete: 'helper.go:202', deletecollection: 'helper.go:202', create: 'helper.go:246', patch: 'helper.go:269', update: 'helper.go:319' };

export class Connection {
  /**
   * Set by commands that only print what they list (get): list responses may then hold the
   * server's cached objects rather than copies, so nothing read through this connection may be
   * modified.
   */
  readOnlyLists = false;

  /** Set by commands that discover afresh whatever the cache holds (api-resources, api-versions). */
  invalidatesDiscovery = false;

  /** The Status of every request the server refused: the -v=4 debug line of those the command reports. */
  readonly failures: unknown[] = [];

  /** Who makes the next requests, when not cli-runtime's resource helper (the body lines' source at -v=8). */
  caller: string | undefined;

  /**
   * The media types requests ask for: a builder of unstructured objects asks for JSON, one with
   * kubectl's scheme (run, expose, scale, rollout, logs…) for JSON or anything, and
   * get for a Table when it prints one (its GETs only).
   */
  accept = ACCEPT_JSON;

  /** Requests of a generated (typed) clientset: protobuf, since client-go 1.30. */
  private protobuf = false;

  /** Runs `fn`'s requests asking for `accept` (the scale client asks for JSON or anything). */
  accepting<T>(accept: string, fn: () => T): T {
    return this.scoped({ accept, protobuf: this.protobuf }, fn);
  }

  /** Runs `fn`'s requests as a generated clientset sends them (protobuf bodies and Accept). */
  typed<T>(fn: () => T): T {
    return this.scoped({ accept: this.accept, protobuf: true }, fn);
  }

  private scoped<T>(wire: { accept: string; protobuf: boolean }, fn: () => T): T {
    const was = { accept: this.accept, protobuf: this.protobuf };
    Object.assign(this, wire);
    try {
      return fn();
    } finally {
      Object.assign(this, was);
    }
  }

  /** Warnings already printed: client-go's warning writer prints each text once per process. */
  private readonly warned = new Set<string>();

  constructor(
    readonly transport: ApiTransport,
    readonly user: UserInfo | undefined,
    readonly config: ClientConfig,
    /** Where the server's warnings go (kubectl: stderr, as `Warning: …`). */
    private readonly onWarning?: (message: string) => void,
    /** The -v log of the command (requests and answers from -v=6). */
    readonly log?: VerboseLog,
    /** When the command started (the Date of the server's answers). */
    readonly startMs = 0,
    /** kubectl's User-Agent: `kubectl/v1.33.4 (linux/amd64) kubernetes/eacdb05`. */
    private readonly userAgent = '',
  ) {}

  /**
   * Logs a watch as it starts (the stream's events are not logged): the request with watch=true,
   * a single object's by its name as field selector (the helper's WatchSingle).
   */
  logWatch(req: ApiRequest, failed?: ApiResponse<unknown>): void {
    if (!this.log?.enabled(6)) return;
    const single = req.name !== undefined;
    const query = { ...req.query, watch: 'true', ...(single ? { fieldSelector: `metadata.name=${req.name}` } : {}) };
    const target = requestTarget({ ...req, name: undefined, query });
    this.logExchange('GET', target, this.accept, '', undefined, 'request.go:759', failed ?? { code: 200, body: '' }, this.sentCount++, !failed);
  }

  /** Logs one request and its answer at the command's verbosity. */
  private logExchange(method: string, target: string, accept: string, requestBody: string, contentType: string | undefined, caller: string, resp: ApiResponse<unknown>, reqCount: number, streaming = false): void {
    const log = this.log;
    if (!log?.enabled(6)) return;
    const addr = serverAddress(this.config.server);
    const requestHeaders: Record<string, string[]> = { Accept: [accept], 'User-Agent': [this.userAgent], ...authorization(this.config) };
    if (contentType) requestHeaders['Content-Type'] = [contentType];
    const body = responseBody(resp.body);
    const answerType = resp.contentType ?? 'application/json';
    const host = addr.dialAddress.replace(/:\d+$/, '');
    log.exchange({
      method,
      url: `${addr.url}${target}`,
      requestHeaders,
      requestBody,
      caller,
      status: resp.code,
      responseHeaders: responseHeaders({ auditId: uuidFrom(`${this.startMs}/${reqCount}/${target}`), contentType: answerType, body, dateMs: this.startMs, warnings: resp.warnings, streaming }),
      responseBody: streaming ? undefined : body,
      dnsHost: /^[\d.]+$|^\[/.test(addr.hostPort.replace(/:\d+$/, '')) ? undefined : addr.hostPort.replace(/:\d+$/, ''),
      dialAddress: `${host}:${addr.port}`,
      tls: addr.scheme === 'https',
    });
  }

  private sentCount = 0;
  private readonly openApiRead = new Set<string>();

  /**
   * The OpenAPI v3 documents kubectl reads (apply's and create -f's query-parameter verifier, to
   * learn whether the server checks fields itself; explain): the index once, then each
   * group-version's document, named by the hash the index gives. Logged only: the simulated
   * server's documents are not fetched.
   */
  readOpenApiV3(group: string, version: string): void {
    const gv = group ? `apis/${group}/${version}` : `api/${version}`;
    if (this.openApiRead.has(gv) || !this.log?.enabled(6)) return;
    if (this.openApiRead.size === 0) this.logExchange('GET', '/openapi/v3?timeout=32s', 'application/json, */*', '', undefined, 'client.go:46', { code: 200, body: {} }, this.sentCount++);
    this.openApiRead.add(gv);
    const hash = (sha256Hex(`openapi/v3/${gv}`) + sha256Hex(`openapi/v3/${gv}/2`)).toUpperCase();
    this.logExchange('GET', `/openapi/v3/${gv}?hash=${hash}&timeout=32s`, 'application/json', '', undefined, 'groupversion.go:75', { code: 200, body: {} }, this.sentCount++);
  }

  /**
   * What kubectl's error printer logs at -v=4 before it prints a Status error (helpers.go's
   * StandardErrorMessage): the Status as Go indents it, after a literal `%s` (Info, not Infof).
   */
  debugStatus(body: unknown): void {
    this.log?.info(4, 'helpers.go:246', `server response object: %s[${goJsonIndent(inStatusOrder(body), '  ')}]`);
  }

  /**
   * Logs the discovery requests the command makes: none while ~/.kube/cache holds a fresh copy,
   * unless the command invalidates it (api-resources, api-versions).
   */
  logDiscovery(fs: Parameters<typeof discoveryCacheFresh>[0], home: string | undefined, nowMs: number, invalidate = false): void {
    if (!invalidate && discoveryCacheFresh(fs, home, this.config.server, nowMs)) return;
    // kube-apiserver answers both with aggregated discovery: everything in two requests.
    const doc = this.transport.discovery();
    for (const path of ['/api', '/apis']) {
      const resp = { code: 200, body: aggregatedDiscovery(doc, path === '/api'), contentType: AGGREGATED_TYPE };
      this.logExchange('GET', `${path}?timeout=32s`, ACCEPT_DISCOVERY, '', undefined, 'discovery_client.go:252', resp, this.sentCount++);
    }
    markDiscoveryCached(fs, home, this.config.server, doc);
  }

  request<T = unknown>(req: ApiRequest): ApiResponse<T> {
    let sent = this.readOnlyLists && req.verb === 'list' ? { ...req, readOnly: true } : req;
    // A write without a field manager is recorded under the User-Agent's program name, as the
    // real server does with kubectl's ("kubectl/v1.33.4 (linux/amd64) kubernetes/…").
    if (WRITES.has(sent.verb) && !sent.query?.fieldManager) sent = { ...sent, query: { ...sent.query, userAgent: 'kubectl' } };
    const resp = this.transport.request<T>(this.user ? { ...sent, user: this.user } : sent);
    if (resp.code >= 400 && (resp.body as { kind?: string } | undefined)?.kind === 'Status') this.failures.push(resp.body);
    if (this.log?.enabled(6)) {
      const wire = onTheWire(sent);
      const body = wire.body === undefined ? '' : typeof wire.body === 'string' ? wire.body : `${goJson(wire.body, false)}\n`;
      const contentType = wire.verb === 'patch' ? wire.patchType : wire.body === undefined ? undefined : this.protobuf ? PROTOBUF : 'application/json';
      const accept = this.protobuf ? ACCEPT_PROTOBUF : this.accept === ACCEPT_TABLE && wire.verb !== 'get' && wire.verb !== 'list' ? ACCEPT_JSON : this.accept;
      this.logExchange(METHOD_OF_VERB[wire.verb] ?? 'GET', requestTarget(wire), accept, body, contentType, this.caller ?? HELPER_CALLER[wire.verb] ?? 'helper.go:105', resp, this.sentCount++);
    }
    for (const w of resp.warnings ?? []) {
      if (!w || this.warned.has(w)) continue;
      this.warned.add(w);
      this.onWarning?.(w);
    }
    return resp;
  }

  /** A GET by URL path outside the resource API (/version, /healthz…), as this connection's user; undefined when the transport has none. */
  raw(path: string, loggedQuery = ''): ApiResponse<unknown> | undefined {
    const resp = this.transport.raw?.(path, this.user);
    if (resp) this.logRaw(`${path}${loggedQuery}`, resp);
    return resp;
  }

  /** Logs a GET by URL path (get --raw, /version…) and the answer it had. */
  logRaw(target: string, resp: ApiResponse<unknown>, accept = ACCEPT_JSON_ANY): void {
    this.logExchange('GET', target, accept, '', undefined, 'request.go:1317', resp, this.sentCount++);
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
function discoveryErrorLines(inv: Invocation, quotedError: string, count: number, dial?: { addr: ServerAddress; error: string }): string {
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

/** The Authorization header of the kubeconfig's credentials: a bearer token, or a username and password. */
function authorization(config: ClientConfig): Record<string, string[]> {
  const user = config.user;
  if (user?.token) return { Authorization: [`Bearer ${user.token}`] };
  if (user?.username && user.password !== undefined) return { Authorization: [`Basic ${btoa(`${user.username}:${user.password}`)}`] };
  return {};
}

/** A discovery request whose dial failed, as the debugging round tripper sees it. */
function failedDiscovery(inv: Invocation, addr: ServerAddress, error: string): Exchange {
  const host = addr.hostPort.replace(/:\d+$/, '');
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
    dnsHost: /^[\d.]+$|^\[/.test(host) ? undefined : host,
    dialAddress: addr.dialAddress,
    tls: addr.scheme === 'https',
  };
}

/** kubectl's error printer on a refused connection, at -v=4 (helpers.go): the URL unquoted. */
function connectionErrorLine(inv: Invocation, addr: ServerAddress): string {
  const log = verboseLog(inv);
  return log.capture(() => log.info(4, 'helpers.go:264', `Connection error: Get ${addr.url}/api?timeout=${discoveryTimeout(inv)}: ${dialRefused(addr)}`));
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

/**
 * Commands whose resource builder decodes into kubectl's scheme (WithScheme, not Unstructured): their
 * REST client asks for JSON or anything (ACCEPT_JSON_ANY; recorded from kubectl 1.33 at -v=7).
 */
const SCHEME_BUILDER = /^(run|expose|cordon|uncordon|drain|taint|logs|exec|attach|port-forward|rollout( \w+)?|set \w+)$/;

/** The connection of a running kubectl process (its error printer logs the Statuses it reports). */
const connectionOfProcess = new WeakMap<CommandContext, Connection>();

/**
 * Before kubectl prints its error: the -v=4 debug line (helpers.go) of each Status the error
 * reports, as CheckErr's StandardErrorMessage logs every StatusError it formats.
 */
export function logReportedStatuses(ctx: CommandContext, errorText: string): void {
  const conn = connectionOfProcess.get(ctx);
  if (!conn?.log?.enabled(4)) return;
  for (const body of conn.failures) {
    const message = (body as { message?: string }).message;
    if (message ? errorText.includes(message) : errorText.includes(statusText(body))) conn.debugStatus(body);
  }
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
    throw raw(`${lines}${connectionErrorLine(inv, addr)}${refusedMessage(addr)}`);
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
  const conn = new Connection(s.transport, user, s.config, (message) => inv.err(warningLine(inv, message)), verboseLog(inv), inv.ctx.clock.now(), userAgent(inv));
  discoveryContexts.set(conn, { fs: inv.ctx.fs, home: inv.ctx.env.HOME });
  connectionOfProcess.set(inv.ctx, conn);
  if (SCHEME_BUILDER.test(inv.path)) conn.accept = ACCEPT_JSON_ANY;
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
/** Where a connection's process keeps its discovery cache (its file system and $HOME). */
const discoveryContexts = new WeakMap<Connection, { fs: CommandContext['fs']; home: string | undefined }>();
export function mapperOf(conn: Connection): RestMapper {
  let m = mappers.get(conn);
  if (!m) {
    const where = discoveryContexts.get(conn);
    if (where) conn.logDiscovery(where.fs, where.home, conn.startMs, conn.invalidatesDiscovery);
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
    // Verbose (I) lines tell of a dial, they do not wait for one.
    else if (line.includes(timeout) && !line.startsWith('I')) dials = afterDiscovery ? 0 : line.includes('/openapi/v2') ? 2 : 1;
    if (!line.startsWith('I')) afterDiscovery = discovery;
    const klog = /^([IWE])\d{4} \d\d:\d\d:\d\d\.(\d{3})(\d{3}) +(\d+) ([^\]]+)\] /.exec(line);
    const stamped = (at: number) => (klog ? klogHeader(klog[1] as 'I' | 'W' | 'E', at, Number(klog[3]), Number(klog[4]), klog[5]) + line.slice(klog[0].length) : line);
    return { waitMs: dials * dialMs, text: stamped };
  });
}
