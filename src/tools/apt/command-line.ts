/**
 * The command line of apt 2.4's programs (apt, apt-get, apt-cache, apt-mark) as apt's
 * CommandLine class reads it: the command is the first word that is not an option or an option's
 * value; each command has its own table of options, and any other option, before or after the
 * command, is "not understood in combination with the other options"; -o needs NAME=VALUE, -q=N
 * an integer; --help and --version print the program's texts. Which command takes which option,
 * the usage and the version texts were recorded from jammy's apt (scripts/apt/record-command-line.py).
 */
import type { CommandContext } from '../../shell/command';
import data from './command-line-data.json';

export type AptProgram = 'apt' | 'apt-get' | 'apt-cache' | 'apt-mark';

/** Options that take their value from the next word when none is attached. */
const WITH_VALUE = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-p', '--pkg-cache']);
/** Options every command takes. */
const GLOBAL = new Set(['-o', '--option', '-c', '--config-file', '-h', '--help', '-v', '--version', '-q', '--quiet']);

const optionName = (option: string) => option.replace(/=.*$/, '');
const PROBED = new Set((data.probed as string[]).map(optionName));
const ACCEPTED = data.accepted as Record<string, Record<string, string[]>>;

export interface AptCommandLine {
  command: string;
  operands: string[];
}

interface Token {
  /** The option as apt names it in messages: --name, or the letter. */
  name: string;
  /** What was typed (a short option's whole cluster). */
  from: string;
  value?: string;
}

function fail(ctx: CommandContext, prog: AptProgram, message: string): number {
  // The apt binary colours its messages before it knows where they go.
  ctx.stderr.write(prog === 'apt' ? `\x1b[1;31mE: \x1b[0m${message}\x1b[0m\n` : `E: ${message}\n`);
  return 100;
}

/** Split argv into option tokens and words (an option's separate value is not a word). */
function tokenize(argv: string[]): { tokens: Token[]; words: string[]; missing?: string } {
  const tokens: Token[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const name = optionName(a);
      const token: Token = { name, from: a, value: a.includes('=') ? a.slice(a.indexOf('=') + 1) : undefined };
      if (token.value === undefined && WITH_VALUE.has(name)) {
        if (i + 1 >= argv.length) return { tokens, words, missing: name };
        token.value = argv[++i];
      }
      tokens.push(token);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const letter = `-${a[j]}`;
        if (a[j + 1] === '=') {
          tokens.push({ name: letter, from: a, value: a.slice(j + 2) });
          break;
        }
        if (WITH_VALUE.has(letter)) {
          const rest = a.slice(j + 1);
          if (!rest && i + 1 >= argv.length) return { tokens, words, missing: letter };
          tokens.push({ name: letter, from: a, value: rest || argv[++i] });
          break;
        }
        tokens.push({ name: letter, from: a });
      }
    } else words.push(a);
  }
  return { tokens, words };
}

/**
 * The command and its words, or the exit status once apt has answered (usage, version, or an
 * error on stderr).
 */
export function aptCommandLine(ctx: CommandContext, prog: AptProgram): AptCommandLine | number {
  const { tokens, words, missing } = tokenize(ctx.argv.slice(1));
  if (missing) return fail(ctx, prog, `Option ${missing} requires an argument.`);
  const [command, ...operands] = words;
  const accepted = command ? ACCEPTED[prog][command] : undefined;
  for (const t of tokens) {
    const known = GLOBAL.has(t.name) || (accepted ? accepted.map(optionName).includes(t.name) : PROBED.has(t.name));
    if (!known) return fail(ctx, prog, t.name.startsWith('--') ? `Command line option ${t.from} is not understood in combination with the other options` : `Command line option '${t.name.slice(1)}' [from ${t.from}] is not understood in combination with the other options.`);
    if ((t.name === '-q' || t.name === '--quiet') && t.value !== undefined && !/^\d+$/.test(t.value)) return fail(ctx, prog, `Option ${t.from} requires an integer argument, not '${t.value}'`);
    if ((t.name === '-o' || t.name === '--option') && !t.value?.includes('=')) return fail(ctx, prog, `Option ${t.value}: Configuration item specification must have an =<val>.`);
  }
  const asked = tokens.find((t) => ['-h', '--help', '-v', '--version'].includes(t.name));
  if (asked) {
    ctx.stdout.write(asked.name === '-h' || asked.name === '--help' ? data.usage[prog] : data.version[prog]);
    return 0;
  }
  if (!command) {
    ctx.stdout.write(data.usage[prog]);
    return 1;
  }
  return { command, operands };
}
