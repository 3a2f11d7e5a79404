/** kubectl api-resources and api-versions, from discovery. */
import { connect, mapperOf } from '../client/connection';
import { session } from '../client/session';
import { fail } from '../errors';
import type { Invocation } from '../invocation';
import { formatTable } from '../printers/tabwriter';
import { register } from './registry';

function apiResources(inv: Invocation): number {
  const output = inv.flags.str('output');
  if (output !== '' && output !== 'wide' && output !== 'name') throw fail(`--output ${output} is not available`);
  const sortFlag = inv.flags.str('sort-by');
  if (sortFlag !== '' && sortFlag !== 'name' && sortFlag !== 'kind') throw fail('--sort-by accepts only name or kind');
  // A kubeconfig that cannot be used fails before the header; discovery fails after it.
  session(inv);
  let conn;
  try {
    conn = connect(inv, 1);
  } catch (e) {
    // kubectl prints the table header before discovery fails
    if (!inv.flags.bool('no-headers') && output !== 'name') inv.out(formatTable([['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])]]));
    throw e;
  }
  // Without --cached the cache is invalidated first: discovery is asked again.
  conn.invalidatesDiscovery = !inv.flags.bool('cached');
  const mapper = mapperOf(conn);
  const wantNamespaced = inv.flags.has('namespaced') ? inv.flags.bool('namespaced') : undefined;
  const group = inv.flags.has('api-group') ? inv.flags.str('api-group') : undefined;
  const verbs = inv.flags.list('verbs');
  let rows = mapper.preferred.filter(
    (m) => (wantNamespaced === undefined || m.namespaced === wantNamespaced) && (group === undefined || m.group === group) && verbs.every((v) => m.verbs.includes(v)),
  );
  const sortBy = inv.flags.str('sort-by');
  rows = [...rows].sort((a, b) => {
    if (sortBy === 'kind') return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
    if (sortBy === 'name') return a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0;
    if (a.group !== b.group) return a.group < b.group ? -1 : 1;
    return a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0;
  });
  if (output === 'name') {
    for (const m of rows) inv.out(`${m.resource}${m.group ? '.' + m.group : ''}\n`);
    return 0;
  }
  const table: string[][] = [];
  const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
  if (output === 'wide') header.push('VERBS', 'CATEGORIES');
  if (!inv.flags.bool('no-headers')) table.push(header);
  for (const m of rows) {
    const row = [m.resource, m.shortNames.join(','), m.group ? `${m.group}/${m.version}` : m.version, String(m.namespaced), m.kind];
    if (output === 'wide') {
      const categories = mapper.doc.resourceLists.flatMap((l) => l.resources).find((r) => r.name === m.resource && r.kind === m.kind)?.categories ?? [];
      row.push(m.verbs.join(','), categories.join(','));
    }
    table.push(row);
  }
  inv.out(formatTable(table));
  return 0;
}

function apiVersions(inv: Invocation): number {
  const conn = connect(inv);
  conn.invalidatesDiscovery = true;
  const versions = new Set<string>();
  for (const g of mapperOf(conn).doc.groups) for (const v of g.versions) versions.add(v.groupVersion);
  inv.out([...versions].sort().map((v) => v + '\n').join(''));
  return 0;
}

register('api-resources', apiResources);
register('api-versions', apiVersions);
