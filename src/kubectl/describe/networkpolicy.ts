/** The NetworkPolicy describer, after describe.go's describeNetworkPolicy (no events section). */
import type { KubeObject } from '../../sim/apiserver/types';
import { formatLabelSelector, printAnnotations, printLabels, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';
import { GO_ZERO_TIME, goTime } from '../../sim/go-time';


/** A rule's peers (From: for ingress, To: for egress), each selector as FormatLabelSelector prints it. */
function printPeers(w: PrefixWriter, peers: Obj[] | undefined, word: 'From' | 'To', indent: string): void {
  if (!peers?.length) {
    w.write(0, `${indent}${word}: <any> (traffic not restricted by ${word === 'From' ? 'source' : 'destination'})\n`);
    return;
  }
  for (const peer of peers) {
    w.write(0, `${indent}${word}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    else if (peer.namespaceSelector) w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    else if (peer.ipBlock) {
      w.write(1, `${indent}IPBlock:\n`);
      w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr ?? ''}\n`);
      w.write(2, `${indent}Except: ${((peer.ipBlock.except ?? []) as string[]).join(', ')}\n`);
    }
  }
}

function printRules(w: PrefixWriter, rules: Obj[] | undefined, direction: 'ingress' | 'egress', indent: string): void {
  if (!rules?.length) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    const ports = (rule.ports ?? []) as Obj[];
    if (!ports.length) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of ports) w.write(0, `${indent}To Port: ${p.port ?? '<nil>'}/${p.protocol ?? 'TCP'}\n`);
    printPeers(w, (direction === 'ingress' ? rule.from : rule.to) as Obj[] | undefined, direction === 'ingress' ? 'From' : 'To', indent);
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(o: KubeObject): string {
  const w = new PrefixWriter();
  const spec = (o.spec ?? {}) as Obj;
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace ?? ''}\n`);
  // metav1.Time printed with %s: `2026-01-15 08:02:30 +0000 UTC`.
  const created = o.metadata?.creationTimestamp;
  w.write(0, `Created on:\t${created ? goTime(created) : GO_ZERO_TIME}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  const sel = (spec.podSelector ?? {}) as Obj;
  const empty = !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
  w.write(2, empty ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${formatLabelSelector(sel)}\n`);
  const types = (spec.policyTypes ?? []) as string[];
  if (types.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    printRules(w, spec.ingress as Obj[] | undefined, 'ingress', '    ');
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    printRules(w, spec.egress as Obj[] | undefined, 'egress', '    ');
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${types.join(', ')}\n`);
  return w.toString();
}
