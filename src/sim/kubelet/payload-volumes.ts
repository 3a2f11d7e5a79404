/**
 * configMap, secret, projected and downwardAPI volumes as the kubelet lays them out (AtomicWriter,
 * pkg/volume/util/atomic_writer.go): the files live in a timestamped directory
 * `..2006_01_02_15_04_05.<random>` (0755), `..data` is a symlink to it, and each top-level name of
 * the payload is a symlink `name -> ..data/name`. An update writes a new timestamped directory,
 * swaps `..data` and removes the old one, so a reader never sees half of it; a payload that has
 * not changed writes nothing.
 *
 * The volume is one directory shared by the Pod's containers (a bind mount, read-only): configMap
 * volumes on the node's disk (an emptyDir, 0777), the others on tmpfs (1777, sizes of 20 bytes per
 * entry). The kubelet rewrites them when it syncs the Pod, every sync period (1 min, with
 * jitter): a ConfigMap changed after the last sync shows at the next one. Here the syncs that have
 * passed are played when someone looks (an exec, a container's own command), which is what a
 * periodic timer would have left, without a timer per Pod.
 */
import { directoryEntriesChanged, type Inode } from '../machine/fs';
import { status, type Obj } from '../controllers/machinery/objects';
import { fieldRefValue, resourceFieldRefValue } from './downward-api';
import { allocatableOf } from './node-status';
import type { ExecContext } from './exec';
import { fakeToken } from './service-account-token';

/** A file of the payload: its text and mode (defaultMode, or the item's own). */
interface PayloadFile {
  content: string;
  mode: number;
}

type Payload = Map<string, PayloadFile>;

const DATA_LINK = '..data';
/** The kubelet's syncFrequency (1 min); each Pod's worker adds up to half of it as jitter. */
const SYNC_PERIOD_MS = 60_000;
const DEFAULT_MODE = 0o644;

export interface PayloadVolume {
  dir: Inode;
  /** The last sync that wrote or checked the payload (ms of the simulated clock). */
  syncedAt: number;
  setUpAt: number;
  period: number;
}

/** The volume's data: undefined when an object it needs cannot be read (the kubelet then keeps what it wrote). */
interface Source {
  payload: Payload;
  /** The latest write of the objects it came from (ms): a change after a sync waits for the next. */
  changedAt: number;
}

/** Is this a volume the AtomicWriter fills? */
export function isPayloadVolume(v: Obj | undefined): boolean {
  return !!(v && (v.configMap || v.secret || v.projected || v.downwardAPI));
}

/**
 * The volume's directory, with every sync up to now played: made at the Pod's set-up the first time
 * it is asked for, rewritten when a sync found new data.
 */
export function payloadVolumeDir(ctx: ExecContext, volumes: Map<string, PayloadVolume>, v: Obj): Inode | undefined {
  const uid = String(ctx.pod.metadata?.uid ?? ctx.pod.metadata?.name ?? '');
  const key = `${uid}/${v.name}`;
  let vol = volumes.get(key);
  const now = ctx.clock?.now() ?? ctx.now;
  if (!vol) {
    const started = Date.parse(String(status(ctx.pod).startTime ?? ''));
    const setUpAt = Number.isFinite(started) && started <= now ? started : now;
    const source = sourceOf(ctx, v, setUpAt);
    if (!source) return undefined;
    // Mounted read-only in the containers (the kubelet's API data volumes): every node of it says so.
    const dir: Inode = { type: 'dir', mode: onTmpfs(v) ? 0o1777 : 0o777, uid: 0, gid: 0, mtimeMs: setUpAt, children: new Map(), tmpfs: onTmpfs(v) || undefined, readOnly: true };
    vol = { dir, syncedAt: setUpAt, setUpAt, period: SYNC_PERIOD_MS + (hash(uid) % (SYNC_PERIOD_MS / 2)) };
    writeAtomically(dir, source.payload, setUpAt, `${key}@${setUpAt}`);
    volumes.set(key, vol);
    return dir;
  }
  const lastSync = vol.setUpAt + Math.floor((now - vol.setUpAt) / vol.period) * vol.period;
  if (lastSync > vol.syncedAt) {
    const source = sourceOf(ctx, v, vol.setUpAt);
    // Changed since the last sync: the new data waits for the next one.
    if (source && source.changedAt <= lastSync) {
      writeAtomically(vol.dir, source.payload, lastSync, `${key}@${lastSync}`);
      vol.syncedAt = lastSync;
    }
  }
  return vol.dir;
}

/** Secret, projected and downwardAPI volumes are memory-backed (their emptyDir wrapper has medium Memory); configMap's is on disk. */
function onTmpfs(v: Obj): boolean {
  return !!(v.secret || v.projected || v.downwardAPI);
}

/**
 * The payload of a volume now, from the ConfigMaps and Secrets it names (MakePayload, CollectData).
 * A service-account token is the one issued at set-up (its rotation, at 80 % of its hour, is not
 * modelled).
 */
