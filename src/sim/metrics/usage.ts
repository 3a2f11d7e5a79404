/**
 * The usage of one running container at one instant: its idle profile, plus what its command
 * burns (busy loops, stress), plus the CPU that requests from clients cost it; CPU is throttled
 * at the limit (CFS quota) and at the node's cores, memory is what the process holds (above the
 * limit the kubelet has already OOM-killed it, so a running container never exceeds it).
 * A small deterministic spread per container keeps identical pods from showing identical numbers.
 */
import { parseQuantity } from '../apiserver/quantity';
import { busyCpuMilli, idleProfile, stressMemoryBytes } from './profiles';

export interface ContainerLike {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  resources?: { limits?: Record<string, string | number>; requests?: Record<string, string | number> };
}

export interface Usage {
  /** Millicores (fractional). */
  cpuMilli: number;
  memoryBytes: number;
}

/** FNV-1a of a string, for a stable spread per container. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A factor in [1 - spread, 1 + spread] fixed for a seed text. */
function spreadOf(seed: string, spread: number): number {
  return 1 - spread + ((stableHash(seed) % 1000) / 999) * 2 * spread;
}

export function limitOf(c: ContainerLike, resource: 'cpu' | 'memory'): number | undefined {
  const v = c.resources?.limits?.[resource];
  if (v === undefined) return undefined;
  const n = parseQuantity(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * @param seed identifies the container (pod uid or name + container name) for the spread
 * @param extraCpuMilli CPU demanded by clients of the pod's Services
 * @param nodeCores the node's CPU count (a process cannot use more)
 */
export function containerUsage(c: ContainerLike, seed: string, extraCpuMilli = 0, nodeCores = 2): Usage {
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String);
  const idle = idleProfile(String(c.image ?? ''));
  const busy = busyCpuMilli(argv);
  let cpu = (busy ?? idle.cpuMilli * spreadOf(`${seed}/cpu`, 0.3)) + extraCpuMilli;
  const cpuLimit = limitOf(c, 'cpu');
  cpu = Math.min(cpu, nodeCores * 1000, cpuLimit !== undefined ? Math.round(cpuLimit * 1e6) / 1e3 : Infinity);
  let memory = idle.memoryBytes * spreadOf(`${seed}/memory`, 0.1);
  const held = stressMemoryBytes(argv);
  if (held !== undefined) memory = held + 1024 * 1024;
  // Serving traffic grows the heap a little (php-apache workers).
  if (extraCpuMilli > 0) memory += Math.min(extraCpuMilli, 500) * 16 * 1024;
  const memLimit = limitOf(c, 'memory');
  if (memLimit !== undefined) memory = Math.min(memory, memLimit);
  return { cpuMilli: Math.max(0, cpu), memoryBytes: Math.round(memory) };
}
