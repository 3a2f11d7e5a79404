/** kubectl auth can-i and auth whoami, through SelfSubjectAccessReview / SelfSubjectReview. */
import { connect, mapperOf, namespaceOf, type Connection } from '../client/connection';
import { refusedMessage, serverAddress } from '../client/server-address';
import { discoveryRefusedLines, session } from '../client/session';
import { statusText } from '../client/status';
import { KubectlError, raw } from '../errors';
import type { Invocation } from '../invocation';
import { formatTable } from '../printers/tabwriter';
import { checkOutputFormat, printStructured } from '../printers/output';
import type { KubeObject } from '../../sim/apiserver/types';
import { register } from './registry';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function canI(inv: Invocation): number {
  const args = inv.flags.args;
  if (inv.flags.bool('list')) return canIList(inv);
  // kubectl 1.33 takes exactly VERB RESOURCE[/NAME]; its message ends with the usage line, period included.
  if (args.length !== 2) throw raw("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  const [verb, resourceArg] = args;
  const s = session(inv);
  if (!s.transport) {
    // discovery fails first (the resource cannot be checked), then the review itself is refused
    const addr = serverAddress(s.config.server);
    const warning = resourceArg.startsWith('/') ? '' : `Warning: the server doesn't have a resource type '${resourceArg.split('/')[0]}'\n\n`;
    throw raw(`${discoveryRefusedLines(inv, addr, 2)}\n${warning}${refusedMessage(addr)}`);
  }
  const conn = connect(inv, 2);
  const spec: Obj = {};
  if (resourceArg.startsWith('/')) {
    spec.nonResourceAttributes = { verb, path: resourceArg };
  } else {
    // RESOURCE/NAME names one object (SplitN on the first '/'); a subresource only comes from --subresource.
    const slash = resourceArg.indexOf('/');
    let resource = slash < 0 ? resourceArg : resourceArg.slice(0, slash);
    const name = slash < 0 ? '' : resourceArg.slice(slash + 1);
    const sub = inv.flags.str('subresource');
    let group = '';
    if (resource !== '*') {
      const m = mapperOf(conn).find(resource);
      if (m) {
        group = m.group;
        resource = m.resource;
        // Validate asks the uncached discovery client whether the resource is namespaced.
        if (!inv.flags.bool('all-namespaces')) logResourceList(conn, m.group, m.version);
      } else {
        const dot = resource.indexOf('.');
        if (dot > 0) {
          group = resource.slice(dot + 1);
          resource = resource.slice(0, dot);
        }
        inv.err(`Warning: the server doesn't have a resource type '${resource}'\n\n`);
      }
    } else group = '*';
    const attrs: Obj = { namespace: inv.flags.bool('all-namespaces') ? '' : namespaceOf(inv), verb, group, resource };
    if (sub) attrs.subresource = sub;
    if (name) attrs.name = name;
    spec.resourceAttributes = attrs;
  }
  const res = conn.request<Obj>({
    verb: 'create', group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews',
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: { creationTimestamp: null }, spec },
  });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  const status = ((res.body as Obj).status ?? {}) as Obj;
  const allowed = Boolean(status.allowed);
  // cani.go: "no", then " - reason" and " - evaluationError" when the review carries them
  const denial = `no${status.reason ? ` - ${status.reason}` : ''}${status.evaluationError ? ` - ${status.evaluationError}` : ''}`;
  if (!inv.flags.bool('quiet')) inv.out(allowed ? 'yes\n' : `${denial}\n`);
  return allowed ? 0 : 1;
}

/** A GET of a group-version's resource list (discovery without the cache), logged at -v=6. */
function logResourceList(conn: Connection, group: string, version: string): void {
  const gv = group ? `${group}/${version}` : version;
  const list = conn.transport.discovery().resourceLists.find((l) => l.groupVersion === gv);
  conn.exchanges.raw(group ? `/apis/${gv}` : `/api/${gv}`, { code: list ? 200 : 404, body: list ?? {} });
}

/** auth can-i --list: the rules of a SelfSubjectRulesReview, one row per resource. */
function canIList(inv: Invocation): number {
  const conn = connect(inv, 2);
  const res = conn.request<Obj>({
    verb: 'create', group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews',
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: { creationTimestamp: null }, spec: { namespace: namespaceOf(inv) } },
  });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  const st = ((res.body as Obj).status ?? {}) as Obj;
  const list = (xs: unknown[] | undefined) => `[${(xs ?? []).join(' ')}]`;
  // One row per resource and per non-resource URL, ordered as rbac's SortableRuleSlice orders
  // the broken-down rules (API group, then resource; non-resource URLs after, bracket-sorted).
  const keyed = new Map<string, string[]>();
  for (const r of (st.resourceRules ?? []) as Obj[]) {
    const groups = (r.apiGroups ?? ['']) as string[];
    for (const resource of (r.resources ?? []) as string[]) {
      for (const g of groups) {
        const row = [g ? `${resource}.${g}` : resource, '[]', list(r.resourceNames), list(r.verbs)];
        keyed.set(`A[${g}]|${resource}|${row.join('|')}`, row);
      }
    }
  }
  for (const r of (st.nonResourceRules ?? []) as Obj[]) {
    for (const url of (r.nonResourceURLs ?? []) as string[]) keyed.set(`N[${url}]|${list(r.verbs)}`, ['', `[${url}]`, '[]', list(r.verbs)]);
  }
  const rows = [...keyed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  const header = inv.flags.bool('no-headers') ? [] : [['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']];
  inv.out(formatTable([...header, ...rows]));
  return 0;
}

function whoami(inv: Invocation): number {
  // Its PrintFlags: the generic printers (an unknown format fails before any request).
  const spec = checkOutputFormat(inv.flags.str('output'));
  const conn = connect(inv);
  const res = conn.request<Obj>({
    verb: 'create', group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: { creationTimestamp: null } },
  });
  if (res.code >= 300) throw new KubectlError(statusText(res.body));
  const info = ((res.body as Obj).status?.userInfo ?? {}) as Obj;
  if (spec.format !== '' && printStructured(inv, spec, res.body as KubeObject)) return 0;
  const rows: string[][] = [['ATTRIBUTE', 'VALUE'], ['Username', String(info.username ?? '')]];
  if (info.uid) rows.push(['UID', String(info.uid)]);
  rows.push(['Groups', `[${((info.groups ?? []) as string[]).join(' ')}]`]);
  inv.out(formatTable(rows));
  return 0;
}

register('auth can-i', canI);
register('auth whoami', whoami);
