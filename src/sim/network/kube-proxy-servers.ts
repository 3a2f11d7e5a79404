/**
 * kube-proxy's own HTTP servers on its node (cmd/kube-proxy/app/server.go, pkg/proxy/healthcheck):
 * - the metrics server (metricsBindAddress, 127.0.0.1:10249 by default): `/proxyMode` answers the
 *   mode it runs in (`iptables`, `ipvs`, `nftables`), `/healthz` answers `ok`;
 * - the health server (healthzBindAddress, 0.0.0.0:10256, what load balancers probe): `/healthz`
 *   and `/livez` answer JSON with Go's time.Time strings, `nodeEligible` false when the Node is
 *   being deleted or carries the cluster autoscaler's ToBeDeletedByClusterAutoscaler taint
 *   (then /healthz answers 503).
 * Any other path is Go's ServeMux `404 page not found`.
 */
import type { HttpResponse } from './responses';
import { goAnswer } from './component-responses';

export interface KubeProxyFacts {
  mode: string;
  /** When the kube-proxy process started, and now (ms since the epoch, simulated). */
  startedAt: number;
  now: number;
  /** Its proxier's last sync (what /healthz reports when the node is not eligible). */
  lastSyncAt: number;
  nodeEligible: boolean;
}

const TEXT = 'text/plain; charset=utf-8';

/** Its handlers set Content-Type and X-Content-Type-Options. */
const answer = (status: number, body: string, type: string, date: string): HttpResponse => goAnswer(status, body, date, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });

const notFound = (date: string) => answer(404, '404 page not found\n', TEXT, date);

/**
 * A time.Time as Go's String() prints it for a process started at `startedAt`: wall clock in UTC
 * with trailing zeros of the nanoseconds dropped, then the monotonic reading since the process
 * started (`m=+12.345678901`). The simulated clock counts milliseconds; the digits below them are
 * filled steadily from the instant so that two readings differ as real ones do.
 */
export function goTimeString(at: number, startedAt: number): string {
  const d = new Date(at);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const subMs = (Math.imul(at, 2654435761) >>> 0) % 1_000_000;
  const nanos = (at % 1000) * 1_000_000 + subMs;
  const frac = nanos ? `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}` : '';
  const mono = Math.max(0, at - startedAt) * 1_000_000 + subMs;
  const monoText = `${Math.floor(mono / 1e9)}.${String(mono % 1e9).padStart(9, '0')}`;
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${frac} +0000 UTC m=+${monoText}`;
}

/** The metrics server's answer (127.0.0.1:10249). */
export function kubeProxyMetricsAnswer(path: string, facts: KubeProxyFacts, date: string): HttpResponse {
  const clean = path.split('?')[0] || '/';
  if (clean === '/proxyMode') return answer(200, facts.mode, TEXT, date);
  if (clean === '/healthz') return answer(200, 'ok', TEXT, date);
  return notFound(date);
}

/** The health server's answer (port 10256). A synced proxier reports lastUpdated as the current time. */
export function kubeProxyHealthAnswer(path: string, facts: KubeProxyFacts, date: string): HttpResponse {
  const clean = path.split('?')[0] || '/';
  const now = JSON.stringify(goTimeString(facts.now, facts.startedAt));
  if (clean === '/healthz') {
    const ok = facts.nodeEligible;
    const last = ok ? now : JSON.stringify(goTimeString(facts.lastSyncAt, facts.startedAt));
    return answer(ok ? 200 : 503, `{"lastUpdated": ${last},"currentTime": ${now}, "nodeEligible": ${facts.nodeEligible}}`, 'application/json', date);
  }
  if (clean === '/livez') return answer(200, `{"lastUpdated": ${now},"currentTime": ${now}}`, 'application/json', date);
  return notFound(date);
}
