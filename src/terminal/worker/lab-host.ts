/**
 * Labs in the worker: the starting world of a lab (its scenario plus setup, run silently), and
 * grading that world for the lab panel. The panel never sees the world; it gets a LabResult.
 */
import { gradeLab, type LabResult } from '../../labs/grader';
import { gradeTargetFor, startLab } from '../../runtime/labs';
import type { World } from '../../sim/world';
import { loadLab } from './lab-catalog';

export async function startLabWorld(id: string): Promise<World> {
  const { lab, files } = await loadLab(id);
  const started = await startLab(lab, files);
  // A lab whose setup fails is a broken lab: the page shows it rather than a half-built world.
  if (started.setupErrors.length) throw new Error(`lab ${id}: setup failed:\n${started.setupErrors.join('\n')}`);
  return started.world;
}

export async function gradeWorld(world: World, id: string): Promise<LabResult> {
  const { lab } = await loadLab(id);
  return gradeLab(lab, gradeTargetFor(world));
}
