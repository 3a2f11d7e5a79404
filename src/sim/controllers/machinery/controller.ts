/**
 * What every controller of the controller-manager shares: a client, shared informers, a work
 * queue of keys, an event recorder. A controller registers informer handlers that only enqueue
 * keys; `sync(key)` reconciles one key against the cache (level-triggered, idempotent).
 */
import type { SimClock } from '../../clock';
import type { SeededRandom } from '../../random';
import type { ApiClient } from '../../apiserver/client';
import type { KubeObject } from '../../apiserver/types';
import { InformerFactory, keyOf } from './informer';
import { WorkQueue } from './workqueue';
import { EventRecorder } from './events';

export interface ControllerContext {
  client: ApiClient;
  factory: InformerFactory;
  clock: SimClock;
  random: SeededRandom;
}

export abstract class Controller {
  abstract readonly name: string;
  readonly queue: WorkQueue;
  private recorderInstance?: EventRecorder;

  constructor(protected readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, (key) => this.sync(key));
  }

  /** Register informer handlers (called before the informers start). */
  abstract setup(): void;

  /** Reconcile one key; false requeues it with back-off. */
  abstract sync(key: string): boolean | void;

  get client(): ApiClient {
    return this.ctx.client;
  }

  get clock(): SimClock {
    return this.ctx.clock;
  }

  get recorder(): EventRecorder {
    return (this.recorderInstance ??= new EventRecorder(this.ctx.client, this.ctx.clock, { component: this.eventSource() }));
  }

  /** The `source.component` of this controller's Events. */
  protected eventSource(): string {
    return `${this.name}-controller`;
  }

  protected enqueue(obj: KubeObject): void {
    this.queue.add(keyOf(obj));
  }

  stop(): void {
    this.queue.shutdown();
  }
}
