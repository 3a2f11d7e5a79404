/** etcd's listeners and the API server's storage on a machine, from their command lines. */
import { describe, expect, it } from 'vitest';
import { apiServerWithoutEtcd, canBind, etcdFailure } from '../../../src/sim/cluster/control-plane-processes';

const machine = { hostname: 'cka01', ip: '192.168.6.171' };
const etcd = (ip: string) => ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--data-dir=/var/lib/etcd', `--initial-advertise-peer-urls=https://${ip}:2380`, `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, '--name=cka01', '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'];

describe('canBind', () => {
  it.each([
    ['192.168.6.171', true],
    ['127.0.0.1', true],
    ['127.0.1.1', true],
    ['0.0.0.0', true],
    ['[::]', true],
    ['::1', true],
    ['localhost', true],
    ['1.2.3.4', false],
    ['192.168.6.172', false],
    ['[fe80::1]', false],
  ])('%s: %s', (host, ok) => {
    expect(canBind(machine, host)).toBe(ok);
  });
});

describe('etcdFailure', () => {
  it("the machine's own address: no failure", () => {
    expect(etcdFailure(etcd('192.168.6.171'), machine, 0)).toBeUndefined();
  });

  it('a foreign peer address: the bind error, exit 1 at once', () => {
    const f = etcdFailure(etcd('1.2.3.4'), machine, Date.UTC(2026, 0, 15, 8, 0, 0))!;
    expect(f.exitCode).toBe(1);
    expect(f.exitAfterMs).toBeLessThan(10);
    const fatal = JSON.parse(f.lines[f.lines.length - 1].line);
    expect(fatal).toMatchObject({ level: 'fatal', caller: 'etcdmain/etcd.go:204', msg: 'discovery failed', error: 'listen tcp 1.2.3.4:2380: bind: cannot assign requested address' });
    expect(Object.keys(fatal)).toEqual(['level', 'ts', 'caller', 'msg', 'error', 'stacktrace']);
    expect(fatal.ts).toMatch(/^2026-01-15T08:00:00\.\d{6}Z$/);
    const closing = JSON.parse(f.lines.find((l) => l.line.includes('"closing etcd server"'))!.line);
    expect(closing).toMatchObject({ name: 'cka01', 'data-dir': '/var/lib/etcd', 'advertise-peer-urls': ['https://1.2.3.4:2380'], 'advertise-client-urls': ['https://1.2.3.4:2379'] });
  });

  it('peers bind but a client URL does not: the client address is named', () => {
    const argv = etcd('192.168.6.171').map((a) => (a.startsWith('--listen-client-urls') ? '--listen-client-urls=https://127.0.0.1:2379,https://10.9.9.9:2379' : a));
    const f = etcdFailure(argv, machine, 0)!;
    expect(f.lines.map((l) => JSON.parse(l.line).msg)).toContain('configuring client listeners');
    expect(JSON.parse(f.lines[f.lines.length - 1].line).error).toBe('listen tcp 10.9.9.9:2379: bind: cannot assign requested address');
  });
});

describe('apiServerWithoutEtcd', () => {
  it('dials its etcd, then the storage error 20.4 s after start, exit 255', () => {
    const f = apiServerWithoutEtcd(['kube-apiserver', '--advertise-address=1.2.3.4', '--etcd-servers=https://127.0.0.1:2379'], 'v1.33.4', Date.UTC(2026, 0, 15, 8, 0, 0));
    expect(f.exitCode).toBe(255);
    expect(f.exitAfterMs).toBe(20_407);
    expect(f.lines[0].line).toMatch(/^I0115 08:00:00\.\d{6}       1 options\.go:249\] external host was not specified, using 1\.2\.3\.4$/);
    expect(f.lines[f.lines.length - 1].line).toMatch(/^F0115 08:00:20\.406\d{3}       1 instance\.go:226\] Error creating leases: error creating storage factory: context deadline exceeded$/);
    expect(f.lines.every((l, i) => i === 0 || l.offsetMs >= f.lines[i - 1].offsetMs)).toBe(true);
  });
});
