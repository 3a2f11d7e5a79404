/**
 * Labs on a world: start one (its scenario, its files, its setup steps run silently as root) and
 * grade it (the grader looks through the API as an administrator and at the machines as root).
 */
import type { Lab, Step } from '../labs/schema';
import type { GradeTarget } from '../labs/target';
import type { World } from '../sim/world';
import { clusterOf } from './network';
import { bootWorld, runScript, type CapturedRun } from './session';

/** Where kubeadm's admin.conf points on every scenario with a cluster. */
export const API_SERVER_URL = 'https://192.168.6.171:6443';

export interface StartedLab {
  world: World;
  /** Output of setup steps that failed: a broken lab, reported rather than hidden. */
  setupErrors: string[];
}

/** Where and as whom a lab step runs: a bare string runs as root on the lab's host. */
export function stepOf(step: Step, lab: Pick<Lab, 'host'>): { host: string; user: string; run: string } {
  return typeof step === 'string' ? { host: lab.host, user: 'root', run: step } : { host: step.host ?? lab.host, user: step.user ?? 'root', run: step.run };
}

/**
 * Build the lab's starting world. `files` maps a lab file name (under labs/<id>/files/) to its text;
 * the caller reads them (Node: fs; browser: bundled at build time).
 */
export async function startLab(lab: Lab, files: Record<string, string> = {}, seed: number | string = lab.seed ?? 1): Promise<StartedLab> {
  const world = bootWorld(lab.scenario, seed);
  const setupErrors: string[] = [];
  for (const f of lab.setup.files) {
    const machine = world.resolveHost(f.host);
    const text = files[f.from];
    if (!machine || text === undefined) {
      setupErrors.push(`file ${f.from} → ${f.host}:${f.path}: ${machine ? 'missing lab file' : 'unknown host'}`);
      continue;
    }
    const fs = machine.rootFs;
    fs.mkdir(f.path.replace(/\/[^/]*$/, '') || '/', { recursive: true });
    fs.writeFile(f.path, text);
    if (f.mode) fs.chmod(f.path, parseInt(f.mode, 8));
  }
  for (const s of lab.setup.steps) {
    const { host, user, run } = stepOf(s, lab);
    const r = await runScript(world, host, run, user);
    if (r.status !== 0) setupErrors.push(`${host}$ ${run}\n${r.stdout}${r.stderr}(exit ${r.status})`);
  }
  return { world, setupErrors };
}

/** Run a lab's reference solution for the given tasks (all by default), as a learner would type it. */
export async function runSolution(world: World, lab: Lab, taskIds?: string[]): Promise<CapturedRun[]> {
  const runs: CapturedRun[] = [];
  for (const task of lab.tasks) {
    if (taskIds && !taskIds.includes(task.id)) continue;
    for (const s of task.solution) {
      const { host, user, run } = stepOf(s, lab);
      runs.push(await runScript(world, host, run, user));
    }
  }
  return runs;
}

export function gradeTargetFor(world: World): GradeTarget {
  return {
    api: (host) => clusterOf(world)?.connect(API_SERVER_URL, host ?? 'cka01') ?? null,
    exec: (host, command) => runScript(world, host, command),
    readFile: (host, path) => {
      const machine = world.resolveHost(host);
      if (!machine) return null;
      try {
        const st = machine.rootFs.stat(path);
        return st && st.type === 'file' ? machine.rootFs.readFile(path) : null;
      } catch {
        return null;
      }
    },
  };
}
