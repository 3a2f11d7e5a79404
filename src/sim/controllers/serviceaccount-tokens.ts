/**
 * The tokens controller of kube-controller-manager (pkg/controller/serviceaccount/tokens_controller.go):
 * a Secret of type kubernetes.io/service-account-token that names a ServiceAccount in its
 * `kubernetes.io/service-account.name` annotation is filled in — `ca.crt` (the cluster CA),
 * `namespace`, and a legacy `token` for that account — and gets the account's UID annotation. A
 * token Secret whose account does not exist, or was recreated (another UID), is deleted, and so
 * are an account's token Secrets when the account is deleted.
 */
import type { KubeObject } from '../apiserver/types';
import { issueLegacyToken } from '../apiserver/subresources/token';
import { Controller, type ControllerContext } from './machinery/controller';
import { splitKey, type Informer } from './machinery/informer';
import { SERVICEACCOUNTS } from './serviceaccount';

const SECRETS = { group: '', version: 'v1', resource: 'secrets' };
const TOKEN_TYPE = 'kubernetes.io/service-account-token';
const SA_NAME = 'kubernetes.io/service-account.name';
const SA_UID = 'kubernetes.io/service-account.uid';

const annotationsOf = (o: KubeObject) => (o.metadata?.annotations ?? {}) as Record<string, string>;
const isToken = (o: KubeObject) => o.type === TOKEN_TYPE;

export class ServiceAccountTokensController extends Controller {
  readonly name = 'serviceaccount-token';
  private secrets!: Informer;
  private sas!: Informer;

  constructor(
    ctx: ControllerContext,
    /** The cluster CA certificate (PEM), the root CA the controller manager is given. */
    private readonly caCert: () => string,
  ) {
    super(ctx);
  }

  setup(): void {
    this.secrets = this.ctx.factory.for(SECRETS);
    this.sas = this.ctx.factory.for(SERVICEACCOUNTS);
    this.secrets.addHandlers({ onAdd: (s) => isToken(s) && this.enqueue(s), onUpdate: (_a, s) => isToken(s) && this.enqueue(s) });
    // An account deleted (or recreated) takes its token Secrets with it.
    const tokensOf = (sa: KubeObject) => {
      for (const s of this.secrets.list())
        if (isToken(s) && s.metadata?.namespace === sa.metadata?.namespace && annotationsOf(s)[SA_NAME] === sa.metadata?.name) this.enqueue(s);
    };
    this.sas.addHandlers({ onAdd: tokensOf, onDelete: tokensOf });
  }

  sync(key: string): boolean {
    const secret = this.secrets.get(key);
    if (!secret || !isToken(secret) || secret.metadata?.deletionTimestamp) return true;
    const { namespace } = splitKey(key);
    const ann = annotationsOf(secret);
    const sa = this.sas.getByName(namespace, ann[SA_NAME] ?? '');
    if (!sa || (ann[SA_UID] && ann[SA_UID] !== sa.metadata?.uid)) {
      const r = this.client.delete(SECRETS, namespace, secret.metadata!.name!);
      return r.code === 200 || r.code === 404;
    }
    const data = { ...((secret.data ?? {}) as Record<string, string>) };
    const ca = btoa(this.caCert());
    const ns = btoa(namespace ?? '');
    const needsToken = !data.token;
    if (!needsToken && data['ca.crt'] === ca && data.namespace === ns && ann[SA_UID] === sa.metadata?.uid) return true;
    data['ca.crt'] = ca;
    data.namespace = ns;
    if (needsToken) data.token = btoa(issueLegacyToken(this.ctx.random, namespace ?? '', secret.metadata!.name!, sa.metadata!.name!, sa.metadata!.uid!));
    const metadata = { ...secret.metadata, annotations: { ...ann, [SA_NAME]: sa.metadata!.name!, [SA_UID]: sa.metadata!.uid! } };
    const r = this.client.update(SECRETS, namespace, { ...secret, metadata, data });
    // A conflict: the Secret changed meanwhile; its update event brings it back.
    return r.code === 200 || r.code === 409 || r.code === 404;
  }
}

