/**
 * The busybox image's applets: our GNU-flavoured programs behind what busybox's own entry and
 * libbb add around every applet.
 * - `APPLET --help` prints the usage on stderr and exits 0 (show_usage_if_dash_dash_help,
 *   libbb/appletlib.c:921-950), except test, [, true, false and echo, which take it as an operand.
 * - an option the applet does not have: the C library's getopt complains, then getopt32 calls
 *   bb_show_usage (libbb/getopt32.c:592-594) and the applet exits 1 (2 for sort and grep, which set
 *   xfunc_error_retval). Which options each applet takes was observed on a build of 1_36_1
 *   (scripts/busybox/extract-usage.sh, usage.json). The busybox image is the
 *   uClibc variant (docker-library/busybox generate-stackbrew-library.sh: "prefer uclibc" for
 *   latest and the bare version tags); alpine's busybox is linked with musl. Each libc words the
 *   complaint its own way (GETOPT_WORDS).
 * - failures in libbb's words (errors.ts).
 */
import type { OutputStream, Program } from '../../../shell/command';
import { rewriteErrorLine } from './errors';
import { appletUsage, showUsage, usageText } from './usage';
import { signalNumber } from './signals';

/** Applets for which "--help" is an operand (show_usage_if_dash_dash_help skips them). */
const HELP_IS_OPERAND = new Set(['test', '[', '[[', 'true', 'false', 'echo']);


export type Libc = 'uclibc' | 'musl';

/** GNU getopt's complaints (as our programs print them), and each libc's words for them. */
const GETOPT_WORDS: Record<Libc, [RegExp, string][]> = {
  // uClibc libc/unistd/getopt.c: "%s: unrecognized option `--%s'\n", "%s: illegal option -- %c\n",
  // "%s: option requires an argument -- %c\n".
  uclibc: [
    [/^(\S+): unrecognized option '--(.*)'$/, "$1: unrecognized option `--$2'"],
    [/^(\S+): invalid option -- '(.)'$/, '$1: illegal option -- $2'],
    [/^(\S+): option requires an argument -- '(.)'$/, '$1: option requires an argument -- $2'],
  ],
  // musl src/misc/getopt.c and getopt_long.c: __getopt_msg(argv[0], ": unrecognized option: ", …)
  // with the long option's name without its dashes, ": option requires an argument: ".
  musl: [
    [/^(\S+): unrecognized option '--(.*)'$/, '$1: unrecognized option: $2'],
    [/^(\S+): invalid option -- '(.)'$/, '$1: unrecognized option: $2'],
    [/^(\S+): option requires an argument -- '(.)'$/, '$1: option requires an argument: $2'],
  ],
};

/** An option the applet has not, as getopt meets it: `long` for `--name`, else the letter. */
interface Refused {
  long?: string;
  letter?: string;
}

/**
 * The first option the applet has not, as getopt meets it: up to `--`, and past the first operand
 * only when getopt permutes. A prefix of a long option it has is that option (getopt_long's
 * abbreviations); in a cluster of letters, one that takes an argument takes the rest.
 */
function refusedOption(applet: string, args: readonly string[]): Refused | undefined {
  const usage = appletUsage(applet);
  if (!usage || usage.optionErrorStatus === null) return undefined;
  for (let i = leadingSignal(applet, args) ? 1 : 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    if (!a.startsWith('-') || a === '-') {
      if (!usage.permutes) return undefined;
      continue;
    }
    if (a.startsWith('--')) {
      const name = a.split('=')[0];
      // --help is the usage only as the first argument (show_usage_if_dash_dash_help); getopt has no such option.
      if (name === '--help' || !usage.longOptions.some((o) => o.startsWith(name))) return { long: name };
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (usage.argOptions.includes(c)) {
        if (j === a.length - 1) i++;
        break;
      }
      if (!usage.shortOptions.includes(c)) return { letter: c };
    }
  }
  return undefined;
}

