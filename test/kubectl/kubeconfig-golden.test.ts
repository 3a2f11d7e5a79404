/**
 * kubeconfig loading and validation: every case recorded from the real kubectl 1.33 on a broken
 * (or merged) kubeconfig (scripts/golden/kubeconfig-record.ts) must come out of the simulated
 * kubectl byte for byte, klog timestamps and PIDs masked. Nothing listens on the servers named, so
 * a usable kubeconfig ends in "connection refused".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemFs } from './_memfs';
import { runKubectl } from './_run';

const goldenDir = join(__dirname, '..', 'golden', 'kubeconfig');

interface Golden {
  command: string;
  kubeconfig: string | null;
  files: Record<string, string>;
  stdin?: string;
  exit: number;
  stdout: string;
  stderr: string;
}

const mask = (s: string) => s.replace(/^[IWE]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'K0000 00:00:00.000000 PID ');

describe('kubeconfig golden', () => {
  for (const file of readdirSync(goldenDir).filter((f) => f.endsWith('.json'))) {
    const g = JSON.parse(readFileSync(join(goldenDir, file), 'utf8')) as Golden;
    it(`${file}: ${g.command}`, async () => {
      const fs = new MemFs('/root');
      for (const [path, content] of Object.entries(g.files)) {
        if (path.endsWith('/')) fs.mkdir(`/root/${path}`, { recursive: true });
        else fs.writeFile(`/root/${path}`, content);
      }
      const env: Record<string, string> = { HOME: '/nonexistent', ...(g.kubeconfig !== null ? { KUBECONFIG: g.kubeconfig } : {}) };
      const r = await runKubectl(g.command, { fs, env, stdin: g.stdin });
      expect({ stdout: mask(r.stdout), stderr: mask(r.stderr), exit: r.exit }).toEqual({ stdout: mask(g.stdout), stderr: mask(g.stderr), exit: g.exit });
    });
  }
});
