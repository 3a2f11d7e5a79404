/**
 * Decoding watch events once for every watcher that only reads them. An etcd event reaches each
 * watcher of its prefix in turn; watchers that promised not to modify what they receive (informer
 * caches, ApiRequest.readOnly) share one decoded object, frozen so that a slip cannot change what
 * the others see. Selector matching reads the shared object too, whoever the watcher is.
 * That object is the watch cache's own when it has one (the write handed it over, or someone
 * read it): most events are then never parsed at all.
 */
import type { KeyValue } from '../etcd';
import { decode } from './storage';
import type { KubeObject } from './types';
import { deepFreeze } from './json-copy';

/** Deliveries of one event are consecutive: a few recent decodings are all that is ever reused. */
const RECENT = 8;

export class SharedEventDecoder {
  private recent: { kv: KeyValue; rv: number; obj: KubeObject | undefined }[] = [];

  /** `cached`: the watch cache's frozen decoding of a key-value (resourceVersion = its modRevision), if it has one. */
  constructor(private readonly cached: (kv: KeyValue) => KubeObject | undefined = () => undefined) {}

  /** The value of kv decoded with resourceVersion rv, frozen; undefined when it is not an object. */
  get(kv: KeyValue, rv: number): KubeObject | undefined {
    if (rv === kv.modRevision) {
      const obj = this.cached(kv);
      if (obj) return obj;
    }
    for (const r of this.recent) if (r.kv === kv && r.rv === rv) return r.obj;
    const obj = decode(kv.value, rv);
    if (obj) deepFreeze(obj);
    this.recent.unshift({ kv, rv, obj });
    if (this.recent.length > RECENT) this.recent.pop();
    return obj;
  }
}
