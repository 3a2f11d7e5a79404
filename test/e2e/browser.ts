/**
 * Shared helpers for the browser tests: serve the built site (dist/) on 127.0.0.1 with a tiny static
 * server, drive Debian's Chromium (/usr/bin/chromium) through playwright-core — never a downloaded
 * browser — and collect what a page reports (console errors, uncaught exceptions, CSP violations).
 *
 *   const site = await startSite();            // { origin, url(path), close() }
 *   const browser = await launchBrowser();
 *   const { page, problems } = await newPage(browser, { width: 1400, height: 900 });
 *   await page.goto(site.url('/architecture/'));
 *   expect(problems()).toEqual([]);
 *   await screenshot(page, 'architecture-1400');
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const CHROMIUM = '/usr/bin/chromium';

/** True when the site has been built (npm run build); the e2e suite needs it. */
export function distExists(): boolean {
  return existsSync(join(DIST, 'index.html'));
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  // Pagefind's index fragments and metadata are binary.
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export function mimeType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file that a static host would serve for a URL path: the file itself, or index.html for a
 * directory (with or without a trailing slash). Undefined when there is none or the path escapes
 * the root.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  for (const path of [candidate, join(candidate, 'index.html'), candidate + '.html']) {
    try {
      if (statSync(path).isFile()) return path;
    } catch {
      /* try the next candidate */
    }
  }
  return undefined;
}

export interface Site {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Serves `root` (dist/ by default) on 127.0.0.1 at a random free port. Missing pages get 404.html. */
export async function startSite(root: string = DIST): Promise<Site> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = resolveStaticPath(root, req.url ?? '/');
    const status = path ? 200 : 404;
    const file = path ?? join(root, '404.html');
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(status, {
      'Content-Type': mimeType(file),
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path: string) => origin + (path.startsWith('/') ? path : '/' + path),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageProblem {
  kind: 'console' | 'pageerror' | 'csp' | 'requestfailed' | 'http';
  text: string;
}

export interface TestPage {
  page: Page;
  /** Console errors, uncaught exceptions, CSP violations and failed requests seen so far. */
  problems(): PageProblem[];
  /** Only the CSP violations. */
  cspViolations(): PageProblem[];
}

export interface NewPageOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  /** Runs before any page script, e.g. to seed localStorage. */
  initScript?: string;
  javaScriptEnabled?: boolean;
}

/**
 * A fresh page (own context: clean storage) that records problems. CSP violations are caught twice:
 * through the `securitypolicyviolation` DOM event and through Chromium's console message.
 */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'dark',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const problems: PageProblem[] = [];
  await page.exposeFunction('__ckaReportCsp', (text: string) => problems.push({ kind: 'csp', text }));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __ckaReportCsp?: (t: string) => void }).__ckaReportCsp;
      report?.(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  if (options.initScript) await page.addInitScript(options.initScript);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // Reported with its URL by the response listener below.
    if (text.startsWith('Failed to load resource: the server responded with a status')) return;
    problems.push({ kind: /Content Security Policy/i.test(text) ? 'csp' : 'console', text });
  });
  page.on('pageerror', (error) => problems.push({ kind: 'pageerror', text: String(error.stack ?? error) }));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      const nav = response.request().isNavigationRequest() ? ' (page)' : '';
      problems.push({ kind: 'http', text: `${response.status()} ${response.url()}${nav}` });
    }
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    if (failure === 'net::ERR_ABORTED') return; // navigation away or cancelled fetches
    problems.push({ kind: 'requestfailed', text: `${request.url()} ${failure}` });
  });
  return {
    page,
    problems: () => [...problems],
    cspViolations: () => problems.filter((p) => p.kind === 'csp'),
  };
}

/** Saves a full-page PNG to test-artifacts/<name>.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Runs axe-core (from node_modules) in the page and returns its violations. */
export async function runAxe(page: Page, impacts: string[] = ['serious', 'critical']) {
  const source = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: an injected <script> would be refused by our CSP.
  await page.evaluate(source);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  const violations = (results as { violations: AxeViolation[] }).violations;
  return violations.filter((v) => impacts.includes(v.impact ?? ''));
}

export interface AxeViolation {
  id: string;
  impact?: string;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/** A short human-readable summary of axe violations for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}`).join('\n'))
    .join('\n');
}

/**
 * One site server and one Chromium for a describe block: started before its tests, closed after.
 * The callback hands them to the block's own variables.
 */
export function useSiteAndBrowser(onReady: (site: Site, browser: Browser) => void): void {
  let site: Site | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await startSite();
    browser = await launchBrowser();
    onReady(site, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
}
