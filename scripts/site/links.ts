/**
 * Link checker over the built site (dist/): every internal link, script, stylesheet and image of
 * every page must reach a file of the build, and a link's #fragment must name an element of the
 * page it points to. External links (another origin, mailto:) are not followed: the site must
 * work offline, and the pages' text names them only as references.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

export interface BrokenLink {
  page: string;
  url: string;
  reason: 'missing' | 'fragment';
}

const ATTR = /<(a|link|script|img|source|iframe)\b[^>]*?\s(href|src)="([^"]*)"/g;
const ID = /\sid="([^"]+)"/g;

function* htmlPages(dir: string, root = dir): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlPages(path, root);
    else if (entry.name.endsWith('.html')) yield relative(root, path).split('\\').join('/');
  }
}

function decodeEntities(url: string): string {
  return url.replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"');
}

/** The file of the build a path names (a directory means its index.html), or undefined. */
export function resolveTarget(dist: string, path: string): string | undefined {
  const clean = decodeURIComponent(path).replace(/^\/+/, '');
  const candidates = clean === '' || clean.endsWith('/') ? [`${clean}index.html`] : [clean, `${clean}/index.html`, `${clean}.html`];
  for (const c of candidates) {
    const full = join(dist, c);
    if (existsSync(full) && statSync(full).isFile()) return c;
  }
  return undefined;
}

/** Every broken internal link of the built site under `dist`. */
export function checkLinks(dist: string): { pages: number; links: number; broken: BrokenLink[] } {
  const ids = new Map<string, Set<string>>();
  const idsOf = (page: string) => {
    let set = ids.get(page);
    if (!set) {
      set = new Set([...readFileSync(join(dist, page), 'utf8').matchAll(ID)].map((m) => m[1]));
      ids.set(page, set);
    }
    return set;
  };
  const broken: BrokenLink[] = [];
  let pages = 0;
  let links = 0;
  for (const page of htmlPages(dist)) {
    pages++;
    const html = readFileSync(join(dist, page), 'utf8');
    const here = posix.dirname(`/${page}`);
    for (const [, , , raw] of html.matchAll(ATTR)) {
      const url = decodeEntities(raw);
      if (url === '' || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) continue; // another origin, mailto:, data:
      links++;
      const [pathAndQuery, fragment] = url.split('#', 2);
      const path = pathAndQuery.split('?')[0];
      const target = path === '' ? page : resolveTarget(dist, path.startsWith('/') ? path : posix.join(here, path));
      if (!target) {
        broken.push({ page, url, reason: 'missing' });
        continue;
      }
      if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) broken.push({ page, url, reason: 'fragment' });
    }
  }
  return { pages, links, broken };
}
