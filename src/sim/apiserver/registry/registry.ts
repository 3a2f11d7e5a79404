/**
 * The resource registry: every resource the server serves (built-in ones from the OpenAPI
 * artefact plus the facts table, custom ones from CustomResourceDefinitions), and the lookups
 * that handlers, kubectl and components need: by group/version/resource, by kind, by short name.
 */
import resourcesJson from '../generated/resources.json';
import type { APIGroup, APIResource, APIResourceList, DiscoveryDocument } from '../types';
import { GROUP_ORDER, RESOURCE_FACTS, VERSION_ORDER } from './facts';

export interface SubresourceInfo {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

export interface ResourceInfo {
  group: string;
  version: string;
  /** plural, lower case */
  resource: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: SubresourceInfo[];
  /** etcd key prefix, e.g. '/registry/minions' */
  etcdPrefix: string;
  /** Served from a CustomResourceDefinition. */
  custom?: boolean;
}

export interface GVR {
  group: string;
  version: string;
  resource: string;
}

type GeneratedResources = Record<
  string,
  { name: string; kind: string; namespaced: boolean; verbs: string[]; subresources: SubresourceInfo[] }[]
>;

export const apiVersionOf = (group: string, version: string) => (group ? `${group}/${version}` : version);

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** 'deployments.apps', 'pods': how error messages name a resource. */
export function qualifiedResource(info: { group: string; resource: string }): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

export class ResourceRegistry {
  private byGVR = new Map<string, ResourceInfo>();
  private builtinCount = 0;

  constructor() {
    for (const [gv, list] of Object.entries(resourcesJson as GeneratedResources)) {
      const { group, version } = splitApiVersion(gv);
      for (const r of list) {
        const facts = RESOURCE_FACTS[`${group}/${r.name}`] ?? {};
        this.add({
          group,
          version,
          resource: r.name,
          singularName: facts.singularName ?? r.kind.toLowerCase(),
          kind: r.kind,
          namespaced: r.namespaced,
          verbs: r.verbs,
          shortNames: facts.shortNames ?? [],
          categories: facts.categories ?? [],
          subresources: r.subresources,
          etcdPrefix: '/registry/' + (facts.etcdPrefix ?? r.name),
        });
      }
    }
    this.builtinCount = this.byGVR.size;
  }

  add(info: ResourceInfo): void {
    this.byGVR.set(key(info.group, info.version, info.resource), info);
  }

  remove(group: string, version: string, resource: string): void {
    this.byGVR.delete(key(group, version, resource));
  }

  get(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.byGVR.get(key(group, version, resource));
  }

  all(): ResourceInfo[] {
    return [...this.byGVR.values()];
  }

  get customCount(): number {
    return this.byGVR.size - this.builtinCount;
  }

  /** The served versions of a group, preferred first. */
  versionsOf(group: string): string[] {
    const versions = [...new Set(this.all().filter((r) => r.group === group).map((r) => r.version))];
    const order = VERSION_ORDER[group];
    return versions.sort((a, b) => rank(order, a) - rank(order, b) || compareVersions(b, a));
  }

  /** The resource of a kind in its group's preferred version ('Deployment' → apps/v1 deployments). */
  byKind(kind: string, group?: string, version?: string): ResourceInfo | undefined {
    const matches = this.all().filter(
      (r) => r.kind === kind && (group === undefined || r.group === group) && (version === undefined || r.version === version),
    );
    return this.preferred(matches);
  }

  /**
   * kubectl's resource argument: plural, singular, short name or kind (case-insensitive), with an
   * optional group suffix ('deployments.apps', 'deploy', 'Deployment', 'hpa').
   */
  resolve(arg: string): ResourceInfo | undefined {
    const lower = arg.toLowerCase();
    const candidates = this.all().filter((r) => {
      const names = [r.resource, r.singularName, r.kind.toLowerCase(), ...r.shortNames];
      return names.some((n) => n === lower || `${n}.${r.group}` === lower || `${n}.${r.version}.${r.group}` === lower);
    });
    // A core resource wins over a same-named one in another group (kubectl's priority: events → v1).
    const core = candidates.filter((c) => c.group === '');
    return this.preferred(core.length ? core : candidates);
  }

  discovery(): DiscoveryDocument {
    const groups: APIGroup[] = [];
    const resourceLists: APIResourceList[] = [];
    const groupNames = [...new Set(this.all().map((r) => r.group))].sort(
      (a, b) => rank(GROUP_ORDER, a) - rank(GROUP_ORDER, b) || a.localeCompare(b),
    );
    for (const g of groupNames) {
      const versions = this.versionsOf(g);
      const gvs = versions.map((v) => ({ groupVersion: apiVersionOf(g, v), version: v }));
      groups.push({ name: g, versions: gvs, preferredVersion: gvs[0] });
      for (const v of versions) {
        const resources: APIResource[] = [];
        for (const r of this.all()
          .filter((x) => x.group === g && x.version === v)
          .sort((a, b) => a.resource.localeCompare(b.resource))) {
          const res: APIResource = {
            name: r.resource,
            singularName: r.singularName,
            namespaced: r.namespaced,
            kind: r.kind,
            verbs: [...r.verbs],
          };
          if (r.shortNames.length) res.shortNames = [...r.shortNames];
          if (r.categories.length) res.categories = [...r.categories];
          resources.push(res);
          for (const s of r.subresources) {
            const sub: APIResource = { name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: [...s.verbs] };
            if (s.group !== undefined) {
              sub.group = s.group;
              sub.version = s.version;
            }
            resources.push(sub);
          }
        }
        resourceLists.push({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(g, v), resources });
      }
    }
    return { groups, resourceLists };
  }

  private preferred(matches: ResourceInfo[]): ResourceInfo | undefined {
    if (matches.length <= 1) return matches[0];
    return [...matches].sort((a, b) => {
      const ga = rank(GROUP_ORDER, a.group) - rank(GROUP_ORDER, b.group);
      if (ga) return ga;
      const order = this.versionsOf(a.group);
      return order.indexOf(a.version) - order.indexOf(b.version);
    })[0];
  }
}

function key(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}

function rank(order: string[] | undefined, value: string): number {
  const i = order ? order.indexOf(value) : -1;
  return i < 0 ? 1000 : i;
}

/** Kubernetes version priority: GA > beta > alpha, then higher numbers first. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = v.match(/^v(\d+)(?:(alpha|beta)(\d+))?$/);
    if (!m) return [0, 0, 0];
    return [m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1, Number(m[1]), Number(m[3] ?? 0)];
  };
  const pa = parse(a);
  const pb = parse(b);
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}
