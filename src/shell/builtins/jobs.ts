/**
 * bash's jobs builtin (builtins/jobs.def): the shell's jobs with their state, `-l` with their
 * pids, `-p` their pids alone, `-r` the running ones, `-s` the stopped ones (none here: nothing
 * stops a job), `-n` those that changed since last reported; jobspecs pick jobs; `-x` runs a
 * command with each jobspec among its words replaced by the job's pid.
 */
import { jobState, shellQuote, type Builtin, type Job } from '../exec/interpreter';
import { findJob } from './jobspec';

const USAGE = 'jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n';

type Form = 'normal' | 'long' | 'pid' | 'changed';

export const jobs: Builtin = async ({ argv, shell, io }) => {
  let form: Form = 'normal';
  let state: 'any' | 'running' | 'stopped' = 'any';
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!/^-./.test(a)) break;
    for (const f of a.slice(1)) {
      // Of -l, -p and -n the last one given counts.
      if (f === 'l') form = 'long';
      else if (f === 'p') form = 'pid';
      else if (f === 'n') form = 'changed';
      else if (f === 'r') state = 'running';
      else if (f === 's') state = 'stopped';
      else if (f === 'x') return execute(argv.slice(i + 1));
      else {
        shell.error(io, `jobs: -${f}: invalid option`);
        io.stderr.write(USAGE);
        return 2;
      }
    }
  }

  async function execute(words: string[]): Promise<number> {
    const replaced = words.map((w) => {
      const job = w.startsWith('%') ? findJob(shell, w) : undefined;
      return job && job !== 'ambiguous' ? String(job.pid) : w;
    });
    if (!replaced.length) return 0;
    return shell.runText(replaced.map(shellQuote).join(' '), io);
  }

  const pending = shell.jobs.filter((j) => !j.reported);
  const mark = (j: Job) => {
    const at = pending.indexOf(j);
    return at === pending.length - 1 ? '+' : at === pending.length - 2 ? '-' : ' ';
  };
  const show = (j: Job) => {
    if (state === 'running' && j.done) return;
    if (state === 'stopped') return;
    if (form === 'changed' && !j.done) return;
    if (form === 'pid') io.stdout.write(`${j.pid}\n`);
    else {
      const pid = form === 'long' ? ` ${String(j.pid).padStart(5)} ` : '  ';
      io.stdout.write(`[${j.id}]${mark(j)}${pid}${jobState(j).padEnd(24)}${j.command}${j.done ? '' : ' &'}\n`);
    }
    if (j.done) j.reported = true;
  };
  const specs = argv.slice(i);
  if (!specs.length) {
    pending.forEach(show);
    return 0;
  }
  let status = 0;
  for (const spec of specs) {
    // A word without % names a job all the same (`jobs 1`, `jobs sleep`).
    const job = findJob(shell, spec.startsWith('%') ? spec : `%${spec}`);
    if (job === 'ambiguous') {
      shell.error(io, `jobs: ${spec.replace(/^%\??/, '')}: ambiguous job spec`);
      status = 1;
    } else if (!job) {
      shell.error(io, `jobs: ${spec}: no such job`);
      status = 1;
    } else show(job);
  }
  return status;
};
