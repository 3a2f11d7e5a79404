/** kubectl set image | env | resources | serviceaccount | selector on objects with pod templates. */
import type { KubeObject } from '../../sim/apiserver/types';
import { fail } from '../errors';
import type { Invocation } from '../invocation';
import { mutate } from './mutate';
import { envKeyError } from './create/data-sources';
import { isQuantity } from '../../sim/apiserver/quantity';
import { register } from './registry';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The pod spec inside any workload (or the pod's own). */
export function podSpecOf(obj: KubeObject): Obj | undefined {
  const spec = obj.spec as Obj | undefined;
  if (!spec) return undefined;
  if (obj.kind === 'Pod') return spec;
  if (obj.kind === 'CronJob') return spec.jobTemplate?.spec?.template?.spec;
  return spec.template?.spec;
}

function split(inv: Invocation): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of inv.flags.args) (a.includes('=') || (a.endsWith('-') && !a.includes('/')) ? pairs : resources).push(a);
  return { resources, pairs };
}

async function setImage(inv: Invocation): Promise<number> {
  const { resources, pairs } = split(inv);
  const images = pairs.map((p) => {
    const eq = p.indexOf('=');
    return { container: p.slice(0, eq), image: p.slice(eq + 1) };
  });
  return mutate(inv, {
    fieldManager: 'kubectl-set',
    strategic: true,
    args: resources,
    validate: () => {
      if (pairs.length === 0) throw fail('at least one image update is required');
    },
    done: 'image updated',
    silentWhenUnchanged: true,
    wrapPatchError: 'failed to patch image update to pod template: %v',
    typed: true,
    change(obj) {
      const ps = podSpecOf(obj);
      const all = [...((ps?.initContainers ?? []) as Obj[]), ...((ps?.containers ?? []) as Obj[])];
      for (const { container, image } of images) {
        const matches = container === '*' ? all : all.filter((c) => c.name === container);
        if (matches.length === 0) throw fail(`unable to find container named "${container}"`);
        for (const c of matches) c.image = image;
      }
    },
  });
}

async function setEnv(inv: Invocation): Promise<number> {
  const { resources, pairs } = split(inv);
  const envFlags = inv.flags.list('env');
  const all = [...pairs, ...envFlags];
  if (all.length === 0 && !inv.flags.str('from') && !inv.flags.bool('list')) throw fail('at least one environment variable must be provided');
  const containerName = inv.flags.str('containers') || '*';
  // ParseEnv checks every name before any object is read.
  for (const p of all) {
    const keyError = p.includes('=') ? envKeyError(p.slice(0, p.indexOf('='))) : undefined;
    if (keyError) throw fail(keyError);
  }
  return mutate(inv, {
    fieldManager: 'kubectl-set',
    strategic: true,
    args: resources,
    done: 'env updated',
    silentWhenUnchanged: true,
    wrapPatchError: 'failed to patch env update to pod template: %v',
    typed: true,
    change(obj) {
      const ps = podSpecOf(obj);
      const containers = ((ps?.containers ?? []) as Obj[]).filter((c) => containerName === '*' || c.name === containerName);
      for (const c of containers) {
        const env: Obj[] = c.env ?? [];
        for (const p of all) {
          if (p.endsWith('-') && !p.includes('=')) {
            const name = p.slice(0, -1);
            c.env = env.filter((e) => e.name !== name);
            continue;
          }
          const eq = p.indexOf('=');
          const name = p.slice(0, eq);
          const value = p.slice(eq + 1);
          const existing = env.find((e) => e.name === name);
          if (existing) existing.value = value;
          else env.push({ name, value });
        }
        if (env.length) c.env = c.env ?? env;
      }
    },
  });
}

function parseQuantities(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw fail(`invalid resource specification: ${pair}`);
    // resource.ParseQuantity, before any object is read.
    if (!isQuantity(pair.slice(eq + 1))) throw fail("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

async function setResources(inv: Invocation): Promise<number> {
  const limits = parseQuantities(inv.flags.str('limits'));
  const requests = parseQuantities(inv.flags.str('requests'));
  if (!Object.keys(limits).length && !Object.keys(requests).length) throw fail('you must specify an update to requests or limits (in the form of --requests/--limits)');
  const containerName = inv.flags.str('containers') || '*';
  return mutate(inv, {
    fieldManager: 'kubectl-set',
    strategic: true,
    done: 'resource requirements updated',
    silentWhenUnchanged: true,
    wrapPatchError: 'failed to patch resources update to pod template %v',
    typed: true,
    change(obj) {
      const ps = podSpecOf(obj);
      for (const c of ((ps?.containers ?? []) as Obj[]).filter((x) => containerName === '*' || x.name === containerName)) {
        c.resources = c.resources ?? {};
        if (Object.keys(limits).length) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
        if (Object.keys(requests).length) c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
      }
    },
  });
}

async function setServiceAccount(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  const sa = args[args.length - 1];
  return mutate(inv, {
    fieldManager: 'kubectl-set',
    strategic: true,
    args: args.slice(0, -1),
    done: 'serviceaccount updated',
    wrapPatchError: 'failed to patch ServiceAccountName %v',
    typed: true,
    change(obj) {
      const ps = podSpecOf(obj);
      if (ps) ps.serviceAccountName = sa;
    },
  });
}

async function setSelector(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  // getResourcesAndSelector: the last argument is the selector, those before it the resources.
  if (args.length === 0) throw fail('one selector is required');
  const expr = args[args.length - 1];
  const selector: Record<string, string> = {};
  for (const pair of expr.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw fail(`invalid selector: ${pair}`);
    selector[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return mutate(inv, {
    fieldManager: 'kubectl-set',
    strategic: true,
    args: args.slice(0, -1),
    done: 'selector updated',
    localVisit: true,
    change(obj) {
      // updateSelectorForObject: a Service's selector, nothing else.
      if (obj.kind !== 'Service') throw fail('setting a selector is only supported for Services');
      const spec = ((obj.spec as Obj) ?? (obj.spec = {})) as Obj;
      spec.selector = selector;
    },
  });
}

async function setSubject(inv: Invocation): Promise<number> {
  const add: Obj[] = [];
  for (const u of inv.flags.list('user')) add.push({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: u });
  for (const g of inv.flags.list('group')) add.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g });
  for (const sa of inv.flags.list('serviceaccount')) {
    const [ns, name] = sa.split(':');
    if (!name) throw fail('serviceaccount must be <namespace>:<name>');
    add.push({ kind: 'ServiceAccount', name, namespace: ns });
  }
  if (add.length === 0) throw fail('at least one of --user, --group or --serviceaccount must be specified');
  return mutate(inv, {
    fieldManager: 'kubectl-set',
    strategic: true,
    done: 'subjects updated',
    silentWhenUnchanged: true,
    wrapPatchError: 'failed to patch subjects to rolebinding: %v',
    change(obj) {
      const subjects = ((obj.subjects as Obj[]) ?? []).slice();
      for (const s of add) if (!subjects.some((x) => x.kind === s.kind && x.name === s.name && x.namespace === s.namespace)) subjects.push(s);
      obj.subjects = subjects;
    },
  });
}

register('set selector', setSelector);
register('set subject', setSubject);
register('set image', setImage);
register('set env', setEnv);
register('set resources', setResources);
register('set serviceaccount', setServiceAccount);
