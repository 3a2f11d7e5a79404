/**
 * Snapshot files: save (etcdctl downloads the member's backend over the maintenance API),
 * status and restore (offline, etcdutl's; etcdctl 3.5 still runs them after a deprecation
 * notice). The file holds the store's snapshot bytes, one per character.
 */
import type { CommandContext } from '../../shell/command';
import { EtcdStore } from '../../sim/etcd';
import { humanizeBytes } from '../../sim/etcd/humanize';
import { out } from '../lib/context';
import { zapTs } from './connection';
import { asciiTable } from './table';
import { EXIT } from './invocation';

export function bytesToString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

function stringToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** `snapshot save FILE` once connected: the client's log on stderr, the file written through FILE.part. */
export function saveSnapshot(ctx: CommandContext, store: EtcdStore, endpoint: string, file: string): number {
  const bytes = store.snapshot();
  const now = ctx.clock.now();
  // The client logs each step of the download a few microseconds to milliseconds apart.
  const [created, opened, fetching, read, fetched, saved] = [801, 7524, 7572, 9130, 9187, 9342].map((us) => zapTs(now, us));
  try {
    ctx.fs.writeFile(`${file}.part`, '');
    ctx.fs.writeFile(file, bytesToString(bytes));
    ctx.fs.remove(`${file}.part`);
  } catch {
    ctx.stderr.write(`Error: could not open ${file}.part (open ${file}.part: no such file or directory)\n`);
    return 1;
  }
  const lines = [
    `{"level":"info","ts":"${created}","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"${file}.part"}`,
    `{"level":"info","ts":"${opened}","logger":"client","caller":"v3@v3.5.21/maintenance.go:212","msg":"opened snapshot stream; downloading"}`,
    `{"level":"info","ts":"${fetching}","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"${endpoint}"}`,
    `{"level":"info","ts":"${read}","logger":"client","caller":"v3@v3.5.21/maintenance.go:220","msg":"completed snapshot read; closing"}`,
    `{"level":"info","ts":"${fetched}","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"${endpoint}","size":"${humanizeBytes(bytes.length)}","took":"now"}`,
    `{"level":"info","ts":"${saved}","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"${file}"}`,
  ];
  out(ctx.stderr, lines.join('\n'));
  out(ctx.stdout, `Snapshot saved at ${file}`);
  return 0;
}

export function snapshotStatus(ctx: CommandContext, write: string, args: readonly string[]): number {
  const file = args[0];
  if (args.length !== 1) {
    ctx.stderr.write('Error: snapshot status requires exactly one argument\n');
    return EXIT.badArgs;
  }
  let bytes: Uint8Array;
  try {
    bytes = stringToBytes(ctx.fs.readFile(file));
  } catch {
    ctx.stderr.write(`Error: stat ${file}: no such file or directory\n`);
    return 1;
  }
  let st;
  try {
    st = EtcdStore.snapshotStatus(bytes);
  } catch {
    ctx.stderr.write('Error: snapshot file integrity check failed\n');
    return 1;
  }
  const row = [st.hash.toString(16).padStart(8, '0'), String(st.revision), String(st.totalKeys), humanizeBytes(st.totalSize)];
  if (write === 'table') ctx.stdout.write(asciiTable(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE'], [row]));
  else if (write === 'json') out(ctx.stdout, JSON.stringify({ hash: st.hash, revision: st.revision, totalKey: st.totalKeys, totalSize: st.totalSize }));
  else out(ctx.stdout, row.join(', '));
  return 0;
}

/** `snapshot restore FILE --data-dir DIR`: the member directory made from the file, with the restore's log. */
export function restoreSnapshot(ctx: CommandContext, args: readonly string[], dataDirFlag: string): number {
  const file = args[0];
  if (args.length !== 1) {
    ctx.stderr.write('Error: snapshot restore requires exactly one argument\n');
    return EXIT.badArgs;
  }
  let bytes: Uint8Array;
  try {
    bytes = stringToBytes(ctx.fs.readFile(file));
    EtcdStore.restore(bytes);
  } catch {
    ctx.stderr.write(`Error: open ${file}: no such file or directory\n`);
    return 1;
  }
  const dataDir = dataDirFlag || 'default.etcd';
  if (ctx.fs.stat(`${dataDir}/member`)) {
    ctx.stderr.write(`Error: data-dir "${dataDir}" not empty or could not be read\n`);
    return 1;
  }
  const ts = zapTs(ctx.clock.now()).replace(/\.\d+Z$/, 'Z');
  const meta = `{"path": "${file}", "wal-dir": "${dataDir}/member/wal", "data-dir": "${dataDir}", "snap-dir": "${dataDir}/member/snap", "initial-memory-map-size": 10737418240}`;
  try {
    ctx.fs.mkdir(`${dataDir}/member/snap`, { recursive: true });
    ctx.fs.mkdir(`${dataDir}/member/wal`, { recursive: true });
    ctx.fs.writeFile(`${dataDir}/member/snap/db`, bytesToString(bytes));
  } catch {
    ctx.stderr.write(`Error: mkdir ${dataDir}: permission denied\n`);
    return 1;
  }
  out(ctx.stderr, `${ts}\tinfo\tsnapshot/v3_snapshot.go:265\trestoring snapshot\t${meta}`);
  out(ctx.stderr, `${ts}\tinfo\tmembership/store.go:141\tTrimming membership information from the backend...`);
  out(ctx.stderr, `${ts}\tinfo\tmembership/cluster.go:421\tadded member\t{"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d", "added-peer-peer-urls": ["http://localhost:2380"]}`);
  out(ctx.stderr, `${ts}\tinfo\tsnapshot/v3_snapshot.go:293\trestored snapshot\t${meta}`);
  return 0;
}
