/**
 * Load that clients put on Services: a container looping over `wget`/`curl` of a URL (the HPA
 * walkthrough's `while sleep 0.01; do wget -q -O- http://php-apache; done`) sends requests at the
 * pace of its loop; kube-proxy spreads them evenly over the ready endpoints, and each request
 * costs the serving pod some CPU, depending on what it serves.
 */
import { normalizeImage } from '../runtime/images';
import { scriptOf } from './profiles';

export interface LoadClient {
  /** Namespace of the client pod (short Service names resolve there). */
  namespace: string;
  /** Host part of the URL: a Service name, `svc.ns`, `svc.ns.svc.cluster.local`, or an IP. */
  host: string;
  requestsPerSecond: number;
}

/** Time one request takes on the wire and in the client when the server is quick. */
const REQUEST_OVERHEAD_S = 0.005;

function secondsOf(arg: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 1;
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
}

/** The requests a container's command sends in a loop, if it is a load generator. */
export function loadClientOf(namespace: string, argv: string[]): LoadClient | undefined {
  const script = scriptOf(argv);
  const loop = /while\s+([^;]*?)\s*;\s*do\s+([\s\S]*?)\s*;?\s*done/.exec(script);
  if (!loop) return undefined;
  const url = /\b(?:wget|curl)\b[^;]*?\s(?:https?:\/\/)?([A-Za-z0-9][A-Za-z0-9.-]*)(?::\d+)?(?:\/\S*)?\s*(?:[;|&]|$)/.exec(loop[2]);
  if (!url) return undefined;
  let pause = 0;
  for (const m of `${loop[1]} ; ${loop[2]}`.matchAll(/\bsleep\s+(\S+)/g)) pause += secondsOf(m[1]);
  return { namespace, host: url[1].replace(/\.$/, ''), requestsPerSecond: 1 / (pause + REQUEST_OVERHEAD_S) };
}

/** CPU seconds one request costs the server, by image (php-apache computes square roots). */
const COST_PER_REQUEST_S: Record<string, number> = {
  'registry.k8s.io/hpa-example': 0.0098,
  'docker.io/library/nginx': 0.00005,
  'docker.io/library/httpd': 0.0001,
};
const DEFAULT_COST_S = 0.0002;

export function requestCostSeconds(image: string): number {
  return COST_PER_REQUEST_S[normalizeImage(image).repository] ?? DEFAULT_COST_S;
}

export interface LoadTarget {
  /** The pods that serve the host (ready endpoints of the Service), by key `ns/name`. */
  pods: { key: string; image: string }[];
}

/**
 * Extra CPU demand (millicores) per serving pod key: each client's requests are split evenly
 * over the ready endpoints behind the host it calls. Unresolvable hosts put no load anywhere.
 */
export function serviceLoad(clients: LoadClient[], resolve: (client: LoadClient) => LoadTarget | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of clients) {
    const target = resolve(c);
    if (!target || target.pods.length === 0) continue;
    const share = c.requestsPerSecond / target.pods.length;
    for (const p of target.pods) out.set(p.key, (out.get(p.key) ?? 0) + share * requestCostSeconds(p.image) * 1000);
  }
  return out;
}
