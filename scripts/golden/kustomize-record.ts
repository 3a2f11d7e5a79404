/**
 * Records goldens for `kubectl kustomize` and `-k` from the real kubectl 1.33 (kustomize v5.6).
 * Each case of kustomize-cases.ts runs through bash in a fresh temp directory holding its files;
 * the temp directory's path is written as /root (the working directory of the tests).
 * Output: test/golden/kubectl-kustomize/<NNN>-<slug>.json { name, command, files, exit, stdout, stderr[, written] }.
 *
 * Run: npx tsx scripts/golden/kustomize-record.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KUSTOMIZE_CASES } from './kustomize-cases';

const KUBECTL = process.env.KUBECTL_ORACLE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'test', 'golden', 'kubectl-kustomize');

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (f.endsWith('.json')) rmSync(join(outDir, f));

KUSTOMIZE_CASES.forEach((c, i) => {
  const dir = mkdtempSync(join(tmpdir(), 'kustomize-golden-'));
  const bin = mkdtempSync(join(tmpdir(), 'kustomize-bin-'));
  symlinkSync(KUBECTL, join(bin, 'kubectl'));
  for (const [path, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const command = c.command ?? 'kubectl kustomize k';
  // No kubeconfig: -k verbs that reach the API are only recorded for their local errors.
  const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: join(dir, '.home'), LANG: 'C', KUBECONFIG: join(dir, '.none') };
  const r = spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  const clean = (s: string) => s.split(dir).join('/root');
  const golden: Record<string, unknown> = { name: c.name, command, files: c.files, exit: r.status ?? -1, stdout: clean(r.stdout), stderr: clean(r.stderr) };
  if (c.readBack) golden.written = { [c.readBack]: readFileSync(join(dir, c.readBack), 'utf8') };
  writeFileSync(join(outDir, `${String(i + 1).padStart(3, '0')}-${slug(c.name)}.json`), JSON.stringify(golden, null, 1) + '\n');
  rmSync(dir, { recursive: true, force: true });
  rmSync(bin, { recursive: true, force: true });
});
console.log(`kustomize: ${KUSTOMIZE_CASES.length} cases recorded in ${outDir}`);
