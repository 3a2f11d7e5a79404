/**
 * What kubectl's debugging round tripper logs of a connection's requests at -v=6 and up: each
 * request and its answer (the URL and status at 6, headers at 7, bodies at 8, curl at 9), in the
 * order they are sent, numbered for their audit IDs. The requests themselves go through
 * Connection; this only writes them down.
 */
import type { ApiRequest, ApiResponse, ApiTransport } from '../../sim/apiserver/types';
import type { ClientConfig } from '../kubeconfig/client-config';
import { goJson, goJsonIndent } from '../../sim/go-json';
import { sha256Hex } from '../util/sha256';
import { ACCEPT_DISCOVERY, ACCEPT_JSON, ACCEPT_JSON_ANY, ACCEPT_PROTOBUF, ACCEPT_TABLE, PROTOBUF, responseBody, responseHeaders, uuidFrom } from './wire';
import { METHOD_OF_VERB, requestTarget } from './request-line';
import type { VerboseLog } from './verbose';
import { AGGREGATED_TYPE, aggregatedDiscovery } from './aggregated-discovery';
import { discoveryCacheFresh, markDiscoveryCached } from './discovery-cache';
import { dnsHostOf, serverAddress } from './server-address';

/** The media types and caller of the requests being sent (the Connection's wire settings). */
export interface WireSettings {
  accept: string;
  /** A generated clientset's request: protobuf bodies and Accept. */
  protobuf: boolean;
  /** Who makes the request, when not cli-runtime's resource helper. */
  caller: string | undefined;
}

/**
 * The line of cli-runtime's resource helper (resource/helper.go) whose REST call kubectl's
 * generic commands make, by verb: where client-go's body lines (-v=8) say they come from.
 */
const HELPER_CALLER: Record<string, string> = { get: 'helper.go:105', list: 'helper.go:113', delete: 'helper.go:202', deletecollection: 'helper.go:202', create: 'helper.go:246', patch: 'helper.go:269', update: 'helper.go:319' };

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

/** The Authorization header of the kubeconfig's credentials: a bearer token, or a username and password. */
export function authorization(config: ClientConfig): Record<string, string[]> {
  const user = config.user;
  if (user?.token) return { Authorization: [`Bearer ${user.token}`] };
  if (user?.username && user.password !== undefined) return { Authorization: [`Basic ${btoa(`${user.username}:${user.password}`)}`] };
  return {};
}

export class ExchangeLog {
  private sentCount = 0;
  private readonly openApiRead = new Set<string>();

  constructor(
    readonly log: VerboseLog | undefined,
    private readonly config: ClientConfig,
    /** When the command started (the Date of the server's answers). */
    private readonly startMs: number,
    /** kubectl's User-Agent: `kubectl/v1.33.4 (linux/amd64) kubernetes/eacdb05`. */
    private readonly userAgent: string,
  ) {}

  enabled(level: number): boolean {
    return this.log?.enabled(level) ?? false;
  }

  /** A request sent through the connection and the answer it had. */
  request(sent: ApiRequest, resp: ApiResponse<unknown>, wire: WireSettings): void {
    if (!this.enabled(6)) return;
    const req = onTheWire(sent);
    const body = req.body === undefined ? '' : typeof req.body === 'string' ? req.body : `${goJson(req.body, false)}\n`;
    const contentType = req.verb === 'patch' ? req.patchType : req.body === undefined ? undefined : wire.protobuf ? PROTOBUF : 'application/json';
    const accept = wire.protobuf ? ACCEPT_PROTOBUF : wire.accept === ACCEPT_TABLE && req.verb !== 'get' && req.verb !== 'list' ? ACCEPT_JSON : wire.accept;
    this.exchange(METHOD_OF_VERB[req.verb] ?? 'GET', requestTarget(req), accept, body, contentType, wire.caller ?? HELPER_CALLER[req.verb] ?? 'helper.go:105', resp);
  }

  /**
   * A watch as it starts (the stream's events are not logged): the request with watch=true,
   * a single object's by its name as field selector (the helper's WatchSingle).
   */
  watch(req: ApiRequest, accept: string, failed?: ApiResponse<unknown>): void {
    if (!this.enabled(6)) return;
    const single = req.name !== undefined;
    const query = { ...req.query, watch: 'true', ...(single ? { fieldSelector: `metadata.name=${req.name}` } : {}) };
    const target = requestTarget({ ...req, name: undefined, query });
    this.exchange('GET', target, accept, '', undefined, 'request.go:759', failed ?? { code: 200, body: '' }, !failed);
  }

  /** A GET by URL path (get --raw, /version…) and the answer it had. */
  raw(target: string, resp: ApiResponse<unknown>, accept = ACCEPT_JSON_ANY): void {
    this.exchange('GET', target, accept, '', undefined, 'request.go:1317', resp);
  }

  /**
   * The OpenAPI v3 documents kubectl reads (apply's and create -f's query-parameter verifier, to
   * learn whether the server checks fields itself; explain): the index once, then each
   * group-version's document, named by the hash the index gives. Logged only: the simulated
   * server's documents are not fetched.
   */
  openApiV3(group: string, version: string): void {
    const gv = group ? `apis/${group}/${version}` : `api/${version}`;
    if (this.openApiRead.has(gv) || !this.enabled(6)) return;
    if (this.openApiRead.size === 0) this.exchange('GET', '/openapi/v3?timeout=32s', 'application/json, */*', '', undefined, 'client.go:46', { code: 200, body: {} });
    this.openApiRead.add(gv);
    const hash = (sha256Hex(`openapi/v3/${gv}`) + sha256Hex(`openapi/v3/${gv}/2`)).toUpperCase();
    this.exchange('GET', `/openapi/v3/${gv}?hash=${hash}&timeout=32s`, 'application/json', '', undefined, 'groupversion.go:75', { code: 200, body: {} });
  }

  /**
   * The discovery requests the command makes: none while ~/.kube/cache holds a fresh copy,
   * unless the command invalidates it (api-resources, api-versions).
   */
  discovery(transport: ApiTransport, fs: Parameters<typeof discoveryCacheFresh>[0], home: string | undefined, invalidate: boolean): void {
    if (!invalidate && discoveryCacheFresh(fs, home, this.config.server, this.startMs)) return;
    // kube-apiserver answers both with aggregated discovery: everything in two requests.
    const doc = transport.discovery();
    for (const path of ['/api', '/apis']) {
      const resp = { code: 200, body: aggregatedDiscovery(doc, path === '/api'), contentType: AGGREGATED_TYPE };
      this.exchange('GET', `${path}?timeout=32s`, ACCEPT_DISCOVERY, '', undefined, 'discovery_client.go:252', resp);
    }
    markDiscoveryCached(fs, home, this.config.server, doc);
  }

  /**
   * What kubectl's error printer logs at -v=4 before it prints a Status error (helpers.go's
   * StandardErrorMessage): the Status as Go indents it, after a literal `%s` (Info, not Infof).
   */
  debugStatus(body: unknown): void {
    this.log?.info(4, 'helpers.go:246', `server response object: %s[${goJsonIndent(inStatusOrder(body), '  ')}]`);
  }

  /** One request and its answer at the command's verbosity; each is numbered (its audit ID). */
  private exchange(method: string, target: string, accept: string, requestBody: string, contentType: string | undefined, caller: string, resp: ApiResponse<unknown>, streaming = false): void {
    const reqCount = this.sentCount++;
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
      dnsHost: dnsHostOf(addr),
      dialAddress: `${host}:${addr.port}`,
      tls: addr.scheme === 'https',
    });
  }
}
