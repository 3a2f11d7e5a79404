/**
 * The shared shape of verbs that change objects in place (label, annotate, scale, set …): find
 * the targets, change each (the live object, or the file's with --local), then PATCH the
 * difference and report `<kind>/<name> <verb>`.
 */
import type { ApiResponse, KubeObject } from '../../sim/apiserver/types';
import { connect, type Connection } from '../client/connection';
import { isStatus, statusText } from '../client/status';
import { VisitErrors } from '../client/visit-errors';
import { aggregate as aggregateErrors, checkErr, continueOnErrorResult, type GoError } from '../client/go-errors';
import { KubectlError, fail, raw } from '../errors';
import type { Invocation } from '../invocation';
import { checkOutputFormat, printStructured, qualifiedName } from '../printers/output';
import { readFilenameObjects, visitFilenameObjects } from '../resource/files';
import { NO_RESOURCES, resolveTargets, fetchTarget, fetchTargetResult, type Target, type TargetOptions } from '../resource/targets';
import { aggregate } from '../../sim/go-errors';
import { mergePatch, typedRoundTrip } from '../util/diff';
import { failOfflineFiles } from '../resource/offline-visit';
import { omitEmpty, twoWayStrategicPatch } from '../util/three-way';
import { dryRunOf } from './create/generator';
import { goTyped } from '../../sim/go-typed';
import { definitionFor } from '../../sim/apiserver/schema';

export interface MutateOptions extends TargetOptions {
  /** Past tense shown after the name, e.g. "labeled", "image updated". */
  done: string;
  /** The word for a change made, when it depends on the change (label: "unlabeled" when the object shrank). */
  doneFor?(live: KubeObject, changed: KubeObject): string;
  /** Changes the object in place; returns false when nothing changed (then `notDone` is printed). */
  change(obj: KubeObject, inv: Invocation): boolean | void;
  notDone?: string;
  /** --local output goes through the typed object (set image/env/resources). */
  typed?: boolean;
  /** The command's --field-manager default (kubectl-label…); none: the server names it after the User-Agent. */
  fieldManager?: string;
  /** Patch this subresource instead of the object (scale: the answer is a Scale, the object is reported). */
  subresource?: string;
  /**
   * The command's own checks, run once its objects are found (cobra's Validate after Complete,
   * where the set commands read every object first and stop at the first that is missing).
   */
  validate?: () => void;
  /**
   * Fetch every object first and, when none was found, fail with this before the servers' messages
   * (scale: "no objects passed to scale deployments.apps \"x\" not found").
   */
  nothingFound?: string;
  /** With nothingFound: the command's check of how many objects were found, before anything else (scale's --resource-version takes one). */
  checkFound?(found: number): void;
  /** An object the change leaves as it was is passed over in silence (the set commands skip an empty patch). */
  silentWhenUnchanged?: boolean;
  /** How a failed patch's error is wrapped, as the command's Go format ("failed to patch image update to pod template: %v"). */
  wrapPatchError?: string;
  /** Send a two-way strategic merge patch (the set commands' CalculatePatch) rather than a JSON merge patch. */
  strategic?: boolean;
  /** Send the (empty) patch even when nothing changed, as label and annotate do before saying "not labeled". */
  patchUnchanged?: boolean;
  /**
   * Sends the change itself, whether or not the object differs (kubectl scale writes …/scale: a
   * PATCH, or with preconditions a GET then a PUT). A failure ends the command at once, as
   * RunScale returns the scaler's error, the objects that were not found left unreported.
   */
  send?(conn: Connection, t: Target, dryRun: string): ApiResponse<unknown>;
  /**
   * With --local, visit the files as r.Visit does (set selector): each object read is changed and
   * printed, the errors of reading come last. Without it the objects are taken first (Infos),
   * whose error stops the command before anything is printed (the other set commands).
   */
  localVisit?: boolean;
}

/** The object after the set commands' round trip through its Go type (field order, zero values); a kind the schema lacks as near as we know it. */
function asGoType(object: KubeObject): KubeObject {
  const [group, version] = (object.apiVersion ?? '').includes('/') ? (object.apiVersion ?? '').split('/') : ['', object.apiVersion ?? ''];
  const def = definitionFor(group, version, object.kind ?? '');
  return (def ? goTyped(object, def) : typedRoundTrip(object)) as KubeObject;
}

