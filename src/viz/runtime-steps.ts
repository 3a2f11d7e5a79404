/**
 * From what a node's kubelet asks of its container runtime (the CRI calls the pod worker makes, and
 * what containerd reports back) to steps on that node's kubelet ⇄ runtime arrow. Each step copies
 * the runtime's record at that moment, which the detail panel shows.
 */
import type { RuntimeTraceEvent } from '../sim/runtime/containerd';
import type { Caption, DiagramStep } from './steps';

export const RUNTIME_NAME = 'containerd';

/** `kubelet:cka02` and `runtime:cka02`: the two boxes of a node. */
export function kubeletId(node: string): string {
  return `kubelet:${node}`;
}
export function runtimeId(node: string): string {
  return `runtime:${node}`;
}

function shortId(id: string): string {
  return id.slice(0, 13);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

interface Mapped {
  toKubelet: boolean;
  caption: Caption;
  object: Record<string, unknown>;
}

type Mapper<T extends RuntimeTraceEvent['type']> = (e: RuntimeTraceEvent & { type: T }, node: string) => Mapped;

/** One handler per kind of runtime event: the caption in both languages and the record it carries. */
const MAPPERS: { [T in RuntimeTraceEvent['type']]: Mapper<T> } = {
  'image-pulling': (e, node) => ({
    toKubelet: false,
    caption: {
      en: `kubelet on ${node} → ${RUNTIME_NAME}: PullImage ${e.image} (pod ${e.namespace}/${e.podName})`,
      'zh-CN': `${node} 上的 kubelet → ${RUNTIME_NAME}：拉取镜像 ${e.image}（Pod ${e.namespace}/${e.podName}）`,
    },
    object: { image: e.image, pod: { namespace: e.namespace, name: e.podName } },
  }),
  'image-pulled': (e, node) => ({
    toKubelet: true,
    caption: {
      en: `${RUNTIME_NAME} on ${node}: pulled ${e.image} in ${seconds(e.tookMs)} (${e.size} bytes)`,
      'zh-CN': `${node} 上的 ${RUNTIME_NAME}：镜像 ${e.image} 已拉取，用时 ${seconds(e.tookMs)}（${e.size} 字节）`,
    },
    object: { image: e.image, imageRef: e.imageRef, size: e.size, pulledInMs: e.tookMs, pod: { namespace: e.namespace, name: e.podName } },
  }),
  'image-pull-failed': (e, node) => ({
    toKubelet: true,
    caption: {
      en: `${RUNTIME_NAME} on ${node}: failed to pull ${e.image}: ${e.message}`,
      'zh-CN': `${node} 上的 ${RUNTIME_NAME}：拉取镜像 ${e.image} 失败：${e.message}`,
    },
    object: { image: e.image, error: e.message, pod: { namespace: e.namespace, name: e.podName } },
  }),
  'sandbox-created': (e, node) => ({
    toKubelet: false,
    caption: {
      en: `kubelet on ${node} → ${RUNTIME_NAME}: RunPodSandbox ${e.sandbox.namespace}/${e.sandbox.podName} → ${shortId(e.sandbox.id)} (IP ${e.sandbox.ip})`,
      'zh-CN': `${node} 上的 kubelet → ${RUNTIME_NAME}：创建 Pod 沙箱 ${e.sandbox.namespace}/${e.sandbox.podName} → ${shortId(e.sandbox.id)}（IP ${e.sandbox.ip}）`,
    },
    object: { id: e.sandbox.id, state: e.sandbox.state, ip: e.sandbox.ip, hostNetwork: e.sandbox.hostNetwork, attempt: e.sandbox.attempt, pod: { namespace: e.sandbox.namespace, name: e.sandbox.podName, uid: e.sandbox.podUid } },
  }),
  'container-created': (e, node) => containerStep(e.container, node, false, {
    en: (c) => `kubelet on ${node} → ${RUNTIME_NAME}: CreateContainer ${c.name} in ${c.namespace}/${c.podName}`,
    zh: (c) => `${node} 上的 kubelet → ${RUNTIME_NAME}：创建容器 ${c.name}（${c.namespace}/${c.podName}）`,
  }),
  'container-started': (e, node) => containerStep(e.container, node, false, {
    en: (c) => `kubelet on ${node} → ${RUNTIME_NAME}: StartContainer ${c.name} (${c.namespace}/${c.podName})`,
    zh: (c) => `${node} 上的 kubelet → ${RUNTIME_NAME}：启动容器 ${c.name}（${c.namespace}/${c.podName}）`,
  }),
  'container-exited': (e, node) => containerStep(e.container, node, true, {
    en: (c) => `${RUNTIME_NAME} on ${node}: container ${c.name} of ${c.namespace}/${c.podName} exited (code ${c.exitCode ?? 0}, ${c.reason ?? 'Completed'})`,
    zh: (c) => `${node} 上的 ${RUNTIME_NAME}：容器 ${c.name}（${c.namespace}/${c.podName}）已退出（退出码 ${c.exitCode ?? 0}，${c.reason ?? 'Completed'}）`,
  }),
  'back-off': (e, node) => ({
    toKubelet: false,
    caption:
      e.reason === 'CrashLoopBackOff'
        ? {
            en: `kubelet on ${node}: back-off ${seconds(e.backoffMs)} restarting failed container ${e.container} in ${e.namespace}/${e.podName} (CrashLoopBackOff)`,
            'zh-CN': `${node} 上的 kubelet：退避 ${seconds(e.backoffMs)} 后重启失败的容器 ${e.container}（${e.namespace}/${e.podName}，CrashLoopBackOff）`,
          }
        : {
            en: `kubelet on ${node}: back-off ${seconds(e.backoffMs)} pulling the image of ${e.container} in ${e.namespace}/${e.podName} (ImagePullBackOff)`,
            'zh-CN': `${node} 上的 kubelet：退避 ${seconds(e.backoffMs)} 后再拉取 ${e.container} 的镜像（${e.namespace}/${e.podName}，ImagePullBackOff）`,
          },
    object: { reason: e.reason, container: e.container, backOffMs: e.backoffMs, pod: { namespace: e.namespace, name: e.podName } },
  }),
};

type ContainerRecord = Extract<RuntimeTraceEvent, { container: object }>['container'];

function containerStep(c: ContainerRecord, node: string, toKubelet: boolean, text: { en: (c: ContainerRecord) => string; zh: (c: ContainerRecord) => string }): Mapped {
  const object: Record<string, unknown> = {
    id: c.id,
    name: c.name,
    attempt: c.attempt,
    image: c.image,
    imageRef: c.imageRef,
    state: c.state,
    sandboxId: c.sandboxId,
    pod: { namespace: c.namespace, name: c.podName, uid: c.podUid },
  };
  if (c.exitCode !== undefined) object.exitCode = c.exitCode;
  if (c.reason !== undefined) object.reason = c.reason;
  return { toKubelet, caption: { en: text.en(c), 'zh-CN': text.zh(c) }, object };
}

/**
 * One runtime event on `node` → one step. Calls go kubelet → runtime; what the runtime reports
 * (an image pulled, a container exited) goes back runtime → kubelet.
 */
export function runtimeStepOf(e: RuntimeTraceEvent, node: string, seq: number, at: number): DiagramStep {
  const mapped = (MAPPERS[e.type] as Mapper<typeof e.type>)(e as never, node);
  const kubelet = kubeletId(node);
  const runtime = runtimeId(node);
  return {
    seq,
    at,
    from: mapped.toKubelet ? runtime : kubelet,
    to: mapped.toKubelet ? kubelet : runtime,
    caption: mapped.caption,
    detail: { kind: 'runtime', verb: e.type, node, resource: 'pods', object: mapped.object },
  };
}
