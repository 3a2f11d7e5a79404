/**
 * describe horizontalpodautoscaler, as describe.go's describeHorizontalPodAutoscalerV2 lays it out
 * (the resource metric line is written in two parts, each with the level-1 indent, hence
 * "resource cpu on pods  (as a percentage of request)"), with Behavior only when set.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, printAnnotations, printLabels, rfc1123z, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';
import type { DescribeContext } from './describers';

function printDirectionBehavior(w: PrefixWriter, direction: string, rules: Obj | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  const policies = (rules.policies ?? []) as Obj[];
  if (policies.length > 0) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(2, 'Policies:\n');
    for (const p of policies) w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

export function describeHorizontalPodAutoscaler(o: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const sp = (o.spec ?? {}) as Obj;
  const st = (o.status ?? {}) as Obj;
  const ref = (sp.scaleTargetRef ?? {}) as Obj;
  const current = (st.currentMetrics ?? []) as Obj[];
  w.write(0, `Name:\t${o.metadata?.name}\n`);
  w.write(0, `Namespace:\t${o.metadata?.namespace}\n`);
  printLabels(w, 'Labels', o.metadata?.labels);
  printAnnotations(w, 'Annotations', o.metadata?.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata?.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${ref.kind}/${ref.name}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  for (const [i, m] of ((sp.metrics ?? []) as Obj[]).entries()) {
    const cur = current[i];
    switch (m.type) {
      case 'External': {
        const t = m.external?.target ?? {};
        const c = cur?.external?.current;
        if (t.averageValue !== undefined) w.write(1, `"${m.external?.metric?.name}" (target average value):\t${c?.averageValue ?? '<unknown>'} / ${t.averageValue}\n`);
        else w.write(1, `"${m.external?.metric?.name}" (target value):\t${c ? (c.value ?? '0') : '<unknown>'} / ${t.value}\n`);
        break;
      }
      case 'Pods':
        w.write(1, `"${m.pods?.metric?.name}" on pods:\t${cur?.pods ? (cur.pods.current?.averageValue ?? '0') : '<unknown>'} / ${m.pods?.target?.averageValue}\n`);
        break;
      case 'Object': {
        const o = m.object ?? {};
        const c = cur?.object?.current;
        w.write(1, `"${o.metric?.name}" on ${o.describedObject?.kind}/${o.describedObject?.name} `);
        if (o.target?.type === 'AverageValue') w.write(0, `(target average value):\t${cur?.object ? (c?.averageValue ?? '0') : '<unknown>'} / ${o.target?.averageValue}\n`);
        else w.write(0, `(target value):\t${cur?.object ? (c?.value ?? '0') : '<unknown>'} / ${o.target?.value}\n`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const src = (m.type === 'Resource' ? m.resource : m.containerResource) ?? {};
        const c = (m.type === 'Resource' ? cur?.resource : cur?.containerResource)?.current as Obj | undefined;
        const target = (src.target ?? {}) as Obj;
        w.write(1, m.type === 'Resource' ? `resource ${src.name} on pods` : `resource ${src.name} of container "${src.container}" on pods`);
        if (target.averageValue !== undefined) {
          w.write(0, `:\t${c ? (c.averageValue ?? '0') : '<unknown>'} / ${target.averageValue}\n`);
        } else {
          const now = c?.averageUtilization !== undefined ? `${c.averageUtilization}% (${c.averageValue ?? '0'})` : '<unknown>';
          const want = target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
          w.write(1, `(as a percentage of request):\t${now} / ${want}\n`);
        }
        break;
      }
      default:
        w.write(1, `<unknown metric type "${m.type}">\n`);
    }
  }
  w.write(0, `Min replicas:\t${sp.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${sp.maxReplicas ?? 0}\n`);
  if (sp.behavior) {
    w.write(0, 'Behavior:\n');
    printDirectionBehavior(w, 'Scale Up', sp.behavior.scaleUp);
    printDirectionBehavior(w, 'Scale Down', sp.behavior.scaleDown);
  }
  w.write(0, `${ref.kind} pods:\t`);
  w.write(0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  const conditions = (st.conditions ?? []) as Obj[];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason}\t${c.message}\n`);
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.toString();
}
