/**
 * Writes as the real kubectl 1.33 meets the simulated API server: each case of writes-world.ts is
 * replayed by our kubectl in a fresh world (same setup, same files), and every command's stdout,
 * stderr and exit status must equal what the real kubectl printed against the same world served
 * over HTTP (goldens in writes-golden/, recorded by writes-record.ts). A difference is either our
 * API server's answer (status, message, warnings) or our kubectl's rendering of it. Cases that record
 * PATCH requests also compare the bodies our kubectl sends with the real one's, key order included;
 * cases that record requests compare every write (method, path, query, media type, body as sent)
 * and every read of a subresource.
 * Not covered, on purpose (writes-world.ts says why): an interactive edit, apply --prune, and
 * wait / rollout status (their outcome depends on how far each run's clock moved).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASES, goldenName } from './writes-world';
import { KNOWN_DIFFERENCES, replay } from './writes-replay';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'writes-golden');


describe('kubectl writes print what the real kubectl 1.33 prints against the same API server', () => {
  it('has one golden per case', () => {
    expect(readdirSync(GOLDEN).sort()).toEqual(CASES.map((c, i) => goldenName(i, c)).sort());
  });
  for (const [i, c] of CASES.entries()) {
    const known = KNOWN_DIFFERENCES[c.name];
    (known ? it.fails : it)(`${c.name}${known ? ` (known difference: ${known})` : ''}`, async () => {
      expect(await replay(c)).toBe(readFileSync(join(GOLDEN, goldenName(i, c)), 'utf8'));
    }, 60_000);
  }
});
