/** Small timing helpers shared by the benchmark modules. */
import type { BenchResult } from '../cli/bench';

/** Median wall time in ms of fn over `runs` runs, after `warmup` runs. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function result(name: string, value: number, unit: string, target?: number): BenchResult {
  return { name, value: Math.round(value * 1000) / 1000, unit, ...(target !== undefined ? { target } : {}) };
}

/** CPU time (user + system) of this process in ms: steadier than wall time on a shared machine. */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Median CPU ms of fn over `runs` runs, after `warmup` runs. */
export async function medianCpuMs(fn: () => unknown | Promise<unknown>, runs = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    await fn();
    times.push(cpuMs() - c0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
