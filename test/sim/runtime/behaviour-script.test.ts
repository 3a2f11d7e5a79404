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
