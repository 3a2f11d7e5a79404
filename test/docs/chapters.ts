/**
 * Reading the chapters: where they are, their frontmatter, their headings and their fenced blocks.
 * Shared by the chapter, seed-topic, correction and runnable-block tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = resolve(repoRoot, '..', 'shared');
export const docsDir = join(repoRoot, 'content', 'docs');

/** The chapters in reading order; `sidebar.order` is the position in this list plus one. */
export const chapterSlugs = [
  'architecture',
  'resources',
  'prepare-machines',
  'install-kubeadm',
  'addons',
  'ha',
  'upgrade',
  'etcd-backup',
  'troubleshooting',
  'local-clusters',
  'cka-exam',
] as const;

export type Locale = 'en' | 'zh-cn';
export const locales: Locale[] = ['en', 'zh-cn'];

export function chapterPath(slug: string, locale: Locale): string {
  return locale === 'en' ? join(docsDir, `${slug}.mdx`) : join(docsDir, 'zh-cn', `${slug}.mdx`);
}

export function chapterExists(slug: string, locale: Locale): boolean {
  return existsSync(chapterPath(slug, locale));
}

export function readChapter(slug: string, locale: Locale): string {
  return readFileSync(chapterPath(slug, locale), 'utf8');
}

export interface Frontmatter {
  title?: unknown;
  description?: unknown;
  sidebar?: { order?: unknown };
  sim?: { scenario?: unknown; lab?: unknown; host?: unknown };
  [key: string]: unknown;
}

/** Splits `---` frontmatter from the body. */
export function splitFrontmatter(source: string): { frontmatter: Frontmatter; body: string; bodyStartLine: number } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) return { frontmatter: {}, body: source, bodyStartLine: 1 };
  const frontmatter = (parseYaml(match[1]) ?? {}) as Frontmatter;
  return { frontmatter, body: source.slice(match[0].length), bodyStartLine: match[0].split('\n').length };
}

export interface FencedBlock {
  /** First word of the info string: bash, text, console, yaml… ('' when absent). */
  lang: string;
  code: string;
  /** 1-based line of the opening fence in the file. */
  line: number;
}

export interface Heading {
  depth: number;
  text: string;
  line: number;
}

/** Walks the body once, separating fenced blocks from the prose so `#` comments in code are not headings. */
export function scanMarkdown(source: string): { headings: Heading[]; blocks: FencedBlock[] } {
  const lines = source.split('\n');
  const headings: Heading[] = [];
  const blocks: FencedBlock[] = [];
  let open: { fence: string; lang: string; line: number; body: string[] } | null = null;
  lines.forEach((line, index) => {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
    if (open) {
      if (fence && fence[2][0] === open.fence[0] && fence[2].length >= open.fence.length && line.trim() === fence[2]) {
        blocks.push({ lang: open.lang, code: open.body.join('\n'), line: open.line });
        open = null;
      } else {
        open.body.push(line);
      }
      return;
    }
    if (fence) {
      open = { fence: fence[2], lang: fence[3].toLowerCase(), line: index + 1, body: [] };
      return;
    }
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) headings.push({ depth: heading[1].length, text: heading[2], line: index + 1 });
  });
  return { headings, blocks };
}

/**
 * The id Starlight gives a heading (github-slugger rules for the characters our headings use):
 * lower case, inline-code backticks and punctuation dropped, spaces turned into hyphens.
 */
export function headingId(text: string): string {
  return text
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Heading ids of a chapter, with github-slugger's "-1", "-2" suffixes for repeats. */
export function headingIds(headings: Heading[]): Set<string> {
  const seen = new Map<string, number>();
  const ids = new Set<string>();
  for (const heading of headings) {
    const base = headingId(heading.text);
    const count = seen.get(base) ?? 0;
    ids.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return ids;
}
