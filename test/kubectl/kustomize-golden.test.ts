/**
 * Goldens of `kubectl kustomize` and `-k`, recorded from kubectl 1.33 (kustomize v5.6) by
 * scripts/golden/kustomize-record.ts: output, warnings, errors and exit status byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemFs } from './_memfs';
import { runKubectl } from './_run';

interface Golden {
  name: string;
  command: string;
  files: Record<string, string>;
  exit: number;
  stdout: string;
  stderr: string;
  written?: Record<string, string>;
}

const dir = join(__dirname, '..', 'golden', 'kubectl-kustomize');
const goldens = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Golden);

/** Errors of verbs that would go on to the API (no kubeconfig in the recording): compare the local part. */
const mask = (s: string) => s.replace(/^E\d{4} .*\n/gm, '').replace(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'I0000 00:00:00.000000 PID ');

describe('kubectl kustomize goldens (kubectl 1.33)', () => {
  for (const g of goldens) {
    it(`${g.name}: ${g.command}`, async () => {
      const fs = new MemFs('/root');
      for (const [path, text] of Object.entries(g.files)) {
        const abs = `/root/${path}`;
        fs.mkdir(abs.slice(0, abs.lastIndexOf('/')), { recursive: true });
        fs.writeFile(abs, text);
      }
      const r = await runKubectl(g.command, { fs, env: { KUBECONFIG: '/root/.none' } });
      expect(r.stdout).toBe(g.stdout);
      expect(mask(r.stderr)).toBe(mask(g.stderr));
      expect(r.exit).toBe(g.exit);
      for (const [path, text] of Object.entries(g.written ?? {})) expect(fs.readFile(`/root/${path}`)).toBe(text);
    });
  }
});
