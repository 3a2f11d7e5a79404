/**
 * The object behind a step, read from the simulated etcd as it was at that revision — what the
 * detail panel shows for a write, a watch delivery or the request that stored it. It is read the
 * way a client of etcd would (a watch from that revision, `etcdctl watch --rev`), so a revision
 * compacted away fails with etcd's own message.
 */
import { ETCD_ERRORS, type EtcdStore, type StoreEvent } from '../sim/etcd';
import type { KubeObject, WatchEventType } from '../sim/apiserver/types';
import { toYaml } from '../sim/go-yaml/emit';

export interface DetailQuery {
  key: string;
  revision: number;
  /** The watch event type of a delivery (ADDED, MODIFIED, DELETED). */
  event?: WatchEventType;
}

export interface ObjectDetail {
  key: string;
  revision: number;
  event?: WatchEventType;
  /** metadata.resourceVersion as a client saw the object. */
  resourceVersion?: string;
  /** The object as `kubectl get -o yaml` prints it. */
  yaml?: string;
  /** Why there is no object (the revision was compacted, or nothing was written there). */
  error?: string;
}

/** The API server stores objects without resourceVersion: it is the key's revision, set on the way out. */
function render(value: string, resourceVersion: number): { yaml: string; resourceVersion?: string } {
  let obj: KubeObject;
  try {
    obj = JSON.parse(value) as KubeObject;
  } catch {
    return { yaml: value };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { yaml: value };
  const rv = String(resourceVersion);
  const withRv = { ...obj, metadata: { ...(obj.metadata ?? {}), resourceVersion: rv } };
  return { yaml: toYaml(withRv), resourceVersion: rv };
}

/** The change to `key` committed at `revision`, from the retained history. */
function changeAt(etcd: EtcdStore, key: string, revision: number): StoreEvent | undefined {
  let found: StoreEvent | undefined;
  const watch = etcd.watch(key, { startRevision: revision, prevKv: true }, (resp) => {
    if (!found && resp.revision === revision) found = resp.events.find((e) => e.kv.key === key);
  });
  watch.cancel();
  return found;
}

export function objectAtRevision(etcd: EtcdStore, query: DetailQuery): ObjectDetail {
  const base: ObjectDetail = { key: query.key, revision: query.revision, ...(query.event ? { event: query.event } : {}) };
  if (!Number.isInteger(query.revision) || query.revision <= 0) return { ...base, error: `invalid revision ${query.revision}` };
  if (query.revision > etcd.revision) return { ...base, error: ETCD_ERRORS.futureRevision };
  // Unchanged since: the current value is the one of that revision.
  const current = etcd.get(query.key);
  if (current && current.modRevision === query.revision) return { ...base, ...render(current.value, current.modRevision) };
  if (query.revision < etcd.compactRevision) return { ...base, error: ETCD_ERRORS.compacted };
  let change: StoreEvent | undefined;
  try {
    change = changeAt(etcd, query.key, query.revision);
  } catch (e) {
    return { ...base, error: (e as Error).message };
  }
  if (!change) return { ...base, error: `no change of ${query.key} at revision ${query.revision}` };
  // A deleted object is shown as it was last stored, with the deletion's revision (as a DELETED watch event carries it).
  if (change.type === 'DELETE') return change.prevKv ? { ...base, ...render(change.prevKv.value, query.revision) } : { ...base, error: `${query.key} was deleted at revision ${query.revision}` };
  return { ...base, ...render(change.kv.value, change.kv.modRevision) };
}
