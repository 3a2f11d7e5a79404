/**
 * Records what the real kubectl 1.33 prints, and when, against an API server address that nothing
 * answers (packets vanish: no host holds it, no router says so). Each command of the `offline`
 * group (scripts/golden/kubectl-cases.ts) runs with a kubeconfig naming https://10.255.255.1:6443,
 * inside a network namespace whose only route to 10.0.0.0/8 is a tun device nobody reads, so
 * every SYN is lost and Go's dialer gives up after its 30 s timeout.
 *
 * Each case becomes test/golden/kubectl-unreachable/<NNN>-<slug>.json:
 *   { "command", "setup": "unreachable", "exit", "stdout", "stderr",
 *     "stderrAt": [seconds after the start at which each stderr line appeared, rounded] }
 *
 * Needs root (unshare -n, ip tuntap). The cases run in parallel; the whole run takes a few minutes.
 * Run: sudo npx tsx scripts/golden/kubectl-unreachable-record.ts
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES } from './kubectl-cases';

const KUBECTL = process.env.KUBECTL_ORACLE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const inputs = join(root, 'test', 'golden', 'kubectl', '_inputs');
const outDir = join(root, 'test', 'golden', 'kubectl-unreachable');
export const UNREACHABLE_SERVER = 'https://10.255.255.1:6443';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${UNREACHABLE_SERVER}
    insecure-skip-tls-verify: true
  name: fake
contexts:
- context:
    cluster: fake
    user: admin
    namespace: default
  name: fake
current-context: fake
users:
- name: admin
  user:
    token: abc
`;

function slug(command: string): string {
  return command.replace(/^kubectl\s+/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase();
}

interface Recorded {
  exit: number;
  stdout: string;
  stderr: string;
  stderrAt: number[];
}

/** One command in its own network namespace with a black-hole route for 10.0.0.0/8. */
function record(command: string): Promise<Recorded> {
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-unreachable-'));
  cpSync(join(inputs, 'work'), join(dir, 'work'), { recursive: true });
  mkdirSync(join(dir, 'home'));
  mkdirSync(join(dir, 'bin'));
  execFileSync('ln', ['-s', KUBECTL, join(dir, 'bin', 'kubectl')]);
  writeFileSync(join(dir, 'kc'), KUBECONFIG);
  const setup = 'ip link set lo up && ip tuntap add bh0 mode tun && ip addr add 10.0.0.2/8 dev bh0 && ip link set bh0 up';
  const env = { PATH: `${join(dir, 'bin')}:/usr/bin:/bin:/usr/sbin:/sbin`, HOME: join(dir, 'home'), LANG: 'C', KUBECONFIG: 'kc' };
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn('unshare', ['-n', 'bash', '-c', `${setup} && exec ${command} </dev/null`], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    const stderrAt: number[] = [];
    let partial = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => {
      const text = b.toString();
      stderr += text;
      partial += text;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (let i = 0; i < lines.length; i++) stderrAt.push(Math.round((Date.now() - start) / 1000));
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve({ exit: code ?? -1, stdout, stderr, stderrAt });
    });
  });
}

async function main() {
  const commands = CASES.find((g) => g.group === 'offline')!.commands;
  if (existsSync(outDir)) rmSync(outDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  await Promise.all(
    commands.map(async (command, i) => {
      const r = await record(command);
      const file = join(outDir, `${String(i + 1).padStart(3, '0')}-${slug(command)}.json`);
      writeFileSync(file, JSON.stringify({ command, setup: 'unreachable', server: UNREACHABLE_SERVER, ...r }, null, 2) + '\n');
      console.log(`${command}: exit ${r.exit}, stderr lines at ${r.stderrAt.join(',')} s`);
    }),
  );
}

await main();
