/**
 * etcd v3.5.21 (the etcd kubeadm 1.33 deploys, registry.k8s.io/etcd:3.5.21-0) as it starts with
 * kubeadm's flags: a new single-member cluster (the first start on an empty data directory, what
 * `kubeadm init` starts) or a restart of that member on its data (a manifest moved away and back,
 * `crictl stop`). Texts, fields and callers are those of the v3.5.21 source
 * (server/etcdmain, server/embed, server/etcdserver, server/mvcc, raft), in the order real logs
 * show them (a kubeadm member's `kubectl logs etcd-<node>`: its fresh start pasted in kubeadm
 * tutorials, its restart in `crictl logs` pasted in issues).
 *
 * Values come from the simulation: the command line of the static pod, the member ID that
 * `etcdctl member list` shows, the store's revisions. The simulation has no cluster ID: one is
 * derived from the member ID, stable like the real one. A member of a multi-member cluster
 * (`kubeadm join --control-plane`) also talks to its peers (rafthttp streams, votes), which this
 * does not model: it prints nothing rather than a single member's log; so does a member started
 * on a restored snapshot (see restoredDataDir). The lines of compactions and defragmentations are
 * written when they happen (etcd-maintenance.ts).
 */
import type { Narrator, NarrationContext } from './index';
import type { ProcessLine } from '../control-plane-processes';
import { flagOf, urls, hostPort } from '../control-plane-processes';
import { staticPodNarrator } from './static-pod';
import { etcdMemberId } from '../../kubeadm/etcd-members';
import { etcdDataDir } from '../../kubeadm/etcd-data';
import { ZapTimeline } from './timeline';
import { clusterHasRun } from './cluster-state';
import { ETCD_BUILD } from '../../etcd/build';

const { version: VERSION, gitSha: GIT_SHA, goVersion: GO_VERSION } = ETCD_BUILD;
const WAL_FILE = 'member/wal/0000000000000000-0000000000000000.wal';

/** A 64-bit ID as etcd prints it (types.ID: hex, no leading zeros). */
const hexId = (id: string) => id.replace(/^0+(?=.)/, '');

/**
 * The cluster ID of a single-member cluster. Real etcd hashes the member IDs (sha1); the
 * simulation's member IDs are not the real hash of the peer URLs either, so this mixes the member
 * ID the same way the simulation makes member IDs: stable for a member, different from it.
 */
