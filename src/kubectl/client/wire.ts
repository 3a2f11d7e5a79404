/**
 * What travels with a request and its answer on the wire between kubectl and kube-apiserver, as
 * the verbose log shows it (-v=7 request headers, -v=8 response headers): the media types kubectl
 * asks for, its User-Agent, and the headers every kube-apiserver answer carries (the audit id of
 * the request, no caching, API Priority and Fairness naming the flow schema and priority level
 * that admitted it, the date).
 */
import { goJson } from '../../sim/go-json';
import { wireForm } from '../../sim/apiserver/wire-form';
import { sha256Hex } from '../util/sha256';

/** Accept of a discovery request: aggregated discovery first (client-go's discovery client). */
export const ACCEPT_DISCOVERY = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
/** Accept of a request whose answer kubectl prints as a table (the server computes it). */
export const ACCEPT_TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
export const ACCEPT_JSON = 'application/json';
/** Accept of a REST client with kubectl's scheme and no Accept of its own: its content type, or anything. */
export const ACCEPT_JSON_ANY = 'application/json, */*';
/** The media type of a generated clientset's requests, and what it accepts. */
export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
export const ACCEPT_PROTOBUF = 'application/vnd.kubernetes.protobuf,application/json';

/** The reason phrase of an HTTP status, as Go's http.StatusText gives it. */
const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** net/http's Response.Status: "404 Not Found". */
export function statusLine(code: number): string {
  return `${code} ${STATUS_TEXT[code] ?? ''}`.trimEnd();
}

/** A UUID (version 4 layout) derived from a text: stable for the same text, as the goldens need. */
export function uuidFrom(text: string): string {
  const h = sha256Hex(text);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The flow schema and priority level API Priority and Fairness admits kubectl's requests under:
 * kubeadm's admin (group kubeadm:cluster-admins, not system:masters) matches none of the special
 * schemas, so `global-default` (every authenticated user).
 */
const FLOW_SCHEMA_UID = uuidFrom('flowschema/global-default');
const PRIORITY_LEVEL_UID = uuidFrom('prioritylevelconfiguration/global-default');

/** Go's http.TimeFormat of a time: "Mon, 23 Nov 2026 16:12:49 GMT". */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** net/http sets Content-Length itself for an answer written whole below its chunking buffer; a larger one goes chunked. */
const CHUNKING_BUFFER = 2048;

/**
 * The body of an answer as kube-apiserver writes it: JSON by its encoder (in the wire form of
 * wire-form.ts), which ends with a line break; a body that is already bytes (a kubelet's answer
 * passed through) as it is.
 */
export function responseBody(body: unknown): string {
  return typeof body === 'string' ? body : `${goJson(wireForm(body), false)}\n`;
}

/** The headers of a kube-apiserver answer (a watch's stream has no length). */
export function responseHeaders(o: { auditId: string; contentType: string; body: string; dateMs: number; warnings?: string[]; streaming?: boolean }): Record<string, string[]> {
  const headers: Record<string, string[]> = {
    'Audit-Id': [o.auditId],
    'Cache-Control': ['no-cache, private'],
    'Content-Type': [o.contentType],
    Date: [httpDate(o.dateMs)],
    'X-Kubernetes-Pf-Flowschema-Uid': [FLOW_SCHEMA_UID],
    'X-Kubernetes-Pf-Prioritylevel-Uid': [PRIORITY_LEVEL_UID],
  };
  const bytes = new TextEncoder().encode(o.body).length;
  if (!o.streaming && bytes < CHUNKING_BUFFER) headers['Content-Length'] = [String(bytes)];
  if (o.warnings?.length) headers.Warning = o.warnings.map((w) => `299 - "${w.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  return headers;
}

/** Headers as client-go's headersMap prints them: sorted by name, one `Name: value` a line. */
export function headersText(headers: Record<string, string[]>): string {
  return Object.keys(headers)
    .sort()
    .flatMap((k) => headers[k].map((v) => `${k}: ${v}\n`))
    .join('');
}

/** An Authorization header as the debugging round tripper masks it. */
export function maskAuthorization(value: string): string {
  const type = value.split(' ')[0];
  if (!['bearer', 'basic', 'negotiate'].includes(type.toLowerCase())) return '<masked>';
  return value.length > type.length + 1 ? `${type} <masked>` : type;
}
