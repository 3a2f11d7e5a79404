/**
 * Records golden files for kubectl from the real kubectl 1.33 binary.
 *
 * Each case becomes test/golden/kubectl/<group>/<NNN>-<slug>.json:
 *   { "command": "kubectl …", "setup": "refused", "exit": 1, "stdout": "…", "stderr": "…",
 *     "files": { "kc": "…" } }      (files: kubeconfig contents after the command, for config cases)
 * The command runs through bash in a fresh temp directory holding test/golden/kubectl/_inputs/work
 * as ./work, with HOME=./home and a kubeconfig chosen by the setup:
 *   refused — ./kc points at https://127.0.0.1:6443 where nothing listens
 *   none    — no KUBECONFIG and no ~/.kube/config (kubectl falls back to localhost:8080)
 *   disco   — ./kc points at a discovery-only stub (_inputs/discovery-stub.py) on 127.0.0.1:18080
 *   multi   — ./kc holds two clusters, contexts and users (for `kubectl config`); copied afresh per case
 * klog lines carry a timestamp and PID; tests compare them with those masked.
 *
 * Run: npx tsx scripts/golden/kubectl-record.ts [group…]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES, type Setup } from './kubectl-cases';

const KUBECTL = process.env.KUBECTL_ORACLE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const goldenDir = join(root, 'test', 'golden', 'kubectl');
const inputs = join(goldenDir, '_inputs');

function slug(command: string): string {
  return command
    .replace(/^kubectl\s+/, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase();
}

function prepare(setup: Setup): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-golden-'));
  cpSync(join(inputs, 'work'), join(dir, 'work'), { recursive: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  execFileSync('ln', ['-s', KUBECTL, join(dir, 'bin', 'kubectl')]);
  if (setup === 'refused') cpSync(join(inputs, 'kubeconfig-refused'), join(dir, 'kc'));
  if (setup === 'disco') cpSync(join(inputs, 'kubeconfig-disco'), join(dir, 'kc'));
  if (setup === 'multi') cpSync(join(inputs, 'kubeconfig-multi'), join(dir, 'kc'));
  return dir;
}

function runCase(dir: string, setup: Setup, command: string): { exit: number; stdout: string; stderr: string; files?: Record<string, string> } {
  if (setup !== 'none') cpSync(join(inputs, `kubeconfig-${setup}`), join(dir, 'kc'));
  const env: Record<string, string> = { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: join(dir, 'home'), LANG: 'C' };
  if (setup !== 'none') env.KUBECONFIG = 'kc';
  const r = spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  const result: { exit: number; stdout: string; stderr: string; files?: Record<string, string> } = {
    exit: r.status ?? -1,
    stdout: r.stdout.split(dir + '/').join(''),
    stderr: r.stderr.split(dir + '/').join(''),
  };
  if (/\bconfig (set|unset|use|delete|rename)/.test(command)) {
    result.files = { kc: readFileSync(join(dir, 'kc'), 'utf8') };
  }
  return result;
}

/** The stub's discovery as a DiscoveryDocument, for the in-test transport that stands in for it. */
async function saveDiscovery(): Promise<void> {
  const get = async (path: string) => (await fetch(`http://127.0.0.1:18080${path}`)).json() as Promise<Record<string, unknown>>;
  const groups = ((await get('/apis')).groups as { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion: { groupVersion: string; version: string } }[]);
  const core = await get('/api/v1');
  const resourceLists = [{ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1', resources: core.resources }];
  for (const g of groups) for (const v of g.versions) {
    const list = await get(`/apis/${v.groupVersion}`);
    resourceLists.push({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: v.groupVersion, resources: list.resources });
  }
  const doc = {
    groups: [{ name: '', versions: [{ groupVersion: 'v1', version: 'v1' }], preferredVersion: { groupVersion: 'v1', version: 'v1' } }, ...groups],
    resourceLists,
  };
  writeFileSync(join(inputs, 'discovery.json'), JSON.stringify(doc, null, 1) + '\n');
}

async function main() {
  const only = process.argv.slice(2);
  let stub: ReturnType<typeof spawn> | undefined;
  const groups = CASES.filter((g) => only.length === 0 || only.includes(g.group));
  if (groups.some((g) => g.setup === 'disco')) {
    stub = spawn('python3', [join(inputs, 'discovery-stub.py'), '18080'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 800));
    await saveDiscovery();
  }
  try {
    for (const g of groups) {
      const out = join(goldenDir, g.group);
      if (existsSync(out)) rmSync(out, { recursive: true });
      mkdirSync(out, { recursive: true });
      const dir = prepare(g.setup);
      g.commands.forEach((command, i) => {
        const res = runCase(dir, g.setup, command);
        const file = join(out, `${String(i + 1).padStart(3, '0')}-${slug(command)}.json`);
        writeFileSync(file, JSON.stringify({ command, setup: g.setup, ...res }, null, 2) + '\n');
      });
      rmSync(dir, { recursive: true });
      console.log(`${g.group}: ${g.commands.length} cases`);
    }
  } finally {
    stub?.kill();
  }
}

await main();
