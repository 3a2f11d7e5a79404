/**
 * The bootstrap signer (kube-controller-manager --controllers=…,bootstrapsigner as kubeadm enables
 * it): keeps in kube-public/cluster-info one `jws-kubeconfig-<token-id>` entry for every bootstrap
 * token that may sign and has not expired — a detached JWS of the `kubeconfig` entry keyed with the
 * token's secret — and drops the entries of tokens that expired or were deleted. `kubeadm join`
 * trusts cluster-info through these signatures, which is why a day-old join command stops working.
 */
import type { TimerHandle } from '../clock';
import type { KubeObject } from '../apiserver/types';
import { Controller, type ControllerContext } from './machinery/controller';
import type { Informer } from './machinery/informer';
import { detachedSignature } from '../pki/jws';

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const TOKEN_TYPE = 'bootstrap.kubernetes.io/token';
const CLUSTER_INFO = 'kube-public/cluster-info';
export const JWS_PREFIX = 'jws-kubeconfig-';

function decoded(secret: KubeObject, key: string): string {
  const v = (secret.data as Record<string, string> | undefined)?.[key];
  try {
    return v ? atob(v) : '';
  } catch {
    return '';
  }
}

/** The tokens that sign: id, secret and expiry (ms; Infinity when the token has none). */
export function signingTokens(secrets: KubeObject[], now: number): Array<{ id: string; secret: string; expiresAt: number }> {
  const out: Array<{ id: string; secret: string; expiresAt: number }> = [];
  for (const s of secrets) {
    if (s.type !== TOKEN_TYPE || decoded(s, 'usage-bootstrap-signing') !== 'true') continue;
    const id = decoded(s, 'token-id');
    const secret = decoded(s, 'token-secret');
    if (!/^[a-z0-9]{6}$/.test(id) || !/^[a-z0-9]{16}$/.test(secret)) continue;
    const expiration = decoded(s, 'expiration');
    const expiresAt = expiration ? Date.parse(expiration) : Infinity;
    if (Number.isNaN(expiresAt) || expiresAt <= now) continue;
    out.push({ id, secret, expiresAt });
  }
  return out;
}

export class BootstrapSigner extends Controller {
  readonly name = 'bootstrapsigner';
  private secrets!: Informer;
  private configMaps!: Informer;
  private expiry?: TimerHandle;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.secrets = this.ctx.factory.for(SECRETS, { namespace: 'kube-system' });
    this.configMaps = this.ctx.factory.for(CONFIGMAPS, { namespace: 'kube-public' });
    const token = (s: KubeObject) => s.type === TOKEN_TYPE && this.queue.add(CLUSTER_INFO);
    const info = (c: KubeObject) => c.metadata?.name === 'cluster-info' && this.queue.add(CLUSTER_INFO);
    this.secrets.addHandlers({ onAdd: token, onUpdate: (_a, s) => token(s), onDelete: token });
    this.configMaps.addHandlers({ onAdd: info, onUpdate: (_a, c) => info(c) });
  }

  override stop(): void {
    super.stop();
    this.clock.clearTimeout(this.expiry);
    this.expiry = undefined;
  }

  sync(): boolean {
    const cm = this.configMaps.get(CLUSTER_INFO);
    const data = (cm?.data ?? {}) as Record<string, string>;
    const content = data.kubeconfig;
    if (!cm || content === undefined) return true;
    const now = this.clock.now();
    const tokens = signingTokens(this.secrets.list(), now);
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) if (!k.startsWith(JWS_PREFIX)) next[k] = v;
    for (const t of tokens) next[`${JWS_PREFIX}${t.id}`] = detachedSignature(content, t.id, t.secret);
    // A token stops signing when it expires, even before the token cleaner deletes it.
    this.clock.clearTimeout(this.expiry);
    const soonest = Math.min(...tokens.map((t) => t.expiresAt));
    this.expiry = Number.isFinite(soonest) ? this.clock.setTimeout(() => this.queue.add(CLUSTER_INFO), soonest - now) : undefined;
    const same = Object.keys(next).length === Object.keys(data).length && Object.entries(next).every(([k, v]) => data[k] === v);
    if (same) return true;
    const r = this.client.update(CONFIGMAPS, 'kube-public', { ...cm, data: next });
    return r.code !== 409;
  }
}
