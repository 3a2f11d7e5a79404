/** Jobspecs (bash's jobs.c get_job_spec): how kill, jobs, wait, fg and bg name a shell's job. */
import type { Job, Shell } from '../exec/interpreter';

/** The job a jobspec names: its number, the current (%%, %+) or previous (%-) one, or by its command. */
export function findJob(shell: Shell, spec: string): Job | 'ambiguous' | undefined {
  const live = shell.jobs.filter((j) => !j.reported);
  const body = spec.slice(1);
  if (body === '' || body === '%' || body === '+') return live[live.length - 1];
  if (body === '-') return live[live.length - 2];
  if (/^\d+$/.test(body)) return live.find((j) => j.id === Number(body));
  const text = body.startsWith('?') ? body.slice(1) : body;
  const hits = live.filter((j) => (body.startsWith('?') ? j.command.includes(text) : j.command.startsWith(text)));
  return hits.length > 1 ? 'ambiguous' : hits[0];
}
