/**
 * Validation with the real texts (pkg/apis/<group>/validation): object meta for every kind, then
 * a table of kind validators. Returns field causes; the caller wraps them in a 422 Status.
 */
import type { Cause } from '../errors';
import type { RequestContext } from '../context';
import type { KubeObject } from '../types';
import { invalid, nameErrors, required, type NameRule } from './names';
import { KIND_VALIDATORS, UPDATE_VALIDATORS } from './kinds';
import { validateCustomResource } from './crd-schema';
import { warningsOnCreate } from './pod-warnings';

/** How each resource's names are checked (ValidateXName in the kinds' validation). */
const NAME_RULES: Record<string, NameRule> = {
  '/namespaces': 'label',
  '/services': 'dns1035',
  'rbac.authorization.k8s.io/roles': 'path',
  'rbac.authorization.k8s.io/clusterroles': 'path',
  'rbac.authorization.k8s.io/rolebindings': 'path',
  'rbac.authorization.k8s.io/clusterrolebindings': 'path',
  'authorization.k8s.io/selfsubjectaccessreviews': 'path',
  'authorization.k8s.io/subjectaccessreviews': 'path',
  'authorization.k8s.io/selfsubjectrulesreviews': 'path',
  'authorization.k8s.io/localsubjectaccessreviews': 'path',
  'authentication.k8s.io/selfsubjectreviews': 'path',
  'authentication.k8s.io/tokenreviews': 'path',
  // <version>.<group>, where the core group's is "v1."
  'apiregistration.k8s.io/apiservices': 'path',
};

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function validateMeta(ctx: RequestContext, obj: KubeObject): Cause[] {
  const causes: Cause[] = [];
  const meta = obj.metadata ?? {};
  const rule = NAME_RULES[`${ctx.info.group}/${ctx.info.resource}`] ?? 'subdomain';
  const isReview = /reviews$/.test(ctx.info.resource);
  if (!meta.name && !isReview) {
    causes.push(required('metadata.name', 'name or generateName is required'));
  } else if (meta.name) {
    for (const m of nameErrors(meta.name, rule)) causes.push(invalid('metadata.name', meta.name, m));
  }
  for (const [k, v] of Object.entries(meta.labels ?? {})) {
    const keyErr = labelKeyError(k);
    if (keyErr) causes.push(invalid('metadata.labels', k, keyErr));
    for (const m of labelValueErrors(typeof v === 'string' ? v : String(v))) causes.push(invalid('metadata.labels', v, m));
  }
  for (const k of Object.keys(meta.annotations ?? {})) {
    const keyErr = labelKeyError(k);
    if (keyErr) causes.push(invalid('metadata.annotations', k, keyErr));
  }
  return causes;
}

/** IsValidLabelValue: its length, then its characters (kubectl label checks values with it too). */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value))
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  return errs;
}

function labelKeyError(key: string): string | undefined {
  const parts = key.split('/');
  const name = parts[parts.length - 1];
  if (parts.length > 2) return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED.test(name))
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  if (parts.length === 2 && nameErrors(parts[0], 'subdomain').length) return `prefix part ${nameErrors(parts[0], 'subdomain')[0]}`;
  return undefined;
}

/**
 * `scope` 'status': a status update, whose object has the stored spec as it is. The real status
 * strategies validate metadata and status only (ValidatePodStatusUpdate…), the Node's excepted
 * (ValidateNodeUpdate checks the whole node), and so do custom resources' (against the schema):
 * the kind validators, which check specs, are left out.
 */
export function validateObject(ctx: RequestContext, obj: KubeObject, scope: 'main' | 'status' = 'main'): Cause[] {
  const causes = validateMeta(ctx, obj);
  if (scope === 'status' && !ctx.info.custom && !(ctx.info.group === '' && ctx.info.kind === 'Node')) return causes;
  if (ctx.info.custom) {
    causes.push(...validateCustomResource(ctx, obj));
    return causes;
  }
  const fn = KIND_VALIDATORS[`${ctx.info.group}/${ctx.info.kind}`];
  if (fn) {
    try {
      causes.push(...fn(obj, ctx));
    } catch {
      // a validator never throws to the user; a malformed object is reported by the others
    }
  }
  // BeforeCreate: a valid new object (one the store has not versioned yet) gets the strategy's warnings.
  if (causes.length === 0 && !obj.metadata?.resourceVersion) ctx.warnings?.push(...warningsOnCreate(ctx.info.group, ctx.info.kind, obj));
  return causes;
}

export function validateUpdate(ctx: RequestContext, next: KubeObject, old: KubeObject, scope: 'main' | 'status'): Cause[] {
  if (scope !== 'main') return [];
  const fn = UPDATE_VALIDATORS[`${ctx.info.group}/${ctx.info.kind}`];
  try {
    return fn ? fn(next, old, ctx) : [];
  } catch {
    return [];
  }
}
