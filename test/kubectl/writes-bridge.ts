/**
 * A simulated world's API server on loopback HTTP, answering every verb as kube-apiserver does on
 * the wire, so that the real kubectl 1.33 can write to it: POST creates, PUT updates, PATCH with
 * the patch type of its Content-Type, DELETE with DeleteOptions in its body, GET lists and gets,
 * ?watch=1 streams events (while a watch is open the simulated clock moves on, as time passes for
 * a real client waiting for a pod to go away), and the server's warnings as Warning headers.
 * Everything else (discovery, /version, /openapi) is answered as ApiServer.raw answers a GET.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { routeRawPath } from '../../src/sim/apiserver/rawpath';
import { clusterOf } from '../../src/sim/cluster/attach';
import type { ApiServer } from '../../src/sim/apiserver';
import type { ApiRequest, PatchType, UserInfo, Verb } from '../../src/sim/apiserver/types';
import type { World } from '../../src/sim/world';
import { ProtobufDecoder } from './writes-protobuf';
import { openapiV3 } from './writes-openapi';

/** Who the admin kubeconfig of the `cluster` scenario authenticates as (kubeadm's admin.conf). */
const ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/** Simulated time that passes per step while a watch waits, and the most steps one watch waits. */
const WATCH_STEP_MS = 1000;
const WATCH_MAX_STEPS = 300;

/** The verb of a request to a resource path, by its method (GET is routeRawPath's get, list or watch). */
export const VERB_OF_METHOD: Record<string, (named: boolean) => Verb> = {
  POST: () => 'create',
  PUT: () => 'update',
  PATCH: () => 'patch',
  DELETE: (named) => (named ? 'delete' : 'deletecollection'),
};

export interface Bridge {
  port: number;
  close(): Promise<void>;
}

/** A request as the client sent it: method, path with query, media type (no parameters) and body. */
export interface SeenRequest {
  method: string;
  url: string;
  contentType: string;
  body: string;
}

/** Sees each request as the client sent it (the writes audit records some of them). */
export type RequestObserver = (request: SeenRequest) => void;

export async function serveWorld(world: World, onRequest?: RequestObserver): Promise<Bridge> {
  const api = clusterOf(world)!.apiServer;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      onRequest?.({ method: req.method ?? 'GET', url: req.url ?? '/', contentType: contentTypeOf(req), body: body.toString('utf8') });
      answer(world, api, req, body, res);
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return { port, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

let protobuf: ProtobufDecoder | undefined;

/** A request body as the server decodes it: JSON, or a generated client's protobuf. */
function decodeBody(body: Buffer, contentType: string): unknown {
  if (contentType === 'application/vnd.kubernetes.protobuf' && ProtobufDecoder.isProtobuf(body)) return (protobuf ??= new ProtobufDecoder()).decodeEnvelope(body);
  return JSON.parse(body.toString('utf8'));
}

function answer(world: World, api: ApiServer, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const target = routeRawPath(url, () => api.discovery());
  if (target.kind === 'request' && target.request.verb === 'watch') return streamWatch(world, api, target.request, res);
  const openapi = method === 'GET' ? openapiV3(url) : undefined;
  if (openapi) return send(res, openapi.code, openapi.body);
  if (method === 'GET' || target.kind !== 'request') {
    const r = api.raw(url, ADMIN);
    return send(res, r.code, r.body, r.warnings, r.contentType);
  }
  const verbOf = VERB_OF_METHOD[method];
  if (!verbOf) return send(res, 405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `${method} not allowed`, code: 405 });
  const request: ApiRequest = { ...target.request, verb: verbOf(!!target.request.name), user: ADMIN };
  const contentType = contentTypeOf(req);
  if (request.verb === 'patch') {
    request.patchType = contentType as PatchType;
    // An apply patch is YAML, which the handler reads; other patches are JSON, unless malformed
    // (then the handler reports the decoding error). The patch handler reads the text itself, as
    // sent: the decoder judges its number literals (3.0 in an integer field); subresources take JSON.
    const text = body.toString('utf8');
    request.body = contentType === 'application/apply-patch+yaml' || !target.request.subresource ? text : parseOr(text);
  } else if (body.length) {
    request.body = decodeBody(body, contentType);
  }
  request.query = { ...request.query, ...deleteOptionsQuery(request) };
  // The server names a manager that the request does not name after the User-Agent's program.
  if (!request.query.fieldManager) request.query.userAgent = String(req.headers['user-agent'] ?? '').split('/')[0];
  const r = api.request(request);
  if (process.env.WRITES_BRIDGE_LOG) process.stderr.write(`${method} ${url} ${contentType} ${body.toString('utf8').slice(0, 300)}\n=> ${r.code} ${JSON.stringify(r.body).slice(0, 400)}\n`);
  send(res, r.code, r.body, r.warnings);
}

/** A request's media type, without parameters. */
function contentTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim();
}

/** DeleteOptions.dryRun (kubectl sends it in the body of a DELETE) as the query parameter the handlers read. */
function deleteOptionsQuery(request: ApiRequest): Record<string, string> {
  if (request.verb !== 'delete' && request.verb !== 'deletecollection') return {};
  const dryRun = (request.body as { dryRun?: string[] } | undefined)?.dryRun;
  return dryRun?.includes('All') ? { dryRun: 'All' } : {};
}

function send(res: ServerResponse, code: number, body: unknown, warnings?: string[], contentType?: string): void {
  const headers: Record<string, string | string[]> = { 'Content-Type': contentType ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json') };
  if (warnings?.length) headers.Warning = warnings.map(warningHeader);
  res.writeHead(code, headers);
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A Warning header as kube-apiserver writes it: code 299, agent "-", the text quoted as in Go's %q for ASCII. */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A watch: events as JSON lines while the client listens. With nothing to wait for, a real
 * cluster's clock runs on; here simulated time moves a step each few milliseconds of real time
 * until the client hangs up (it has seen what it waited for) or the watch times out.
 */
function streamWatch(world: World, api: ApiServer, request: Omit<ApiRequest, 'user'>, res: ServerResponse): void {
  let open = true;
  // Events the server replays at once (a watch from an older resourceVersion) wait for the headers.
  const early: string[] = [];
  const handle = api.watch({ ...request, user: ADMIN }, (ev) => {
    if (!open) return;
    if (res.headersSent) res.write(`${JSON.stringify(ev)}\n`);
    else early.push(`${JSON.stringify(ev)}\n`);
  });
  if ('kind' in handle) return send(res, handle.code, handle);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  // As kube-apiserver does: the headers go out at once, before any event.
  res.flushHeaders();
  for (const line of early) res.write(line);
  res.on('close', () => {
    open = false;
    handle.stop();
  });
  let steps = 0;
  const step = () => {
    if (!open) return;
    if (steps++ >= WATCH_MAX_STEPS) {
      handle.stop();
      res.end();
      return;
    }
    world.clock.advance(WATCH_STEP_MS);
    setTimeout(step, 20);
  };
  setTimeout(step, 20);
}
