/**
 * Headless shell on a simulated world (tests, graders, learners without a browser):
 *
 *   npm run --silent sim -- [--scenario NAME | --lab ID] [--state FILE] [--host NAME]
 *                           [--user NAME] [--script FILE] [--list]
 *
 * With a script or piped input it runs the lines as `bash -s` would in that session and exits
 * with the last status; on a TTY it is an interactive shell with readline. `--state FILE`
 * loads the world from FILE when it exists and saves it there on exit.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { World, type WorldJSON } from '../sim/world';
import { scenarios } from '../sim/scenarios/index';
import { bootWorld, openSystemSession as openSession } from '../runtime/session';
import { startLab } from '../runtime/labs';
import { readLab } from '../runtime/lab-files';

interface Args {
  scenario?: string;
  lab?: string;
  state?: string;
  host: string;
  user: string;
  script?: string;
  list: boolean;
  seed: string;
}

function usage(message: string): never {
  process.stderr.write(`sim: ${message}\nusage: npm run --silent sim -- [--scenario NAME | --lab ID] [--state FILE] [--host NAME] [--user NAME] [--script FILE] [--list]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { host: 'cka01', user: 'root', list: false, seed: '1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const [key, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${key} needs a value`);
      return v;
    };
    switch (key) {
      case '--scenario': args.scenario = value(); break;
      case '--lab': args.lab = value(); break;
      case '--state': args.state = value(); break;
      case '--host': args.host = value(); break;
      case '--user': args.user = value(); break;
      case '--script': args.script = value(); break;
      case '--seed': args.seed = value(); break;
      case '--list': args.list = true; break;
      case '-h':
      case '--help':
        process.stdout.write('usage: npm run --silent sim -- [--scenario NAME | --lab ID] [--state FILE] [--host NAME] [--user NAME] [--script FILE] [--list]\n');
        process.exit(0);
      default:
        usage(`unknown argument: ${a}`);
    }
  }
  return args;
}

function labIds(): Array<{ id: string; scenario?: string }> {
  const dir = join(process.cwd(), 'labs');
  if (!existsSync(dir)) return [];
  const out: Array<{ id: string; scenario?: string }> = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'lab.yaml');
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const id = /^id:\s*["']?([^"'\n]+)/m.exec(text)?.[1]?.trim() ?? name;
    const scenario = /^\s*scenario:\s*["']?([\w-]+)/m.exec(text)?.[1];
    out.push({ id, scenario });
  }
  return out;
}

function defaultScenario(): string {
  return scenarios.cluster ? 'cluster' : 'machines';
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const [name, s] of Object.entries(scenarios)) process.stdout.write(`scenario\t${name}\t${s.description}\n`);
    for (const lab of labIds()) process.stdout.write(`lab\t${lab.id}${lab.scenario ? `\t${lab.scenario}` : ''}\n`);
    return 0;
  }
  let world: World;
  if (args.state && existsSync(args.state)) {
    world = World.fromJSON(JSON.parse(readFileSync(args.state, 'utf8')) as WorldJSON);
  } else if (args.lab) {
    const read = readLab(args.lab);
    if ('error' in read) usage(read.error);
    const started = await startLab(read.lab, read.files, args.seed);
    for (const e of started.setupErrors) process.stderr.write(`sim: lab setup: ${e}\n`);
    world = started.world;
  } else {
    const scenario = args.scenario ?? defaultScenario();
    if (!scenarios[scenario]) usage(`unknown scenario: ${scenario} (known: ${Object.keys(scenarios).join(', ')})`);
    world = bootWorld(scenario, args.seed);
  }
  if (!world.resolveHost(args.host)) usage(`unknown host: ${args.host}`);
  if (!world.resolveHost(args.host)!.user(args.user)) usage(`unknown user: ${args.user}`);

  const save = () => {
    if (args.state) writeFileSync(args.state, JSON.stringify(world.toJSON()));
  };
  const out = { write: (s: string) => void process.stdout.write(s) };
  const err = { write: (s: string) => void process.stderr.write(s) };

  if (args.script || !process.stdin.isTTY) {
    const text = args.script ? readFileSync(args.script, 'utf8') : readFileSync(0, 'utf8');
    const session = openSession(world, { host: args.host, user: args.user, mode: 'stdin', stdout: out, stderr: err });
    await session.feed(text);
    const status = await session.finish();
    save();
    return status;
  }

  // Interactive: readline with the session's prompts; lines run one after another.
  const session = openSession(world, { host: args.host, user: args.user, mode: 'interactive', stdout: out, stderr: err, columns: process.stdout.columns ?? 80, relogin: false });
  await session.ready;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  let buffer = '';
  let running = false;
  const showPrompt = () => {
    rl.setPrompt(buffer ? session.continuationPrompt() : session.prompt());
    rl.prompt();
  };
  rl.on('SIGINT', () => {
    if (running) session.interrupt();
    else {
      buffer = '';
      process.stdout.write('^C\n');
      showPrompt();
    }
  });
  showPrompt();
  for await (const line of rl) {
    buffer += line + '\n';
    if (!session.isComplete(buffer)) {
      showPrompt();
      continue;
    }
    const text = buffer;
    buffer = '';
    running = true;
    await session.run(text);
    running = false;
    if (session.closed) break;
    showPrompt();
  }
  rl.close();
  if (!session.closed) {
    while (await session.endOfInput()) {
      /* pop nested shells */
    }
  }
  save();
  return session.lastStatus;
}

main().then(
  (status) => process.exit(status),
  (e) => {
    process.stderr.write(`sim: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
