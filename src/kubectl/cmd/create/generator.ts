/**
 * The shared life of a `kubectl create <kind>` generator: required flags, exactly one NAME,
 * --dry-run, -o, --save-config, then either print the object (client dry run) or send it to the
 * server and report `<kind>/<name> created`.
 */
import { validationDirective } from '../../resource/files';
import type { KubeObject } from '../../../sim/apiserver/types';
import { klogHeader } from '../../client/klog';
import { DEFAULT_PID, namespaceOf, connect } from '../../client/connection';
import { dialRefused, refusedMessage, serverAddress } from '../../client/server-address';
import { session } from '../../client/session';
import { fail, raw, usageError } from '../../errors';
import type { Invocation } from '../../invocation';
import { toCompactJson } from '../../printers/json';
import { checkOutputFormat, printStructured, printTypedResponse, qualifiedName } from '../../printers/output';
import { isStatus, statusError } from '../../client/status';
import { register } from '../registry';

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

export interface GeneratorDef {
  path: string;
  resource: ResourceRef;
  /** Flags cobra marks required (checked before anything else). */
  required?: string[];
  /** Builds the object in Go field order; throws KubectlError for invalid input. */
  build(inv: Invocation, name: string, namespace: string | undefined): KubeObject | Promise<KubeObject>;
  /**
   * How the command wraps a failed request's error, as its Go format ("failed to create deployment: %v",
   * "failed to create secret %v"); without one the error is returned as it is (Invalid ones then
   * printed from their details).
   */
  wrapError?: string;
  /** Name of the Field manager query value for create. */
  fieldManager?: string;
}

export type DryRun = 'none' | 'client' | 'server';

export function dryRunOf(inv: Invocation): DryRun {
  const v = inv.flags.str('dry-run');
  if (v === 'unchanged') {
    const pid = inv.deps.pid ?? DEFAULT_PID;
    inv.err(`${klogHeader('W', inv.ctx.clock.now(), 112410, pid, 'helpers.go:703')}--dry-run is deprecated and can be replaced with --dry-run=client.\n`);
    return 'client';
  }
  if (v === 'none' || v === 'client' || v === 'server') return v;
  throw fail(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function checkRequired(inv: Invocation, names: readonly string[]): void {
  const missing = names.filter((n) => !inv.flags.has(n));
  if (missing.length > 0) throw fail(`required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`);
}

export function exactlyOneName(inv: Invocation): string {
  const args = inv.flags.argsLenAtDash >= 0 ? inv.flags.args.slice(0, inv.flags.argsLenAtDash) : inv.flags.args;
  if (args.length !== 1) throw usageError(inv.path, `exactly one NAME is required, got ${args.length}`);
  return args[0];
}

/** Arguments after `--` (the container command of deployment/job/cronjob generators). */
export function commandAfterDash(inv: Invocation): string[] {
  return inv.flags.argsLenAtDash >= 0 ? inv.flags.args.slice(inv.flags.argsLenAtDash) : [];
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** --save-config: the object's own JSON (Go field order) in the last-applied annotation. */
export function withSavedConfig(obj: KubeObject): KubeObject {
  const json = toCompactJson(obj, false) + '\n';
  const meta = { ...(obj.metadata ?? {}) };
  const ordered: Record<string, unknown> = {};
  // annotations sit after labels in ObjectMeta's field order
  for (const [k, v] of Object.entries(meta)) {
    if (k === 'annotations') continue;
    ordered[k] = v;
    if (k === 'labels') ordered.annotations = { ...(meta.annotations ?? {}), [LAST_APPLIED]: json };
  }
  if (!ordered.annotations) {
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ordered)) {
      rest[k] = v;
    }
    const keys = Object.keys(rest);
    const idx = keys.indexOf('creationTimestamp');
    const out: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      out[k] = rest[k];
      if (i === idx) out.annotations = { ...(meta.annotations ?? {}), [LAST_APPLIED]: json };
    });
    if (!out.annotations) out.annotations = { [LAST_APPLIED]: json };
    return { ...obj, metadata: out };
  }
  return { ...obj, metadata: ordered };
}

