/**
 * Checks on the built site (dist/), shared by test/site/build-html.test.ts (skipped before a build)
 * and test/e2e/build-html.test.ts (run after `npm run build`). They prove that Starlight reads the
 * top-level content/docs/ with its Markdown features intact, and that every page carries a CSP
 * that allows exactly its own inline scripts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_META_MARK, inlineScripts, scriptHash } from '../../scripts/site/csp';
import { CHAPTER_SLUGS } from '../../scripts/site/chapters';
import { checkLinks } from '../../scripts/site/links';

export const ROOT = process.cwd();
export const DIST = join(ROOT, 'dist');
const DOCS = join(ROOT, 'content', 'docs');

export function distBuilt(): boolean {
  return existsSync(join(DIST, 'index.html'));
}

/** True when dist/ was built after the last change to content/docs (a stale build would mislead). */
export function distFresh(): boolean {
  if (!distBuilt()) return false;
  const builtAt = statSync(join(DIST, 'index.html')).mtimeMs;
  const docs = walk(DOCS, '.mdx').concat(walk(DOCS, '.md'));
  return docs.every((doc) => statSync(doc).mtimeMs <= builtAt);
}

function walk(dir: string, ext: string, skip: string[] = []): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, ext, skip));
    else if (entry.name.endsWith(ext)) out.push(path);
  }
  return out;
}

const read = (path: string) => readFileSync(join(DIST, path), 'utf8');

/** dist path of the page built from a content file ('zh-cn/labs.mdx' → 'zh-cn/labs/index.html'). */
export function pageForDoc(rel: string): string {
  const slug = rel.replace(/\.(mdx?|markdown)$/, '');
  if (slug === 'index') return 'index.html';
  if (slug.endsWith('/index')) return `${slug.slice(0, -'index'.length)}index.html`;
  return `${slug}/index.html`;
}

