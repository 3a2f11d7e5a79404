/**
 * A cache of freshly booted worlds, per scenario and build. Building the `cluster` scenario
 * (kubeadm init, joins, add-ons) takes seconds; restoring the same world from its JSON takes a
 * few tens of milliseconds. The worker keeps the snapshot in IndexedDB (available in workers), so
 * every chapter after the first, and every reset, starts at once. A new build has a new key.
 */
import type { WorldJSON } from '../../sim/world';

export interface SnapshotCache {
  get(key: string): Promise<WorldJSON | undefined>;
  put(key: string, world: WorldJSON): Promise<void>;
}

export function memorySnapshotCache(): SnapshotCache {
  const data = new Map<string, string>();
  return {
    get: async (key) => {
      const text = data.get(key);
      return text ? (JSON.parse(text) as WorldJSON) : undefined;
    },
    put: async (key, world) => void data.set(key, JSON.stringify(world)),
  };
}

const DB = 'cka-lab-worlds';
const STORE = 'snapshots';

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** IndexedDB-backed cache; every failure (private mode, quota) reads as a miss. */
export function indexedDbSnapshotCache(factory: IDBFactory | undefined): SnapshotCache {
  if (!factory) return { get: async () => undefined, put: async () => undefined };
  let db: Promise<IDBDatabase> | undefined;
  const database = () => (db ??= openDb(factory));
  return {
    async get(key) {
      try {
        const d = await database();
        return await new Promise<WorldJSON | undefined>((resolve) => {
          const req = d.transaction(STORE, 'readonly').objectStore(STORE).get(key);
          req.onsuccess = () => resolve(typeof req.result === 'string' ? (JSON.parse(req.result) as WorldJSON) : undefined);
          req.onerror = () => resolve(undefined);
        });
      } catch {
        return undefined;
      }
    },
    async put(key, world) {
      try {
        const d = await database();
        await new Promise<void>((resolve) => {
          const tx = d.transaction(STORE, 'readwrite');
          const store = tx.objectStore(STORE);
          // Older snapshots (other builds) are dropped: one world per scenario is enough.
          const scenario = key.split('@')[0];
          const keys = store.getAllKeys();
          keys.onsuccess = () => {
            for (const k of keys.result) if (String(k).split('@')[0] === scenario && k !== key) store.delete(k);
            store.put(JSON.stringify(world), key);
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => resolve();
          tx.onabort = () => resolve();
        });
      } catch {
        // No cache: the next boot builds the world again.
      }
    },
  };
}
