/**
 * Differential test against real bash: each case in cases/ runs through our shell on a fresh
 * machine and must print exactly what /bin/bash printed (goldens recorded by record.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const cases = readdirSync(join(here, 'cases')).filter((f) => f.endsWith('.sh')).sort();

describe('shell matches real bash', () => {
  it('has a corpus of at least 150 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });
  for (const file of cases) {
    it(file, async () => {
      const script = readFileSync(join(here, 'cases', file), 'utf8');
      const golden = JSON.parse(readFileSync(join(here, 'golden', file.replace(/\.sh$/, '.json')), 'utf8'));
      const got = await runScript(script);
      expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: golden.stdout, stderr: golden.stderr, status: golden.status });
    });
  }
});
