/**
 * The kubelet's HTTPS server on port 10250 (pkg/kubelet/server/server.go): the endpoints the API
 * server's nodes/proxy forwards to. /healthz (ping, log, syncloop), /pods, /stats/summary,
 * /metrics/resource, /configz (a debugging handler), /logs/ (enableSystemLogHandler); any other path
 * is Go's "404 page not found". Authentication and authorization of the kubelet's own clients
 * (webhook) are not simulated: the API server reaches it with its kubelet-client certificate, which
 * kubeadm's cluster-admins group lets through.
 */
import type { KubeletHttpResponse } from '../../apiserver/server';
import type { KubeObject } from '../../apiserver/types';
import type { FsView } from '../../machine';
import { configzBody } from './configz';
import { serveLogs, notFound } from './logs';
import { podListBody } from './pods';
import { resourceMetricsBody } from './resource-metrics';
import { summary, summaryBody, type SummaryInput } from './stats-summary';

type Obj = Record<string, unknown>;

/** What the server reads from its kubelet when a request comes in. */
export interface KubeletServerState {
  /** The configuration the process started with (configz.ts). */
  config: Obj;
  /** The machine's filesystem (/var/log). */
  fs: FsView;
  pods(): KubeObject[];
  /** CPU, memory and the pods' containers now (undefined while nothing is measured). */
  stats(): SummaryInput | undefined;
}

const text = (body: string, code = 200): KubeletHttpResponse => ({ code, contentType: 'text/plain; charset=utf-8', body });
const json = (body: string): KubeletHttpResponse => ({ code: 200, contentType: 'application/json', body });

const HEALTH_CHECKS = ['ping', 'log', 'syncloop'];

/** healthz.InstallHandler: "ok", or each check and the verdict with ?verbose; /healthz/<check> for one. */
function healthz(path: string, query: Record<string, string | undefined>): KubeletHttpResponse {
  if (path === 'healthz') {
    if (query.verbose === undefined) return text('ok');
    return text(`${HEALTH_CHECKS.map((c) => `[+]${c} ok`).join('\n')}\nhealthz check passed\n`);
  }
  return HEALTH_CHECKS.includes(path.slice('healthz/'.length)) ? text('ok') : notFound();
}

/** Answer one GET (path without its leading slash, query as parsed). */
export function serveKubelet(state: KubeletServerState, path: string, query: Record<string, string | undefined>): KubeletHttpResponse {
  const clean = path.replace(/^\/+/, '');
  if (clean === 'healthz' || clean.startsWith('healthz/')) return healthz(clean, query);
  if (clean === 'pods' || clean === 'pods/') return json(podListBody(state.pods()));
  if (clean === 'stats/summary' || clean === 'stats/summary/') {
    const input = state.stats();
    // handleError: go-restful's WriteErrorString, no newline.
    if (!input) return text('Internal Error: failed to get node info: node not found', 500);
    return json(summaryBody(input, query.only_cpu_and_memory === 'true'));
  }
  if (clean === 'metrics/resource') {
    const input = state.stats();
    const body = input ? resourceMetricsBody(summary(input, true)) : '# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise\n# TYPE resource_scrape_error gauge\nresource_scrape_error 1\n';
    return { code: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8', body };
  }
  if (clean === 'configz' && state.config.enableDebuggingHandlers !== false) return json(configzBody(state.config));
  if (clean === 'logs' || clean.startsWith('logs/')) {
    if (state.config.enableSystemLogHandler === false) return text('logs endpoint is disabled.\n', 405);
    return serveLogs(state.fs, clean);
  }
  return notFound();
}
