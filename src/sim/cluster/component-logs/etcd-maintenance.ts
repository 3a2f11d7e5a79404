/**
 * What etcd 3.5.21 logs when its storage is maintained, into the log of every running member whose
 * version this simulation narrates:
 *
 * - a compaction — the kube-apiserver compacts every 5 minutes (--etcd-compaction-interval), so
 *   these lines fill a real member's log; `etcdctl compaction` gives them too:
 *   treeIndex.Compact (server/mvcc/index.go:214 "compact tree index"), store.scheduleCompaction
 *   (server/mvcc/kvstore_compaction.go:71 "finished scheduled compaction", with the hash of the
 *   revisions it went over, the time it took and the database's sizes), hashStorage.Store
 *   (server/mvcc/hash.go:151 "storing new hash");
 * - a defragmentation (`etcdctl defrag`): maintenanceServer.Defragment
 *   (server/etcdserver/api/v3rpc/maintenance.go:92 and :100) around backend.defrag
 *   (server/mvcc/backend/backend.go:517 "defragmenting", :579 "finished defragmenting directory").
 *
 * The hash is a CRC-32C (kvHasher's table) over the revisions the compaction goes over (those since
 * the previous compaction, and older values that stay): the real one hashes bbolt's revision keys
 * and protobuf values, which the simulation does not have, so it is stable and changes with the
 * data like the real one, not equal to it. Sizes are those of src/sim/etcd/db-size.ts.
 */
import type { Cluster } from '../cluster';
import type { Container, ContainerRuntime } from '../../runtime/containerd';
import { normalizeImage } from '../../runtime/images';
import { crc32c } from '../../etcd/crc32';
import { humanizeBytes } from '../../etcd/humanize';
import { dbSizes, type DbSizes } from '../../etcd/db-size';
import { ETCD_NARRATOR } from './etcd';
import { commandOf, flagOf } from '../control-plane-processes';
import { ZapTimeline } from './timeline';

/** A running etcd container whose version this simulation narrates. */
interface Member {
  runtime: ContainerRuntime;
  container: Container;
  /** Its --data-dir. */
  dataDir: string;
}

function narratedMembers(cluster: Cluster): Member[] {
  const out: Member[] = [];
  for (const [host, runtime] of cluster.runtimes) {
    for (const c of runtime.containers.values()) {
      if (c.name !== 'etcd' || c.namespace !== 'kube-system' || c.state !== 'CONTAINER_RUNNING') continue;
      if (!ETCD_NARRATOR.matches(normalizeImage(c.imageRef || c.image).repository, c)) continue;
      const machine = cluster.machine(host);
      const argv = machine ? commandOf(machine, c) : undefined;
      out.push({ runtime, container: c, dataDir: (argv && flagOf(argv, 'data-dir')) ?? 'default.etcd' });
    }
  }
  return out;
}

/** Write a timeline's lines, starting now, into every narrated member's log. */
function logToMembers(cluster: Cluster, members: Member[], seed: number, write: (t: ZapTimeline, m: Member) => void): void {
  const now = cluster.clock.now();
  for (const m of members) {
    const t = new ZapTimeline(now, seed + m.container.attempt);
    write(t, m);
    for (const l of t.lines) m.runtime.log(m.container.id, now + l.offsetMs, l.line, 'stderr');
  }
}

const sizeFields = (s: DbSizes) => ({
  'current-db-size-bytes': s.size,
  'current-db-size': humanizeBytes(s.size),
  'current-db-size-in-use-bytes': s.inUse,
  'current-db-size-in-use': humanizeBytes(s.inUse),
});

/** Go's Duration.String() of nanoseconds below a second: "2.29606ms". */
const goMs = (ns: number) => `${ns / 1_000_000}ms`;

/** A compaction to `revision` (from `previous`), told before the store drops the history. */
export function narrateCompaction(cluster: Cluster, revision: number, previous: number): void {
  const members = narratedMembers(cluster);
  // Measured only when someone will print it: a cluster without etcd containers pays nothing.
  if (!members.length) return;
  const store = cluster.apiServer.etcd;
  const data = store.toJSON();
  const revisions: string[] = [];
  for (const h of data.history) if (h.revision > previous && h.revision <= revision) for (const e of h.events) revisions.push(`${h.revision}${e.kv.key}${e.kv.value}`);
  for (const kv of data.kvs) if (kv.modRevision <= previous) revisions.push(`${kv.modRevision}${kv.key}${kv.value}`);
  const hash = crc32c(new TextEncoder().encode(revisions.join('')));
  // The file holds the history being dropped; what stays in use does not.
  const before = dbSizes(store);
  const dropped = JSON.stringify(data.history.filter((h) => h.revision < revision)).length;
  const after = { size: before.size, inUse: Math.max(0, before.inUse - dropped) };
  // The index and the keys are gone over in batches: about a microsecond per revision, a millisecond at least.
  const tookNs = 1_000_000 + revisions.length * 1_130 + (hash % 997) * 1_000;
  const done = Math.ceil(tookNs / 1_000_000);
  logToMembers(cluster, members, hash, (t) => {
    t.info(0, 'mvcc/index.go:214', 'compact tree index', { revision });
    t.info(done, 'mvcc/kvstore_compaction.go:71', 'finished scheduled compaction', { 'compact-revision': revision, took: goMs(tookNs), hash, ...sizeFields(after) });
    t.info(done, 'mvcc/hash.go:151', 'storing new hash', { hash, revision, 'compact-revision': previous });
  });
}

/** A defragmentation of the members' database (`etcdctl defrag`), from `before` to `after`. */
export function narrateDefragmentation(cluster: Cluster, before: DbSizes, after: DbSizes): void {
  const members = narratedMembers(cluster);
  if (!members.length) return;
  // Copying the live data into a new file: a few milliseconds a megabyte.
  const tookNs = 8_000_000 + Math.round(before.inUse * 4.2);
  const done = Math.ceil(tookNs / 1_000_000);
  logToMembers(cluster, members, before.size, (t, { dataDir }) => {
    t.info(0, 'v3rpc/maintenance.go:92', 'starting defragment');
    t.info(0, 'backend/backend.go:517', 'defragmenting', { path: `${dataDir}/member/snap/db`, ...sizeFields(before) });
    t.info(done, 'backend/backend.go:579', 'finished defragmenting directory', {
      path: `${dataDir}/member/snap/db`,
      'current-db-size-bytes-diff': after.size - before.size,
      'current-db-size-bytes': after.size,
      'current-db-size': humanizeBytes(after.size),
      'current-db-size-in-use-bytes-diff': after.inUse - before.inUse,
      'current-db-size-in-use-bytes': after.inUse,
      'current-db-size-in-use': humanizeBytes(after.inUse),
      took: goMs(tookNs),
    });
    t.info(done, 'v3rpc/maintenance.go:100', 'finished defragment');
  });
}
