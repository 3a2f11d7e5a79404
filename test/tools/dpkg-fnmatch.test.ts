/**
 * dpkg's pattern matcher against glibc's fnmatch(3) with no flags on 2000 random patterns and
 * names (test/golden/dpkg-fnmatch, recorded by scripts/dpkg/record-fnmatch.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fnmatch } from '../../src/tools/dpkg/fnmatch';

const cases = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'dpkg-fnmatch', 'cases.json'), 'utf8')) as Array<{ pattern: string; text: string; match: boolean }>;

describe('fnmatch as glibc answers it', () => {
  it('matches and misses where glibc does', () => {
    expect(cases.filter((c) => c.match).length).toBeGreaterThan(100);
    const wrong = cases.filter((c) => fnmatch(c.pattern, c.text) !== c.match);
    expect(wrong).toEqual([]);
  });
});
