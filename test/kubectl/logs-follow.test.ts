/** kubectl logs -f on a running cluster: existing lines, then new ones on the simulated clock. */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { durationSeconds } from '../../src/kubectl/cmd/logs-follow';

const DATE = /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$/;

describe('kubectl logs -f', () => {
  it('streams new lines of a running container; a closed pipe ends it quietly', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', "kubectl run ticker --image=busybox -- sh -c 'while true; do date; sleep 1; done'; sleep 20");
    const r = await runScript(world, 'cka01', 'kubectl logs ticker -f --tail=2 | head -6');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(l).toMatch(DATE);
    // One line a second, in order: the seconds strictly increase.
    const secs = lines.map((l) => Number(l.slice(17, 19)) + 60 * Number(l.slice(14, 16)));
    for (let i = 1; i < secs.length; i++) expect(secs[i]).toBe(secs[i - 1] + 1);
    expect(r.stderr).toBe('');
  });

  it('ends with status 0 when the container exits, with the lines written until then', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', "kubectl run once --image=busybox --restart=Never -- sh -c 'echo start; sleep 5; echo end'; sleep 3");
    const r = await runScript(world, 'cka01', 'kubectl logs once -f; echo rc=$?');
    expect(r.stdout).toBe('start\nend\nrc=0\n');
  });

  it('follows every pod of a selector, prefixed, interleaved by time, with --timestamps', async () => {
    const world = bootWorld('cluster');
    await runScript(
      world,
      'cka01',
      "kubectl create deployment tick --image=busybox --replicas=2 -- sh -c 'while true; do echo tick; sleep 2; done'; sleep 30",
    );
    const r = await runScript(world, 'cka01', 'kubectl logs -l app=tick -f --prefix --timestamps --tail=1 | head -8');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(8);
    const pods = new Set<string>();
    let last = '';
    for (const [i, l] of lines.entries()) {
      const m = /^\[pod\/(tick-[a-z0-9]+-[a-z0-9]+)\/busybox\] (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z) tick$/.exec(l);
      expect(m, l).not.toBeNull();
      pods.add(m![1]);
      // Past the two tails, lines come in time order.
      if (i >= 2) expect(m![2] >= last).toBe(true);
      if (i >= 1) last = m![2];
    }
    expect(pods.size).toBe(2);
  });

  it('--since takes a Go duration', async () => {
    expect(durationSeconds('90s')).toBe(90);
    expect(durationSeconds('1h2m')).toBe(3720);
    expect(durationSeconds('1500ms')).toBe(1);
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', "kubectl run ticker --image=busybox -- sh -c 'while true; do date; sleep 1; done'; sleep 30");
    const r = await runScript(world, 'cka01', 'kubectl logs ticker --since=5s');
    const n = r.stdout.trim().split('\n').length;
    expect(n).toBeGreaterThanOrEqual(5);
    expect(n).toBeLessThanOrEqual(6);
  });
});

describe('kubectl logs --all-containers', () => {
  it('prints every container, each with its prefix, and refuses a container name with it', async () => {
    const world = bootWorld('cluster');
    await runScript(
      world,
      'cka01',
      `cat > two.yaml <<'X'
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  initContainers:
  - name: setup
    image: busybox
    command: ['sh', '-c', 'echo setting up']
  containers:
  - name: a
    image: busybox
    command: ['sh', '-c', 'echo from a; sleep 3600']
  - name: b
    image: busybox
    command: ['sh', '-c', 'echo from b; sleep 3600']
X
kubectl apply -f two.yaml; sleep 30`,
    );
    const r = await runScript(world, 'cka01', 'kubectl logs two --all-containers --prefix');
    expect(r.stdout).toBe('[pod/two/setup] setting up\n[pod/two/a] from a\n[pod/two/b] from b\n');
    const bad = await runScript(world, 'cka01', 'kubectl logs two b --all-containers');
    expect(bad).toMatchObject({ stderr: 'error: --all-containers=true should not be specified with container name b\n', status: 1 });
    const both = await runScript(world, 'cka01', 'kubectl logs two a -c b');
    expect(both.stderr).toBe('error: only one of -c or an inline [CONTAINER] arg is allowed\n');
  });
});
