/**
 * The API server's watch cache, indexed by spec.nodeName for pods: what lets a real API server
 * serve thousands of kubelets (each watching `fieldSelector=spec.nodeName=<node>`) without
 * filtering every pod event once per kubelet. One watch on all pods feeds it; each kubelet's
 * watch receives only its node's events, with the ADDED/MODIFIED/DELETED types a filtered
 * watch gives (a pod bound to the node arrives as ADDED).
 *
 * It wraps an ApiTransport: watches of pods by node name go through the index, every other
 * request goes straight to the server.
 */
import type { ApiRequest, ApiResponse, ApiTransport, DiscoveryDocument, KubeObject, Status, WatchEvent, WatchHandle } from '../apiserver/types';
import type { TraceBus } from '../apiserver/trace';

type Listener = (ev: WatchEvent) => void;

const NODE_SELECTOR = /^spec\.nodeName=([^,]*)$/;

export class NodePodWatchHub {
  private handle?: WatchHandle;
  private listeners = new Map<string, Set<Listener>>();
  private nodeOf = new Map<string, string>();

  /** `trace`: where each kubelet's delivery is reported, as the server reports its own watches. */
  constructor(
    private readonly server: ApiTransport,
    private readonly trace?: TraceBus,
  ) {}

  /** A transport that serves kubelet pod watches from the index. */
  transport(): ApiTransport {
    const server = this.server;
    return {
      request: <T = unknown>(req: ApiRequest): ApiResponse<T> => server.request<T>(req),
      discovery: (): DiscoveryDocument => server.discovery(),
      watch: (req: ApiRequest, onEvent: Listener): WatchHandle | Status => {
        const m = req.group === '' && req.resource === 'pods' && !req.namespace && !req.name && !req.query?.labelSelector ? NODE_SELECTOR.exec(req.query?.fieldSelector ?? '') : null;
        if (!m || !m[1]) return server.watch(req, onEvent);
        // The hub's own watch is read-only (one shared frozen object per event); a watcher that
        // did not ask for read-only objects gets its private copy, as from the server.
        return this.subscribe(m[1], req.readOnly ? onEvent : (ev) => onEvent({ type: ev.type, object: JSON.parse(JSON.stringify(ev.object)) as KubeObject }));
      },
    };
  }

  private subscribe(node: string, fn: Listener): WatchHandle | Status {
    if (!this.handle) {
      const h = this.server.watch({ verb: 'watch', group: '', version: 'v1', resource: 'pods', readOnly: true }, (ev) => this.dispatch(ev));
      if ('kind' in h) return h;
      this.handle = h;
    }
    let set = this.listeners.get(node);
    if (!set) this.listeners.set(node, (set = new Set()));
    set.add(fn);
    return { stop: () => set!.delete(fn) };
  }

  stop(): void {
    this.handle?.stop();
    this.handle = undefined;
    this.listeners.clear();
    this.nodeOf.clear();
  }

  private send(node: string | undefined, type: WatchEvent['type'], object: KubeObject): void {
    if (!node) return;
    const set = this.listeners.get(node);
    if (!set) return;
    if (this.trace?.active && set.size) {
      const key = `/registry/pods/${object.metadata?.namespace}/${object.metadata?.name}`;
      this.trace.emit({ type: 'deliver', watcher: `kubelet-${node} system:node:${node} pods`, event: type, key, revision: Number(object.metadata?.resourceVersion ?? 0) });
    }
    for (const fn of [...set]) {
      try {
        fn({ type, object });
      } catch {
        // one kubelet's failure must not break the others
      }
    }
  }

  private dispatch(ev: WatchEvent): void {
    const o = ev.object;
    const key = `${o.metadata?.namespace}/${o.metadata?.name}`;
    const node = String((o.spec as { nodeName?: string } | undefined)?.nodeName ?? '') || undefined;
    const before = this.nodeOf.get(key);
    if (ev.type === 'DELETED') {
      this.nodeOf.delete(key);
      this.send(before ?? node, 'DELETED', o);
      return;
    }
    if (node) this.nodeOf.set(key, node);
    if (ev.type === 'ADDED' || before !== node) {
      if (before && before !== node) this.send(before, 'DELETED', o);
      this.send(node, 'ADDED', o);
    } else this.send(node, 'MODIFIED', o);
  }
}
