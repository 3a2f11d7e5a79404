/**
 * GNU Wget on a node: getopt's option clusters (-qO-), its usage errors, the lines it prints for
 * an address and for a name, and a connection nothing answers (a NetworkPolicy's silence): each
 * try waits out -T, then "Retrying." until --tries, then "Giving up.".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import type { World } from '../../src/sim/world';

let world: World;
let ip = '';
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(async () => {
  world = bootWorld('cluster');
  await run('kubectl create deploy web --image=nginx:1.27\nkubectl expose deploy web --port=80\nsleep 20');
  ip = (await run('kubectl get svc web -o jsonpath={.spec.clusterIP}')).stdout;
}, 60_000);

describe('wget on a node', () => {
  it('-qO- is -q and -O - (getopt clusters), the page on stdout and nothing on stderr', async () => {
    const r = await run(`wget -qO- ${ip} | head -4`);
    expect(r.stdout).toBe('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n');
    expect(r.stderr).toBe('');
  });

  it('an address: no resolving line; the URL shown with its path; a size under 1 KiB without the human form', async () => {
    const r = await run(`cd /tmp && wget ${ip}; echo "rc=$?"`);
    expect(r.stderr).toMatch(new RegExp(`^--\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d--  http://${ip.replace(/\./g, '\\.')}/\\nConnecting to ${ip.replace(/\./g, '\\.')}:80\\.\\.\\. connected\\.\\nHTTP request sent, awaiting response\\.\\.\\. 200 OK\\nLength: 615 \\[text/html\\]\\nSaving to: ‘index\\.html’\\n`));
    expect(r.stdout).toBe('rc=0\n');
  });

  it('unknown options fail as getopt_long words them, status 2', async () => {
    const long = await run(`wget -qO- ${ip} --foo; echo "rc=$?"`);
    expect(long.stderr).toBe("wget: unrecognized option '--foo'\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    expect(long.stdout).toBe('rc=2\n');
    const short = await run(`wget -z ${ip}; echo "rc=$?"`);
    expect(short.stderr).toBe("wget: invalid option -- 'z'\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
  });

  it('a closed port: each try waits -T seconds, retries after a growing pause, then gives up (status 4)', async () => {
    await run(`kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny }
spec: { podSelector: {}, policyTypes: [Ingress] }
EOF`);
    const before = world.clock.now();
    const r = await run(`wget -T 2 --tries=2 ${ip}; echo "rc=$?"`);
    expect(r.stderr.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, 'T')).toBe(
      `--T--  http://${ip}/\nConnecting to ${ip}:80... failed: Connection timed out.\nRetrying.\n\n--T--  (try: 2)  http://${ip}/\nConnecting to ${ip}:80... failed: Connection timed out.\nGiving up.\n\n`,
    );
    expect(r.stdout).toBe('rc=4\n');
    expect(world.clock.now() - before).toBeGreaterThanOrEqual(5000);
  });
});
