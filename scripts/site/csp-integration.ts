/** Astro integration: after the build, give every HTML page its CSP meta tag (see csp.ts). */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { injectCsp } from './csp';
import { fillEarlyChunks, findEarlyChunks } from './early-worker-url';

function* htmlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith('.html')) yield path;
  }
}

export function contentSecurityPolicy(): AstroIntegration {
  let base = '/';
  let assets = '_astro';
  return {
    name: 'cka-lab:csp',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        assets = config.build.assets;
      },
      'astro:build:done': ({ dir, logger }) => {
        let count = 0;
        const root = fileURLToPath(dir);
        // The chapters' early script learns the worker's URL first: the CSP hashes what it sees.
        const early = findEarlyChunks(root, base, assets);
        if (early.size < 2) logger.warn('terminal chunks not found: chapters start their terminal late');
        for (const file of htmlFiles(root)) {
          const html = readFileSync(file, 'utf8');
          const withCsp = injectCsp(fillEarlyChunks(html, early));
          if (withCsp !== html) {
            writeFileSync(file, withCsp);
            count++;
          }
        }
        logger.info(`Content-Security-Policy added to ${count} pages`);
      },
    },
  };
}
