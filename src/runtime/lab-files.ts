/** Reading lab files from the repository (Node only: the CLI and tests; the site bundles them). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CustomCheck } from '../labs/checks/index';
import { formatLabErrors, parseLab } from '../labs/loader';
import type { Lab } from '../labs/schema';

export const LABS_DIR = join(process.cwd(), 'labs');

export function labIds(dir = LABS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, 'lab.yaml')))
    .sort();
}

/**
 * The files under labs/<id>/files/, sub-folders too (a Kustomize base), keyed by their path relative
 * to files/ as the site's bundle has them.
 */
export function readLabFiles(id: string, dir = LABS_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  const filesDir = join(dir, id, 'files');
  if (!existsSync(filesDir)) return files;
  for (const entry of readdirSync(filesDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(filesDir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
  }
  return files;
}

/** A lab and the files under labs/<id>/files/, or an error text naming file, line and field. */
export function readLab(id: string, dir = LABS_DIR): { lab: Lab; files: Record<string, string> } | { error: string } {
  const file = join(dir, id, 'lab.yaml');
  if (!existsSync(file)) return { error: `unknown lab: ${id} (known: ${labIds(dir).join(', ')})` };
  const parsed = parseLab(`labs/${id}/lab.yaml`, readFileSync(file, 'utf8'));
  if (!parsed.ok) return { error: formatLabErrors(parsed.errors) };
  const files = readLabFiles(id, dir);
  return { lab: parsed.lab, files };
}

/** A lab's own check modules (labs/<id>/checks/<name>.ts exporting `check`), by name. */
export async function loadCustomChecks(id: string, dir = LABS_DIR): Promise<Record<string, CustomCheck>> {
  const checksDir = join(dir, id, 'checks');
  const checks: Record<string, CustomCheck> = {};
  if (!existsSync(checksDir)) return checks;
  for (const file of readdirSync(checksDir).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(checksDir, file)).href)) as { check?: CustomCheck };
    if (typeof mod.check !== 'function') throw new Error(`labs/${id}/checks/${file} exports no check function`);
    checks[file.replace(/\.ts$/, '')] = mod.check;
  }
  return checks;
}
