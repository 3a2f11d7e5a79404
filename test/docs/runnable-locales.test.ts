/**
 * The doc test replays the English chapters' commands. The Chinese chapters must run the very same
 * commands (only comments are translated), so that replay covers both locales.
 */
import { describe, expect, it } from 'vitest';
import { loadRunnableChapters } from './runnable-blocks';

/** A block without its comments: whole-line `# …` and trailing ` # …`, except `# exit N` markers. */
function commandsOnly(block: string): string {
  return block
    .split('\n')
    .filter((line) => !/^\s*#(?!\s*exit\s+\d)/.test(line))
    .map((line) => line.replace(/\s+#(?!\s*exit\s+\d).*$/, '').trimEnd())
    .join('\n');
}

describe('runnable blocks in both locales', () => {
  const zh = new Map(loadRunnableChapters('zh-cn').map((c) => [c.chapter, c]));
  for (const en of loadRunnableChapters('en')) {
    it(`${en.chapter}: the Chinese chapter runs the same commands on the same world`, () => {
      const other = zh.get(en.chapter);
      expect(other, `zh-cn/${en.chapter}`).toBeDefined();
      expect(other!.scenario).toBe(en.scenario);
      expect(other!.host ?? 'cka01').toBe(en.host ?? 'cka01');
      expect(other!.blocks.map(commandsOnly)).toEqual(en.blocks.map(commandsOnly));
    });
  }
});
