/**
 * Records how the real kubectl 1.33 fails on the manifests of goyaml-cases.ts (the classics, then
 * per base manifest the first BROKEN mutations go-yaml rejects and the first VALID it accepts, then
 * the cases added later) into
 * test/golden/go-yaml/<nnn>-<case>.json: { "name", "command", "content", "exit", "stdout", "stderr" }.
 * The file is x.yaml in a fresh temp directory, HOME=/nonexistent and no KUBECONFIG, so nothing
 * answers at localhost:8080: a manifest go-yaml accepts ends in the openapi download's error, one
 * it rejects in "error parsing x.yaml: …" before any request.
 *
 * Run: npx tsx scripts/golden/goyaml-record.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_MANIFESTS, CLASSIC_CASES, LATER_CASES, mutationCandidates, type GoYamlCase } from './goyaml-cases';

const KUBECTL = process.env.KUBECTL_ORACLE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
export const GOYAML_COMMAND = 'kubectl create -f x.yaml --dry-run=client -o name';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const goldenDir = join(root, 'test', 'golden', 'go-yaml');

mkdirSync(goldenDir, { recursive: true });
for (const f of readdirSync(goldenDir)) if (f.endsWith('.json')) rmSync(join(goldenDir, f));
const BROKEN = 60;
const VALID = 8;
const dir = mkdtempSync(join(tmpdir(), 'goyaml-golden-'));
const run = (c: GoYamlCase) => {
  writeFileSync(join(dir, 'x.yaml'), c.content);
  const r = spawnSync(KUBECTL, GOYAML_COMMAND.split(' ').slice(1), { cwd: dir, env: { HOME: '/nonexistent', PATH: '/usr/bin:/bin', LANG: 'C' }, encoding: 'utf8', timeout: 30_000 });
  return { name: c.name, command: GOYAML_COMMAND, content: c.content, exit: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};
const goldens = CLASSIC_CASES.map(run);
for (const manifest of Object.keys(BASE_MANIFESTS)) {
  let broken = 0;
  let valid = 0;
  for (const c of mutationCandidates(manifest)) {
    if (broken >= BROKEN && valid >= VALID) break;
    const g = run(c);
    const parse = g.stderr.startsWith('error: error parsing');
    if (parse ? broken++ >= BROKEN : valid++ >= VALID) continue;
    goldens.push(g);
  }
}
// Added later: after the first corpus, so its numbers stay.
goldens.push(...LATER_CASES.map(run));
goldens.forEach((g, i) => writeFileSync(join(goldenDir, `${String(i + 1).padStart(3, '0')}-${g.name}.json`), JSON.stringify(g, null, 2) + '\n'));
rmSync(dir, { recursive: true });
console.log(`${goldens.length} cases`);
