/**
 * The token cleaner (kube-controller-manager --controllers=…,tokencleaner as kubeadm enables it):
 * bootstrap token Secrets in kube-system are deleted when their `expiration` passes — which is
 * why `kubeadm token list` is empty a day after `kubeadm init`.
 */
import type { TimerHandle } from '../clock';
import { Controller, type ControllerContext } from './machinery/controller';
import { keyOf, type Informer } from './machinery/informer';

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
const TOKEN_TYPE = 'bootstrap.kubernetes.io/token';

export class TokenCleaner extends Controller {
  readonly name = 'tokencleaner';
  private secrets!: Informer;
  private timers = new Map<string, TimerHandle>();

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.secrets = this.ctx.factory.for(SECRETS, { namespace: 'kube-system' });
    this.secrets.addHandlers({ onAdd: (s) => s.type === TOKEN_TYPE && this.enqueue(s), onUpdate: (_a, s) => s.type === TOKEN_TYPE && this.enqueue(s) });
  }

  override stop(): void {
    super.stop();
    for (const t of this.timers.values()) this.clock.clearTimeout(t);
    this.timers.clear();
  }

  sync(key: string): boolean {
    const secret = this.secrets.get(key);
    this.clock.clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (!secret || secret.type !== TOKEN_TYPE) return true;
    const b64 = (secret.data as Record<string, string> | undefined)?.expiration;
    if (!b64) return true;
    let at: number;
    try {
      at = Date.parse(atob(b64));
    } catch {
      return true;
    }
    if (!Number.isFinite(at)) return true;
    if (at <= this.clock.now()) {
      this.client.delete(SECRETS, 'kube-system', secret.metadata!.name!);
      return true;
    }
    this.timers.set(key, this.clock.setTimeout(() => this.queue.add(keyOf(secret)), at - this.clock.now()));
    return true;
  }
}
