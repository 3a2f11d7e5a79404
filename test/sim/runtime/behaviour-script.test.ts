/** A container's own `sh -c` script: which branch runs, what it logs, when and how it exits. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { behaviourOf, logsUntil } from '../../../src/sim/runtime/behaviour';
import { bootWorld, runScript } from '../../../src/runtime/session';

const sh = (script: string, env: Record<string, string> = {}, image = 'busybox') => behaviourOf({ image, command: ['sh', '-c', script] }, env);
const lines = (b: ReturnType<typeof sh>, until = 10_000_000) => logsUntil(b, 0, until).map((l) => l.line);

describe('the script model', () => {
  it('if/then/else/fi decides on the environment', () => {
    const script = 'if [ -z "$MODE" ]; then echo "MODE is not set"; exit 3; fi; echo "mode $MODE"; sleep 3600';
    const unset = sh(script);
    expect(lines(unset)).toEqual(['MODE is not set']);
    expect(unset).toMatchObject({ exitCode: 3, exitAfterMs: 0 });
    const set = sh(script, { MODE: 'blue' });
    expect(lines(set)).toEqual(['mode blue']);
    expect(set.exitAfterMs).toBe(3_600_000);
    expect(sh('if [ "$A" = x ]; then echo one; elif [ "$A" = y ]; then echo two; else echo three; fi', { A: 'y' }).startLogs.map((l) => l.line)).toEqual(['two']);
  });

  it('env and printenv print the environment runc gives the process; uname the node\'s kernel', () => {
    const environment = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 't', FOO: 'bar', HOME: '/root' };
    const b = behaviourOf({ image: 'busybox', command: ['sh', '-c', 'env; printenv FOO HOME; printenv NOPE || echo "missing $?"; uname -r; uname -a'] }, {}, { environment });
    expect(lines(b)).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'HOSTNAME=t',
      'FOO=bar',
      'HOME=/root',
      'bar',
      '/root',
      'missing 1',
      '5.15.0-151-generic',
      'Linux {hostname} 5.15.0-151-generic #161-Ubuntu SMP Tue Jul 22 14:25:40 UTC 2025 x86_64 GNU/Linux',
    ]);
  });

  it('&&, || and { …; } groups follow the status of what ran', () => {
    expect(lines(sh('false && echo no || { echo fallback; exit 4; }'))).toEqual(['fallback']);
    expect(sh('false && echo no || { echo fallback; exit 4; }').exitCode).toBe(4);
    expect(lines(sh('true && echo yes; [ 3 -gt 2 ] && echo bigger'))).toEqual(['yes', 'bigger']);
    expect(lines(sh('test -n "$X" || echo empty; ! false && echo negated'))).toEqual(['empty', 'negated']);
  });

  it('for loops unroll, variables and ${V:-default} expand, $(date) is a timestamp', () => {
    expect(lines(sh('for i in 1 2 3; do echo "step $i"; sleep 1; done'))).toEqual(['step 1', 'step 2', 'step 3']);
    expect(sh('for i in 1 2 3; do echo "step $i"; sleep 1; done')).toMatchObject({ exitAfterMs: 3000, exitCode: 0 });
    expect(lines(sh('N=${NAME:-world}; echo "hello $N"; for x in $LIST; do echo $x; done', { LIST: 'a b' }))).toEqual(['hello world', 'a', 'b']);
    expect(sh('echo "now: $(date)"').startLogs[0].line).toBe('now: {date}');
  });

  it('the script exits with the status of its last command; a missing command is reported the shell’s way', () => {
    expect(sh('echo hi; false')).toMatchObject({ exitCode: 1, exitAfterMs: 0 });
    expect(lines(sh('foo; echo after'))).toEqual(['sh: foo: not found', 'after']);
    expect(sh('foo').exitCode).toBe(127);
    expect(lines(sh('foo', {}, 'nginx'))).toEqual(['sh: 1: foo: not found']);
    expect(lines(behaviourOf({ image: 'nginx', command: ['bash', '-c', 'true\nfoo'] }))).toEqual(['bash: line 2: foo: command not found']);
  });

  it('files the script touches decide [ -f ]; while loops that hold become a repeating log', () => {
    expect(lines(sh('touch /tmp/ready; [ -f /tmp/ready ] && echo ready; [ -f /nope ] || echo missing; sleep 1'))).toEqual(['ready', 'missing']);
    const loop = sh('echo start; while true; do echo tick; sleep 5; done');
    expect(loop.exitAfterMs).toBeUndefined();
    expect(loop.loop).toMatchObject({ periodMs: 5000, lines: [{ offsetMs: 0, line: 'tick' }] });
    expect(lines(loop, 10_000)).toEqual(['start', 'tick', 'tick', 'tick']);
    expect(sh('while [ -f /nope ]; do echo never; done; echo done').startLogs.map((l) => l.line)).toEqual(['done']);
  });

  it('volume mounts are directories the script can test for', () => {
    const c = { image: 'busybox', command: ['sh', '-c', '[ -d /data ] && echo mounted || echo missing; [ -d /other ] || echo no-other'], volumeMounts: [{ mountPath: '/data/' }] };
    expect(lines(behaviourOf(c))).toEqual(['mounted', 'no-other']);
  });

  it('keeps the HPA load generator a loop that sleeps in its condition', () => {
    const b = sh('while sleep 0.01; do wget -q -O- http://php-apache; done');
    expect(b.exitAfterMs).toBeUndefined();
    expect(b.loop).toBeDefined();
  });

  it('a syntax error ends the script with status 2', () => {
    const b = sh('if true; then echo x');
    expect(b.exitCode).toBe(2);
    expect(b.startLogs[0].line).toMatch(/^sh: /);
  });

  it('never throws on arbitrary scripts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (script) => {
        const b = sh(script);
        expect(typeof b.exitCode).toBe('number');
      }),
      { numRuns: 300 },
    );
  });
});

describe('scripts in a cluster', () => {
  it('CrashLoopBackOff with the script’s message in kubectl logs; a script that runs stays Running', async () => {
    const world = bootWorld('cluster');
    const crash = `kubectl run check --image=busybox -- sh -c 'if [ -z "$MODE" ]; then echo "MODE is not set"; exit 3; fi; sleep 3600'`;
    const ok = `kubectl run fine --image=busybox --env=MODE=on -- sh -c 'if [ -z "$MODE" ]; then echo "MODE is not set"; exit 3; fi; echo "running in $MODE"; sleep 3600'`;
    await runScript(world, 'cka01', `${crash}\n${ok}\nsleep 60`);
    const r = await runScript(world, 'cka01', 'kubectl get pods --no-headers; kubectl logs check; kubectl logs fine');
    expect(r.stdout).toMatch(/check +0\/1 +CrashLoopBackOff/);
    expect(r.stdout).toMatch(/fine +1\/1 +Running/);
    expect(r.stdout).toContain('MODE is not set\nrunning in on\n');
    const d = await runScript(world, 'cka01', "kubectl get pod check -o jsonpath='{.status.containerStatuses[0].lastState.terminated.exitCode}'");
    expect(d.stdout).toBe('3');
  }, 60_000);
});

describe('loops that count, and output redirected to files', () => {
  it('$((…)) counts; a bounded while unrolls; an endless one counts for ever', () => {
    expect(lines(sh('i=0; while [ $i -lt 3 ]; do echo "n=$i"; i=$((i+1)); sleep 1; done; echo done'))).toEqual(['n=0', 'n=1', 'n=2', 'done']);
    expect(sh('i=0; while [ $i -lt 3 ]; do i=$((i+1)); sleep 1; done').exitAfterMs).toBe(3000);
    // The documentation's counter (logging architecture).
    const counter = sh('i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done');
    expect(counter.exitAfterMs).toBeUndefined();
    expect(lines(counter, 3500)).toEqual(['0: {date}', '1: {date}', '2: {date}', '3: {date}']);
    expect(lines(sh('n=10; until [ $n -le 4 ]; do echo $n; n=$((n - 3)); done'))).toEqual(['10', '7']);
    // A loop whose variables stay as they were repeats its round.
    expect(lines(sh('while true; do echo tick; sleep 2; done'), 4000)).toEqual(['tick', 'tick', 'tick']);
    // Hours later the log holds the latest lines (about 5,000), as a rotated log keeps its newest part.
    const late = lines(counter, 7_200_000);
    expect(late.length).toBe(5000);
    expect(late[late.length - 1]).toBe('7200: {date}');
  });

  it('> and >> send what a command prints to a file, not to the log; tail -f follows a file for ever', () => {
    const writer = sh('echo start > /data/a.log; while true; do date >> /data/a.log; echo to-log; sleep 5; done');
    expect(lines(writer, 12_000)).toEqual(['to-log', 'to-log', 'to-log']);
    expect(writer.writes).toEqual([{ path: '/data/a.log', offsetMs: 0, truncate: true }, { path: '/data/a.log', offsetMs: 0, line: 'start' }]);
    expect(writer.loop?.writes).toEqual([{ path: '/data/a.log', offsetMs: 0, line: '{date}' }]);
    expect(lines(sh('echo gone > /dev/null; echo kept'))).toEqual(['kept']);
    const follower = sh('sleep 2; tail -n+1 -F /data/a.log');
    expect(follower).toMatchObject({ follow: { path: '/data/a.log', fromLine: 1, startMs: 2000 } });
    expect(follower.exitAfterMs).toBeUndefined();
    expect(sh('tail -f /var/log/x.log').follow).toEqual({ path: '/var/log/x.log', lines: 10, startMs: 0 });
  });
});

describe('a Pod whose containers share a log file', () => {
  it('a logging sidecar (a native one, restartPolicy: Always) prints what the app appends; exec sees the file', async () => {
    const world = bootWorld('cluster');
    const manifest = `apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  initContainers:
  - name: logshipper
    image: busybox
    restartPolicy: Always
    command: [sh, -c, 'tail -F /opt/logs.txt']
    volumeMounts: [{name: data, mountPath: /opt}]
  containers:
  - name: main
    image: busybox
    command: [sh, -c, 'i=0; while true; do echo "line $i" >> /opt/logs.txt; i=$((i+1)); sleep 1; done']
    volumeMounts: [{name: data, mountPath: /opt}]
  volumes: [{name: data, emptyDir: {}}]
`;
    await runScript(world, 'cka01', `kubectl apply -f - <<'Y'\n${manifest}Y\nsleep 10`);
    const got = await runScript(world, 'cka01', "kubectl get pod app --no-headers | awk '{print $2, $3}'; kubectl logs app -c logshipper | head -3; kubectl logs app -c main | wc -l; kubectl exec app -c main -- tail -1 /opt/logs.txt");
    const last = /line (\d+)\n$/.exec(got.stdout)?.[1];
    expect(got.stdout).toBe(`2/2 Running\nline 0\nline 1\nline 2\n0\nline ${last}\n`);
    expect(Number(last)).toBeGreaterThanOrEqual(5);
    const ready = await runScript(world, 'cka01', "kubectl get pod app -o jsonpath='{.status.initContainerStatuses[0].ready} {.status.initContainerStatuses[0].started} {.status.conditions[?(@.type==\"Initialized\")].status}'");
    expect(ready.stdout).toBe('true true True');
  });

  it('a sidecar that exits is started again; a Job-like Pod completes once its app container has, its sidecar stopped', async () => {
    const world = bootWorld('cluster');
    const manifest = `apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 5
  initContainers:
  - {name: side, image: busybox, restartPolicy: Always, command: [sh, -c, 'sleep 3; exit 1']}
  containers:
  - {name: work, image: busybox, command: [sh, -c, 'sleep 8; echo finished']}
`;
    await runScript(world, 'cka01', `kubectl apply -f - <<'Y'\n${manifest}Y\nsleep 7`);
    const during = await runScript(world, 'cka01', "kubectl get pod once -o jsonpath='{.status.phase} {.status.initContainerStatuses[0].restartCount}'");
    expect(during.stdout).toMatch(/^Running [1-9]$/);
    await runScript(world, 'cka01', 'sleep 30');
    const after = await runScript(world, 'cka01', "kubectl get pod once -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.reason} {.status.initContainerStatuses[0].state.terminated.exitCode}'");
    expect(after.stdout).toMatch(/^Succeeded Completed (1|137)$/);
  });
});
