/**
 * etcd's storage maintained: the API server's compaction every 5 minutes and `etcdctl compaction`
 * write etcd 3.5.21's three compaction lines into the member's log; `etcdctl defrag` shrinks the
 * database file (DB SIZE) and logs its lines; the database size never shrinks otherwise; sizes are
 * printed as go-humanize prints them.
 */
import { describe, expect, it } from 'vitest';
import { run, worldOf } from './helpers';
import { installPrograms } from '../../src/sim/machine/image';
import { humanizeBytes } from '../../src/sim/etcd/humanize';

const CERTS = '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

function clusterWithEtcdctl() {
  const w = worldOf('cluster');
  installPrograms(w.machines.get('cka01')!.rootFs, ['etcdctl', 'etcdutl'], '/usr/local/bin');
  return w;
}

/**
 * The member's log lines (zap JSON) from `crictl logs`, a second later: a compaction or a defrag
 * logs its last lines the few milliseconds it takes after it started, and a log shows a line only
 * once its time has come.
 */
async function etcdLog(w: ReturnType<typeof worldOf>): Promise<Record<string, unknown>[]> {
  const r = await run(w, 'sleep 1; crictl logs $(crictl ps --name etcd -q 2>/dev/null) 2>&1 | grep "^{"');
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

const DB_SIZE = /\| https:\/\/127\.0\.0\.1:2379 \| [0-9a-f]{16} \| {2}3\.5\.21 \| +([\d.]+ [kM]?B) \|/;

describe('go-humanize Bytes', () => {
  it('prints one decimal below 10 units, none from 10 on, halves to even', () => {
    expect([5, 82, 999, 1000, 2_717_026, 13_400_000, 12_500_000, 13_500_000, 874_182].map(humanizeBytes)).toEqual(['5 B', '82 B', '999 B', '1.0 kB', '2.7 MB', '13 MB', '12 MB', '14 MB', '874 kB']);
  });
});

describe('etcd compaction and defragmentation', () => {
  it('logs each compaction of the API server with its revisions, hash and sizes', async () => {
    const w = clusterWithEtcdctl();
    const before = (await etcdLog(w)).length;
    await run(w, 'sleep 900');
    const lines = (await etcdLog(w)).slice(before);
    const msgs = lines.map((l) => `${l.caller} ${l.msg}`);
    expect(msgs.length % 3).toBe(0);
    expect(msgs.slice(0, 3)).toEqual(['mvcc/index.go:214 compact tree index', 'mvcc/kvstore_compaction.go:71 finished scheduled compaction', 'mvcc/hash.go:151 storing new hash']);
    for (let i = 0; i < lines.length; i += 3) {
      const [tree, finished, stored] = lines.slice(i, i + 3);
      expect(finished['compact-revision']).toBe(tree.revision);
      expect(stored.revision).toBe(tree.revision);
      expect(stored.hash).toBe(finished.hash);
      expect(finished.took).toMatch(/^\d+\.\d+ms$/);
      expect(finished['current-db-size']).toBe(humanizeBytes(finished['current-db-size-bytes'] as number));
      expect(finished['current-db-size-in-use-bytes'] as number).toBeLessThanOrEqual(finished['current-db-size-bytes'] as number);
      if (i) expect(stored['compact-revision']).toBe(lines[i - 3].revision);
    }
  });

  it('etcdctl compaction: argument errors, compacted and future revisions, then a compaction that is logged', async () => {
    const w = clusterWithEtcdctl();
    const r = await run(w, `export ETCDCTL_API=3
etcdctl ${CERTS} compaction; echo rc=$?
etcdctl ${CERTS} compaction abc; echo rc=$?
etcdctl ${CERTS} compaction 1; echo rc=$?
etcdctl ${CERTS} compaction 99999999; echo rc=$?
sleep 20
rev=$(etcdctl ${CERTS} endpoint status -w table | sed -n 4p | awk '{print $17}')
etcdctl ${CERTS} compaction $rev; echo rc=$?`);
    expect(r.stderr).toBe(
      'Error: compaction command needs 1 argument\nError: strconv.ParseInt: parsing "abc": invalid syntax\nError: etcdserver: mvcc: required revision has been compacted\nError: etcdserver: mvcc: required revision is a future revision\n',
    );
    expect(r.stdout).toMatch(/^rc=128\nrc=1\nrc=1\nrc=1\ncompacted revision (\d+)\nrc=0\n$/);
    const rev = Number(/compacted revision (\d+)/.exec(r.stdout)![1]);
    const last = (await etcdLog(w)).slice(-3);
    expect(last.map((l) => l.msg)).toEqual(['compact tree index', 'finished scheduled compaction', 'storing new hash']);
    expect(last[0].revision).toBe(rev);
  });

  it('etcdctl defrag gives back the pages a compaction freed: DB SIZE shrinks to what is in use, as the member log says', async () => {
    const w = clusterWithEtcdctl();
    const r = await run(w, `export ETCDCTL_API=3
sleep 120
rev=$(etcdctl ${CERTS} endpoint status -w table | sed -n 4p | awk '{print $17}')
etcdctl ${CERTS} compaction $rev >/dev/null
etcdctl ${CERTS} endpoint status -w table
etcdctl ${CERTS} defrag; echo rc=$?
etcdctl ${CERTS} endpoint status -w table`);
    const [big, small] = [...r.stdout.matchAll(new RegExp(DB_SIZE, 'g'))].map((m) => m[1]);
    expect(r.stdout).toContain('Finished defragmenting etcd member[https://127.0.0.1:2379]\nrc=0\n');
    const log = (await etcdLog(w)).slice(-4);
    expect(log.map((l) => `${l.caller} ${l.msg}`)).toEqual([
      'v3rpc/maintenance.go:92 starting defragment',
      'backend/backend.go:517 defragmenting',
      'backend/backend.go:579 finished defragmenting directory',
      'v3rpc/maintenance.go:100 finished defragment',
    ]);
    expect(log[1]['current-db-size']).toBe(big);
    expect(log[2]['current-db-size']).toBe(small);
    expect(log[2].path).toBe('/var/lib/etcd/member/snap/db');
    expect((log[2]['current-db-size-bytes-diff'] as number) < 0).toBe(true);
  });
});
