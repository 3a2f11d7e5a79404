/**
 * Records what the real kubectl 1.33 prints, and when, against an API server address that nothing
 * answers (packets vanish: no host holds it, no router says so). Each command of the `offline`
 * group (scripts/golden/kubectl-cases.ts) runs with a kubeconfig naming https://10.255.255.1:6443,
 * inside a network namespace whose only route to 10.0.0.0/8 is a tun device nobody reads, so
 * every SYN is lost and Go's dialer gives up after its 30 s timeout.
 *
 * A few more cases try --request-timeout, against that address and against 127.0.0.1:6443 where
 * nothing listens (refused). Each case becomes test/golden/kubectl-unreachable/<NNN>-<slug>.json:
 *   { "command", "server", "exit", "stdout", "stderr",
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
const REFUSED_SERVER = 'https://127.0.0.1:6443';

/** --request-timeout cases whose output does not depend on a race (a client timeout under 30 s does). */
const EXTRA_CASES: Array<{ command: string; server: string }> = [
  { command: 'kubectl get pods --request-timeout=45s', server: UNREACHABLE_SERVER },
  { command: 'kubectl get pods --request-timeout=5', server: REFUSED_SERVER },
  { command: 'kubectl get pods --request-timeout=1m', server: REFUSED_SERVER },
  { command: 'kubectl get pods --request-timeout=1500ms', server: REFUSED_SERVER },
  { command: 'kubectl get pods --request-timeout=0', server: REFUSED_SERVER },
  { command: 'kubectl get pods --request-timeout=abc', server: REFUSED_SERVER },
  { command: 'kubectl get pods --request-timeout=-1', server: REFUSED_SERVER },
  { command: 'kubectl create -f work/deploy.yaml --dry-run=client --validate=false -o yaml --request-timeout=3s', server: REFUSED_SERVER },
];

const kubeconfig = (server: string) => `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${server}
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
function record(command: string, server: string): Promise<Recorded> {
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-unreachable-'));
  cpSync(join(inputs, 'work'), join(dir, 'work'), { recursive: true });
  mkdirSync(join(dir, 'home'));
  mkdirSync(join(dir, 'bin'));
  execFileSync('ln', ['-s', KUBECTL, join(dir, 'bin', 'kubectl')]);
  writeFileSync(join(dir, 'kc'), kubeconfig(server));
  const setup = 'ip link set lo up && ip tuntap add bh0 mode tun && ip addr add 10.0.0.2/8 dev bh0 && ip link set bh0 up';
  const env = { PATH: `${join(dir, 'bin')}:/usr/bin:/bin:/usr/sbin:/sbin`, HOME: join(dir, 'home'), LANG: 'C', KUBECONFIG: 'kc' };
  // Each stderr line is stamped inside the namespace as it comes (the recorder itself may lag
  // behind when all cases start at once); times count from just before kubectl starts.
  const script = `${setup} || exit 99
start=$(date +%s%N)
echo "START $start" >&2
{ ${command} </dev/null 2>&1 1>&3 3>&- | while IFS= read -r line; do printf '%s %s\\n' "$(date +%s%N)" "$line"; done >&2; exit \${PIPESTATUS[0]}; } 3>&1
`;
  writeFileSync(join(dir, 'run.sh'), script);
  return new Promise((resolve) => {
    const child = spawn('unshare', ['-n', 'bash', join(dir, 'run.sh')], { cwd: dir, env });
    let stdout = '';
    let raw = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (raw += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      let start = 0;
      let stderr = '';
      const stderrAt: number[] = [];
      for (const line of raw.split('\n').slice(0, -1)) {
        const m = /^(START )?(\d+) (.*)$/s.exec(line) ?? /^(START )(\d+)$/.exec(line);
        if (!m) throw new Error(`unstamped line: ${line}`);
        if (m[1]) {
          start = Number(m[2]);
          continue;
        }
        stderr += `${m[3]}\n`;
        stderrAt.push(Math.round((Number(m[2]) - start) / 1e9));
      }
      resolve({ exit: code ?? -1, stdout, stderr, stderrAt });
    });
  });
}

async function main() {
  const cases = [...CASES.find((g) => g.group === 'offline')!.commands.map((command) => ({ command, server: UNREACHABLE_SERVER })), ...EXTRA_CASES];
  if (existsSync(outDir)) rmSync(outDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  await Promise.all(
    cases.map(async ({ command, server }, i) => {
      const r = await record(command, server);
      const file = join(outDir, `${String(i + 1).padStart(3, '0')}-${slug(command)}.json`);
      writeFileSync(file, JSON.stringify({ command, server, ...r }, null, 2) + '\n');
      console.log(`${command}: exit ${r.exit}, stderr lines at ${r.stderrAt.join(',')} s`);
    }),
  );
}

await main();