/** What the libc's getopt says of an option the applet has not. */
function refusal(libc: Libc, applet: string, refused: Refused): string {
  const gnu = refused.long ? `${applet}: unrecognized option '${refused.long}'` : `${applet}: invalid option -- '${refused.letter}'`;
  for (const [pattern, words] of GETOPT_WORDS[libc]) if (pattern.test(gnu)) return gnu.replace(pattern, words);
  return gnu;
}

/** Applets that read options with the libc's plain getopt (util-linux/hexdump.c): `--name` is the option '-', refused. */
const PLAIN_GETOPT = new Set(['hexdump']);

/** xfunc_error_retval of applets without getopt, set before they check their operands (nohup: 127, coreutils/nohup.c). */
const USAGE_STATUS: Record<string, number> = { nohup: 127 };

/** xfunc_die's status after the usage: 1 unless the applet set xfunc_error_retval (sort, grep: 2). */
function optionErrorStatus(applet: string): number {
  return appletUsage(applet)?.optionErrorStatus ?? USAGE_STATUS[applet] ?? 1;
}

/** pkill takes a -SIGNAL first, before getopt sees its options (procps/pgrep.c). */
function leadingSignal(applet: string, args: readonly string[]): boolean {
  return applet === 'pkill' && !!args[0]?.startsWith('-') && signalNumber(args[0].slice(1)) !== -1;
}

/** Wrap one applet (its `--help` aside: usageOnHelp). */
export function busyboxApplet(applet: string, program: Program, libc: Libc): Program {
  return async (p) => {
    const args = p.argv.slice(1);
    const refused = refusedOption(applet, args);
    if (refused) {
      p.stderr.write(`${refusal(libc, applet, refused)}\n`);
      showUsage(applet, p.stderr);
      return optionErrorStatus(applet);
    }
    let status: number | undefined;
    // After a line busybox dies on, it prints nothing more (the usage neither).
    let dead = false;
    const reword = (line: string): string => {
      if (dead) return '';
      // coreutils' hint, or diffutils' with the program's name before it (cmp).
      if (/^(?:\S+: )?Try '.* --help' for more information\.$/.test(line)) {
        status = optionErrorStatus(applet);
        return usageText(applet);
      }
      if (PLAIN_GETOPT.has(applet)) line = line.replace(/^(\S+): unrecognized option '--.*'$/, "$1: invalid option -- '-'");
      for (const [gnu, words] of GETOPT_WORDS[libc]) if (gnu.test(line)) return `${line.replace(gnu, words)}\n`;
      const { line: words, rule } = rewriteErrorLine(applet, line, args);
      if (rule?.dies) {
        dead = true;
        status = rule.status ?? 1;
      } else if (rule?.status !== undefined) status = rule.status;
      return rule && words === '' ? '' : `${words}\n`;
    };
    const stderr: OutputStream = {
      write: (chunk: string) => {
        const end = chunk.lastIndexOf('\n');
        const lines = end < 0 ? [] : chunk.slice(0, end).split('\n');
        // A line left open is a prompt (rm -i): it goes out now, as it is.
        const open = dead ? '' : chunk.slice(end + 1);
        p.stderr.write(lines.map(reword).join('') + open);
      },
    };
    // busybox names itself by the applet, whatever path ran it (applet_name is argv[0]'s basename).
    const code = await program({ ...p, argv: [applet, ...args], stderr });
    return status ?? code;
  };
}

/** show_usage_if_dash_dash_help: `APPLET --help` asks for the usage, but of the applets that take it as an operand. */
export function asksForUsage(applet: string, argv: readonly string[]): boolean {
  return argv[1] === '--help' && !HELP_IS_OPERAND.has(applet);
}

/** `APPLET --help` is the usage (exit 0); anything else is the program's. */
function usageOnHelp(applet: string, program: Program): Program {
  return async (p) => {
    if (!asksForUsage(applet, p.argv)) return program(p);
    showUsage(applet, p.stderr);
    return 0;
  };
}

/** Wrap every applet of the table that busybox has a usage text for. */
export function wrapBusyboxApplets(table: Record<string, Program>, libc: Libc): void {
  for (const name of Object.keys(table)) {
    if (!appletUsage(name)) continue;
    table[name] = usageOnHelp(name, busyboxApplet(name, table[name], libc));
  }
}
