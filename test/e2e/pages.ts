/** The pages of the built site that the browser tests visit, in both locales. */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DIST } from './browser';

/** URL paths of every built HTML page ('/', '/architecture/', '/zh-cn/labs/', '/404.html'). */
export function builtPages(dist: string = DIST): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === '_astro' || entry.name === 'pagefind') continue;
        walk(path);
      } else if (entry.name.endsWith('.html')) {
        const rel = '/' + relative(dist, path).replace(/\\/g, '/');
        out.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  if (existsSync(dist)) walk(dist);
  return out.sort();
}

/** The chapter used for layout tests: the first chapter with a terminal that exists. */
export const CHAPTER = '/architecture/';
export const CHAPTER_ZH = '/zh-cn/architecture/';
