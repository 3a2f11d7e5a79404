/** Astro integration: after the build, give every HTML page its CSP meta tag (see csp.ts). */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { injectCsp } from './csp';

function* htmlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith('.html')) yield path;
  }
}

export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: 'cka-lab:csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        let count = 0;
        for (const file of htmlFiles(fileURLToPath(dir))) {
          const html = readFileSync(file, 'utf8');
          const withCsp = injectCsp(html);
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
