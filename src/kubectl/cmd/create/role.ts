/** kubectl create role|clusterrole NAME --verb … --resource … [--resource-name] [--non-resource-url] [--aggregation-rule] */
import { connect, mapperOf } from '../../client/connection';
import { fail, raw } from '../../errors';
import type { Invocation } from '../../invocation';
import { toLabelSelector } from '../../resource/selector';
import { meta, registerGenerator } from './generator';

const VALID_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
const RBAC = 'rbac.authorization.k8s.io';

function resourceRules(inv: Invocation, verbs: string[]): Record<string, unknown>[] {
  const resources = inv.flags.list('resource');
  if (resources.length === 0) return [];
  const mapper = mapperOf(connect(inv, 2));
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const [base, sub] = r.split('/', 2);
    const dot = base.indexOf('.');
    const resource = dot >= 0 ? base.slice(0, dot) : base;
    const group = dot >= 0 ? base.slice(dot + 1) : undefined;
    let mapping = undefined;
    if (group === undefined) mapping = mapper.find(resource);
    else mapping = mapper.preferred.find((m) => m.group === group && (m.resource === resource || m.singular === resource || m.shortNames.includes(resource)));
    if (!mapping) {
      if (group !== undefined) throw raw(`the server doesn't have a resource type "${resource}" in group "${group}"`);
      throw raw(`the server doesn't have a resource type "${resource}"`);
    }
    const name = sub ? `${mapping.resource}/${sub}` : mapping.resource;
    const list = byGroup.get(mapping.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(mapping.group, list);
  }
  const names = inv.flags.list('resource-name');
  return [...byGroup.keys()].sort().map((g) => {
    const rule: Record<string, unknown> = { verbs, apiGroups: [g], resources: byGroup.get(g) };
    if (names.length) rule.resourceNames = names;
    return rule;
  });
}

function warnVerbs(inv: Invocation, verbs: string[], nonResource: boolean): void {
  for (const v of verbs) {
    if (!VALID_VERBS.includes(v) && !(nonResource && NON_RESOURCE_VERBS.includes(v))) {
      inv.err(`Warning: '${v}' is not a standard resource verb\n`);
    }
  }
}

registerGenerator({
  path: 'create role',
  resource: { group: RBAC, version: 'v1', resource: 'roles', namespaced: true },
  build(inv, name, ns) {
    const verbs = inv.flags.list('verb');
    if (verbs.length === 0) throw fail('at least one verb must be specified');
    if (inv.flags.list('resource').length === 0) throw fail('at least one resource must be specified');
    const rules = resourceRules(inv, verbs);
    warnVerbs(inv, verbs, false);
    return { kind: 'Role', apiVersion: `${RBAC}/v1`, metadata: meta(name, ns), rules };
  },
});

registerGenerator({
  path: 'create clusterrole',
  resource: { group: RBAC, version: 'v1', resource: 'clusterroles', namespaced: false },
  build(inv, name) {
    const aggregation = inv.flags.str('aggregation-rule');
    const verbs = inv.flags.list('verb');
    const nonResourceURLs = inv.flags.list('non-resource-url');
    if (aggregation) {
      if (verbs.length || inv.flags.list('resource').length || nonResourceURLs.length) {
        throw fail('--verb, --resource, --resource-name, --non-resource-url can not be used with --aggregation-rule');
      }
      return {
        kind: 'ClusterRole',
        apiVersion: `${RBAC}/v1`,
        metadata: meta(name),
        rules: null,
        aggregationRule: { clusterRoleSelectors: [toLabelSelector(aggregation)] },
      };
    }
    if (verbs.length === 0) throw fail('at least one verb must be specified');
    if (inv.flags.list('resource').length === 0 && nonResourceURLs.length === 0) {
      throw fail('one of resource or nonResourceURL must be specified');
    }
    const rules = resourceRules(inv, verbs);
    if (nonResourceURLs.length) {
      for (const u of nonResourceURLs) {
        if (!u.startsWith('/')) throw fail(`nonResourceURL should start with /`);
      }
      rules.push({ verbs, nonResourceURLs });
    }
    warnVerbs(inv, verbs, nonResourceURLs.length > 0 && inv.flags.list('resource').length === 0);
    return { kind: 'ClusterRole', apiVersion: `${RBAC}/v1`, metadata: meta(name), rules };
  },
});
