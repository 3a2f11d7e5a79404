/**
 * go-yaml's syntax errors, differential: every manifest of the corpus (classic mistakes and
 * one-character mutations of valid manifests, scripts/golden/goyaml-cases.ts) recorded from the
 * real kubectl 1.33 (scripts/golden/goyaml-record.ts) must fail the same way in the simulated
 * kubectl, byte for byte and with the same exit code. Nothing listens at localhost:8080, so a
 * manifest go-yaml accepts ends in the openapi download's error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemFs } from './_memfs';
import { runKubectl } from './_run';

const goldenDir = join(__dirname, '..', 'golden', 'go-yaml');

interface Golden {
  name: string;
  command: string;
  content: string;
  exit: number;
  stdout: string;
  stderr: string;
}

describe('go-yaml errors against kubectl 1.33', () => {
  for (const file of readdirSync(goldenDir).filter((f) => f.endsWith('.json'))) {
    const g = JSON.parse(readFileSync(join(goldenDir, file), 'utf8')) as Golden;
    it(file, async () => {
      const fs = new MemFs('/root');
      fs.writeFile('/root/x.yaml', g.content);
      const r = await runKubectl(g.command, { fs, env: { HOME: '/nonexistent' } });
      expect({ stdout: r.stdout, stderr: r.stderr, exit: r.exit }).toEqual({ stdout: g.stdout, stderr: g.stderr, exit: g.exit });
    });
  }
});
