/** Checks on Nodes: readiness, cordon state, kubelet version, taints. */
import type { KubeObject } from '../../sim/apiserver/types';
import { fetchObject } from '../target';
import { fail, pass, unreachable, type CheckHandler } from './types';

interface NodeShape {
  spec?: { unschedulable?: boolean; taints?: { key: string; effect?: string; value?: string }[] };
  status?: { conditions?: { type: string; status: string }[]; nodeInfo?: { kubeletVersion?: string } };
}

export const nodeCheck: CheckHandler<'node'> = (check, target) => {
  const fetched = fetchObject(target, { apiVersion: 'v1', kind: 'Node', name: check.name, host: check.host });
  if (fetched.state === 'unreachable') return unreachable();
  if (fetched.state !== 'found') {
    return fail(`Node ${check.name} is not part of the cluster.`, `节点 ${check.name} 不在集群中。`, { expected: 'registered', actual: 'absent' });
  }
  const node = fetched.object as KubeObject & NodeShape;
  if (check.ready !== undefined) {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (ready !== check.ready) {
      return check.ready
        ? fail(`Node ${check.name} is NotReady.`, `节点 ${check.name} 处于 NotReady。`, { expected: 'Ready', actual: 'NotReady' })
        : fail(`Node ${check.name} is still Ready.`, `节点 ${check.name} 仍是 Ready。`, { expected: 'NotReady', actual: 'Ready' });
    }
  }
  if (check.unschedulable !== undefined) {
    const cordoned = node.spec?.unschedulable === true;
    if (cordoned !== check.unschedulable) {
      return check.unschedulable
        ? fail(`Node ${check.name} still accepts new pods (it is not cordoned).`, `节点 ${check.name} 仍可调度（没有 cordon）。`, { expected: 'SchedulingDisabled', actual: 'schedulable' })
        : fail(`Node ${check.name} is cordoned (SchedulingDisabled).`, `节点 ${check.name} 处于 SchedulingDisabled（已 cordon）。`, { expected: 'schedulable', actual: 'SchedulingDisabled' });
    }
  }
  if (check.kubeletVersion !== undefined) {
    const v = node.status?.nodeInfo?.kubeletVersion ?? '';
    if (v !== check.kubeletVersion) {
      return fail(`The kubelet on ${check.name} is ${v || 'unknown'}; the task asks for ${check.kubeletVersion}.`, `${check.name} 上的 kubelet 版本是 ${v || '未知'}，任务要求 ${check.kubeletVersion}。`, {
        expected: check.kubeletVersion,
        actual: v,
      });
    }
  }
  if (check.taint) {
    const { key, effect, present } = check.taint;
    const has = (node.spec?.taints ?? []).some((t) => t.key === key && (!effect || t.effect === effect));
    const label = effect ? `${key}:${effect}` : key;
    if (has !== present) {
      return present
        ? fail(`Node ${check.name} has no taint ${label}.`, `节点 ${check.name} 没有污点 ${label}。`, { expected: label, actual: 'absent' })
        : fail(`Node ${check.name} still has the taint ${label}.`, `节点 ${check.name} 仍有污点 ${label}。`, { expected: 'absent', actual: label });
    }
  }
  return pass(`Node ${check.name} is as the task asks.`, `节点 ${check.name} 符合任务要求。`);
};
