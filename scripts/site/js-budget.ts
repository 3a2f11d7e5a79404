/**
 * How much JavaScript a built page makes the browser load before anything is opened: the page's
 * module scripts, their static imports (recursively), module preloads and inline scripts. Dynamic
 * import() targets (Pagefind's UI, the terminal) are excluded: they load on demand. Sizes are
 * gzipped, as a static host would serve them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { inlineScripts } from './csp';

export interface JsBudget {
  /** dist-relative paths of the JS files loaded up front. */
  files: string[];
  inlineScripts: number;
  rawBytes: number;
  gzipBytes: number;
}

const SCRIPT_SRC_RE = /<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g;
const PRELOAD_RE = /<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"[^>]*>/g;
// Static `import … from "x"`, bare `import "x"` and `export … from "x"`; not `import("x")`.
const STATIC_IMPORT_RE = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;

/** The static import specifiers of a JS module (relative or root-absolute only). */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const match of code.matchAll(STATIC_IMPORT_RE)) {
    const spec = match[1];
    if (spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/')) out.push(spec);
  }
  return out;
}

function resolveSpec(dist: string, fromFile: string | undefined, spec: string): string {
  if (spec.startsWith('/')) return normalize(spec.slice(1));
  return normalize(join(fromFile ? dirname(fromFile) : '', spec));
}

export function measurePageJs(dist: string, pagePath: string): JsBudget {
  const html = readFileSync(join(dist, pagePath), 'utf8');
  const queue: string[] = [];
  for (const re of [SCRIPT_SRC_RE, PRELOAD_RE]) {
    for (const match of html.matchAll(re)) {
      const src = match[1];
      if (/^(https?:)?\/\//.test(src)) continue;
      queue.push(resolveSpec(dist, undefined, src.startsWith('/') ? src : join(dirname(pagePath), src)));
    }
  }
  const inline = inlineScripts(html);
  for (const body of inline) for (const spec of staticImports(body)) queue.push(resolveSpec(dist, undefined, spec));

  const seen = new Set<string>();
  const chunks: Buffer[] = [];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const abs = join(dist, file);
    if (!existsSync(abs)) continue;
    const code = readFileSync(abs);
    chunks.push(code);
    for (const spec of staticImports(code.toString('utf8'))) queue.push(resolveSpec(dist, file, spec));
  }
  const inlineBuffers = inline.map((body) => Buffer.from(body, 'utf8'));
  const all = [...chunks, ...inlineBuffers];
  return {
    files: [...seen].filter((f) => existsSync(join(dist, f))).sort(),
    inlineScripts: inline.length,
    rawBytes: all.reduce((n, b) => n + b.length, 0),
    // Each file is compressed on its own, as it is served.
    gzipBytes: all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
  };
}
