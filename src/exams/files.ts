/** Reading exams and the labs they reuse from the repository (Node only: the CLI, tests, bench). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLabErrors } from '../labs/loader';
import { labIds, LABS_DIR, readLabFiles } from '../runtime/lab-files';
import { parseExam } from './loader';
import type { LabSources } from './question';
import type { Exam } from './schema';

export const EXAMS_DIR = join(process.cwd(), 'exams');

export function examIds(dir = EXAMS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, 'exam.yaml')))
    .sort();
}

/** Every lab's text and files, by id. */
export function readLabSources(dir = LABS_DIR): LabSources {
  const out: LabSources = {};
  for (const id of labIds(dir)) {
    out[id] = { text: readFileSync(join(dir, id, 'lab.yaml'), 'utf8'), files: readLabFiles(id, dir) };
  }
  return out;
}

export function readExam(id: string, labs: LabSources = readLabSources(), dir = EXAMS_DIR): { exam: Exam; labs: LabSources } | { error: string } {
  const file = join(dir, id, 'exam.yaml');
  if (!existsSync(file)) return { error: `unknown exam: ${id} (known: ${examIds(dir).join(', ')})` };
  const parsed = parseExam(`exams/${id}/exam.yaml`, readFileSync(file, 'utf8'), labs);
  return parsed.ok ? { exam: parsed.exam, labs } : { error: formatLabErrors(parsed.errors) };
}
