/**
 * The metrics-server container as a process: what it logs and how its health endpoints answer.
 * /livez is healthy once serving; /readyz (metric-storage-ready) only after two successful
 * scrapes, i.e. one --metric-resolution after start, and never when every scrape fails because
 * the kubelets' self-signed serving certificates are refused (no --kubelet-insecure-tls).
 */
export const SECURE_PORT = 10250;

export interface MetricsServerBehaviour {
  ports: number[];
  startLogs: { offsetMs: number; line: string }[];
  loop?: { startMs: number; periodMs: number; lines: { offsetMs: number; line: string }[] };
  /** Path → ms after start from which it answers 200 (Infinity: always 500). */
  httpPaths: Record<string, number>;
}

/** Placeholders the kubelet's log reader expands (klog timestamp; one line per node that fails a scrape). */
export const KLOG_TIME = '{klog}';
export const SCRAPE_ERRORS = '{metrics-server-scrape-errors}';
export const SCRAPE_ERRORS_INSECURE = '{metrics-server-scrape-errors-insecure}';

function flagValue(argv: string[], name: string): string | undefined {
  const a = argv.find((x) => x === `--${name}` || x.startsWith(`--${name}=`));
  if (a === undefined) return undefined;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : 'true';
}

export function metricsServerBehaviour(argv: string[]): MetricsServerBehaviour {
  const insecure = (flagValue(argv, 'kubelet-insecure-tls') ?? 'false') !== 'false';
  const port = Number(flagValue(argv, 'secure-port') ?? SECURE_PORT) || SECURE_PORT;
  const res = /^(\d+)s$/.exec(flagValue(argv, 'metric-resolution') ?? '15s');
  const resolutionMs = res ? Number(res[1]) * 1000 : 15_000;
  const klog = (level: string, src: string, msg: string) => `${level}${KLOG_TIME}       1 ${src}] ${msg}`;
  const startLogs = [
    { offsetMs: 310, line: klog('I', 'serving.go:374', 'Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)') },
    { offsetMs: 820, line: klog('I', 'handler.go:275', 'Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager') },
    { offsetMs: 930, line: klog('I', 'requestheader_controller.go:172', 'Starting RequestHeaderAuthRequestController') },
    { offsetMs: 930, line: klog('I', 'shared_informer.go:313', 'Waiting for caches to sync for RequestHeaderAuthRequestController') },
    { offsetMs: 931, line: klog('I', 'configmap_cafile_content.go:205', '"Starting controller" name="client-ca::kube-system::extension-apiserver-authentication::client-ca-file"') },
    { offsetMs: 932, line: klog('I', 'dynamic_serving_content.go:135', `"Starting controller" name="serving-cert::/tmp/apiserver.crt::/tmp/apiserver.key"`) },
    { offsetMs: 933, line: klog('I', 'secure_serving.go:213', `Serving securely on [::]:${port}`) },
    { offsetMs: 933, line: klog('I', 'tlsconfig.go:243', '"Starting DynamicServingCertificateController"') },
    { offsetMs: 1040, line: klog('I', 'shared_informer.go:320', 'Caches are synced for RequestHeaderAuthRequestController') },
  ];
  return {
    ports: [port],
    startLogs,
    // The scraper ticks at start and every resolution: with verification on every node fails; without
    // it only the nodes whose kubelet does not answer.
    loop: { startMs: 1100, periodMs: resolutionMs, lines: [{ offsetMs: 0, line: insecure ? SCRAPE_ERRORS_INSECURE : SCRAPE_ERRORS }] },
    httpPaths: { '/livez': 0, '/readyz': insecure ? resolutionMs : Infinity },
  };
}

/** klog's header timestamp: MMDD HH:MM:SS.uuuuuu (UTC). */
export function klogTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}${p((ms * 7) % 1000, 3)}`;
}

/** A scrape target: a node, its InternalIP, and whether its kubelet answers (node Ready). */
export interface ScrapeTarget {
  name: string;
  ip: string;
  ready?: boolean;
}

function scrapeError(n: ScrapeTarget, at: number, err: string): string {
  return `E${klogTime(at)}       1 scraper.go:149] "Failed to scrape node" err="Get \\"https://${n.ip}:10250/metrics/resource\\": ${err}" node="${n.name}"`;
}

/**
 * The lines one scrape writes: for each node it could not scrape, the error (a kubelet that does
 * not answer refuses the connection; one that answers fails certificate verification unless
 * --kubelet-insecure-tls). Empty when every node was scraped.
 */
export function scrapeErrorLines(nodes: ScrapeTarget[], at: number, insecure = false): string {
  const lines: string[] = [];
  for (const n of nodes) {
    if (n.ready === false) lines.push(scrapeError(n, at, `dial tcp ${n.ip}:10250: connect: connection refused`));
    else if (!insecure) lines.push(scrapeError(n, at, `tls: failed to verify certificate: x509: cannot validate certificate for ${n.ip} because it doesn't contain any IP SANs`));
  }
  return lines.join('\n');
}

/** Expand the placeholders of a metrics-server log line written at `at` ('' when nothing was logged). */
export function expandMetricsServerLine(line: string, at: number, nodes: () => ScrapeTarget[]): string {
  if (line === SCRAPE_ERRORS) return scrapeErrorLines(nodes(), at, false);
  if (line === SCRAPE_ERRORS_INSECURE) return scrapeErrorLines(nodes(), at, true);
  return line.includes(KLOG_TIME) ? line.replace(KLOG_TIME, klogTime(at)) : line;
}
