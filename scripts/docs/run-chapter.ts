/**
 * Print the commands of a chapter that fail in its terminal, as the doc test sees them.
 * Usage: npx tsx scripts/docs/run-chapter.ts prepare-machines [en|zh-cn]
 */
import { loadRunnableChapters } from '../../test/docs/runnable-blocks';
import { runChapter } from '../../test/docs/run-chapter';

const [name, locale = 'en'] = process.argv.slice(2);
const chapter = loadRunnableChapters(locale as 'en').find((c) => c.chapter === name);
if (!chapter) {
  console.error(`no runnable chapter ${name}; known: ${loadRunnableChapters('en').map((c) => c.chapter).join(', ')}`);
  process.exit(2);
}
const problems = await runChapter(chapter.scenario, chapter.host ?? 'cka01', chapter.blocks);
for (const p of problems) console.log(p);
console.log(`${problems.length} failing command(s) in ${chapter.file}`);
process.exit(problems.length ? 1 : 0);