/** ObjectMeta in Go field order. */
export function meta(name: string, namespace?: string, extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): Record<string, unknown> {
  const m: Record<string, unknown> = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  if (extra.labels && Object.keys(extra.labels).length) m.labels = extra.labels;
  if (extra.annotations && Object.keys(extra.annotations).length) m.annotations = extra.annotations;
  return m;
}

function apiPath(ref: ResourceRef, namespace: string | undefined): string {
  const base = ref.group === '' ? `/api/${ref.version}` : `/apis/${ref.group}/${ref.version}`;
  return ref.namespaced && namespace ? `${base}/namespaces/${namespace}/${ref.resource}` : `${base}/${ref.resource}`;
}

/** Send a built object to the server (or print it for --dry-run=client). */
export function createObject(inv: Invocation, def: Pick<GeneratorDef, 'resource' | 'wrapError'>, obj: KubeObject, dryRun: DryRun, output: string): number {
  const spec = checkOutputFormat(output);
  if (dryRun === 'client') {
    if (!printStructured(inv, spec, obj, { typed: true })) inv.out(`${qualifiedName(obj)} created (dry run)\n`);
    return 0;
  }
  const s = session(inv);
  const namespace = def.resource.namespaced ? ((obj.metadata?.namespace as string | undefined) ?? namespaceOf(inv)) : undefined;
  if (!s.transport) {
    const addr = serverAddress(s.config.server);
    if (def.wrapError) {
      const query = `fieldManager=kubectl-create&fieldValidation=${validationDirective(inv)}${dryRun === 'server' ? '&dryRun=All' : ''}`;
      throw fail(def.wrapError.replace('%v', `Post "${addr.url}${apiPath(def.resource, namespace)}?${query}": ${dialRefused(addr)}`));
    }
    throw raw(refusedMessage(addr));
  }
  const conn = connect(inv);
  const query: Record<string, string> = { fieldManager: inv.flags.str('field-manager') || 'kubectl-create', fieldValidation: validationDirective(inv) };
  if (dryRun === 'server') query.dryRun = 'All';
  // The generators create through the generated clientset (protobuf on the wire).
  const res = conn.typed(() =>
    conn.request<KubeObject>({
      verb: 'create',
      group: def.resource.group,
      version: def.resource.version,
      resource: def.resource.resource,
      namespace,
      body: obj,
      query,
    }),
  );
  if (res.code >= 300) {
    // fmt.Errorf's %v of a StatusError is its message, which the wrapped error then prints after "error: ".
    if (def.wrapError && isStatus(res.body)) throw fail(def.wrapError.replace('%v', res.body.message ?? ''));
    throw statusError(res.body);
  }
  const created = res.body as KubeObject;
  // The typed clientset decoded the answer into its Go type: printed as run and expose print theirs.
  if (!printTypedResponse(inv, spec, created)) inv.out(`${qualifiedName(created)} created${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  return 0;
}

export function registerGenerator(def: GeneratorDef): void {
  register(def.path, async (inv) => {
    checkRequired(inv, def.required ?? []);
    const name = exactlyOneName(inv);
    const dryRun = dryRunOf(inv);
    checkOutputFormat(inv.flags.str('output'));
    validationDirective(inv);
    // Complete builds the client even for --dry-run=client: a kubeconfig that cannot be used fails here.
    session(inv);
    const explicitNs = def.resource.namespaced ? explicitNamespace(inv) : undefined;
    let obj = await def.build(inv, name, explicitNs);
    if (inv.flags.bool('save-config')) obj = withSavedConfig(obj);
    return createObject(inv, def, obj, dryRun, inv.flags.str('output'));
  });
}

/** The namespace generators write into the object: only an explicit -n/--namespace (clientcmd's
 *  "enforce namespace"); a context's namespace is used for the request but not written. */
export function explicitNamespace(inv: Invocation): string | undefined {
  return inv.flags.str('namespace') || undefined;
}
