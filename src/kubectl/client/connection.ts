/**
 * The connection from kubectl to the API server: the requests of a command, with the media types
 * its client asks for, the server's warnings printed once, and the refusals its error printer
 * reports; connect() opens it after the session's dial (session.ts) and its checks.
 */
import type { ApiRequest, ApiResponse, ApiTransport, UserInfo } from '../../sim/apiserver/types';
import type { CommandContext } from '../../shell/command';
import { raw } from '../errors';
import type { Invocation } from '../invocation';
import type { ClientConfig } from '../kubeconfig/client-config';
import { DEFAULT_PID } from './klog';
import { ACCEPT_JSON, ACCEPT_JSON_ANY } from './wire';
import { verboseLog } from './verbose';
import { userAgent } from './user-agent';
import { statusText, UNAUTHORIZED_TEXT } from './status';
import { RestMapper } from '../resource/mapper';
import { ExchangeLog } from './exchange-log';
import { dialRefused, refusedMessage, serverAddress, undialable } from './server-address';
import { connectionErrorLine, discoveryErrorLines, discoveryRefusedLines, discoveryTimeout, session, unreachable } from './session';

export { DEFAULT_PID };

const WRITES = new Set(['create', 'update', 'patch']);

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

  /** The -v log of this connection's requests. */
  readonly exchanges: ExchangeLog;

  /** Warnings already printed: client-go's warning writer prints each text once per process. */
  private readonly warned = new Set<string>();

  constructor(
    readonly transport: ApiTransport,
    readonly user: UserInfo | undefined,
    readonly config: ClientConfig,
    /** Where the server's warnings go (kubectl: stderr, as `Warning: …`). */
    private readonly onWarning?: (message: string) => void,
    log?: ConstructorParameters<typeof ExchangeLog>[0],
    /** When the command started (the Date of the server's answers). */
    readonly startMs = 0,
    /** kubectl's User-Agent: `kubectl/v1.33.4 (linux/amd64) kubernetes/eacdb05`. */
    userAgentText = '',
  ) {
    this.exchanges = new ExchangeLog(log, config, startMs, userAgentText);
  }

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

  request<T = unknown>(req: ApiRequest): ApiResponse<T> {
    let sent = this.readOnlyLists && req.verb === 'list' ? { ...req, readOnly: true } : req;
    // A write without a field manager is recorded under the User-Agent's program name, as the
    // real server does with kubectl's ("kubectl/v1.33.4 (linux/amd64) kubernetes/…").
    if (WRITES.has(sent.verb) && !sent.query?.fieldManager) sent = { ...sent, query: { ...sent.query, userAgent: 'kubectl' } };
    const resp = this.transport.request<T>(this.user ? { ...sent, user: this.user } : sent);
    if (resp.code >= 400 && (resp.body as { kind?: string } | undefined)?.kind === 'Status') this.failures.push(resp.body);
    this.exchanges.request(sent, resp, { accept: this.accept, protobuf: this.protobuf, caller: this.caller });
    for (const w of resp.warnings ?? []) {
      if (!w || this.warned.has(w)) continue;
      this.warned.add(w);
      this.onWarning?.(w);
    }
    return resp;
  }

  /** Logs a watch as it starts, asking for what this connection's requests ask for. */
  logWatch(req: ApiRequest, failed?: ApiResponse<unknown>): void {
    this.exchanges.watch(req, this.accept, failed);
  }

  /** A GET by URL path outside the resource API (/version, /healthz…), as this connection's user; undefined when the transport has none. */
  raw(path: string, loggedQuery = ''): ApiResponse<unknown> | undefined {
    const resp = this.transport.raw?.(path, this.user);
    if (resp) this.exchanges.raw(`${path}${loggedQuery}`, resp);
    return resp;
  }
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
  if (!conn?.exchanges.enabled(4)) return;
  for (const body of conn.failures) {
    const message = (body as { message?: string }).message;
    if (message ? errorText.includes(message) : errorText.includes(statusText(body))) conn.exchanges.debugStatus(body);
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
    if (where) conn.exchanges.discovery(conn.transport, where.fs, where.home, conn.invalidatesDiscovery);
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
