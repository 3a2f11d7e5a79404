/**
 * Exams in the browser: exams/<id>/exam.yaml and the labs they reuse (lab.yaml and files/**) are
 * bundled with the worker's exam chunk at build time, as labs.ts bundles labs, and read on demand.
 */
import { formatLabErrors } from '../../labs/loader';
import { parseExam } from '../../exams/loader';
import type { LabSources } from '../../exams/question';
import type { Exam } from '../../exams/schema';

const EXAM_TEXTS = import.meta.glob<string>('/exams/*/exam.yaml', { query: '?raw', import: 'default' });
const LAB_TEXTS = import.meta.glob<string>('/labs/*/lab.yaml', { query: '?raw', import: 'default' });
const LAB_FILES = import.meta.glob<string>('/labs/*/files/**', { query: '?raw', import: 'default' });

let labSources: Promise<LabSources> | undefined;

/** Every bundled lab's text and files (read once). */
function bundledLabs(): Promise<LabSources> {
  return (labSources ??= (async () => {
    const out: LabSources = {};
    for (const [path, read] of Object.entries(LAB_TEXTS)) {
      const id = path.split('/')[2];
      out[id] = { text: await read(), files: {} };
    }
    for (const [path, read] of Object.entries(LAB_FILES)) {
      const [, , id, , ...rest] = path.split('/');
      if (out[id]) out[id].files[rest.join('/')] = await read();
    }
    return out;
  })());
}

/** A bundled exam validated against the bundled labs, or why it cannot be used. */
export async function loadBundledExam(id: string): Promise<{ exam: Exam; labs: LabSources } | { error: string }> {
  const load = EXAM_TEXTS[`/exams/${id}/exam.yaml`];
  if (!load) return { error: `unknown exam "${id}"` };
  const labs = await bundledLabs();
  const parsed = parseExam(`exams/${id}/exam.yaml`, await load(), labs);
  return parsed.ok ? { exam: parsed.exam, labs } : { error: formatLabErrors(parsed.errors) };
}