export function etcdClusterId(memberId: string): string {
  let h = 0x811c9dc5;
  for (const c of memberId) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  const lo = Math.imul(h ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
  return hexId(`${h.toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}`);
}

/** What this start finds in its data directory. */
interface DataState {
  /** A member already ran there (its WAL is on disk, with data). */
  initialized: boolean;
  revision: number;
  compactRevision: number;
}

/** The host directory the manifest mounts at the member's --data-dir. */
const hostDataDir = (ctx: NarrationContext) => etcdDataDir(ctx.machine);

/**
 * A directory that holds a database file was filled by `etcdutl snapshot restore` (or kept the
 * data of a directory etcd left): etcd then recovers from the restored snapshot, whose sizes and
 * indexes this does not know, so such a start is not narrated.
 */
const restoredDataDir = (ctx: NarrationContext) => !!ctx.machine.rootFs.stat(`${hostDataDir(ctx)}/member/snap/db`);

function dataState(ctx: NarrationContext): DataState {
  const store = ctx.cluster.apiServer.etcd;
  // The cluster marks the directory it serves with the member's WAL before its first etcd runs:
  // that first start (no Node registered yet) is a new member's.
  const served = !!ctx.machine.rootFs.stat(`${hostDataDir(ctx)}/${WAL_FILE}`) && clusterHasRun(ctx.cluster);
  return { initialized: served, revision: store.revision, compactRevision: store.compactRevision };
}

/** The lines etcd prints from its start until it serves clients. */
export function etcdStartLines(ctx: NarrationContext, argv: readonly string[]): ProcessLine[] {
  const name = flagOf(argv, 'name') ?? 'default';
  const dataDir = flagOf(argv, 'data-dir') ?? `${name}.etcd`;
  const peerUrls = urls(flagOf(argv, 'listen-peer-urls') ?? 'http://localhost:2380');
  const clientUrls = urls(flagOf(argv, 'listen-client-urls') ?? 'http://localhost:2379');
  const advertisePeer = urls(flagOf(argv, 'initial-advertise-peer-urls') ?? 'http://localhost:2380');
  const advertiseClient = urls(flagOf(argv, 'advertise-client-urls') ?? 'http://localhost:2379');
  const metricsUrls = urls(flagOf(argv, 'listen-metrics-urls'));
  const initialCluster = flagOf(argv, 'initial-cluster') ?? `${name}=${advertisePeer[0]}`;
  const state = dataState(ctx);
  const id = etcdMemberId(name);
  const clusterId = etcdClusterId(id);
  const voter = BigInt(`0x${id}`).toString();
  const snapshotCount = Number(flagOf(argv, 'snapshot-count') ?? 100000);
  const tls = (prefix: string, auth: string) =>
    `cert = ${flagOf(argv, `${prefix}cert-file`) ?? ''}, key = ${flagOf(argv, `${prefix}key-file`) ?? ''}, client-cert=, client-key=, trusted-ca = ${flagOf(argv, `${prefix}trusted-ca-file`) ?? ''}, client-cert-auth = ${flagOf(argv, auth) === 'true'}, crl-file = `;
  const t = new ZapTimeline(ctx.startedAt, id.charCodeAt(3) * 7);
  const singlePort = !flagOf(argv, 'listen-client-http-urls');
  const portWarning = (at: number) => singlePort && t.log(at, 'warn', 'embed/config.go:689', 'Running http and grpc server on single port. This is not recommended for production.');

  // Flags parsed and validated (the warning comes from that validation, before anything is logged).
  portWarning(0);
  t.info(0, 'etcdmain/etcd.go:73', 'Running: ', { args: [...argv] });
  if (state.initialized) t.info(1, 'etcdmain/etcd.go:116', 'server has been already initialized', { 'data-dir': dataDir, 'dir-type': 'member' });
  // embed.StartEtcd validates the configuration again.
  portWarning(1);
  t.info(1, 'embed/etcd.go:140', 'configuring peer listeners', { 'listen-peer-urls': peerUrls });
  if (flagOf(argv, 'peer-cert-file')) t.info(1, 'embed/etcd.go:528', 'starting with peer TLS', { 'tls-info': tls('peer-', 'peer-client-cert-auth'), 'cipher-suites': [] });
  t.info(4, 'embed/etcd.go:148', 'configuring client listeners', { 'listen-client-urls': clientUrls });
  t.info(5, 'embed/etcd.go:323', 'starting an etcd server', {
    'etcd-version': VERSION,
    'git-sha': GIT_SHA,
    'go-version': GO_VERSION,
    'go-os': 'linux',
    'go-arch': 'amd64',
    'max-cpu-set': ctx.machine.cpus,
    'max-cpu-available': ctx.machine.cpus,
    'member-initialized': state.initialized,
    name,
    'data-dir': dataDir,
    'wal-dir': '',
    'wal-dir-dedicated': '',
    'member-dir': `${dataDir}/member`,
    'force-new-cluster': false,
    'heartbeat-interval': '100ms',
    'election-timeout': '1s',
    'initial-election-tick-advance': true,
    'snapshot-count': snapshotCount,
    'max-wals': 5,
    'max-snapshots': 5,
    'snapshot-catchup-entries': 5000,
    'initial-advertise-peer-urls': advertisePeer,
    'listen-peer-urls': peerUrls,
    'advertise-client-urls': advertiseClient,
    'listen-client-urls': clientUrls,
    'listen-metrics-urls': metricsUrls,
    cors: ['*'],
    'host-whitelist': ['*'],
    // The initial cluster and its token only matter to a member that has not started yet.
    'initial-cluster': state.initialized ? '' : initialCluster,
    'initial-cluster-state': flagOf(argv, 'initial-cluster-state') ?? 'new',
    'initial-cluster-token': state.initialized ? '' : (flagOf(argv, 'initial-cluster-token') ?? 'etcd-cluster'),
    'quota-backend-bytes': 2147483648,
    'max-request-bytes': 1572864,
    'max-concurrent-streams': 4294967295,
    'pre-vote': true,
    'initial-corrupt-check': flagOf(argv, 'experimental-initial-corrupt-check') === 'true',
    'corrupt-check-time-interval': '0s',
    'compact-check-time-enabled': false,
    'compact-check-time-interval': '1m0s',
    'auto-compaction-mode': 'periodic',
    'auto-compaction-retention': '0s',
    'auto-compaction-interval': '0s',
    'discovery-url': '',
    'discovery-proxy': '',
    'downgrade-check-interval': '5s',
  });
  t.info(9, 'etcdserver/backend.go:81', 'opened backend db', { path: `${dataDir}/member/snap/db`, took: state.initialized ? '3.172914ms' : '2.068421ms' });

  // A restarted member replays its WAL: it has no snapshot until --snapshot-count entries were
  // written, which a young cluster has not. Its raft term is the one it was last elected in: 2
  // for the member kubeadm started, one more for each restart of its pod's container.
  const term = state.initialized ? 2 + Math.max(0, ctx.container.attempt - 1) : 0;
  const commit = state.initialized ? state.revision : 0;
  if (state.initialized) {
    t.info(21, 'etcdserver/server.go:534', 'No snapshot found. Recovering WAL from scratch!');
    t.info(33, 'etcdserver/raft.go:541', 'restarting local member', { 'cluster-id': clusterId, 'local-member-id': id, 'commit-index': commit });
    t.raft(33, `${id} switched to configuration voters=()`);
    t.raft(34, `${id} became follower at term ${term}`);
    t.raft(34, `newRaft ${id} [peers: [], term: ${term}, commit: ${commit}, applied: 0, lastindex: ${commit}, lastterm: ${term}]`);
  } else {
    t.info(12, 'etcdserver/raft.go:506', 'starting local member', { 'local-member-id': id, 'cluster-id': clusterId });
    t.raft(12, `${id} switched to configuration voters=()`);
    t.raft(12, `${id} became follower at term 0`);
    t.raft(12, `newRaft ${id} [peers: [], term: 0, commit: 0, applied: 0, lastindex: 0, lastterm: 0]`);
    t.raft(12, `${id} became follower at term 1`);
    t.raft(12, `${id} switched to configuration voters=(${voter})`);
  }
  const at = state.initialized ? 36 : 16;
  t.log(at, 'warn', 'auth/store.go:1241', 'simple token is not cryptographically signed');
  if (state.initialized && state.compactRevision > 0) {
    t.info(at, 'mvcc/kvstore.go:348', 'restored last compact revision', { 'meta-bucket-name': 'meta', 'meta-bucket-name-key': 'finishedCompactRev', 'restored-compact-revision': state.compactRevision });
  }
  t.info(at + 2, 'mvcc/kvstore.go:425', 'kvstore restored', { 'current-rev': state.initialized ? state.revision : 1 });
  t.info(at + 2, 'etcdserver/server.go:628', 'restore consistentIndex', { index: commit });
  t.info(at + 3, 'etcdserver/quota.go:94', 'enabled backend quota with default value', { 'quota-name': 'v3-applier', 'quota-size-bytes': 2147483648, 'quota-size': '2.1 GB' });
  // The initial hash check compares with peers; a new member has nothing to check.
  if (state.initialized && flagOf(argv, 'experimental-initial-corrupt-check') === 'true') {
    t.info(at + 4, 'etcdserver/corrupt.go:96', 'starting initial corruption check', { 'local-member-id': id, timeout: '7s' });
    t.info(at + 5, 'etcdserver/corrupt.go:177', 'initial corruption checking passed; no corruption', { 'local-member-id': id });
  }
  const s = at + 5;
  // Without a snapshot the membership and the cluster version come back with the WAL replay,
  // after the server started: it starts with "to_be_decided" either way.
  t.info(s, 'etcdserver/server.go:875', 'starting etcd server', { 'local-member-id': id, 'local-server-version': VERSION, 'cluster-version': 'to_be_decided' });
  if (state.initialized) t.info(s, 'etcdserver/server.go:775', 'starting initial election tick advance', { 'election-ticks': 10 });
  else t.info(s, 'etcdserver/server.go:759', 'started as single-node; fast-forwarding election ticks', { 'local-member-id': id, 'forward-ticks': 9, 'forward-duration': '900ms', 'election-ticks': 10, 'election-timeout': '1s' });
  t.info(s, 'fileutil/purge.go:50', 'started to purge file', { dir: `${dataDir}/member/snap`, suffix: 'snap.db', max: 5, interval: '30s' });
  t.info(s, 'fileutil/purge.go:50', 'started to purge file', { dir: `${dataDir}/member/snap`, suffix: 'snap', max: 5, interval: '30s' });
  // The peer listeners' gRPC server reports its health status as it is created (servePeers).
  t.info(s, 'v3rpc/health.go:61', 'grpc service status changed', { service: '', status: 'SERVING' });
  t.info(s, 'fileutil/purge.go:50', 'started to purge file', { dir: `${dataDir}/member/wal`, suffix: 'wal', max: 5, interval: '30s' });
  t.raft(s + 1, `${id} switched to configuration voters=(${voter})`);
  t.info(s + 1, 'membership/cluster.go:421', 'added member', { 'cluster-id': clusterId, 'local-member-id': id, 'added-peer-id': id, 'added-peer-peer-urls': advertisePeer, 'added-peer-is-learner': false });
  if (state.initialized) {
    t.info(s + 1, 'membership/cluster.go:587', 'set initial cluster version', { 'cluster-id': clusterId, 'local-member-id': id, 'cluster-version': '3.5' });
    t.info(s + 1, 'api/capability.go:75', 'enabled capabilities for version', { 'cluster-version': '3.5' });
  }
  if (flagOf(argv, 'cert-file')) t.info(s + 2, 'embed/etcd.go:762', 'starting with client TLS', { 'tls-info': tls('', 'client-cert-auth'), 'cipher-suites': [] });
  for (const u of peerUrls) {
    const addr = hostPort(u)?.addr ?? u;
    t.info(s + 2, 'embed/etcd.go:633', 'serving peer traffic', { address: addr });
    t.info(s + 2, 'embed/etcd.go:603', 'cmux::serve', { address: addr });
  }
  t.info(s + 2, 'embed/etcd.go:292', 'now serving peer/client/metrics', {
    'local-member-id': id,
    'initial-advertise-peer-urls': advertisePeer,
    'listen-peer-urls': peerUrls,
    'advertise-client-urls': advertiseClient,
    'listen-client-urls': clientUrls,
    'listen-metrics-urls': metricsUrls,
  });
  for (const u of metricsUrls) t.info(s + 2, 'embed/etcd.go:908', 'serving metrics', { address: u });

  // The election: a single voter elects itself when its election timeout passes (a new member
  // fast-forwarded most of it; a restarted one waits for its peers first). Pre-vote does not
  // raise the term; the vote does.
  const e = state.initialized ? s + 1690 : s + 980;
  const current = state.initialized ? term : 1;
  t.raft(e, `${id} is starting a new election at term ${current}`);
  t.raft(e, `${id} became pre-candidate at term ${current}`);
  t.raft(e, `${id} received MsgPreVoteResp from ${id} at term ${current}`);
  t.raft(e, `${id} became candidate at term ${current + 1}`);
  t.raft(e, `${id} received MsgVoteResp from ${id} at term ${current + 1}`);
  t.raft(e, `${id} became leader at term ${current + 1}`);
  t.raft(e, `raft.node: ${id} elected leader ${id} at term ${current + 1}`);
  const attributes = `{Name:${name} ClientURLs:[${advertiseClient.join(' ')}]}`;
  const published = { 'local-member-id': id, 'local-member-attributes': attributes, 'request-path': `/0/members/${id}/attributes`, 'cluster-id': clusterId, 'publish-timeout': '7s' };
  // A new cluster has no version yet: its leader sets it once the member published itself.
  if (!state.initialized) t.info(e + 1, 'etcdserver/server.go:2697', 'setting up initial cluster version using v2 API', { 'cluster-version': '3.5' });
  t.info(e + 1, 'etcdserver/server.go:2144', 'published local member to cluster through raft', published);
  for (let i = 0; i < clientUrls.length; i++) t.info(e + 1, 'embed/serve.go:124', 'ready to serve client requests');
  t.info(e + 2, 'etcdmain/main.go:44', 'notifying init daemon');
  t.info(e + 2, 'etcdmain/main.go:50', 'successfully notified init daemon');
  if (!state.initialized) {
    t.info(e + 2, 'membership/cluster.go:587', 'set initial cluster version', { 'cluster-id': clusterId, 'local-member-id': id, 'cluster-version': '3.5' });
    t.info(e + 2, 'api/capability.go:75', 'enabled capabilities for version', { 'cluster-version': '3.5' });
    t.info(e + 2, 'etcdserver/server.go:2721', 'cluster version is updated', { 'cluster-version': '3.5' });
  }
  // Each client listener creates its gRPC server (reporting its health) once the member is ready.
  for (let i = 0; i < clientUrls.length; i++) t.info(e + 3, 'v3rpc/health.go:61', 'grpc service status changed', { service: '', status: 'SERVING' });
  for (const u of clientUrls) {
    const secure = u.startsWith('https://');
    const address = hostPort(u)?.addr ?? u;
    if (secure) t.info(e + 3, 'embed/serve.go:275', 'serving client traffic securely', { traffic: 'grpc+http', address });
    else t.info(e + 3, 'embed/serve.go:198', 'serving client traffic insecurely; this is strongly discouraged!', { traffic: 'grpc+http', address });
  }
  return t.lines;
}

/** Does this start create or restart a member of a cluster of one (what this module can tell)? */
function singleMember(argv: readonly string[]): boolean {
  const members = urls(flagOf(argv, 'initial-cluster'));
  return members.length <= 1 && (flagOf(argv, 'initial-cluster-state') ?? 'new') === 'new';
}

/** etcd 3.5.21, the member of a cluster of one: another machine running etcd makes it a member of a larger cluster (kubeadm join --control-plane). */
export const ETCD_NARRATOR: Narrator = staticPodNarrator('etcd', /^v?3\.5\.21(-|$)/, (ctx, argv) => {
  if (!singleMember(argv) || restoredDataDir(ctx)) return [];
  for (const [host, rt] of ctx.cluster.runtimes) if (host !== ctx.host && rt.isRunning('etcd')) return [];
  return etcdStartLines(ctx, argv);
});
