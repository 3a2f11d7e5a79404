/**
 * crictl logs' flags (cri-tools v1.33.0 cmd/crictl/logs.go, k8s.io/cri-client pkg/logs):
 * -t prefixes each line with its time as RFC3339NanoFixed; --tail keeps the last lines, then
 * --since drops older ones (docker's timetypes: a Go duration, RFC 3339 or Unix seconds);
 * --tail and --stream together are refused; -p needs a previous instance; -f follows a running
 * container until it exits.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const ENV = 'export CONTAINER_RUNTIME_ENDPOINT=unix:///run/containerd/containerd.sock; touch /etc/crictl.yaml';
const fata = (message: string) => `FATA[0000] ${message.padEnd(44)} \n`;

describe('crictl logs flags', () => {
  const world = bootWorld('cluster');
  const run = (script: string) => runScript(world, 'cka01', `${ENV}; ID=$(crictl ps --name kube-scheduler -q); ${script}`);

  it('prints the last lines with their times', async () => {
    const plain = await run('crictl logs --tail 2 $ID 2>&1');
    const stamped = await run('crictl logs --tail 2 -t $ID 2>&1');
    const lines = plain.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    const withTimes = stamped.stdout.split('\n').filter(Boolean);
    withTimes.forEach((line, i) => expect(line).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z ${lines[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)));
  });

  it('keeps the lines written since a time', async () => {
    const all = (await run('crictl logs $ID 2>&1 | wc -l')).stdout.trim();
    expect((await run('crictl logs --since 1h $ID 2>&1 | wc -l')).stdout.trim()).toBe(all);
    expect((await run('crictl logs --since 1s $ID 2>&1 | wc -l')).stdout.trim()).toBe('0');
    expect((await run('crictl logs --since 2020-01-01T00:00:00Z $ID 2>&1 | wc -l')).stdout.trim()).toBe(all);
    const bad = await run('crictl logs --since xyz $ID; echo rc=$?');
    expect(bad.stdout).toBe('rc=1\n');
    expect(bad.stderr).toBe(fata('failed to parse value as time or duration: "xyz"'));
  });

  it('refuses what crictl refuses', async () => {
    expect((await run('crictl logs --tail 1 --stream stdout $ID')).stderr).toBe(fata('--tail and --stream are mutually exclusive'));
    expect((await run('crictl logs --stream both $ID')).stderr).toBe(fata('invalid stream "both", must be "stdout" or "stderr"'));
    expect((await run('crictl logs -p $ID')).stderr).toBe(fata('previous terminated container kube-scheduler not found'));
  });

  it('follows a running container for as long as it runs', async () => {
    const w = bootWorld('cluster');
    await runScript(w, 'cka01', `kubectl run ticker --image=busybox --overrides='{"spec":{"nodeName":"cka02"}}' -- sh -c 'for i in 1 2 3 4 5 6 7 8; do echo tick $i; sleep 2; done' >/dev/null; sleep 8`);
    const running = await runScript(w, 'cka02', `${ENV}; crictl ps --name ticker -q | wc -l`);
    expect(running.stdout).toBe('1\n');
    const r = await runScript(w, 'cka02', `${ENV}; crictl logs -f $(crictl ps -a --name ticker -q); echo rc=$?; date -u +%T`);
    // Every line, the later ones as they are written, then the end of the stream when the container exits.
    expect(r.stdout).toMatch(/^tick 1\ntick 2\ntick 3\ntick 4\ntick 5\ntick 6\ntick 7\ntick 8\nrc=0\n\d\d:\d\d:\d\d\n$/);
    const after = await runScript(w, 'cka02', `${ENV}; crictl ps --name ticker -q | wc -l`);
    expect(after.stdout).toBe('0\n');
  });
});
