/**
 * crictl ps / crictl pods listing flags (cri-tools v1.33): the regular-expression filters on names
 * and namespaces, ID prefixes, states, labels, --latest/--last, and the errors they stop with.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const world = bootWorld('cluster');
const run = async (cmd: string) => (await runScript(world, 'cka01', cmd)).stdout;
const names = (table: string, column: number) =>
  table
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s{2,}/)[column]);

describe('crictl pods', () => {
  it('--name is a regular expression on the pod name, in either flag form', async () => {
    expect(names(await run('crictl pods --name kube-sched 2>/dev/null'), 3)).toEqual(['kube-scheduler-cka01']);
    expect(names(await run("crictl pods --name='^(etcd|kube-apiserver)-' 2>/dev/null"), 3).sort()).toEqual(['etcd-cka01', 'kube-apiserver-cka01']);
    expect(await run('crictl pods --name nothing-like-this -q 2>/dev/null')).toBe('');
  });

  it('--namespace, --label, --state and --id filter; -q prints whole IDs', async () => {
    expect(names(await run('crictl pods --namespace kube-flannel 2>/dev/null'), 4)).toEqual(['kube-flannel']);
    expect(names(await run('crictl pods --label component=etcd 2>/dev/null'), 3)).toEqual(['etcd-cka01']);
    expect(await run('crictl pods --state notready -q 2>/dev/null')).toBe('');
    const id = (await run('crictl pods --name etcd -q 2>/dev/null')).trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(names(await run(`crictl pods --id ${id.slice(0, 5)} 2>/dev/null`), 3)).toEqual(['etcd-cka01']);
    expect(names(await run('crictl pods --no-trunc --name etcd 2>/dev/null'), 0)).toEqual([id]);
  });

  it('a state it does not know and a label without one "=" stop it', async () => {
    const state = await runScript(world, 'cka01', 'crictl pods --state up 2>&1 | grep -v ^WARN');
    // logrus on a terminal: the message padded to 44 columns, then a space
    expect(state.stdout).toBe(`FATA[0000] ${'--state should be ready or notready'.padEnd(44)} \n`);
    const label = await runScript(world, 'cka01', 'crictl pods --label app 2>&1 | grep -v ^WARN; echo ${PIPESTATUS[0]}');
    expect(label.stdout).toBe(`FATA[0000] ${'incorrectly specified label: app'.padEnd(44)} \n1\n`);
  });
});

describe('crictl ps', () => {
  it('--name, --namespace, --label and --pod (a prefix of the sandbox ID)', async () => {
    expect(names(await run('crictl ps --name kube-apiserver 2>/dev/null'), 4)).toEqual(['kube-apiserver']);
    expect(names(await run('crictl ps --namespace flannel 2>/dev/null'), 4)).toEqual(['kube-flannel']);
    expect(names(await run('crictl ps --label io.kubernetes.container.name=etcd 2>/dev/null'), 4)).toEqual(['etcd']);
    const pod = (await run('crictl pods --name etcd -q 2>/dev/null')).trim();
    expect(names(await run(`crictl ps -p ${pod.slice(0, 6)} 2>/dev/null`), 4)).toEqual(['etcd']);
  });

  it('running only by default; --state exited, -a, --latest and --last (which include every state)', async () => {
    await run('crictl stop $(crictl ps --name kube-scheduler -q 2>/dev/null) >/dev/null 2>&1; sleep 2');
    expect(names(await run('crictl ps --state exited 2>/dev/null'), 4)).toContain('kube-scheduler');
    expect(names(await run('crictl ps 2>/dev/null'), 3).every((s) => s === 'Running')).toBe(true);
    expect(names(await run('crictl ps -a 2>/dev/null'), 3)).toContain('Exited');
    expect(names(await run('crictl ps -l 2>/dev/null'), 4)).toHaveLength(1);
    expect(names(await run('crictl ps --last 3 2>/dev/null'), 4)).toHaveLength(3);
    expect(names(await run('crictl ps -n 2 --state exited 2>/dev/null'), 4)).toHaveLength(2);
  });

  it('an unknown --state stops it after connecting', async () => {
    const r = await runScript(world, 'cka01', 'crictl ps --state up 2>&1; echo $?');
    expect(r.stdout.split('\n').slice(-3)).toEqual(['FATA[0000] --state should be one of created, running, exited or unknown ', '1', '']);
  });
});
