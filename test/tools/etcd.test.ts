import { describe, expect, it } from 'vitest';
import { run, worldOf } from './helpers';
import { installPrograms } from '../../src/sim/machine/image';

const CERTS = '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

function clusterWithEtcdctl() {
  const w = worldOf('cluster');
  // As the etcd release tarball puts them (the exam machines have them).
  installPrograms(w.machines.get('cka01')!.rootFs, ['etcdctl', 'etcdutl'], '/usr/local/bin');
  return w;
}

describe('etcdctl', () => {
  it('saves a snapshot that etcdutl reads and restores', async () => {
    const w = clusterWithEtcdctl();
    const r = await run(w, `ETCDCTL_API=3 etcdctl ${CERTS} snapshot save /opt/snap.db 2>/dev/null; echo rc=$?\netcdutl snapshot status /opt/snap.db -w table | sed -n 2p\netcdutl snapshot restore /opt/snap.db --data-dir /var/lib/etcd-restore 2>/dev/null; echo rc=$?; ls /var/lib/etcd-restore/member`);
    expect(r.stdout).toMatch(/^Snapshot saved at \/opt\/snap\.db\nrc=0\n\| {3}HASH {3}\| REVISION \| TOTAL KEYS \| TOTAL SIZE \|\nrc=0\nsnap\nwal\n$/);
  });

  it('logs the download as etcdctl 3.5.21 does, with microsecond timestamps that advance', async () => {
    const w = clusterWithEtcdctl();
    const r = await run(w, `etcdctl ${CERTS} snapshot save /opt/snap.db`);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual([
      'created temporary db file',
      'opened snapshot stream; downloading',
      'fetching snapshot',
      'completed snapshot read; closing',
      'fetched snapshot',
      'saved',
    ]);
    const stamps = lines.map((l) => JSON.parse(l).ts as string);
    for (const ts of stamps) expect(ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('lists members, health and keys', async () => {
    const w = clusterWithEtcdctl();
    const r = await run(w, `export ETCDCTL_API=3\netcdctl ${CERTS} member list\netcdctl ${CERTS} endpoint health\netcdctl ${CERTS} get /registry/namespaces --prefix --keys-only | grep -c kube-system`);
    expect(r.stdout).toMatch(/^[0-9a-f]{16}, started, cka01, https:\/\/192\.168\.6\.171:2380, https:\/\/192\.168\.6\.171:2379, false\nhttps:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = [\d.]+ms\n[1-9]\d*\n$/);
  });

  it('get --rev reads a key as it was at a revision; one past the store is a future revision', async () => {
    const w = clusterWithEtcdctl();
    const e = `etcdctl ${CERTS}`;
    const r = await run(w, `export ETCDCTL_API=3\n${e} put /lab/k one >/dev/null\nR=$(${e} get /lab/k -w fields | sed -n 's/^"ModRevision" : //p')\n${e} put /lab/k two >/dev/null\n${e} get /lab/k --rev=$R --print-value-only\n${e} get /lab/k --print-value-only\n${e} get /lab/k --rev=$((R-1)); echo "before: $?"\n${e} get /lab/k --rev=$((R+1000)); echo "rc=$?"`);
    expect(r.stdout).toBe('one\ntwo\nbefore: 0\nrc=1\n');
    expect(r.stderr).toBe('Error: etcdserver: mvcc: required revision is a future revision\n');
  });

  it('get --sort-by and --order sort as the server does (any case), --limit after the sort', async () => {
    const w = clusterWithEtcdctl();
    const e = `etcdctl ${CERTS}`;
    const r = await run(w, `export ETCDCTL_API=3\nfor k in b c a; do ${e} put /lab/$k $k >/dev/null; done\n${e} put /lab/b again >/dev/null\n${e} get /lab/ --prefix --keys-only --order=descend | grep .\necho --\n${e} get /lab/ --prefix --keys-only --sort-by=create | grep .\necho --\n${e} get /lab/ --prefix --keys-only --sort-by=MODIFY --order=DESCEND --limit=2 | grep .\n${e} get /lab/ --prefix --order=sideways; echo "rc=$?"`);
    expect(r.stdout).toBe('/lab/c\n/lab/b\n/lab/a\n--\n/lab/b\n/lab/c\n/lab/a\n--\n/lab/b\n/lab/a\nrc=4\n');
    expect(r.stderr).toBe('Error: bad sort order sideways\n');
  });

  it('without the certificate flags: context deadline exceeded after the dial timeout', async () => {
    const w = clusterWithEtcdctl();
    const before = w.clock.now();
    const r = await run(w, 'ETCDCTL_API=3 etcdctl snapshot save /opt/snap.db; echo rc=$?');
    expect(r.stderr.endsWith('Error: context deadline exceeded\n')).toBe(true);
    expect(r.stdout).toBe('rc=1\n');
    expect(w.clock.now() - before).toBeGreaterThanOrEqual(5_000);
  });
});
