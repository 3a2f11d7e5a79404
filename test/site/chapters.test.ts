import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAPTER_SLUGS, DOCS_DIR, existingChapters } from '../../scripts/site/chapters';

describe('chapter map', () => {
  it('lists the eleven chapters in reading order', () => {
    expect(CHAPTER_SLUGS).toEqual([
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
    ]);
  });

  it('keeps only chapters present on disk, in map order', () => {
    const root = mkdtempSync(join(tmpdir(), 'cka-site-'));
    mkdirSync(join(root, DOCS_DIR), { recursive: true });
    writeFileSync(join(root, DOCS_DIR, 'upgrade.mdx'), '');
    writeFileSync(join(root, DOCS_DIR, 'architecture.md'), '');
    writeFileSync(join(root, DOCS_DIR, 'notes.mdx'), '');
    expect(existingChapters(root)).toEqual(['architecture', 'upgrade']);
  });
});
