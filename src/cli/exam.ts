/**
 * Mock exams, headless:
 *   npx tsx src/cli/exam.ts start EXAM [--seed N] [--state FILE] [--lang en|zh-CN]
 *       draw an attempt, boot its hosts, print the question sheet (and save the worlds to FILE)
 *   npx tsx src/cli/exam.ts solve EXAM [--seed N] [--state FILE] [--questions 1,3]
 *       type the reference solutions of the questions (all by default) on their hosts
 *   npx tsx src/cli/exam.ts grade EXAM [--seed N] [--state FILE] [--lang en|zh-CN] [--json]
 *       grade the attempt and print the review; exit status 0 only when it passes
 * Without --state every command starts from the attempt's fresh worlds. Without --seed, `start` picks
 * a new seed ("new exam") and prints it; passing it again retries the same exam.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readExam } from '../exams/files';
import { buildReview, formatReview } from '../exams/review';
import { gradeAttempt } from '../exams/score';
import { formatSheet, questionSheet } from '../exams/sheet';
import { buildAttempt, newSeed, planAttempt, solveQuestion, startExam, type ExamAttempt, type ExamWorlds } from '../exams/world';
import { World, type WorldJSON } from '../sim/world';
import '../runtime/attachments';

type Lang = 'en' | 'zh-CN';

interface SavedExam {
  exam: string;
  seed: number;
  picks: number[];
  hosts: Record<string, WorldJSON>;
  baseline: string[];
  guards: string[];
  setupErrors: string[];
}

const USAGE = 'usage: npx tsx src/cli/exam.ts start|solve|grade EXAM [--seed N] [--state FILE] [--questions 1,3] [--lang en|zh-CN] [--json]';

function usage(message: string): never {
  process.stderr.write(`exam: ${message}\n${USAGE}\n`);
  process.exit(2);
}

interface Args {
  command: string;
  exam: string;
  seed?: number;
  state?: string;
  questions?: number[];
  lang: Lang;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const args: Partial<Args> & { lang: Lang; json: boolean } = { lang: 'en', json: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    if (flag === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v)) usage(`--seed needs a non-negative integer, not "${v}"`);
      args.seed = Number(v);
    } else if (flag === '--state') args.state = value();
    else if (flag === '--questions') {
      const v = value();
      if (!/^\d+(,\d+)*$/.test(v)) usage(`--questions needs numbers such as 1,3, not "${v}"`);
      args.questions = v.split(',').map(Number);
    } else if (flag === '--lang') {
      const v = value();
      if (v !== 'en' && v !== 'zh-CN') usage(`unknown language: ${v}`);
      args.lang = v;
    } else if (flag === '--json') args.json = true;
    else if (flag.startsWith('-')) usage(`unknown argument: ${flag}`);
    else positional.push(flag);
  }
  if (positional.length < 2) usage(positional.length ? 'which exam?' : 'which command?');
  if (positional.length > 2) usage(`unexpected argument: ${positional[2]}`);
  if (!['start', 'solve', 'grade'].includes(positional[0])) usage(`unknown command: ${positional[0]}`);
  return { ...args, command: positional[0], exam: positional[1] } as Args;
}

async function load(args: Args): Promise<{ attempt: ExamAttempt; worlds: ExamWorlds } | string> {
  const read = readExam(args.exam);
  if ('error' in read) return read.error;
  if (args.state && existsSync(args.state)) {
    const saved = JSON.parse(readFileSync(args.state, 'utf8')) as SavedExam;
    if (saved.exam !== read.exam.id) return `${args.state} holds an attempt of ${saved.exam}, not ${read.exam.id}`;
    if (args.seed !== undefined && args.seed !== saved.seed) return `${args.state} holds the attempt with seed ${saved.seed}, not ${args.seed}`;
    const plan = buildAttempt(read.exam, read.labs, saved.seed, saved.picks);
    if (!plan.ok) return JSON.stringify(plan.errors);
    const hosts = Object.fromEntries(Object.entries(saved.hosts).map(([h, w]) => [h, World.fromJSON(w)]));
    return { attempt: plan.attempt, worlds: { hosts, baseline: new Set(saved.baseline), guards: new Set(saved.guards), setupErrors: saved.setupErrors } };
  }
  const plan = planAttempt(read.exam, read.labs, args.seed ?? newSeed());
  if (!plan.ok) return plan.errors.map((e) => `question ${e.question}: ${e.path.join('.')}: ${e.message}`).join('\n');
  return { attempt: plan.attempt, worlds: await startExam(plan.attempt) };
}

function save(file: string, attempt: ExamAttempt, worlds: ExamWorlds): void {
  const saved: SavedExam = {
    exam: attempt.exam.id,
    seed: attempt.seed,
    picks: attempt.draw.picks,
    hosts: Object.fromEntries(Object.entries(worlds.hosts).map(([h, w]) => [h, w.toJSON()])),
    baseline: [...worlds.baseline],
    guards: [...worlds.guards],
    setupErrors: worlds.setupErrors,
  };
  writeFileSync(file, JSON.stringify(saved));
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const loaded = await load(args);
  if (typeof loaded === 'string') {
    process.stderr.write(`exam: ${loaded}\n`);
    return 2;
  }
  const { attempt, worlds } = loaded;
  for (const e of worlds.setupErrors) process.stderr.write(`exam: setup failed: ${e}\n`);
  if (args.command === 'start') process.stdout.write(formatSheet(questionSheet(attempt, args.lang), args.lang));
  if (args.command === 'solve') {
    const numbers = args.questions ?? attempt.questions.map((_, i) => i + 1);
    for (const n of numbers) {
      if (n < 1 || n > attempt.questions.length) usage(`no question ${n} (the attempt has ${attempt.questions.length})`);
      for (const { step, run } of await solveQuestion(attempt, worlds, n)) {
        process.stdout.write(`[${n}] ${step}\n${run.stdout}${run.stderr}`);
      }
    }
  }
  if (args.state) save(args.state, attempt, worlds);
  if (args.command !== 'grade') return 0;
  const score = await gradeAttempt(attempt, worlds);
  process.stdout.write(args.json ? `${JSON.stringify(score, null, 2)}\n` : formatReview(score, buildReview(score), args.lang));
  return score.pass ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (e) => {
    process.stderr.write(`exam: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
