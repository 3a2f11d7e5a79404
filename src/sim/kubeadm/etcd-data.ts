/**
 * The stacked etcd's data directory: the etcd static pod serves the data of the host directory
 * mounted as its `etcd-data` volume. When the etcd container starts on another directory than the
 * one it served (the etcd backup chapter's restore: `etcdutl snapshot restore --data-dir NEW`,
 * then the manifest's hostPath changed to NEW), the data it served is left in the old directory
 * and the store takes the new directory's content: a restored snapshot, or nothing at all for an
 * empty directory. The change reaches the API server's watchers as ordinary writes, so every
 * controller and kubelet sees the cluster go back to the snapshot's state.
 */
import type { Machine } from '../machine/machine';
import type { EtcdStore } from '../etcd';
import { EtcdStore as Store } from '../etcd';
import type { KubeObject } from '../apiserver/types';
import { parse } from 'yaml';
import { nodePathOf } from '../cluster/container-files';

const MANIFEST = '/etc/kubernetes/manifests/etcd.yaml';
const DEFAULT_DIR = '/var/lib/etcd';

/** The directory whose data each store holds now. */
const served = new WeakMap<EtcdStore, string>();

/**
 * Where the member's --data-dir lives, as its container sees it: under the hostPath of the volume
 * mounted there (kubeadm's etcd-data: /var/lib/etcd on /var/lib/etcd); a --data-dir no volume
 * holds is a directory of the container's own layer (`container:` + the path), empty at every
 * container start and gone with it: the member starts as a new, empty cluster.
 */
export function etcdDataDir(machine: Machine): string {
  let pod: KubeObject | undefined;
  try {
    pod = parse(machine.rootFs.readFile(MANIFEST)) as KubeObject;
  } catch {
    return DEFAULT_DIR;
  }
  const containers = ((pod?.spec as { containers?: Array<{ name?: string; command?: string[] }> } | undefined)?.containers ?? []);
  const etcd = containers.find((c) => c.command?.[0] === 'etcd') ?? containers[0];
  if (!etcd?.name) return DEFAULT_DIR;
  let dataDir = DEFAULT_DIR;
  for (const arg of etcd.command ?? []) if (String(arg).startsWith('--data-dir=')) dataDir = String(arg).slice('--data-dir='.length);
  const onNode = nodePathOf(pod!, etcd.name, dataDir);
  if (onNode === null) return `${CONTAINER_LAYER}${dataDir}`;
  return onNode ?? DEFAULT_DIR;
}

/** The prefix of a data directory in the etcd container's own layer (not on the node). */
const CONTAINER_LAYER = 'container:';
const inContainerLayer = (dir: string) => dir.startsWith(CONTAINER_LAYER);

/**
 * The member's write-ahead log: etcd writes it as soon as it serves a directory, and it goes
 * with the directory's content (`kubeadm reset` deletes the contents of /var/lib/etcd).
 */
const WAL_FILE = 'member/wal/0000000000000000-0000000000000000.wal';

function markServing(machine: Machine, dir: string): void {
  if (inContainerLayer(dir)) return;
  try {
    machine.rootFs.mkdir(`${dir}/member/wal`, { recursive: true });
    if (!machine.rootFs.stat(`${dir}/${WAL_FILE}`)) machine.rootFs.writeFile(`${dir}/${WAL_FILE}`, '');
  } catch {
    /* not a directory we can write: nothing to mark */
  }
}

/** Record which directory the store holds (when the cluster is built or restored). */
export function adoptEtcdDataDir(store: EtcdStore, machine: Machine): void {
  if (served.has(store)) return;
  const dir = etcdDataDir(machine);
  served.set(store, dir);
  markServing(machine, dir);
}

function toBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

function toText(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** Replace the store's keys by `next`'s, as writes (watchers see deletions and updates). */
function replaceContent(store: EtcdStore, next: EtcdStore | undefined): void {
  const wanted = new Map((next?.range('', { prefix: true }).kvs ?? []).map((kv) => [kv.key, kv.value]));
  for (const kv of store.range('', { prefix: true }).kvs) if (!wanted.has(kv.key)) store.delete(kv.key);
  for (const [key, value] of wanted) if (store.get(key)?.value !== value) store.put(key, value);
}

/**
 * The etcd container started on `machine`: serve the data of the directory its manifest mounts.
 * `newMember` runs when the store starts empty (a directory emptied by `kubeadm reset`, or one
 * with no data): the API server then creates its system objects again, as a new one does.
 */
export function etcdContainerStarted(store: EtcdStore, machine: Machine, newMember?: () => void): void {
  const dir = etcdDataDir(machine);
  const before = served.get(store) ?? DEFAULT_DIR;
  const fs = machine.rootFs;
  // The same directory with its log: the data served until now. Without its log, its contents
  // were replaced (deleted by `kubeadm reset`, or a snapshot restored into it): read it again.
  if (dir === before && fs.stat(`${dir}/${WAL_FILE}`)) return;
  // A directory of the previous container's own layer went away with it.
  if (dir !== before && !inContainerLayer(before)) {
    // What the old directory keeps: the data served until now.
    try {
      fs.mkdir(`${before}/member/snap`, { recursive: true });
      fs.mkdir(`${before}/member/wal`, { recursive: true });
      fs.writeFile(`${before}/member/snap/db`, toText(store.snapshot()));
    } catch {
      /* the old directory is gone: its data with it */
    }
  }
  let next: EtcdStore | undefined;
  try {
    if (inContainerLayer(dir)) throw new Error('a new container layer is empty');
    next = Store.restore(toBytes(fs.readFile(`${dir}/member/snap/db`)));
  } catch {
    next = undefined; // an empty or unreadable directory: a new, empty member
  }
  served.set(store, dir);
  markServing(machine, dir);
  replaceContent(store, next);
  if (!next) newMember?.();
}
