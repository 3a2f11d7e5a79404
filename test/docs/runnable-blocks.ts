/**
 * The commands a learner runs in each chapter, in order, with the world they run in.
 * The doc test that replays them through the simulator builds on `loadRunnableChapters()`.
 *
 * Convention (see the chapters): ```bash blocks are commands for the chapter's terminal, one command
 * per line or heredocs, no prompts; ```text / ```console blocks are output or must-not-run examples.
 */
import { chapterExists, chapterPath, chapterSlugs, readChapter, scanMarkdown, splitFrontmatter, type Locale } from './chapters';

export interface RunnableChapter {
  chapter: string;
  locale: Locale;
  file: string;
  scenario: string;
  host?: string;
  lab?: string;
  /** The bash blocks in document order, each as the learner would paste it. */
  blocks: string[];
}

export const runnableLangs = new Set(['bash', 'sh', 'shell']);

export function extractRunnableBlocks(source: string, chapter: string, locale: Locale, file = ''): RunnableChapter {
  const { frontmatter, body } = splitFrontmatter(source);
  const sim = frontmatter.sim ?? {};
  const { blocks } = scanMarkdown(body);
  return {
    chapter,
    locale,
    file,
    scenario: typeof sim.scenario === 'string' ? sim.scenario : '',
    ...(typeof sim.host === 'string' ? { host: sim.host } : {}),
    ...(typeof sim.lab === 'string' ? { lab: sim.lab } : {}),
    blocks: blocks.filter((block) => runnableLangs.has(block.lang)).map((block) => block.code),
  };
}

/** Every chapter that exists, in reading order, for the given locale. */
export function loadRunnableChapters(locale: Locale = 'en'): RunnableChapter[] {
  return chapterSlugs
    .filter((slug) => chapterExists(slug, locale))
    .map((slug) => extractRunnableBlocks(readChapter(slug, locale), slug, locale, chapterPath(slug, locale)));
}
