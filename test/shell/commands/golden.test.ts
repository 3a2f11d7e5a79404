/**
 * Differential tests: each case recorded from real bash/GNU tools (record.ts) is replayed through
 * our programs over the fake filesystem and must match stdout, stderr and status byte for byte.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { groups } from './cases/index';
import type { GoldenFile } from './cases/types';
import { runCase } from './harness';

const here = dirname(fileURLToPath(import.meta.url));

for (const [name, cases] of Object.entries(groups)) {
  const path = join(here, 'golden', `${name}.json`);
  describe(name, () => {
    if (!existsSync(path)) {
      it.skip('no golden recorded', () => {});
      return;
    }
    const golden = JSON.parse(readFileSync(path, 'utf8')) as GoldenFile;
    cases.forEach((c, i) => {
      it(c.cmd, async () => {
        const want = golden.cases[i];
        expect(want?.cmd, 'golden out of date: run record.ts').toBe(c.cmd);
        const got = await runCase(c, want?.nowMs ?? golden.nowMs, golden.mtimeMs);
        expect(got).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
      });
    });
  });
}
