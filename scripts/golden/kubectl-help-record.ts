/**
 * Records the help text of every kubectl command from the real kubectl 1.33 binary into
 * src/kubectl/help/help-data.json. The help texts are large and repetitive (every flag's
 * paragraph recurs in many commands), so they are stored as a table of unique lines plus, per
 * command, the list of line numbers. The flag definitions kubectl parses are read back from the
 * same texts (the "Options:" sections), so help and parser cannot disagree.
 *
 * Run: npx tsx scripts/golden/kubectl-help-record.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KUBECTL = process.env.KUBECTL_ORACLE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'src', 'kubectl', 'help', 'help-data.json');

function run(args: string[]): string {
  return execFileSync(KUBECTL, args, {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: '/root', KUBECONFIG: '/nonexistent' },
  });
}

/** Names listed in the command-list sections of a help text. */
function subcommands(help: string): string[] {
  const names: string[] = [];
  let inList = false;
  for (const line of help.split('\n')) {
    if (/^(Available Commands|[A-Z][A-Za-z ()]+Commands[^:]*):$/.test(line)) {
      inList = true;
      continue;
    }
    if (inList && line === '') {
      inList = false;
      continue;
    }
    const m = inList ? /^ {2}([a-z][a-z0-9-]*)\s{2,}/.exec(line) : null;
    if (m) names.push(m[1]);
  }
  return names;
}

const texts = new Map<string, string>();
const queue: string[][] = [[]];
while (queue.length) {
  const path = queue.shift()!;
  const help = run([...path, '--help']);
  texts.set(path.join(' '), help);
  for (const name of subcommands(help)) queue.push([...path, name]);
}
// Commands the top-level help does not list but kubectl accepts.
texts.set('options', run(['options']));
for (const hidden of [['alpha'], ['help']]) {
  try {
    texts.set(hidden.join(' '), run([...hidden, '--help']));
  } catch {
    /* not present in this version */
  }
}

const lineIndex = new Map<string, number>();
const lines: string[] = [];
const commands: Record<string, number[]> = {};
for (const [path, text] of [...texts].sort(([a], [b]) => a.localeCompare(b))) {
  commands[path] = text.split('\n').map((line) => {
    let i = lineIndex.get(line);
    if (i === undefined) {
      i = lines.length;
      lines.push(line);
      lineIndex.set(line, i);
    }
    return i;
  });
}
const version = run(['version', '--client']).split('\n')[0].replace('Client Version: ', '');
// The shell completion scripts (`kubectl completion bash|zsh`), stored as recorded.
const completions: Record<string, string> = {};
for (const shell of ['bash', 'zsh', 'fish', 'powershell']) completions[shell] = run(['completion', shell]);
writeFileSync(join(root, 'src', 'kubectl', 'help', 'completion-data.json'), JSON.stringify(completions) + '\n');
writeFileSync(out, JSON.stringify({ version, home: '/root', lines, commands }) + '\n');
console.log(`${Object.keys(commands).length} commands, ${lines.length} unique lines -> ${out}`);
