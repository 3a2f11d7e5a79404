/**
 * The labs of a chapter page in the order its lab panels show them: the one its frontmatter names
 * first, then the others that belong to the chapter. Shared by the pane (ChapterSplit.astro) and
 * the early terminal script (EarlyTerminal.astro), which must agree on it.
 */
import { labsOfChapter } from '../labs/labs-of-chapter';
import type { SimWorld } from './sim';

export function chapterLabs(sim: SimWorld, routeId: string): string[] {
  const slug = routeId.replace(/^zh-cn\//, '');
  return [...new Set([...(sim.lab ? [sim.lab] : []), ...labsOfChapter(slug)])];
}
