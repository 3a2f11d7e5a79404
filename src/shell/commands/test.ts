/**
 * /usr/bin/test and /usr/bin/[ (coreutils): the programs beside the shell's builtins, which is what
 * timeout, env, xargs, nice and find -exec run. They evaluate as the builtin does; coreutils words
 * their errors its own way (`test: invalid integer 'a'`, `[: missing ']'`), and `[` alone with
 * --help or --version prints the recorded texts.
 */
import type { CommandContext, Program } from '../command';
import { evalTestArgs, TestError, type TestEnv } from '../exec/test-expr';
import { gnuTextsOf, helpText, loadGnuTexts, versionText } from './gnu-help/texts';

/** The builtin's wording → coreutils test.c's, where the two say the same thing. */
const COREUTILS_WORDS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(.*): integer expression expected$/s, (m) => `invalid integer '${m[1]}'`],
  [/^(.*): (unary|binary) operator expected$/s, (m) => `'${m[1]}': ${m[2]} operator expected`],
];

function coreutilsMessage(message: string): string {
  for (const [re, word] of COREUTILS_WORDS) {
    const m = re.exec(message);
    if (m) return word(m);
  }
  return message;
}

function testEnv(ctx: CommandContext): TestEnv {
  return {
    fs: ctx.fs as TestEnv['fs'],
    uid: ctx.user.uid,
    gid: ctx.user.gid,
    // A program sees no shell variables or options: -v and -o are about the shell that runs it.
    isSet: (name) => name in ctx.env,
    optionOn: () => false,
    toInt: (text) => {
      const s = text.trim();
      if (!/^[-+]?\d+$/.test(s)) throw new TestError(`${text}: integer expression expected`);
      return BigInt(s);
    },
  };
}

export const testProgram: Program = async (ctx) => {
  const name = ctx.argv[0] ?? 'test';
  let args = ctx.argv.slice(1);
  if (name.split('/').pop() === '[') {
    // test.c: only `[` reads --help and --version, and only as its sole argument.
    if (args.length === 1 && (args[0] === '--help' || args[0] === '--version')) {
      await loadGnuTexts(ctx);
      const texts = gnuTextsOf(ctx);
      if (texts) {
        ctx.stdout.write(args[0] === '--help' ? helpText(texts, name) : versionText(texts, name));
        return 0;
      }
    }
    if (args[args.length - 1] !== ']') {
      ctx.stderr.write(`${name}: missing ']'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTestArgs(args, testEnv(ctx)) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    ctx.stderr.write(`${name}: ${coreutilsMessage(e.message)}\n`);
    return 2;
  }
};
