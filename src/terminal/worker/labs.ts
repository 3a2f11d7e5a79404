/**
 * Labs in the browser: the lab files (labs/<id>/lab.yaml and labs/<id>/files/**) are bundled
 * with the worker at build time and loaded on demand; starting a lab builds its world with the
 * runtime's startLab (scenario, files, setup steps), as the CLI and the grader do.
 */
import { parseLab } from '../../labs/loader';
import { startLab } from '../../runtime/labs';
import type { World } from '../../sim/world';

const LAB_TEXTS = import.meta.glob<string>('/labs/*/lab.yaml', { query: '?raw', import: 'default' });
const LAB_FILES = import.meta.glob<string>('/labs/*/files/**', { query: '?raw', import: 'default' });

/** The starting world of a lab, or undefined (with the reason) when it cannot be started. */
export async function labWorld(id: string): Promise<{ world?: World; error?: string }> {
  const load = LAB_TEXTS[`/labs/${id}/lab.yaml`];
  if (!load) return { error: `unknown lab "${id}"` };
  const parsed = parseLab(`labs/${id}/lab.yaml`, await load());
  if (!parsed.ok) return { error: parsed.errors.map((e) => `${e.file}:${e.line}: ${e.field ? `${e.field}: ` : ''}${e.message}`).join('\n') };
  const prefix = `/labs/${id}/files/`;
  const files: Record<string, string> = {};
  for (const [path, read] of Object.entries(LAB_FILES)) if (path.startsWith(prefix)) files[path.slice(prefix.length)] = await read();
  const started = await startLab(parsed.lab, files);
  if (started.setupErrors.length) console.warn(`lab ${id}: setup errors\n${started.setupErrors.join('\n')}`);
  return { world: started.world };
}
