/**
 * The review resources that are computed, never stored (authorization.k8s.io,
 * authentication.k8s.io): SubjectAccessReview, SelfSubjectAccessReview, LocalSubjectAccessReview,
 * SelfSubjectRulesReview (`kubectl auth can-i [--list]`), SelfSubjectReview (`kubectl auth whoami`),
 * TokenReview.
 */
import { errors, fail, ok } from '../errors';
import type { Handler, RequestContext } from '../context';
import { authorize, reviewRulesFor, type Attributes, type PolicyRule } from '../rbac/authorizer';
import type { KubeObject, UserInfo } from '../types';
import { bindPod } from '../subresources/binding';
import { authenticateToken } from '../subresources/token';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function body(ctx: RequestContext): KubeObject | undefined {
  const b = ctx.req.body;
  return isObj(b) ? (JSON.parse(JSON.stringify(b)) as KubeObject) : undefined;
}

function attributesOf(spec: Obj, namespaceOverride?: string): Attributes | undefined {
  const ra = spec.resourceAttributes as Obj | undefined;
  const nra = spec.nonResourceAttributes as Obj | undefined;
  if (ra) {
    return {
      verb: String(ra.verb ?? ''),
      group: String(ra.group ?? ''),
      resource: String(ra.resource ?? ''),
      subresource: String(ra.subresource ?? ''),
      namespace: namespaceOverride ?? String(ra.namespace ?? ''),
      name: String(ra.name ?? ''),
    };
  }
  if (nra) return { verb: String(nra.verb ?? ''), group: '', resource: '', subresource: '', namespace: '', name: '', path: String(nra.path ?? '') };
  return undefined;
}

function review(ctx: RequestContext, who: UserInfo, namespaceOverride?: string) {
  const obj = body(ctx);
  if (!obj) return fail(errors.badRequest(`Object 'Kind' is missing in '${JSON.stringify(ctx.req.body)}'`));
  const spec = (obj.spec ?? {}) as Obj;
  const attrs = attributesOf(spec, namespaceOverride);
  if (!attrs)
    return fail(
      errors.invalid(ctx.info.kind, ctx.info.group, '', [
        { reason: 'FieldValueRequired', field: 'spec.resourceAttributes', message: 'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified' },
      ]),
    );
  const decision = authorize(ctx.server, who, attrs);
  obj.metadata = { ...(obj.metadata ?? {}), creationTimestamp: null as unknown as string };
  obj.status = decision.allowed ? { allowed: true, reason: reasonFor(who) } : decision.reason ? { allowed: false, reason: decision.reason } : { allowed: false };
  return ok(obj, 201);
}

function reasonFor(u: UserInfo): string | undefined {
  if (u.groups.includes('system:masters')) return 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"';
  return undefined;
}

const selfSubjectAccessReview: Handler = (ctx) => review(ctx, ctx.user);

const subjectAccessReview: Handler = (ctx) => {
  const spec = ((body(ctx)?.spec ?? {}) as Obj);
  const user: UserInfo = { username: String(spec.user ?? ''), groups: Array.isArray(spec.groups) ? (spec.groups as string[]) : [], uid: spec.uid as string | undefined };
  return review(ctx, user);
};

const localSubjectAccessReview: Handler = (ctx) => {
  const spec = ((body(ctx)?.spec ?? {}) as Obj);
  const user: UserInfo = { username: String(spec.user ?? ''), groups: Array.isArray(spec.groups) ? (spec.groups as string[]) : [] };
  return review(ctx, user, ctx.namespace);
};

const selfSubjectRulesReview: Handler = (ctx) => {
  const obj = body(ctx) ?? {};
  const ns = String(((obj.spec ?? {}) as Obj).namespace ?? '');
  const rules = reviewRulesFor(ctx.server, ctx.user, ns);
  const resourceRules = rules.filter((r) => !r.nonResourceURLs).map((r) => compact(r, ['verbs', 'apiGroups', 'resources', 'resourceNames']));
  const nonResourceRules = rules.filter((r) => r.nonResourceURLs).map((r) => compact(r, ['verbs', 'nonResourceURLs']));
  return ok(
    {
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { namespace: ns || undefined },
      status: { resourceRules, nonResourceRules, incomplete: false },
    },
    201,
  );
};

function compact(r: PolicyRule, keys: (keyof PolicyRule)[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (r[k] !== undefined && (r[k] as unknown[]).length) out[k] = r[k];
  return out;
}

const selfSubjectReview: Handler = (ctx) =>
  ok(
    {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: ctx.user.username, ...(ctx.user.uid ? { uid: ctx.user.uid } : {}), groups: ctx.user.groups } },
    },
    201,
  );

const tokenReview: Handler = (ctx) => {
  const obj = body(ctx) ?? { spec: {} };
  obj.metadata = { creationTimestamp: null as unknown as string };
  const token = String(((obj.spec ?? {}) as Obj).token ?? '');
  const user = authenticateToken(ctx.server, token);
  obj.status = user
    ? { authenticated: true, user, audiences: ['https://kubernetes.default.svc.cluster.local'] }
    : { user: {}, error: '[invalid bearer token, service account token has expired]' };
  return ok(obj, 201);
};

/** 'group/resource' → create handler for resources that are computed, not stored. */
export const VIRTUAL_CREATE: Record<string, Handler> = {
  'authorization.k8s.io/selfsubjectaccessreviews': selfSubjectAccessReview,
  'authorization.k8s.io/subjectaccessreviews': subjectAccessReview,
  'authorization.k8s.io/localsubjectaccessreviews': localSubjectAccessReview,
  'authorization.k8s.io/selfsubjectrulesreviews': selfSubjectRulesReview,
  'authentication.k8s.io/selfsubjectreviews': selfSubjectReview,
  'authentication.k8s.io/tokenreviews': tokenReview,
  // POST /api/v1/namespaces/{ns}/bindings: the legacy form of pods/binding.
  '/bindings': (ctx) => {
    const b = (ctx.req.body ?? {}) as { metadata?: { name?: string } };
    return bindingsCreate(ctx, b.metadata?.name ?? '');
  },
};

function bindingsCreate(ctx: RequestContext, name: string) {
  return bindPod(ctx, name, ctx.req.body);
}
