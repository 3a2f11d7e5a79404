/**
 * The chapter map: the order in which a learner reads the course. The sidebar, the home page and
 * the tests all read it from here, so the order lives in one place.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CHAPTER_SLUGS = [
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

export type ChapterSlug = (typeof CHAPTER_SLUGS)[number];

/** Where chapters live, relative to the project root (English at the root, zh-cn/ mirrored). */
export const DOCS_DIR = 'content/docs';

/**
 * The chapters that exist on disk, in reading order. Chapters are written in parallel with the
 * site, and Starlight fails the build on a sidebar entry without a page, so the sidebar lists only
 * what is there.
 */
export function existingChapters(root: string): ChapterSlug[] {
  return CHAPTER_SLUGS.filter((slug) =>
    ['mdx', 'md'].some((ext) => existsSync(join(root, DOCS_DIR, `${slug}.${ext}`))),
  );
}
