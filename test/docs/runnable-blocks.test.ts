/**
 * The extractor of runnable blocks, and the blocks themselves: each ```bash block parses as shell
 * (checked by the real bash on this machine), carries no prompts, and is the same in both locales so
 * that a learner reading either language runs the same sequence.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chapterSlugs, readChapter } from './chapters';
import { extractRunnableBlocks, loadRunnableChapters } from './runnable-blocks';

const sample = [
  '---',
  'title: T',
  'sim:',
  '  scenario: machines',
  '  host: cka01',
  '---',
  'Text with `inline` code.',
  '',
  '```bash',
  'kubectl get nodes',
  "cat <<'EOF' > a.yaml",
  '# a comment, not a heading',
  'EOF',
  '```',
  '',
  '```text',
  'reboot',
  '```',
  '',
  '```console',
  'NAME    STATUS',
  '```',
  '',
  '```yaml',
  'kind: Pod',
  '```',
  '',
  '```bash',
  'ls /etc/kubernetes/manifests',
  '```',
].join('\n');

describe('extractRunnableBlocks', () => {
  it('returns the scenario, the host and only the bash blocks, in order', () => {
    const result = extractRunnableBlocks(sample, 'demo', 'en', 'demo.mdx');
    expect(result.scenario).toBe('machines');
    expect(result.host).toBe('cka01');
    expect(result.lab).toBeUndefined();
    expect(result.blocks).toEqual(["kubectl get nodes\ncat <<'EOF' > a.yaml\n# a comment, not a heading\nEOF", 'ls /etc/kubernetes/manifests']);
  });

  it('keeps a longer fence open across an inner shorter one', () => {
    const source = '````bash\necho one\n```\necho two\n````\n';
    expect(extractRunnableBlocks(source, 'x', 'en').blocks).toEqual(['echo one\n```\necho two']);
  });

  it('returns no blocks and an empty scenario for a page without them', () => {
    expect(extractRunnableBlocks('# Hello\n', 'x', 'en')).toMatchObject({ scenario: '', blocks: [] });
  });
});

describe('chapter bash blocks', () => {
  const chapters = loadRunnableChapters('en');

  it('finds runnable blocks in every chapter', () => {
    expect(chapters.map((chapter) => chapter.chapter)).toEqual([...chapterSlugs]);
    for (const chapter of chapters) expect(chapter.blocks.length, chapter.chapter).toBeGreaterThan(0);
  });

  for (const chapter of chapters) {
    it(`${chapter.chapter}: every block parses as shell and has no prompts`, () => {
      for (const block of chapter.blocks) {
        const result = spawnSync('bash', ['-n'], { input: block, encoding: 'utf8' });
        expect(result.stderr, block).toBe('');
        expect(result.status, block).toBe(0);
        const prompts = block.split('\n').filter((line) => /^\s*\$\s/.test(line) || /^[\w-]+@[\w-]+:\S*[$#]\s/.test(line));
        expect(prompts, block).toEqual([]);
      }
    });

    // The doc test replays the English blocks; the Chinese chapter must run the very same commands on
    // the same world (only comments are translated), so that one replay covers both locales.
    it(`${chapter.chapter}: the Chinese chapter runs the same blocks`, () => {
      const chinese = extractRunnableBlocks(readChapter(chapter.chapter, 'zh-cn'), chapter.chapter, 'zh-cn');
      expect(chinese.scenario).toBe(chapter.scenario);
      expect(chinese.host ?? 'cka01').toBe(chapter.host ?? 'cka01');
      expect(chinese.blocks.map(commandsOnly)).toEqual(chapter.blocks.map(commandsOnly));
    });
  }
});

/** A block without its comments: whole-line `# …` and trailing ` # …`, except `# exit N` markers. */
function commandsOnly(block: string): string {
  return block
    .split('\n')
    .filter((line) => !/^\s*#(?!\s*exit\s+\d)/.test(line))
    .map((line) => line.replace(/\s+#(?!\s*exit\s+\d).*$/, '').trimEnd())
    .join('\n');
}