function sourceOf(ctx: ExecContext, v: Obj, tokenIssuedAt: number): Source | undefined {
  const payload: Payload = new Map();
  let changedAt = 0;
  const project = (kind: 'configmap' | 'secret', name: string, ref: Obj, defaultMode: number): boolean => {
    const data = ctx.lookup(kind, name);
    if (!data) return !!ref.optional;
    changedAt = Math.max(changedAt, ctx.lookupChangedAt?.(kind, name) ?? 0);
    const items = (ref.items ?? []) as Obj[];
    if (items.length) {
      for (const it of items) {
        const value = data[String(it.key)];
        if (value !== undefined) payload.set(String(it.path), { content: value, mode: typeof it.mode === 'number' ? it.mode : defaultMode });
      }
    } else for (const [k, value] of Object.entries(data)) payload.set(k, { content: value, mode: defaultMode });
    return true;
  };
  if (v.configMap) {
    if (!project('configmap', String(v.configMap.name ?? ''), v.configMap, modeOf(v.configMap.defaultMode))) return undefined;
  } else if (v.secret) {
    if (!project('secret', String(v.secret.secretName ?? ''), v.secret, modeOf(v.secret.defaultMode))) return undefined;
  } else if (v.projected) {
    const mode = modeOf(v.projected.defaultMode);
    for (const src of (v.projected.sources ?? []) as Obj[]) {
      if (src.configMap && !project('configmap', String(src.configMap.name ?? ''), src.configMap, mode)) return undefined;
      if (src.secret && !project('secret', String(src.secret.name ?? ''), src.secret, mode)) return undefined;
      if (src.serviceAccountToken) payload.set(String(src.serviceAccountToken.path), { content: fakeToken(ctx.pod, tokenIssuedAt), mode });
      if (src.downwardAPI) projectDownward(ctx, src.downwardAPI, mode, payload);
    }
  } else if (v.downwardAPI) {
    projectDownward(ctx, v.downwardAPI, modeOf(v.downwardAPI.defaultMode), payload);
  }
  return { payload, changedAt };
}

function modeOf(mode: unknown): number {
  return typeof mode === 'number' ? mode : DEFAULT_MODE;
}

/** A downwardAPI source's items (CollectData): each fieldRef or resourceFieldRef as its file. */
function projectDownward(ctx: ExecContext, source: Obj, defaultMode: number, payload: Payload): void {
  const facts = { nodeIP: ctx.machine?.ip ?? '', allocatable: ctx.machine ? allocatableOf(ctx.machine) : undefined };
  for (const it of (source.items ?? []) as Obj[]) {
    const value = it.fieldRef
      ? fieldRefValue(ctx.pod, String(it.fieldRef.fieldPath ?? ''), facts)
      : it.resourceFieldRef
        ? resourceFieldRefValue(ctx.pod, it.resourceFieldRef as Obj, undefined, facts)
        : undefined;
    if (value !== undefined) payload.set(String(it.path), { content: value, mode: typeof it.mode === 'number' ? it.mode : defaultMode });
  }
}

// ------------------------------------------------------------------ AtomicWriter

/** Write the payload as AtomicWriter.Write does; nothing when it is what `..data` holds already. */
function writeAtomically(dir: Inode, payload: Payload, at: number, seed: string): void {
  const children = dir.children!;
  const oldName = children.get(DATA_LINK)?.target;
  const old = oldName ? children.get(oldName) : undefined;
  if (old && samePayload(old, payload)) return;
  const tsName = `..${timestamp(at)}.${hash(seed)}`;
  const ts: Inode = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: at, children: new Map(), tmpfs: dir.tmpfs, readOnly: true };
  for (const [path, file] of [...payload].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const parts = path.split('/');
    let cur = ts;
    for (const part of parts.slice(0, -1)) {
      let next = cur.children!.get(part);
      if (!next) cur.children!.set(part, (next = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: at, children: new Map(), tmpfs: dir.tmpfs, readOnly: true }));
      cur = next;
    }
    cur.children!.set(parts[parts.length - 1], { type: 'file', mode: file.mode & 0o7777, uid: 0, gid: 0, mtimeMs: at, data: file.content, readOnly: true });
  }
  children.set(tsName, ts);
  children.set(DATA_LINK, { type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: at, target: tsName, readOnly: true });
  const visible = new Set([...payload.keys()].map((p) => p.split('/')[0]));
  for (const name of visible) if (!children.has(name)) children.set(name, { type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: at, target: `${DATA_LINK}/${name}`, readOnly: true });
  if (oldName && oldName !== tsName) children.delete(oldName);
  for (const name of [...children.keys()]) if (!name.startsWith('..') && !visible.has(name)) children.delete(name);
  dir.mtimeMs = at;
  directoryEntriesChanged();
}

/** shouldWritePayload: every file with the same content and mode, and no other file. */
function samePayload(ts: Inode, payload: Payload): boolean {
  const files = new Map<string, Inode>();
  const walk = (node: Inode, prefix: string) => {
    for (const [name, child] of node.children!) {
      if (child.type === 'dir') walk(child, `${prefix}${name}/`);
      else files.set(`${prefix}${name}`, child);
    }
  };
  walk(ts, '');
  if (files.size !== payload.size) return false;
  for (const [path, file] of payload) {
    const node = files.get(path);
    if (!node || node.data !== file.content || node.mode !== (file.mode & 0o7777)) return false;
  }
  return true;
}

/** Go's "2006_01_02_15_04_05" of a UTC time. */
function timestamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}_${two(d.getUTCMonth() + 1)}_${two(d.getUTCDate())}_${two(d.getUTCHours())}_${two(d.getUTCMinutes())}_${two(d.getUTCSeconds())}`;
}

/** os.MkdirTemp's suffix is a random uint32 in decimal; here a hash of the volume and time, so runs repeat. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
