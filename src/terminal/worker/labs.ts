/**
 * Labs in the browser: the lab files (labs/<id>/lab.yaml and labs/<id>/files/**) are bundled
 * with the worker at build time and loaded on demand; starting a lab builds its world with the
 * runtime's startLab (scenario, files, setup steps), as the CLI and the grader do.
 */
import { gradeLab, type LabResult } from '../../labs/grader';
import type { CustomCheck } from '../../labs/checks/index';
import { formatLabErrors, parseLab } from '../../labs/loader';
import type { Lab } from '../../labs/schema';
import { gradeTargetFor, startLab } from '../../runtime/labs';
import type { World } from '../../sim/world';

const LAB_TEXTS = import.meta.glob<string>('/labs/*/lab.yaml', { query: '?raw', import: 'default' });
const LAB_FILES = import.meta.glob<string>('/labs/*/files/**', { query: '?raw', import: 'default' });
const CHECK_MODULES = import.meta.glob<CustomCheck>('/labs/*/checks/*.ts', { import: 'check' });

/** A bundled lab and its files, or the reason it cannot be read. */
async function loadLab(id: string): Promise<{ lab: Lab; files: Record<string, string> } | { error: string }> {
  const load = LAB_TEXTS[`/labs/${id}/lab.yaml`];
  if (!load) return { error: `unknown lab "${id}"` };
  const parsed = parseLab(`labs/${id}/lab.yaml`, await load());
  if (!parsed.ok) return { error: formatLabErrors(parsed.errors) };
  const prefix = `/labs/${id}/files/`;
  const files: Record<string, string> = {};
  for (const [path, read] of Object.entries(LAB_FILES)) if (path.startsWith(prefix)) files[path.slice(prefix.length)] = await read();
  return { lab: parsed.lab, files };
}

/** The starting world of a lab, or undefined (with the reason) when it cannot be started. */
export async function labWorld(id: string): Promise<{ world?: World; error?: string }> {
  const read = await loadLab(id);
  if ('error' in read) return { error: read.error };
  const started = await startLab(read.lab, read.files);
  if (started.setupErrors.length) console.warn(`lab ${id}: setup errors\n${started.setupErrors.join('\n')}`);
  return { world: started.world };
}

/** Grade a world against a lab's checks, for the lab panel. */
export async function gradeLabWorld(world: World, id: string): Promise<{ result?: LabResult; error?: string }> {
  const read = await loadLab(id);
  if ('error' in read) return { error: read.error };
  const prefix = `/labs/${id}/checks/`;
  const custom: Record<string, CustomCheck> = {};
  for (const [path, load] of Object.entries(CHECK_MODULES)) if (path.startsWith(prefix)) custom[path.slice(prefix.length, -3)] = await load();
  return { result: await gradeLab(read.lab, gradeTargetFor(world), custom) };
}
