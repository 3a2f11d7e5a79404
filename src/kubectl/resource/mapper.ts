/**
 * The RESTMapper kubectl builds from discovery: a typed word (plural, singular, short name,
 * Kind, with an optional `.version.group` or `.group` suffix) → the group/version/resource.
 */
import type { APIResource, DiscoveryDocument } from '../../sim/apiserver/types';
import { raw } from '../errors';

export interface Mapping {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  singular: string;
  shortNames: string[];
  verbs: string[];
}

export class RestMapper {
  /** Preferred-version resources in discovery order (core first). */
  readonly preferred: Mapping[] = [];
  readonly all: Mapping[] = [];

  constructor(readonly doc: DiscoveryDocument) {
    const preferredGV = new Set(doc.groups.map((g) => g.preferredVersion.groupVersion));
    const order = new Map(doc.groups.map((g, i) => [g.name, i]));
    const lists = [...doc.resourceLists].sort((a, b) => {
      const ga = a.groupVersion.includes('/') ? a.groupVersion.split('/')[0] : '';
      const gb = b.groupVersion.includes('/') ? b.groupVersion.split('/')[0] : '';
      return (order.get(ga) ?? 999) - (order.get(gb) ?? 999);
    });
    for (const list of lists) {
      const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
      for (const r of list.resources) {
        if (r.name.includes('/')) continue;
        const m = toMapping(r, group, version);
        this.all.push(m);
        if (preferredGV.has(list.groupVersion) || (group === '' && list.groupVersion === 'v1')) this.preferred.push(m);
      }
    }
  }

  /** Resolve a typed resource word; undefined when nothing matches. */
  find(word: string): Mapping | undefined {
    const lower = word.toLowerCase();
    const direct = this.match(this.preferred, lower);
    if (direct) return direct;
    // resource.group or resource.version.group
    const dot = lower.indexOf('.');
    if (dot > 0) {
      const name = lower.slice(0, dot);
      const rest = lower.slice(dot + 1);
      const candidates = this.all.filter((m) => m.group === rest || `${m.version}.${m.group}` === rest);
      const found = this.match(candidates, name);
      if (found) return found;
    }
    return undefined;
  }

  private match(list: Mapping[], lower: string): Mapping | undefined {
    return (
      list.find((m) => m.resource === lower) ??
      list.find((m) => m.singular === lower) ??
      list.find((m) => m.shortNames.includes(lower)) ??
      list.find((m) => m.kind.toLowerCase() === lower)
    );
  }

  /** Like find, but fails with kubectl's message. */
  resolve(word: string): Mapping {
    const m = this.find(word);
    if (!m) throw raw(`error: the server doesn't have a resource type "${word}"`);
    return m;
  }

  /** Mapping of an object's apiVersion/kind. */
  forKind(apiVersion: string, kind: string): Mapping | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return (
      this.all.find((m) => m.group === group && m.version === version && m.kind === kind) ??
      this.all.find((m) => m.group === group && m.kind === kind)
    );
  }

  /** Subresource names (e.g. "pods/log") for RBAC rule resolution. */
  hasSubresource(group: string, resource: string, sub: string): boolean {
    return this.doc.resourceLists.some(
      (l) => (l.groupVersion.includes('/') ? l.groupVersion.split('/')[0] : '') === group && l.resources.some((r) => r.name === `${resource}/${sub}`),
    );
  }
}

function toMapping(r: APIResource, group: string, version: string): Mapping {
  return {
    group,
    version,
    resource: r.name,
    kind: r.kind,
    namespaced: r.namespaced,
    singular: r.singularName || r.kind.toLowerCase(),
    shortNames: r.shortNames ?? [],
    verbs: r.verbs,
  };
}

/** `deployment.apps/web` style name of a mapping + object name. */
export function mappingName(m: Mapping, name: string): string {
  return `${m.kind.toLowerCase()}${m.group ? '.' + m.group : ''}/${name}`;
}
