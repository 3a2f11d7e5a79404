/**
 * Records how the real kubectl 1.33 reads broken kubeconfig files (kubeconfig-cases.ts) into
 * test/golden/kubeconfig/<case>--<command>.json:
 *   { "command", "kubeconfig" ($KUBECONFIG, null when unset), "files" (the working directory),
 *     "stdin" (when the case pipes some), "exit", "stdout", "stderr" }
 * Each command runs through bash in a fresh temp directory holding the case's files, with
 * HOME=/nonexistent; the temp directory's path is written as /root (the simulated cwd). Servers
 * are loopback addresses where nothing listens, so a valid file ends in "connection refused".
 *
 * Run: npx tsx scripts/golden/kubeconfig-record.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KUBECONFIG_CASES, type KubeconfigCase } from './kubeconfig-cases';

const KUBECTL = process.env.KUBECTL_ORACLE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const goldenDir = join(root, 'test', 'golden', 'kubeconfig');

function slug(command: string): string {
  return command.replace(/^kubectl\s+/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase();
}

function prepare(c: KubeconfigCase): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-golden-'));
  mkdirSync(join(dir, 'bin'));
  execFileSync('ln', ['-s', KUBECTL, join(dir, 'bin', 'kubectl')]);
  for (const [path, content] of Object.entries(c.files)) {
    if (path.endsWith('/')) mkdirSync(join(dir, path), { recursive: true });
    else writeFileSync(join(dir, path), content);
  }
  return dir;
}

function record(c: KubeconfigCase, command: string): Record<string, unknown> {
  const dir = prepare(c);
  const kubeconfig = c.kubeconfig === undefined ? 'config' : c.kubeconfig;
  const env: Record<string, string> = { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: '/nonexistent', LANG: 'C' };
  if (kubeconfig !== null) env.KUBECONFIG = kubeconfig;
  const r = spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8', timeout: 30_000, input: c.stdin ?? '' });
  rmSync(dir, { recursive: true });
  const simulated = (s: string) => s.split(dir).join('/root');
  return { command, kubeconfig, files: c.files, ...(c.stdin !== undefined ? { stdin: c.stdin } : {}), exit: r.status ?? -1, stdout: simulated(r.stdout), stderr: simulated(r.stderr) };
}

// Cases that left the list leave with their files; the README stays.
mkdirSync(goldenDir, { recursive: true });
for (const f of readdirSync(goldenDir)) if (f.endsWith('.json')) rmSync(join(goldenDir, f));
for (const c of KUBECONFIG_CASES) {
  for (const command of c.commands) {
    writeFileSync(join(goldenDir, `${c.name}--${slug(command)}.json`), JSON.stringify(record(c, command), null, 2) + '\n');
  }
}
console.log(`${KUBECONFIG_CASES.reduce((n, c) => n + c.commands.length, 0)} cases`);
