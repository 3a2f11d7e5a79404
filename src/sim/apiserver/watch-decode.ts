/**
 * Decoding watch events once for every watcher that only reads them. An etcd event reaches each
 * watcher of its prefix in turn; watchers that promised not to modify what they receive (informer
 * caches, ApiRequest.readOnly) share one decoded object, frozen so that a slip cannot change what
 * the others see. Selector matching reads the shared object too, whoever the watcher is.
 */
import type { KeyValue } from '../etcd';
import { decode } from './storage';
import type { KubeObject } from './types';

/** Deliveries of one event are consecutive: a few recent decodings are all that is ever reused. */
const RECENT = 8;

export class SharedEventDecoder {
  private recent: { kv: KeyValue; rv: number; obj: KubeObject | undefined }[] = [];

  /** The value of kv decoded with resourceVersion rv, frozen; undefined when it is not an object. */
  get(kv: KeyValue, rv: number): KubeObject | undefined {
    for (const r of this.recent) if (r.kv === kv && r.rv === rv) return r.obj;
    const obj = decode(kv.value, rv);
    if (obj) deepFreeze(obj);
    this.recent.unshift({ kv, rv, obj });
    if (this.recent.length > RECENT) this.recent.pop();
    return obj;
  }
}

export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    if (Array.isArray(v)) for (const item of v) deepFreeze(item);
    else for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}