export async function mutate(inv: Invocation, opts: MutateOptions): Promise<number> {
  const spec = checkOutputFormat(inv.flags.str('output'));
  const dryRun = inv.flags.has('dry-run') ? dryRunOf(inv) : 'none';
  if (inv.flags.bool('local')) {
    if (inv.flags.list('filename').length === 0) throw fail('--local requires -f or --filename');
    const visits = opts.localVisit ? await visitFilenameObjects(inv, false) : await readFilenameObjects(inv, false);
    const readErrors: GoError[] = [];
    const changeErrors: GoError[] = [];
    for (const visit of visits) {
      if ('error' in visit) {
        readErrors.push(visit.error);
        continue;
      }
      const { object } = visit;
      try {
        opts.change(object, inv);
      } catch (e) {
        // r.Visit goes on past the function's error (set selector); Infos' users never get here.
        if (!(e instanceof KubectlError) || !opts.localVisit) throw e;
        changeErrors.push(e.text.replace(/^error: /, ''));
        continue;
      }
      const shown = opts.typed ? asGoType(object) : object;
      if (!printStructured(inv, spec, shown, { typed: opts.typed })) inv.out(`${qualifiedName(object)} ${opts.done}\n`);
    }
    const err = continueOnErrorResult(changeErrors, readErrors);
    if (err !== undefined) throw checkErr(err);
    return 0;
  }
  if ((opts.args ?? inv.flags.args).length === 0 && inv.flags.list('filename').length === 0) throw raw(opts.emptyMessage ?? NO_RESOURCES);
  await failOfflineFiles(inv, { nothingFound: opts.nothingFound });
  const conn = connect(inv);
  const fieldManager = opts.fieldManager && (inv.flags.str('field-manager') || opts.fieldManager);
  // With -f the builder continues on error (Latest): the errors of reading the files and of
  // fetching each object come in visit order (inner), those of the change itself in turn (outer).
  const { targets, errors, fileErrors } = await resolveTargets(inv, conn, { ...opts, gather: true });
  // The set commands take every object first (Infos) and return its error before changing any.
  if (opts.strategic && fileErrors?.inner.length) throw checkErr(continueOnErrorResult([], fileErrors.inner)!);
  const outer = new VisitErrors();
  for (const e of fileErrors?.outer ?? []) outer.push(e);
  const inner: GoError[] = [];
  let visitErrorsTaken = 0;
  const takeVisitErrors = (upTo: number) => {
    while (fileErrors && visitErrorsTaken < upTo) inner.push(fileErrors.inner[visitErrorsTaken++]);
  };
  const failed = (status: unknown, text = statusText(status)) => {
    if (!fileErrors) errors.push(text);
    else if (text.startsWith('error: ') || !isStatus(status)) outer.goError(text);
    else outer.add(status);
  };
  const fetched = new Map<(typeof targets)[number], ReturnType<typeof fetchTarget>>();
  if (opts.nothingFound !== undefined && targets.length) {
    const failures: string[] = [];
    for (const t of targets) {
      // The builder takes a file's object as it is (no Latest): a nameless one is not fetched.
      const r = !t.name && t.object ? { object: t.object } : fetchTargetResult(conn, t);
      if ('failure' in r) failures.push(isStatus(r.failure) ? (r.failure.message ?? '') : statusText(r.failure));
      fetched.set(t, 'failure' in r ? statusText(r.failure) : r.object);
    }
    opts.checkFound?.(targets.length - failures.length);
    if (failures.length === targets.length) throw fail(`${opts.nothingFound} ${aggregate(failures)}`);
  }
  if (opts.validate) {
    for (const t of targets) {
      const live = fetchTarget(conn, t);
      if (typeof live === 'string') errors.push(live);
      fetched.set(t, live);
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
    opts.validate();
  }
  for (const t of targets) {
    takeVisitErrors(t.innerBefore ?? 0);
    const pre = fetched.get(t);
    const got: { object: KubeObject } | { failure: unknown } | { text: string } =
      pre === undefined ? fetchTargetResult(conn, t) : typeof pre === 'string' ? { text: pre } : { object: pre };
    if (!('object' in got)) {
      // With -f, RetrieveLatest's error is one of the visit's own.
      if ('failure' in got && fileErrors) inner.push(got.failure as GoError);
      else errors.push('text' in got ? got.text : statusText(got.failure));
      continue;
    }
    const live = got.object;
    // RetrieveLatest fetched it; then the builder's RequireNamespace refuses it.
    if (t.refused !== undefined) {
      outer.push(t.refused);
      continue;
    }
    const changed = JSON.parse(JSON.stringify(live)) as KubeObject;
    let result: boolean | void;
    try {
      result = opts.change(changed, inv);
    } catch (e) {
      if (e instanceof KubectlError) throw e;
      throw e;
    }
    if (result !== false && inv.flags.bool('record')) recordChangeCause(changed, inv);
    const done = opts.doneFor?.(live, changed) ?? opts.done;
    if (opts.send) {
      if (dryRun === 'client') {
        if (!printStructured(inv, spec, changed)) inv.out(`${qualifiedName(live)} ${done} (dry run)\n`);
        continue;
      }
      const sent = opts.send(conn, t, dryRun);
      if (sent.code >= 300) throw new KubectlError(statusText(sent.body));
      reportChange(inv, conn, t, opts, { spec, live, changed, answer: sent.body as KubeObject, done, fieldManager, dryRun });
      continue;
    }
    const strategic = opts.strategic ? twoWayStrategicPatch(t.mapping, omitEmpty(live), omitEmpty(changed)) : undefined;
    const patch = strategic ? (Object.keys(strategic).length ? strategic : undefined) : mergePatch(live, changed);
    if (result === false || patch === undefined) {
      if (opts.silentWhenUnchanged) continue;
      if (opts.patchUnchanged && dryRun !== 'client') {
        const res = sendPatch(conn, t, opts, { body: {}, strategic: false, fieldManager, dryRun });
        if (res.code >= 300) {
          failed(res.body);
          continue;
        }
      }
      if (!printStructured(inv, spec, live)) inv.out(`${qualifiedName(live)} ${opts.notDone ?? opts.done}\n`);
      continue;
    }
    if (dryRun === 'client') {
      if (!printStructured(inv, spec, changed)) inv.out(`${qualifiedName(live)} ${done} (dry run)\n`);
      continue;
    }
    const res = sendPatch(conn, t, opts, { body: patch, strategic: !!strategic, fieldManager, dryRun });
    if (res.code >= 300) {
      // fmt.Errorf's %v of a StatusError is its message; the wrapped error is then an ordinary one.
      if (opts.wrapPatchError && isStatus(res.body)) failed(res.body, `error: ${opts.wrapPatchError.replace('%v', res.body.message ?? '')}`);
      else failed(res.body);
      continue;
    }
    reportChange(inv, conn, t, opts, { spec, live, changed, answer: res.body as KubeObject, done, fieldManager, dryRun });
  }
  if (fileErrors) {
    takeVisitErrors(fileErrors.inner.length);
    outer.push(aggregateErrors(inner));
    if (outer.length) throw outer.toError();
  }
  if (errors.length) throw new KubectlError(errors.join('\n'));
  return 0;
}

/** After a change was written: --record's own patch through a subresource, then the line (or object) printed. */
function reportChange(
  inv: Invocation, conn: Connection, t: Target, opts: MutateOptions,
  c: { spec: ReturnType<typeof checkOutputFormat>; live: KubeObject; changed: KubeObject; answer: KubeObject; done: string; fieldManager?: string; dryRun: string },
): void {
  // --record through a subresource (scale): the annotation is a patch of the object of its own, as kubectl scale sends it.
  const cause = c.changed.metadata?.annotations?.[CHANGE_CAUSE];
  if (opts.subresource && inv.flags.bool('record') && cause !== undefined) patchChangeCause(conn, t, cause, c.fieldManager);
  // Through a subresource the answer is not the object: kubectl scale prints the object as it
  // fetched it, before scaling (RunScale prints info.Object).
  const updated = opts.subresource ? c.live : c.answer;
  if (!printStructured(inv, c.spec, updated)) inv.out(`${qualifiedName(updated.kind ? updated : c.live)} ${c.done}${c.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
}

/** The PATCH of a target (or of its subresource): strategic or JSON merge, with the command's field manager and dry run. */
function sendPatch(conn: Connection, t: Target, opts: MutateOptions, p: { body: unknown; strategic: boolean; fieldManager?: string; dryRun: string }) {
  return conn.request<KubeObject>({
    verb: 'patch', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name,
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
    patchType: p.strategic ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
    body: p.body,
    query: { ...(p.fieldManager ? { fieldManager: p.fieldManager } : {}), ...(p.dryRun === 'server' ? { dryRun: 'All' } : {}) },
  });
}

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/**
 * --record (deprecated): the command line in the kubernetes.io/change-cause annotation, as
 * cli-runtime's RecordFlags writes it: `kubectl` and the words that are not flags, then every flag
 * given as ` --name=value` (`kubectl set image deploy/web nginx=nginx:1.28 --record=true`).
 */
export function recordChangeCause(obj: KubeObject, inv: Invocation): void {
  const meta = (obj.metadata ??= {});
  meta.annotations = { ...(meta.annotations ?? {}), [CHANGE_CAUSE]: changeCause(inv) };
}

/** The command line as --record writes it. */
export function changeCause(inv: Invocation): string {
  const words = [...inv.path.split(' '), ...inv.flags.args];
  let flags = '';
  for (const [name, value] of inv.flags.parsed.given) {
    for (const v of Array.isArray(value) ? value : [value]) flags += ` --${name}=${String(v)}`;
  }
  return `kubectl ${words.join(' ')}${flags}`;
}

/**
 * --record where the change itself could not carry the annotation (a patch, a scale through its
 * subresource): the change cause as a merge patch of its own, as RecordFlags' MakeRecordMergePatch.
 */
export function patchChangeCause(conn: Connection, t: Target, cause: string, fieldManager?: string): ApiResponse<KubeObject> {
  return conn.request<KubeObject>({
    verb: 'patch', group: t.mapping.group, version: t.mapping.version, resource: t.mapping.resource, namespace: t.namespace, name: t.name,
    patchType: 'application/merge-patch+json', body: { metadata: { annotations: { [CHANGE_CAUSE]: cause } } }, query: fieldManager ? { fieldManager } : {},
  });
}
