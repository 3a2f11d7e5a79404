/**
 * Every topic of every study note has a home: each heading of each seed file appears in
 * docs/seed-topics.yaml, and each mapped chapter exists in both locales with the mapped anchor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { chapterExists, headingIds, locales, readChapter, repoRoot, scanMarkdown, sharedDir, splitFrontmatter } from './chapters';
import { seedHeadings, type SeedFormat } from './seed-headings';

interface Topic {
  heading: string;
  chapter: string;
  anchor: string;
}
interface SeedEntry {
  format: SeedFormat;
  topics: Topic[];
}

const seedsDir = join(sharedDir, 'seeds');
const map = parseYaml(readFileSync(join(repoRoot, 'docs', 'seed-topics.yaml'), 'utf8')) as { seeds: Record<string, SeedEntry> };
const seedFiles = readdirSync(seedsDir).filter((name) => name.endsWith('.txt')).sort();

describe('seed headings parser', () => {
  it('reads markdown headings and skips # comments inside code fences', () => {
    const text = '# Title\n\n```bash\n# not a heading\n```\n### 组件\n';
    expect(seedHeadings(text, 'markdown')).toEqual(['Title', '组件']);
  });

  it('reads numbered section lines but not numbered list items', () => {
    const text = '11.1.了解架构\n1.Master节点\n11.1.2.k8s如何使用etcd\n2.1 安装docker\n  1. 列表项\n';
    expect(seedHeadings(text, 'numbered')).toEqual(['11.1.了解架构', '11.1.2.k8s如何使用etcd', '2.1 安装docker']);
  });

  it('reads short stand-alone Chinese lines as plain headings, not sentences or commands', () => {
    const text = '升级集群\n注意事项:\n- 使用 kubeadm 升级集群,不支持跨版本升级;\nkubeadm upgrade plan\n安装 helm\n';
    expect(seedHeadings(text, 'plain')).toEqual(['升级集群', '安装 helm']);
  });
});

describe('docs/seed-topics.yaml', () => {
  it('covers exactly the seed files that exist', () => {
    expect(seedFiles.length).toBeGreaterThan(0);
    expect(Object.keys(map.seeds).sort()).toEqual(seedFiles);
  });

  for (const file of seedFiles) {
    describe(file, () => {
      const entry = map.seeds[file];
      const text = readFileSync(join(seedsDir, file), 'utf8');

      it('maps every heading of the seed', () => {
        const headings = seedHeadings(text, entry.format);
        expect(headings.length).toBeGreaterThan(0);
        const mapped = new Set(entry.topics.map((topic) => topic.heading));
        expect(headings.filter((heading) => !mapped.has(heading))).toEqual([]);
      });

      it('maps nothing that is not a heading of the seed', () => {
        const headings = new Set(seedHeadings(text, entry.format));
        expect(entry.topics.map((topic) => topic.heading).filter((heading) => !headings.has(heading))).toEqual([]);
      });

      it('points at chapters that exist in both locales, at an anchor of the English chapter', () => {
        for (const topic of entry.topics) {
          for (const locale of locales) expect(chapterExists(topic.chapter, locale), `${topic.chapter} (${locale})`).toBe(true);
          const { headings } = scanMarkdown(splitFrontmatter(readChapter(topic.chapter, 'en')).body);
          expect(headingIds(headings).has(topic.anchor), `${topic.heading} → ${topic.chapter}#${topic.anchor}`).toBe(true);
        }
      });
    });
  }
});
