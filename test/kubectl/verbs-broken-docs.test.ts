/**
 * The -f verbs past a broken document (bad YAML, an unknown kind, a nameless object), against the
 * real kubectl 1.33's transcripts of the same files and world (writes-golden/, recorded by
 * writes-record.ts): the broken-documents cases of the writes audit, run on their own.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASES, goldenName } from './writes-world';
import { KNOWN_DIFFERENCES, replay } from './writes-replay';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'writes-golden');

describe('kubectl -f past a broken document, as kubectl 1.33', () => {
  for (const [i, c] of CASES.entries()) {
    if (!c.name.startsWith('broken-documents')) continue;
    const known = KNOWN_DIFFERENCES[c.name];
    (known ? it.fails : it)(`${c.name}${known ? ` (known difference: ${known})` : ''}`, async () => {
      expect(await replay(c)).toBe(readFileSync(join(GOLDEN, goldenName(i, c)), 'utf8'));
    }, 60_000);
  }
});
