/**
 * The labs the worker can start, bundled at build time: each lab.yaml and its files are separate
 * lazy chunks, so a chapter loads only its own lab.
 */
import { formatLabErrors, parseLab } from '../../labs/loader';
import type { Lab } from '../../labs/schema';

const labFiles = import.meta.glob<string>('/labs/*/lab.yaml', { query: '?raw', import: 'default' });
const extraFiles = import.meta.glob<string>('/labs/*/files/*', { query: '?raw', import: 'default' });

export async function loadLab(id: string): Promise<{ lab: Lab; files: Record<string, string> }> {
  const path = `/labs/${id}/lab.yaml`;
  const read = labFiles[path];
  if (!read) throw new Error(`unknown lab ${id}`);
  const parsed = parseLab(`labs/${id}/lab.yaml`, await read());
  if (!parsed.ok) throw new Error(formatLabErrors(parsed.errors));
  const files: Record<string, string> = {};
  const prefix = `/labs/${id}/files/`;
  for (const [p, load] of Object.entries(extraFiles)) {
    if (p.startsWith(prefix)) files[p.slice(prefix.length)] = await load();
  }
  return { lab: parsed.lab, files };
}