export function defineBuildHtmlChecks(): void {
  const pages = walk(DIST, '.html', ['_astro', 'pagefind']).map((p) => relative(DIST, p));

  describe('content from content/docs', () => {
    it('builds a page for every chapter file in both locales', () => {
      const docs = walk(DOCS, '.mdx').concat(walk(DOCS, '.md')).map((p) => relative(DOCS, p).replace(/\\/g, '/'));
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) {
        if (doc.split('/').pop()!.startsWith('_')) continue;
        expect(pages, doc).toContain(pageForDoc(doc));
      }
    });

    it('sets <html lang> from the locale', () => {
      for (const page of pages) {
        const lang = /<html[^>]*\blang="([^"]+)"/.exec(read(page))?.[1];
        expect(lang, page).toBe(page.startsWith('zh-cn/') ? 'zh-CN' : 'en');
      }
    });

    it('titles every page with the site name in its language', () => {
      for (const page of pages) {
        const title = /<title>([^<]+)<\/title>/.exec(read(page))?.[1] ?? '';
        if (page === '404.html') expect(title).toMatch(/Page not found/);
        else expect(title, page).toMatch(page.startsWith('zh-cn/') ? /CKA 实验室$/ : /CKA Lab$/);
      }
    });

    it('keeps asides working, with titles in the page language', () => {
      expect(read('labs/index.html')).toMatch(/<aside aria-label="Note" class="starlight-aside starlight-aside--note"/);
      expect(read('zh-cn/labs/index.html')).toMatch(/<aside aria-label="注意" class="starlight-aside starlight-aside--note"/);
    });

    it('renders code blocks with Expressive Code and a copy button in the page language', () => {
      const en = read('labs/index.html');
      const zh = read('zh-cn/labs/index.html');
      expect(en).toContain('class="expressive-code"');
      expect(en).toMatch(/<button title="Copy to clipboard" data-copied="Copied!" data-code="npm run --silent sim/);
      expect(zh).toMatch(/<button title="复制到剪贴板" data-copied="已复制！" data-code="npm run --silent sim/);
      expect(en).toMatch(/<script type="module" src="\/_astro\/ec\.[\w-]+\.js"><\/script>/);
    });

    it('renders tabs and steps from Starlight components imported in MDX', () => {
      for (const page of ['labs/index.html', 'zh-cn/labs/index.html']) {
        const html = read(page);
        expect(html, page).toContain('<starlight-tabs');
        expect(html, page).toContain('role="tablist"');
        expect(html, page).toMatch(/<ol[^>]*class="sl-steps"/);
      }
    });

    it('leaves no unparsed **emphasis** in the prose', () => {
      for (const page of pages) {
        const prose = read(page)
          .replace(/<(script|style|pre|code)\b[\s\S]*?<\/\1>/g, ' ')
          .replace(/<[^>]+>/g, ' ');
        const at = prose.indexOf('**');
        expect(at < 0 ? '' : prose.slice(Math.max(0, at - 40), at + 40), page).toBe('');
      }
    });

    it('renders our own components imported in MDX', () => {
      expect(read('index.html')).toContain('class="cka-chapter-map');
      expect(read('zh-cn/index.html')).toContain('class="cka-chapter-map');
      expect(read('labs/index.html')).toMatch(/data-cka-labs(-empty)?/);
    });

    it('lists the chapters in the sidebar in reading order', () => {
      const html = read('labs/index.html');
      const sidebar = html.slice(html.indexOf('id="starlight__sidebar"'));
      const positions = CHAPTER_SLUGS.map((slug) => sidebar.indexOf(`href="/${slug}/"`)).filter((i) => i >= 0);
      expect(positions.length).toBeGreaterThan(0);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    it('lays out chapters with a terminal as text beside the pane', () => {
      const html = read('architecture/index.html');
      expect(html).toContain('data-cka-split');
      expect(html).toMatch(/role="separator"[^>]*aria-orientation="vertical"|aria-orientation="vertical"[^>]*role="separator"/);
      expect(html).toContain('data-cka-pane');
      // The terminal component (src/components/terminal/TerminalPane.astro) is mounted in the pane.
      expect(html).toMatch(/<div class="cka-pane__body">\s*<[a-z]/);
      // No table of contents column on chapters with a terminal: the pane takes that side.
      expect(html).not.toContain('class="right-sidebar-container');
      // Pages without a terminal keep Starlight's layout.
      expect(read('labs/index.html')).not.toContain('data-cka-split');
      expect(read('labs/index.html')).toContain('class="right-sidebar-container');
    });

    it('starts the terminal early from a script before the text, naming the built chunks', () => {
      for (const page of ['architecture/index.html', 'zh-cn/upgrade/index.html']) {
        const html = read(page);
        const script = /<script data-cka-early-worker([^>]*)>/.exec(html);
        expect(script, page).not.toBeNull();
        // Before the chapter's text, so it runs while the text is still being parsed.
        expect(html.indexOf('data-cka-early-worker')).toBeLessThan(html.indexOf('class="cka-split__text"'));
        const url = /data-url="([^"]*)"/.exec(script![1])?.[1] ?? '';
        const mount = /data-mount="([^"]*)"/.exec(script![1])?.[1] ?? '';
        expect(url).toMatch(/^\/_astro\/shell-worker-[\w-]+\.js$/);
        expect(mount).toMatch(/^\/_astro\/mount\.[\w-]+\.js$/);
        expect(existsSync(join(DIST, url)), url).toBe(true);
        expect(existsSync(join(DIST, mount)), mount).toBe(true);
        // The same worker the pane's own script would start (the adopted worker is that one).
        const paneScript = readdirSync(join(DIST, '_astro')).filter((f) => f.startsWith('TerminalPane') || f.startsWith('start-worker'));
        expect(paneScript.some((f) => read(`_astro/${f}`).includes(url.split('/').pop()!)), 'pane script names the same worker chunk').toBe(true);
      }
    });

    it('builds the search index (Pagefind) locally', () => {
      expect(existsSync(join(DIST, 'pagefind', 'pagefind.js'))).toBe(true);
    });
  });

  describe('security and offline', () => {
    it('gives every page a CSP meta tag before any script, hashing exactly its inline scripts', () => {
      for (const page of pages) {
        const html = read(page);
        const meta = html.indexOf(CSP_META_MARK);
        expect(meta, page).toBeGreaterThan(0);
        const firstScript = html.indexOf('<script');
        if (firstScript >= 0) expect(meta, page).toBeLessThan(firstScript);
        const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
        expect(policy).not.toContain("'unsafe-eval'");
        expect(/script-src ([^;]+)/.exec(policy)![1]).not.toContain("'unsafe-inline'");
        for (const body of inlineScripts(html)) expect(policy, page).toContain(scriptHash(body));
      }
    });

    it('has no inline event handlers and no javascript: URLs', () => {
      for (const page of pages) {
        const html = read(page);
        for (const tag of html.match(/<[a-zA-Z][\w-]*(?:\s[^<>]*)?>/g) ?? []) {
          expect(tag, page).not.toMatch(/\son[a-z]+\s*=/i);
          expect(tag, page).not.toMatch(/(href|src|action)\s*=\s*["']?\s*javascript:/i);
        }
      }
    });

    it('has no broken internal link, asset or #fragment on any page (link checker)', () => {
      const { pages: checked, links, broken } = checkLinks(DIST);
      expect(checked).toBe(pages.length + walk(join(DIST, '_astro'), '.html').length + walk(join(DIST, 'pagefind'), '.html').length);
      expect(links).toBeGreaterThan(checked * 10);
      expect(broken).toEqual([]);
    });

    it('loads nothing from another origin (no web fonts, no CDN)', () => {
      for (const page of pages) {
        const html = read(page);
        for (const tag of html.match(/<(script|link|img|iframe|source)\b[^>]*>/g) ?? []) {
          if (/rel="(canonical|alternate|sitemap)"/.test(tag)) continue;
          expect(tag, page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
        }
      }
      for (const css of walk(join(DIST, '_astro'), '.css')) {
        expect(readFileSync(css, 'utf8'), css).not.toMatch(/@import\s+url\(["']?https?:|url\(["']?https?:/);
      }
    });
  });
}
