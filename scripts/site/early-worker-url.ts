/**
 * Writes the terminal worker's hashed URL into the chapter pages' early-start script
 * (src/terminal/page/early-worker.ts). Vite names the worker chunk only during the client build,
 * so the pages carry a placeholder until the build is done.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MOUNT_URL_PLACEHOLDER, WORKER_URL_PLACEHOLDER } from '../../src/terminal/page/early-worker';

const CHUNKS = [
  { placeholder: WORKER_URL_PLACEHOLDER, file: /^shell-worker-[\w-]+\.js$/ },
  { placeholder: MOUNT_URL_PLACEHOLDER, file: /^mount\.[\w-]+\.js$/ },
];

/** Placeholder → URL of the built chunks under `dir` (the build's output); a chunk not found is left out. */
export function findEarlyChunks(dir: string, base = '/', assets = '_astro'): Map<string, string> {
  const urls = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(join(dir, assets));
  } catch {
    return urls;
  }
  for (const { placeholder, file } of CHUNKS) {
    const found = names.filter((n) => file.test(n));
    if (found.length === 1) urls.set(placeholder, `${base.replace(/\/?$/, '/')}${assets}/${found[0]}`);
  }
  return urls;
}

/** The page with the placeholders replaced (attribute values only; the script body stays constant). */
export function fillEarlyChunks(html: string, urls: Map<string, string>): string {
  let out = html;
  for (const [placeholder, url] of urls) out = out.split(`"${placeholder}"`).join(`"${url}"`);
  return out;
}
